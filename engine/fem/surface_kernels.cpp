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

// Calls f(N, dN, weight) at each given point.
template <class F>
void for_each_given(const std::vector<FacetPoint>& points, F&& f) {
  for (const auto& q : points) f(q.N.data(), q.dN.data(), q.weight);
}

template <class Points>
void follower_pressure_over(const MatX& x, Real p, Points&& for_points, VecX& r, MatX* K) {
  const int n = static_cast<int>(x.cols());
  r.setZero(3 * n);
  if (K) K->setZero(3 * n, 3 * n);
  for_points([&](const Real* N, const std::array<Real, 2>* dN, Real w) {
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

template <class Points>
void dead_traction_over(const MatX& X, const Vec3& t, Points&& for_points, VecX& r) {
  const int n = static_cast<int>(X.cols());
  r.setZero(3 * n);
  for_points([&](const Real* N, const std::array<Real, 2>* dN, Real w) {
    Vec3 xs = Vec3::Zero(), xt = Vec3::Zero();
    for (int a = 0; a < n; ++a) {
      xs += dN[a][0] * X.col(a);
      xt += dN[a][1] * X.col(a);
    }
    const Real dA = xs.cross(xt).norm() * w;
    for (int a = 0; a < n; ++a) r.segment<3>(3 * a) -= (N[a] * dA) * t;
  });
}

}  // namespace

void follower_pressure(const MatX& x, Real p, VecX& r, MatX* K) {
  follower_pressure_over(
      x, p, [&](auto&& f) { for_each_point(static_cast<int>(x.cols()), f); }, r, K);
}

void follower_pressure(const MatX& x, Real p, const std::vector<FacetPoint>& points, VecX& r,
                       MatX* K) {
  follower_pressure_over(
      x, p, [&](auto&& f) { for_each_given(points, f); }, r, K);
}

void dead_traction(const MatX& X, const Vec3& t, VecX& r) {
  dead_traction_over(
      X, t, [&](auto&& f) { for_each_point(static_cast<int>(X.cols()), f); }, r);
}

void dead_traction(const MatX& X, const Vec3& t, const std::vector<FacetPoint>& points, VecX& r) {
  dead_traction_over(
      X, t, [&](auto&& f) { for_each_given(points, f); }, r);
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
