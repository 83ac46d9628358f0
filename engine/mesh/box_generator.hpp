// Structured box mesh generator (hex8, or tet4 with six tetrahedra per hexahedron).
#pragma once

#include "mesh/mesh.hpp"

namespace sinew::mesh {

struct BoxSpec {
  Vec3 origin{0, 0, 0};
  Vec3 size{1, 1, 1};  ///< edge lengths (mm)
  std::array<int, 3> divisions{1, 1, 1};
  CellType cell = CellType::Hex8;
};

/// Box with node/facet sets "x0","x1","y0","y1","z0","z1" (the six faces), node set "all",
/// element set "all". Node (i,j,k) has id i + (nx+1)(j + (ny+1)k).
Mesh make_box(const BoxSpec& spec);

}  // namespace sinew::mesh
