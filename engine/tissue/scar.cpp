// Scar fraction fields and the blending of tissue parameters by scar fraction.
#include "tissue/scar.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <Eigen/Geometry>

namespace sinew::tissue {

Real smoothstep(Real x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

namespace {

// Offset parameter t >= 0 of the ellipsoid with semi-axes a + t w through local point y
// (sum (y_i / (a_i + t w))^2 = 1, decreasing in t): bisection, t in [0, 1] is all that matters.
Real ellipsoid_offset(const Vec3& y, const Vec3& a, Real w) {
  auto f = [&](Real t) { return (y.array() / (a.array() + t * w)).square().sum() - 1.0; };
  if (f(0.0) <= 0.0) return 0.0;
  if (f(1.0) >= 0.0) return 1.0;
  Real lo = 0.0, hi = 1.0;
  for (int i = 0; i < 60; ++i) {
    const Real mid = 0.5 * (lo + hi);
    (f(mid) > 0.0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

Real scar_fraction(const ScarShape& shape, const Vec3& X, Index cell) {
  switch (shape.kind) {
    case ScarShapeKind::ElementSet:
      return std::binary_search(shape.cells.begin(), shape.cells.end(), cell) ? 1.0 : 0.0;
    case ScarShapeKind::Ellipsoid: {
      const Vec3 y = shape.axes.transpose() * (X - shape.centre);
      if (shape.falloff <= 0.0)
        return (y.array() / shape.semi_axes.array()).square().sum() <= 1.0 ? 1.0 : 0.0;
      return 1.0 - smoothstep(ellipsoid_offset(y, shape.semi_axes, shape.falloff));
    }
    case ScarShapeKind::Box: {
      const Vec3 y = (shape.axes.transpose() * (X - shape.centre)).cwiseAbs();
      const Real outside = (y - shape.semi_axes).maxCoeff();  // > 0 outside the core box
      if (outside <= 0.0) return 1.0;
      if (shape.falloff <= 0.0) return 0.0;
      return 1.0 - smoothstep(outside / shape.falloff);
    }
  }
  return 0.0;
}

ScarSample sample_scar(const std::vector<ScarRegion>& regions, const Vec3& X, Index cell) {
  ScarSample best;
  for (size_t r = 0; r < regions.size(); ++r) {
    const Real s = scar_fraction(regions[r].shape, X, cell);
    if (s > best.s) best = {static_cast<int>(r), s};
  }
  return best;
}

void blend_scar(const ScarRegion& region, Real s, const BlendTarget& point) {
  const auto& q = region.properties;
  *point.fibre_scale *= 1.0 + s * (q.fibre_stiffness_ratio - 1.0);
  *point.matrix_scale *= 1.0 + s * (q.matrix_stiffness_ratio - 1.0);
  *point.dispersion =
      std::clamp(*point.dispersion + s * (q.dispersion - *point.dispersion), 0.0, 1.0 / 3.0);
  if (q.misalignment_deg != 0.0 && s > 0.0) {
    const Vec3 a = point.fibre->normalized();
    Vec3 axis = a.cross(region.shape.axes.col(1));
    if (axis.norm() < 1e-8) axis = a.cross(region.shape.axes.col(2));
    const Real angle = s * q.misalignment_deg * std::numbers::pi / 180.0;
    *point.fibre = Eigen::AngleAxis<Real>(angle, axis.normalized()) * a;
  }
}

Real blended_adhesion_density(const std::vector<ScarRegion>& regions, Real healthy_density,
                              const Vec3& X, Index cell) {
  const ScarSample hit = sample_scar(regions, X, cell);
  if (hit.region < 0) return healthy_density;
  const Real target = regions[hit.region].properties.adhesion_density;
  return std::clamp(healthy_density + hit.s * (target - healthy_density), 0.0, 1.0);
}

}  // namespace sinew::tissue
