// The bilinear quad facet x(xi) = sum_a N_a(xi) x_a of a master surface (nodes counter-clockwise
// about the outward normal, as mesh::Mesh::facet_nodes orders them) and the closest-point
// projection of a spatial point onto it. The geometry is written over the scalar type so the
// contact law can run it on automatic-differentiation scalars.
#pragma once

#include <array>

#include "core/types.hpp"

namespace sinew::contact {

using Vec2 = Eigen::Matrix<Real, 2, 1>;

/// Corner coordinates of the bilinear shape functions N_a = (1 + xi_a xi)(1 + eta_a eta) / 4.
inline constexpr std::array<std::array<int, 2>, 4> kCorners{{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}};

/// x(xi), a_1 = dx/dxi, a_2 = dx/deta and the mixed derivative d2x/dxi deta (the only second
/// derivative of a bilinear patch) at xi, from the corner positions x_a.
template <class S>
struct PatchPoint {
  Eigen::Matrix<S, 3, 1> x, a1, a2, a12;
};

template <class S, class Corners, class XiScalar>
PatchPoint<S> patch_point(const Corners& xa, const Eigen::Matrix<XiScalar, 2, 1>& xi) {
  PatchPoint<S> p;
  p.x.setZero();
  p.a1.setZero();
  p.a2.setZero();
  p.a12.setZero();
  for (size_t a = 0; a < 4; ++a) {
    const Real sa = kCorners[a][0], ta = kCorners[a][1];
    const XiScalar u = 1.0 + sa * xi[0], v = 1.0 + ta * xi[1];
    for (int i = 0; i < 3; ++i) {
      p.x[i] += (0.25 * u * v) * xa[a][i];
      p.a1[i] += (0.25 * sa * v) * xa[a][i];
      p.a2[i] += (0.25 * u * ta) * xa[a][i];
      p.a12[i] += (0.25 * sa * ta) * xa[a][i];
    }
  }
  return p;
}

/// Shape function values N_a(xi).
std::array<Real, 4> patch_shape(const Vec2& xi);

/// Result of the closest-point projection of x onto one facet.
struct PatchProjection {
  Vec2 xi = Vec2::Zero();      ///< convected coordinates, not clamped to [-1, 1]^2
  Vec3 point = Vec3::Zero();   ///< x(xi)
  Vec3 normal = Vec3::Zero();  ///< unit a_1 x a_2 (outward)
  Real gap = 0.0;              ///< (x - x(xi)).n
  bool converged = false;
  /// True when xi lies in [-1 - tol, 1 + tol]^2.
  bool inside(Real tol = 1e-9) const;
};

/// Newton iteration on the stationarity of |x - x(xi)|^2 / 2 from `start`:
///   r_alpha = a_alpha.(x - x(xi)) = 0,  J = [a_alpha.a_beta - (x - x(xi)).x_,alpha beta]
/// (Wriggers 2006, Computational Contact Mechanics, 2nd ed., sec. 4.3).
PatchProjection project_on_patch(const std::array<Vec3, 4>& xa, const Vec3& x,
                                 const Vec2& start = Vec2::Zero());

}  // namespace sinew::contact
