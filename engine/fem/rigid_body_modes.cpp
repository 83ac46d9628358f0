// Rigid-body modes from node coordinates (translations, and rotations about the centroid).
#include "fem/rigid_body_modes.hpp"

namespace sinew::fem {

MatX rigid_body_modes(const std::vector<Vec3>& points) {
  const auto n = static_cast<Index>(points.size());
  MatX modes = MatX::Zero(3 * n, 6);
  Vec3 centroid = Vec3::Zero();
  for (const Vec3& p : points) centroid += p;
  if (n > 0) centroid /= static_cast<Real>(n);
  for (Index i = 0; i < n; ++i) {
    const Vec3 x = points[static_cast<std::size_t>(i)] - centroid;
    for (int k = 0; k < 3; ++k) {
      modes(3 * i + k, k) = 1.0;
      // e_k x x: the velocity of point x in a unit rotation about axis k.
      const Vec3 v = Vec3::Unit(k).cross(x);
      modes.block<3, 1>(3 * i, 3 + k) = v;
    }
  }
  return modes;
}

}  // namespace sinew::fem
