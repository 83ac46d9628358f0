// The rigid-body motions of a set of nodes as vectors over the node-major dofs: the null space of
// an unconstrained elastic stiffness, which algebraic multigrid is handed as its near-null space.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::fem {

/// 3 n x 6 matrix for n nodes (dof = 3 node + component): columns 0-2 translate along x, y, z;
/// columns 3-5 rotate infinitesimally about the x, y, z axes through the nodes' centroid,
/// u = e_k x (X - c). Centring keeps the rotations nearly orthogonal to the translations.
MatX rigid_body_modes(const std::vector<Vec3>& points);

}  // namespace sinew::fem
