// Hex8 Jacobian checks shared by the generator tests: det J at Gauss points and corners.
#pragma once

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <limits>

#include "mesh/mesh.hpp"

namespace sinew::mesh::test {

/// det(dx/dxi) of hex `c` at reference point (xi, eta, zeta) (VTK node order).
inline Real hex_jacobian(const Mesh& m, Index c, Real xi, Real eta, Real zeta) {
  static constexpr Real s[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                   {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
  const auto n = m.cell_nodes(c);
  Mat3 J = Mat3::Zero();
  for (int a = 0; a < 8; ++a) {
    const Vec3 dN{0.125 * s[a][0] * (1 + s[a][1] * eta) * (1 + s[a][2] * zeta),
                  0.125 * s[a][1] * (1 + s[a][0] * xi) * (1 + s[a][2] * zeta),
                  0.125 * s[a][2] * (1 + s[a][0] * xi) * (1 + s[a][1] * eta)};
    J += m.points[size_t(n[size_t(a)])] * dN.transpose();
  }
  return J.determinant();
}

/// Smallest det J over the 8 Gauss points (+-1/sqrt 3) and the 8 corners of hex `c`, divided
/// by the largest: > 0 for a valid cell, 1 for a parallelepiped.
inline Real hex_jacobian_ratio(const Mesh& m, Index c) {
  Real lo = std::numeric_limits<Real>::max(), hi = std::numeric_limits<Real>::lowest();
  for (Real r : {1.0 / std::sqrt(3.0), 1.0})
    for (int q = 0; q < 8; ++q) {
      const Real d = hex_jacobian(m, c, (q & 1 ? r : -r), (q & 2 ? r : -r), (q & 4 ? r : -r));
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  return lo > 0 ? lo / hi : lo;  // a non-positive value for an invalid cell
}

/// Smallest hex_jacobian_ratio over all cells.
inline Real min_jacobian_ratio(const Mesh& m) {
  Real r = std::numeric_limits<Real>::max();
  for (Index c = 0; c < m.n_cells(); ++c) r = std::min(r, hex_jacobian_ratio(m, c));
  return r;
}

}  // namespace sinew::mesh::test
