// Closest-point projection onto a bilinear facet by Newton's method. The patch is smooth, so
// from the facet centre the iteration converges in a few steps for points within a facet size;
// the iterate is not clamped, so a point beyond an edge gives xi outside [-1, 1]^2 and the
// caller hands it over to the neighbouring facet.
#include "contact/bilinear_patch.hpp"

#include <cmath>

namespace sinew::contact {

std::array<Real, 4> patch_shape(const Vec2& xi) {
  std::array<Real, 4> N{};
  for (size_t a = 0; a < 4; ++a)
    N[a] = 0.25 * (1.0 + kCorners[a][0] * xi[0]) * (1.0 + kCorners[a][1] * xi[1]);
  return N;
}

bool PatchProjection::inside(Real tol) const {
  return std::abs(xi[0]) <= 1.0 + tol && std::abs(xi[1]) <= 1.0 + tol;
}

PatchProjection project_on_patch(const std::array<Vec3, 4>& xa, const Vec3& x, const Vec2& start) {
  PatchProjection r;
  r.xi = start;
  const Real size = (xa[2] - xa[0]).norm() + (xa[3] - xa[1]).norm();
  for (int it = 0; it < 30; ++it) {
    const auto p = patch_point<Real>(xa, r.xi);
    const Vec3 d = x - p.x;
    const Vec2 res(p.a1.dot(d), p.a2.dot(d));
    Eigen::Matrix<Real, 2, 2> J;
    J << p.a1.dot(p.a1), p.a1.dot(p.a2) - d.dot(p.a12), p.a1.dot(p.a2) - d.dot(p.a12),
        p.a2.dot(p.a2);
    const Vec2 step = J.fullPivLu().solve(res);
    r.xi += step;
    // Far outside the facet the bilinear extension folds; stop (the caller rejects the facet).
    if (r.xi.cwiseAbs().maxCoeff() > 10.0) break;
    if (step.norm() < 1e-14 * (1.0 + r.xi.norm()) || res.norm() < 1e-15 * size * size) {
      r.converged = true;
      break;
    }
  }
  const auto p = patch_point<Real>(xa, r.xi);
  r.point = p.x;
  r.normal = p.a1.cross(p.a2).normalized();
  r.gap = (x - p.x).dot(r.normal);
  return r;
}

}  // namespace sinew::contact
