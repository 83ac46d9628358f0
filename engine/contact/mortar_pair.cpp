// The mortar pair integral (mortar_pair.hpp), written once over the scalar type: on Real for
// the residual alone, on forward automatic-differentiation scalars (one direction per corner
// coordinate, at most 24) when the tangent is wanted.
#include "contact/mortar_pair.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <unsupported/Eigen/AutoDiff>

#include "contact/polygon_clip.hpp"

namespace sinew::contact {

namespace {

using Deriv = Eigen::Matrix<Real, Eigen::Dynamic, 1, 0, 24, 1>;
using AD = Eigen::AutoDiffScalar<Deriv>;
using R2 = Eigen::Matrix<Real, 2, 1>;
using R22 = Eigen::Matrix<Real, 2, 2>;

template <class S>
using V3 = Eigen::Matrix<S, 3, 1>;

template <class S>
S dot3(const V3<S>& a, const V3<S>& b) {
  return a(0) * b(0) + a(1) * b(1) + a(2) * b(2);
}

template <class S>
V3<S> cross3(const V3<S>& a, const V3<S>& b) {
  return V3<S>(a(1) * b(2) - a(2) * b(1), a(2) * b(0) - a(0) * b(2), a(0) * b(1) - a(1) * b(0));
}

template <class S>
V3<S> unit(const V3<S>& a) {
  using std::sqrt;
  return a / sqrt(dot3(a, a));
}

/// Shape functions and their derivatives at (x, y): linear triangle (n = 3) or bilinear quad.
template <class S>
struct Shape {
  std::array<S, 4> N, d1, d2;
};

template <class S>
Shape<S> shape(size_t n, const S& x, const S& y) {
  Shape<S> s;
  if (n == 3) {
    s.N = {1.0 - x - y, x, y, 0.0 * x};
    s.d1 = {S(-1.0), S(1.0), S(0.0), S(0.0)};
    s.d2 = {S(-1.0), S(0.0), S(1.0), S(0.0)};
    return s;
  }
  static constexpr std::array<std::array<Real, 2>, 4> c{{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}};
  for (size_t a = 0; a < 4; ++a) {
    s.N[a] = 0.25 * (1.0 + c[a][0] * x) * (1.0 + c[a][1] * y);
    s.d1[a] = 0.25 * c[a][0] * (1.0 + c[a][1] * y);
    s.d2[a] = 0.25 * c[a][1] * (1.0 + c[a][0] * x);
  }
  return s;
}

/// The parameters xi of the plane facet with corners c (2D) at q: Newton on Real values, then
/// one Newton step on S from the converged xi0, xi = xi0 - J^-1 (x(xi0) - q), whose derivative
/// is the implicit one, -J^-1 d(x(xi0) - q), since the residual vanishes at xi0.
template <class S>
Point2<S> inverse_map(const std::vector<Point2<S>>& c, const Point2<S>& q) {
  const size_t n = c.size();
  R2 xi = n == 3 ? R2(1.0 / 3.0, 1.0 / 3.0) : R2(0.0, 0.0);
  const R2 qv(scalar_value(q[0]), scalar_value(q[1]));
  for (int it = 0; it < 50; ++it) {
    const Shape<Real> s = shape<Real>(n, xi[0], xi[1]);
    R2 r = -qv;
    R22 J = R22::Zero();
    for (size_t a = 0; a < n; ++a) {
      const R2 ca(scalar_value(c[a][0]), scalar_value(c[a][1]));
      r += s.N[a] * ca;
      J.col(0) += s.d1[a] * ca;
      J.col(1) += s.d2[a] * ca;
    }
    const R2 dx = J.inverse() * r;
    xi -= dx;
    if (dx.norm() < 1e-15) break;
  }
  const Shape<Real> s = shape<Real>(n, xi[0], xi[1]);
  Point2<S> r = -q, j1 = s.d1[0] * c[0], j2 = s.d2[0] * c[0];
  for (size_t a = 0; a < n; ++a) r += s.N[a] * c[a];
  for (size_t a = 1; a < n; ++a) {
    j1 += s.d1[a] * c[a];
    j2 += s.d2[a] * c[a];
  }
  const S det = j1[0] * j2[1] - j2[0] * j1[1];
  return Point2<S>(xi[0] - (j2[1] * r[0] - j2[0] * r[1]) / det,
                   xi[1] - (j1[0] * r[1] - j1[1] * r[0]) / det);
}

/// The frame of the projection plane: centre, normal n_0 and in-plane axes t_1, t_2.
template <class S>
struct Plane {
  V3<S> c, n, t1, t2;
  Point2<S> project(const V3<S>& x) const {
    const V3<S> d = x - c;
    return Point2<S>(dot3(d, t1), dot3(d, t2));
  }
};

template <class S>
Plane<S> slave_plane(const std::vector<V3<S>>& xs) {
  Plane<S> p;
  const size_t n = xs.size();
  p.c = xs[0];
  for (size_t a = 1; a < n; ++a) p.c += xs[a];
  p.c /= static_cast<Real>(n);
  p.n = n == 3 ? unit(cross3<S>(xs[1] - xs[0], xs[2] - xs[0]))
               : unit(cross3<S>(xs[2] - xs[0], xs[3] - xs[1]));
  const V3<S> e = xs[1] - xs[0];
  p.t1 = unit<S>(e - p.n * dot3(p.n, e));
  p.t2 = cross3(p.n, p.t1);
  return p;
}

/// Accumulated forces (S), friction terms (S; empty when not wanted) and the Real
/// diagnostics of one pair.
template <class S>
struct Accumulator {
  std::vector<V3<S>> f;
  std::vector<S> terms;
  MortarPairResult* out = nullptr;
};

/// sum_a N_a x_a for Real corner positions x_a and shape values on S.
template <class S>
V3<S> interpolate(const std::array<S, 4>& N, const std::vector<Vec3>& x) {
  V3<S> out(N[0] * x[0][0], N[0] * x[0][1], N[0] * x[0][2]);
  for (size_t a = 1; a < x.size(); ++a)
    for (int i = 0; i < 3; ++i) out(i) += N[a] * x[a][i];
  return out;
}

/// The friction terms of mortar_pair.hpp at one Gauss point in contact.
template <class S>
void add_friction_terms(const Shape<S>& ns, const Shape<S>& nm, const V3<S>& x_s, const V3<S>& x_m,
                        const S& p, const V3<S>& n, const S& dA, const MortarPairInput& in,
                        Accumulator<S>& acc) {
  const MortarFrictionTerms& layout = acc.out->friction;
  const V3<S> slip = (x_s - interpolate(ns.N, in.slave_committed)) -
                     (x_m - interpolate(nm.N, in.master_committed));
  const int n_s = layout.slave, n_m = layout.master;
  for (int a = 0; a < n_s; ++a) {
    const S wa = ns.N[static_cast<size_t>(a)] * dA;
    if (a == 0) acc.out->friction.area += scalar_value(dA);
    S* t = acc.terms.data() + layout.nodal(a);
    t[0] += wa;
    t[1] += wa * p;
    for (int i = 0; i < 3; ++i) {
      t[2 + i] += wa * n(i);
      t[5 + i] += wa * slip(i);
    }
    S* c = acc.terms.data() + layout.coupling(a, 0);
    for (int b = 0; b < n_m; ++b) c[b] += wa * nm.N[static_cast<size_t>(b)];
  }
}

/// The Gauss point q with weight dA: gap, pressure and the forces on both facets.
template <class S>
void integrate_point(const std::vector<V3<S>>& xs, const std::vector<V3<S>>& xm,
                     const std::vector<Point2<S>>& ps, const std::vector<Point2<S>>& pm,
                     const Plane<S>& plane, const Point2<S>& q, const S& dA,
                     const MortarPairInput& in, Accumulator<S>& acc) {
  const Point2<S> xi_s = inverse_map(ps, q), xi_m = inverse_map(pm, q);
  const Shape<S> ns = shape<S>(xs.size(), xi_s[0], xi_s[1]);
  const Shape<S> nm = shape<S>(xm.size(), xi_m[0], xi_m[1]);
  V3<S> x_s = xs[0] * ns.N[0], x_m = xm[0] * nm.N[0];
  for (size_t a = 1; a < xs.size(); ++a) x_s += xs[a] * ns.N[a];
  for (size_t b = 1; b < xm.size(); ++b) x_m += xm[b] * nm.N[b];
  const S g = dot3<S>(x_m - x_s, plane.n);
  MortarPairResult& out = *acc.out;
  const Real w = scalar_value(dA);
  out.integrated_area += w;
  for (size_t a = 0; a < xs.size(); ++a) out.slave_weight[a] += scalar_value(ns.N[a]) * w;
  const Real gv = scalar_value(g);
  if (in.depth_limit > 0.0 && gv < -in.depth_limit) return;
  // The friction terms fade out over the band g in [0, b] above contact (weight
  // phi = (1 - g/b)^2 there, 1 in contact), so the nodal friction changes continuously as
  // points open and close.
  if (!acc.terms.empty() && gv > 0.0 && gv < in.friction_band) {
    const S fade = 1.0 - g / in.friction_band;
    add_friction_terms(ns, nm, x_s, x_m, S(0.0), plane.n, S(dA * fade * fade), in, acc);
  }
  // At g = 0 exactly the contact branch is taken (no force, penalty stiffness), so a Newton
  // predictor from a touching state is not singular (as in node-to-segment contact).
  if (gv > 0.0) return;
  const S p = -in.normal_penalty * g;
  out.contact_area += w;
  out.pressures.push_back(scalar_value(p));
  const V3<S> t = plane.n * (p * dA);
  for (size_t a = 0; a < xs.size(); ++a) acc.f[a] -= t * ns.N[a];
  for (size_t b = 0; b < xm.size(); ++b) acc.f[xs.size() + b] += t * nm.N[b];
  if (!acc.terms.empty()) add_friction_terms(ns, nm, x_s, x_m, p, plane.n, dA, in, acc);
}

/// The pair integral on scalar S; returns the forces (empty when the facets do not overlap).
template <class S>
std::vector<V3<S>> integrate(const std::vector<V3<S>>& xs, const std::vector<V3<S>>& xm,
                             const std::vector<TrianglePoint>& rule, const MortarPairInput& in,
                             MortarPairResult& out) {
  const Plane<S> plane = slave_plane(xs);
  out.normal = Vec3(scalar_value(plane.n[0]), scalar_value(plane.n[1]), scalar_value(plane.n[2]));
  std::vector<Point2<S>> ps, pm;
  for (const auto& x : xs) ps.push_back(plane.project(x));
  for (const auto& x : xm) pm.push_back(plane.project(x));
  // A master facet facing the slave runs clockwise in the slave's frame; one that does not
  // face it (its back, or edge-on) is no contact partner.
  if (scalar_value(polygon_area(pm)) >= 0.0) return {};
  const std::vector<Point2<S>> clip(pm.rbegin(), pm.rend());
  const std::vector<Point2<S>> poly = clip_polygon(ps, clip);
  if (poly.empty()) return {};
  out.overlap = true;
  out.overlap_area = scalar_value(polygon_area(poly));
  out.slave_weight.assign(xs.size(), 0.0);
  Accumulator<S> acc;
  acc.out = &out;
  acc.f.assign(xs.size() + xm.size(), xs[0] * 0.0);
  if (out.friction.slave > 0) acc.terms.assign(static_cast<size_t>(out.friction.size()), S(0.0));
  for (size_t i = 1; i + 1 < poly.size(); ++i) {
    const S area = 0.5 * cross2(poly[0], poly[i], poly[i + 1]);
    if (scalar_value(area) <= 0.0) continue;  // a degenerate sliver of coincident vertices
    for (const TrianglePoint& gp : rule) {
      const Point2<S> q = poly[0] + (poly[i] - poly[0]) * gp.r + (poly[i + 1] - poly[0]) * gp.s;
      integrate_point(xs, xm, ps, pm, plane, q, S(area * gp.weight), in, acc);
    }
  }
  if (!acc.terms.empty()) {
    out.friction.value.resize(out.friction.size());
    for (Index i = 0; i < out.friction.size(); ++i)
      out.friction.value[i] = scalar_value(acc.terms[static_cast<size_t>(i)]);
    if constexpr (!std::is_same_v<S, Real>) {
      const Index nd = 3 * static_cast<Index>(xs.size() + xm.size());
      out.friction.d_dx = MatX::Zero(out.friction.size(), nd);
      for (Index i = 0; i < out.friction.size(); ++i) {
        const auto& d = acc.terms[static_cast<size_t>(i)].derivatives();
        if (d.size() == nd) out.friction.d_dx.row(i) = d;
      }
    }
  }
  return acc.f;
}

std::vector<V3<AD>> seeded(const std::vector<Vec3>& x, int first, int n) {
  std::vector<V3<AD>> out;
  for (size_t a = 0; a < x.size(); ++a) {
    const int k = first + 3 * static_cast<int>(a);
    out.emplace_back(AD(x[a][0], n, k), AD(x[a][1], n, k + 1), AD(x[a][2], n, k + 2));
  }
  return out;
}

}  // namespace

MortarPairResult integrate_mortar_pair(const MortarPairInput& in,
                                       const std::vector<TrianglePoint>& rule, bool tangent) {
  for (const auto* side : {&in.slave, &in.master})
    if (side->size() != 3 && side->size() != 4)
      throw std::invalid_argument("contact: mortar facets must have 3 or 4 corners");
  MortarPairResult out;
  if (!in.slave_committed.empty()) {
    if (in.slave_committed.size() != in.slave.size() ||
        in.master_committed.size() != in.master.size())
      throw std::invalid_argument("contact: committed corner counts differ from the facets'");
    out.friction.slave = static_cast<int>(in.slave.size());
    out.friction.master = static_cast<int>(in.master.size());
  }
  const int nodes = static_cast<int>(in.slave.size() + in.master.size());
  out.force = VecX::Zero(3 * nodes);
  if (!tangent) {
    const auto f = integrate<Real>(in.slave, in.master, rule, in, out);
    for (size_t a = 0; a < f.size(); ++a) out.force.segment<3>(3 * static_cast<Index>(a)) = f[a];
    return out;
  }
  const int nd = 3 * nodes;
  const auto xs = seeded(in.slave, 0, nd);
  const auto xm = seeded(in.master, 3 * static_cast<int>(in.slave.size()), nd);
  out.df_dx = MatX::Zero(nd, nd);
  const auto f = integrate<AD>(xs, xm, rule, in, out);
  for (size_t a = 0; a < f.size(); ++a)
    for (int i = 0; i < 3; ++i) {
      const Index row = 3 * static_cast<Index>(a) + i;
      out.force[row] = f[a][i].value();
      if (f[a][i].derivatives().size() == nd) out.df_dx.row(row) = f[a][i].derivatives();
    }
  return out;
}

}  // namespace sinew::contact
