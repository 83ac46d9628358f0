// Facet kernels: follower pressure, dead traction, foundation mass matrix.
#include "fem/surface_kernels.hpp"

#include "fem/shape_functions.hpp"

namespace sinew::fem {

namespace {

Mat3 skew(const Vec3& v) {
  Mat3 s;
  s << 0, -v.z(), v.y(), v.z(), 0, -v.x(), -v.y(), v.x(), 0;
  return s;
}

/// Calls f(N, dN, weight) at each point of the facet's rule.
template <class F>
void for_each_point(int n, F&& f) {
  if (n == 4) {
    for (const auto& q : quad4_rule()) f(q.N.data(), q.dN.data(), q.weight);
  } else {
    for (const auto& q : tri3_rule()) f(q.N.data(), q.dN.data(), q.weight);
  }
}

}  // namespace

void follower_pressure(const MatX& x, Real p, VecX& r, MatX* K) {
  const int n = static_cast<int>(x.cols());
  r.setZero(3 * n);
  if (K) K->setZero(3 * n, 3 * n);
  for_each_point(n, [&](const Real* N, const std::array<Real, 2>* dN, Real w) {
    Vec3 xs = Vec3::Zero(), xt = Vec3::Zero();
    for (int a = 0; a < n; ++a) {
      xs += dN[a][0] * x.col(a);
      xt += dN[a][1] * x.col(a);
    }
    const Vec3 na = xs.cross(xt);  // n da / (dxi deta)
    for (int a = 0; a < n; ++a) r.segment<3>(3 * a) += (w * p * N[a]) * na;
    if (!K) return;
    const Mat3 Ss = skew(xs), St = skew(xt);
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b)
        K->block<3, 3>(3 * a, 3 * b) += (w * p * N[a]) * (dN[b][1] * Ss - dN[b][0] * St);
  });
}

void dead_traction(const MatX& X, const Vec3& t, VecX& r) {
  const int n = static_cast<int>(X.cols());
  r.setZero(3 * n);
  for_each_point(n, [&](const Real* N, const std::array<Real, 2>* dN, Real w) {
    Vec3 xs = Vec3::Zero(), xt = Vec3::Zero();
    for (int a = 0; a < n; ++a) {
      xs += dN[a][0] * X.col(a);
      xt += dN[a][1] * X.col(a);
    }
    const Real dA = xs.cross(xt).norm() * w;
    for (int a = 0; a < n; ++a) r.segment<3>(3 * a) -= (N[a] * dA) * t;
  });
}

MatX facet_mass(const MatX& X) {
  const int n = static_cast<int>(X.cols());
  MatX M = MatX::Zero(n, n);
  for_each_point(n, [&](const Real* N, const std::array<Real, 2>* dN, Real w) {
    Vec3 xs = Vec3::Zero(), xt = Vec3::Zero();
    for (int a = 0; a < n; ++a) {
      xs += dN[a][0] * X.col(a);
      xt += dN[a][1] * X.col(a);
    }
    const Real dA = xs.cross(xt).norm() * w;
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b) M(a, b) += N[a] * N[b] * dA;
  });
  return M;
}

}  // namespace sinew::fem
