// Generator of a fascia band on a soft underlay (plantar fascia near the calcaneus on the fat
// pad): two separate hex8 boxes meeting at duplicated nodes on z = 0.
#pragma once

#include "mesh/mesh.hpp"

namespace sinew::mesh {

/// Defaults: plantar fascia near its calcaneal origin, ~15 mm wide, 2 mm thick (mm).
struct FasciaBandSpec {
  Real length = 40;               ///< along x, 0..length
  Real width = 15;                ///< along y, -width/2..width/2
  Real thickness = 2.0;           ///< fascia: z in [0, thickness]
  Real underlay_thickness = 4.0;  ///< underlay: z in [-underlay_thickness, 0]
  int length_divisions = 20;
  int width_divisions = 6;
  int thickness_divisions = 2;
  int underlay_divisions = 2;
};

/// Structured hex8 mesh of fascia and underlay (VTK node order, cells are boxes).
/// Bodies: fascia cells and nodes first, then the underlay's; within each body node (i, j, k)
/// has id body_offset + i + (nx+1)(j + (ny+1) k), k counting up in z (as make_box). The
/// underlay's top nodes (z = 0) are duplicates of the fascia's bottom nodes (equal coordinates,
/// different ids): the bodies are joined only by interface elements (see facet_pairing.hpp).
/// Blocks: block_names {"fascia", "underlay"}, cell_block 0/1.
/// Sets (node sets of the facet sets have the same names and hold the facets' nodes):
///  - element sets + node sets "fascia", "underlay", "all";
///  - facet + node sets "fascia_distal" (x = 0), "fascia_proximal" (x = length), "fascia_top"
///    (z = thickness), "underlay_distal", "underlay_proximal", "underlay_bottom"
///    (z = -underlay_thickness), "interface_fascia" (fascia faces on z = 0, normal -z),
///    "interface_underlay" (underlay faces on z = 0, normal +z).
/// Throws std::invalid_argument for a bad spec.
Mesh generate_fascia_band(const FasciaBandSpec& spec);

}  // namespace sinew::mesh
