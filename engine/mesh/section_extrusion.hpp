// Extrusion of a quadrilateral cross-section (in the y-z plane) along x into hex8 cells: the
// common step of the tendon and sheath bodies, whose sections are built separately.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

struct Section {
  std::vector<std::array<Real, 2>> points;  ///< (y, z) in mm
  /// Point ids of each quad, counter-clockwise seen from +x (so the hexes have det J > 0).
  std::vector<std::array<Index, 4>> quads;
  /// Named boundary edges: {quad, local edge}, edge e joining quad corners e and (e+1)%4.
  std::map<std::string, std::vector<std::pair<Index, int>>> edges;
};

/// Hex8 mesh of `section` swept from x = 0 to x = length in `divisions` equal layers.
/// Node of section point p on plane l (x = length*l/divisions): l*n_points + p. Cell of quad q
/// in layer l: l*n_quads + q; its VTK nodes are the quad's corners on plane l, then on plane
/// l+1, so xi/eta run along the quad and zeta along +x: face 0 looks to -x, face 1 to +x, and
/// quad edge e becomes hex face {2, 3, 4, 5}[e].
/// Facet sets: "distal" (x = 0), "proximal" (x = length) and one per named edge set, swept
/// along all layers; each sorted by cell. No node or element sets.
Mesh extrude_section(const Section& section, Real length, int divisions);

}  // namespace sinew::mesh
