// The interface point law (bonds + contact + friction) and its derivatives.
//
// The law is written once as a template over the scalar type. For the tangent it runs on
// forward-mode automatic-differentiation scalars with 6 seeds (g and n): the mixed-mode damage
// depends on g and n through delta and B in several nested branches, and the derivative of the
// friction return mapping with respect to the normal (through p, g_t and the projected slip)
// is long by hand; 6 derivative directions keep the cost small. The element then chains dT/dn
// with dn/du analytically (interface_element.cpp).
#include "interface/traction_law.hpp"

#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/AutoDiff>

#include "interface/bond_dissipation.hpp"
#include "interface/cohesive_law.hpp"

namespace sinew::interface {

namespace {

template <class S>
using V3 = Eigen::Matrix<S, 3, 1>;

template <class S>
S dot(const V3<S>& a, const V3<S>& b) {
  return a(0) * b(0) + a(1) * b(1) + a(2) * b(2);
}

/// Everything the law computes, in the scalar type of the evaluation.
template <class S>
struct LawState {
  V3<S> T;
  V3<S> gt;
  V3<S> friction;  ///< T_f
  S gn{0.0};
  S pressure{0.0};
  S delta2{0.0};         ///< delta^2
  S damage{0.0};         ///< D
  S viscous{0.0};        ///< D_v
  bool contact = false;  ///< positive contact pressure
  bool slipping = false;
};

template <class S>
LawState<S> point_law(const V3<S>& g, const V3<S>& n, const PointHistory& h, Real rho,
                      const InterfaceParameters& p, Real dt) {
  using std::sqrt;
  LawState<S> o;
  o.T = V3<S>::Constant(S(0.0));
  o.friction = V3<S>::Constant(S(0.0));
  o.gn = dot(g, n);
  o.gt = g - n * o.gn;

  // Bonds. <g_n>: compression is carried by contact and causes no damage.
  const S dn = value_of(o.gn) > 0.0 ? o.gn : S(0.0);
  const S gt2 = dot(o.gt, o.gt);
  o.delta2 = dn * dn + gt2;
  o.damage = S(h.damage);
  if (rho > 0.0 && h.damage < 1.0 && value_of(o.delta2) > 0.0) {
    const S delta = sqrt(o.delta2);
    const S B = gt2 / o.delta2;
    const S d = damage_from_separation(delta, B, p);
    if (value_of(d) > h.damage) o.damage = d;  // loading; otherwise elastic on the secant
  }
  if (p.viscosity > 0.0)
    o.viscous = dt > 0.0 ? (p.viscosity * h.viscous_damage + dt * o.damage) / (p.viscosity + dt)
                         : S(h.viscous_damage);
  else
    o.viscous = o.damage;
  if (rho > 0.0) o.T += (n * dn + o.gt) * (rho * p.bond_stiffness * (1.0 - o.viscous));

  // Contact and friction. At exactly g_n = 0 the contact branch is taken (zero pressure, but the
  // penalty stiffness in the tangent), so that a Newton predictor from the untouched state sees
  // the contact stiffness instead of none; friction needs a positive pressure.
  if (value_of(o.gn) <= 0.0) {
    o.pressure = -p.contact_penalty * o.gn;
    o.T -= n * o.pressure;
    o.contact = value_of(o.pressure) > 0.0;
    if (o.contact && p.friction_coefficient > 0.0) {
      const V3<S> s = h.slip.template cast<S>();
      const V3<S> st = s - n * dot(s, n);
      const V3<S> trial = (o.gt - st) * S(p.tangential_penalty);
      const S limit = p.friction_coefficient * o.pressure;
      const S trial2 = dot(trial, trial);
      if (value_of(trial2) > value_of(limit) * value_of(limit)) {
        o.slipping = true;
        o.friction = trial * (limit / sqrt(trial2));
      } else {
        o.friction = trial;
      }
      o.T += o.friction;
    }
  }
  return o;
}

/// The history a commit at the evaluated state stores (plain values).
PointHistory updated_history(const LawState<Real>& o, const PointHistory& h, Real rho,
                             const InterfaceParameters& p, const Vec3& n) {
  PointHistory u = h;
  u.damage = o.damage;
  u.viscous_damage = o.viscous;
  u.max_separation = std::max(h.max_separation, std::sqrt(o.delta2));
  // Damage dissipation: the bond free energy is (1 - D_v) psi_0, psi_0 = rho K delta^2/2, so
  // the dissipation rate is psi_0 dD_v/dt >= 0. Rate-independent: exactly along the damage
  // envelope at the current mixity (bond_dissipation.hpp; psi_0 at the current separation
  // would count the energy of a separation beyond delta_f). Viscous: D_v lags the envelope and
  // the current separation does the work, so psi_0 is averaged over the interval (trapezoidal).
  const Real psi0 = 0.5 * rho * p.bond_stiffness * o.delta2;
  u.bond_energy = psi0;
  if (p.viscosity > 0.0) {
    u.damage_dissipation += 0.5 * (h.bond_energy + psi0) * (o.viscous - h.viscous_damage);
  } else if (o.delta2 > 0.0) {
    const Real B = o.gt.squaredNorm() / o.delta2;
    u.damage_dissipation += rho * damage_dissipation_increment(h.damage, o.damage, B, p);
  }
  if (o.contact && p.friction_coefficient > 0.0) {
    const Vec3 st = h.slip - h.slip.dot(n) * n;
    u.slip = o.gt - o.friction / p.tangential_penalty;
    u.friction_dissipation += o.friction.dot(u.slip - st);
  } else {
    u.slip = o.gt;  // no contact (or no friction): nothing resists slip
  }
  return u;
}

}  // namespace

PointResponse evaluate_point(const Vec3& g, const Vec3& n, const PointHistory& history, Real rho,
                             const InterfaceParameters& p, Real dt, bool with_tangent) {
  PointResponse r;
  const LawState<Real> o = point_law<Real>(g, n, history, rho, p, dt);
  r.traction = o.T;
  r.normal_gap = o.gn;
  r.tangential_gap = o.gt.norm();
  r.pressure = o.pressure;
  r.in_contact = o.contact;
  r.slipping = o.slipping;
  r.updated = updated_history(o, history, rho, p, n);
  if (!with_tangent) return r;

  using AD = Eigen::AutoDiffScalar<Eigen::Matrix<Real, 6, 1>>;
  V3<AD> ga, na;
  for (int i = 0; i < 3; ++i) {
    ga(i) = AD(g(i), 6, i);
    na(i) = AD(n(i), 6, 3 + i);
  }
  const LawState<AD> a = point_law<AD>(ga, na, history, rho, p, dt);
  for (int i = 0; i < 3; ++i) {
    r.dT_dg.row(i) = a.T(i).derivatives().head<3>().transpose();
    r.dT_dn.row(i) = a.T(i).derivatives().tail<3>().transpose();
  }
  return r;
}

}  // namespace sinew::interface
