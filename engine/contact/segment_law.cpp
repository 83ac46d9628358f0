// Node-to-segment law on automatic-differentiation scalars. The derivatives of the closest
// point are those of the implicit function r(xi, x) = 0: one Newton step taken on AD scalars
// from the converged xi0 (held constant) gives xi = xi0 - J^-1 r with dxi/dx = -J^-1 dr/dx
// exactly, since r(xi0) = 0. The covariant terms of the linearisation (Wriggers 2006, sec.
// 4.3, the variation of the normal and of xi on a curved master) then come out of the chain
// rule instead of being written by hand; at most 27 derivative directions (9 nodes).
#include "contact/segment_law.hpp"

#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/AutoDiff>

namespace sinew::contact {

namespace {

using Deriv = Eigen::Matrix<Real, Eigen::Dynamic, 1, 0, 27, 1>;
using AD = Eigen::AutoDiffScalar<Deriv>;
using V3 = Eigen::Matrix<AD, 3, 1>;

AD dot(const V3& a, const V3& b) { return a(0) * b(0) + a(1) * b(1) + a(2) * b(2); }

V3 cross(const V3& a, const V3& b) {
  return V3(a(1) * b(2) - a(2) * b(1), a(2) * b(0) - a(0) * b(2), a(0) * b(1) - a(1) * b(0));
}

V3 seed(const Vec3& x, int first, int n) {
  return V3(AD(x[0], n, first), AD(x[1], n, first + 1), AD(x[2], n, first + 2));
}

Vec3 value(const V3& v) { return Vec3(v(0).value(), v(1).value(), v(2).value()); }

// The closest point with derivatives: one Newton step from the converged xi0. On an edge (one
// coordinate clamped) the step is taken in the free coordinate only (x_,alpha alpha = 0 on a
// bilinear patch, so J = a_alpha.a_alpha); at a corner the point is the corner node.
Eigen::Matrix<AD, 2, 1> closest_point(const std::array<V3, 4>& xc, const V3& xs, const Vec2& xi0,
                                      const std::array<bool, 2>& clamped) {
  const auto p = patch_point<AD>(xc, xi0);
  const V3 d = xs - p.x;
  const AD r1 = dot(p.a1, d), r2 = dot(p.a2, d);
  if (clamped[0] || clamped[1]) {
    // Constants with explicit zero derivatives (an empty derivative vector mixed with sized
    // ones is not safe in every AutoDiffScalar operation).
    const Deriv zero = Deriv::Zero(xs(0).derivatives().size());
    Eigen::Matrix<AD, 2, 1> xi;
    xi << AD(xi0[0], zero), AD(xi0[1], zero);
    if (!clamped[0]) xi[0] = xi0[0] + r1 / dot(p.a1, p.a1);
    if (!clamped[1]) xi[1] = xi0[1] + r2 / dot(p.a2, p.a2);
    return xi;
  }
  const AD j11 = dot(p.a1, p.a1), j22 = dot(p.a2, p.a2), j12 = dot(p.a1, p.a2) - dot(d, p.a12);
  const AD det = j11 * j22 - j12 * j12;
  return Eigen::Matrix<AD, 2, 1>(xi0[0] + (j22 * r1 - j12 * r2) / det,
                                 xi0[1] + (j11 * r2 - j12 * r1) / det);
}

// Friction traction tau (return mapping), AD.
// An elastic slip below round-off of the length scale h counts as stick: a stick point that
// coincides with the node up to round-off at zero pressure must keep the stick stiffness.
V3 friction(const V3& xs, const V3& z, const V3& n, const AD& pressure, const ContactParameters& p,
            Real h, bool& slipping) {
  const V3 w = xs - z;
  const V3 trial = -p.tangential_penalty * (w - n * dot(n, w));
  const AD limit = p.friction_coefficient * pressure;
  const AD size2 = dot(trial, trial);
  const Real round_off = 1e-12 * p.tangential_penalty * h;
  slipping = size2.value() > limit.value() * limit.value() && size2.value() > round_off * round_off;
  if (!slipping) return trial;
  using std::sqrt;
  return trial * (limit / sqrt(size2));
}

// The closest point on the edge a clamped coordinate selects: Newton in the free coordinate
// (the clamped projection of the unconstrained closest point is not it on a warped facet),
// kept within the facet unless the free coordinate runs past the master's rim (extended).
Vec2 edge_point(const std::array<Vec3, 4>& xc, const Vec3& xs, Vec2 xi,
                const std::array<bool, 2>& clamped, const std::array<bool, 2>& extended) {
  if (clamped[0] == clamped[1]) return xi;
  const int a = clamped[0] ? 1 : 0;
  for (int it = 0; it < 20; ++it) {
    const auto q = patch_point<Real>(xc, xi);
    const Vec3& t = a == 0 ? q.a1 : q.a2;
    const Real step = t.dot(xs - q.x) / t.squaredNorm();
    xi[a] += step;
    if (std::abs(step) < 1e-14) break;
  }
  if (!extended[static_cast<size_t>(a)]) xi[a] = std::clamp(xi[a], -1.0, 1.0);
  return xi;
}

}  // namespace

SegmentResponse evaluate_segment(const SegmentInput& in, const ContactParameters& p) {
  const int n_nodes = in.separate_stick ? 9 : 5, n = 3 * n_nodes;
  SegmentResponse r;
  r.force = VecX::Zero(n);
  r.df_dx = MatX::Zero(n, n);
  const V3 xs = seed(in.slave, 0, n);
  std::array<V3, 4> xc, xz;
  for (int a = 0; a < 4; ++a) {
    xc[a] = seed(in.facet[a], 3 + 3 * a, n);
    xz[a] = in.separate_stick ? seed(in.stick_facet[a], 15 + 3 * a, n) : xc[a];
  }
  const auto xi = closest_point(xc, xs,
                                edge_point(in.facet, in.slave, in.xi, in.clamped, in.extended),
                                in.clamped);
  const auto y = patch_point<AD>(xc, xi);
  const V3 normal_raw = cross(y.a1, y.a2);
  using std::sqrt;
  V3 nv = normal_raw / sqrt(dot(normal_raw, normal_raw));
  const Real h = (in.facet[2] - in.facet[0]).norm();
  if (in.clamped[0] || in.clamped[1]) {
    // Beyond the edge: n along the segment from the edge point to the slave, oriented to the
    // facet's side, so it turns continuously from one facet's normal to the next's across a
    // kink's wedge (a node at the edge itself keeps the facet normal).
    const V3 d = xs - y.x;
    const AD dist = sqrt(dot(d, d));
    if (dist.value() > 1e-9 * h) nv = d * (dot(d, nv).value() >= 0.0 ? 1.0 : -1.0) / dist;
  }
  const AD g = dot(xs - y.x, nv);
  r.gap = g.value();
  r.point = value(y.x);
  r.normal = value(nv);
  r.new_stick = r.point;
  // Touching within round-off (the projection of a node lying on the facet gives |g| ~ 1e-17
  // of either sign) counts as contact, so a predictor from a touching state is not singular.
  if (r.gap > 1e-12 * h) return r;
  r.in_contact = true;
  const AD pressure = -p.normal_penalty * g;
  r.pressure = pressure.value();
  V3 t = pressure * nv;
  if (p.friction_coefficient > 0.0) {
    const V3 z = patch_point<AD>(xz, in.stick_xi).x;
    const V3 tau = friction(xs, z, nv, pressure, p, h, r.slipping);
    r.traction = value(tau);
    r.new_stick = r.point + r.traction / p.tangential_penalty;
    t += tau;
  }
  std::array<AD, 4> N;
  for (int a = 0; a < 4; ++a)
    N[a] = 0.25 * (1.0 + kCorners[a][0] * xi[0]) * (1.0 + kCorners[a][1] * xi[1]);
  for (int i = 0; i < 3; ++i) {
    const AD fs = in.area * t(i);
    r.force[i] = fs.value();
    r.df_dx.row(i) = fs.derivatives().transpose();
    for (int a = 0; a < 4; ++a) {
      const AD fa = -N[a] * fs;
      r.force[3 + 3 * a + i] = fa.value();
      r.df_dx.row(3 + 3 * a + i) = fa.derivatives().transpose();
    }
  }
  return r;
}

}  // namespace sinew::contact
