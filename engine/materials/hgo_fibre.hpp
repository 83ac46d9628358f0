// The dispersed, tension-only exponential fibre term shared by the two HGO laws.
//
// Psi_f(E) = k1/(2 k2) [exp(k2 E^2) - 1] with the generalised fibre strain
// E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1) (Gasser, Ogden & Holzapfel 2006, J R Soc Interface
// 3:15), evaluated only for E >= 0: collagen fibres buckle rather than carry compression
// (Holzapfel, Gasser & Ogden 2000, J Elasticity 61:1). Psi_f and Psi_f' vanish at
// E = 0, so W and S are continuous across the switch; only D jumps (by k1 times the structural
// tensor product).
//
// With fibre damage (fibre_damage.hpp) the driver is E itself: the equivalent fibre stretch is
// lambda = sqrt(1 + max(E, 0)) (exactly the fibre stretch for kappa = 0), and the history is
// h = lambda_max^2 - 1.
#pragma once

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/types.hpp"
#include "materials/fibre_damage.hpp"
#include "materials/invariants.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

struct HgoFibreTerm {
  Real psi = 0.0;    ///< Psi_f(E)
  Real dpsi = 0.0;   ///< dPsi_f/dE = k1 E exp(k2 E^2)
  Real d2psi = 0.0;  ///< d2Psi_f/dE2 = k1 (1 + 2 k2 E^2) exp(k2 E^2)
};

/// Evaluates the fibre term at generalised fibre strain E; zero for E < 0. At E = 0 exactly
/// (the unstretched reference state) the tension-side second derivative k1 is returned, so the
/// first Newton predictor from rest sees the fibre stiffness instead of the soft matrix alone
/// (without it, a tendon-like predictor over-contracts laterally and leaves the tangent
/// indefinite). Throws
/// NumericalError(NotANumber) when exp(k2 E^2) overflows, so that the load stepper can cut back.
inline HgoFibreTerm hgo_fibre_term(Real k1, Real k2, Real E) {
  HgoFibreTerm t;
  if (!(E >= 0.0) || k1 == 0.0) return t;
  const Real x = k2 * E * E;
  const Real e = std::exp(x);
  if (!std::isfinite(e))
    throw NumericalError(NumericalError::Kind::NotANumber,
                         "hgo: fibre exponential overflows (generalised fibre strain too large)");
  t.psi = 0.5 * k1 / k2 * std::expm1(x);
  t.dpsi = k1 * E * e;
  t.d2psi = k1 * (1.0 + 2.0 * x) * e;
  return t;
}

/// First and second derivatives of Psi_f with respect to (I1, I4) (or (I1_bar, I4_bar)) through
/// E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1): dE/dI1 = kappa, dE/dI4 = 1 - 3 kappa.
struct HgoInvariantTerms {
  Real d1 = 0.0, d4 = 0.0, d11 = 0.0, d14 = 0.0, d44 = 0.0;
};
/// dpsi and d2psi are dPsi/dE and d2Psi/dE2 (damaged or not).
inline HgoInvariantTerms hgo_invariant_terms(Real dpsi, Real d2psi, Real kappa) {
  const Real b = 1.0 - 3.0 * kappa;
  return {kappa * dpsi, b * dpsi, kappa * kappa * d2psi, kappa * b * d2psi, b * b * d2psi};
}

/// Generalised fibre strain E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1).
inline Real hgo_fibre_strain(Real kappa, Real I1, Real I4) {
  SINEW_ASSERT(kappa >= 0.0 && kappa <= 1.0 / 3.0);  // per-point field set out of range
  return kappa * (I1 - 3.0) + (1.0 - 3.0 * kappa) * (I4 - 1.0);
}

/// Equivalent fibre stretch lambda = sqrt(1 + max(E, 0)) of a generalised fibre strain E.
inline Real hgo_equivalent_stretch(Real E) {
  return driver_to_stretch(DamageDriver::SquaredStretch, E);
}

/// Gauss-Legendre panels for the damaged fibre energy, fixed per law: the integrand grows like
/// exp(k2 E^2), whose rate 2 k2 E is largest at full damage; 4 per panel as in
/// ti_mooney_rivlin.cpp. 1 when damage is off.
inline int hgo_damage_panels(Real k2, const FibreDamage& damage) {
  if (!damage.enabled()) return 1;
  const Real e_on = stretch_to_driver(DamageDriver::SquaredStretch, damage.onset());
  const Real e_full = stretch_to_driver(DamageDriver::SquaredStretch, damage.full());
  const Real work = 2.0 * k2 * e_full * (e_full - e_on) / 4.0;
  return std::clamp(static_cast<int>(std::ceil(work)), 1, 256);
}

/// dPsi/dE and d2Psi/dE2 of the fibre term with fibre damage (fibre_damage.hpp); with damage off
/// exactly (dpsi, d2psi) of hgo_fibre_term. Fully damaged fibres (D(max(h, E)) = 1) contribute
/// nothing and are not evaluated, so a ruptured fibre stretched far cannot overflow.
inline DamagedSlopes hgo_fibre_slopes(Real k1, Real k2, Real E, const FibreDamage& damage,
                                      Real fibre_stretch_max) {
  if (!damage.enabled()) {
    const HgoFibreTerm t = hgo_fibre_term(k1, k2, E);
    return {t.dpsi, t.d2psi};
  }
  constexpr DamageDriver d = DamageDriver::SquaredStretch;
  const Real h = history_driver(d, fibre_stretch_max);
  if (damage_on_driver(damage, d, std::max(h, E)).D >= 1.0) return {};
  const HgoFibreTerm t = hgo_fibre_term(k1, k2, E);
  return damaged_slopes(damage, d, E, h, t.dpsi, t.d2psi);
}

/// The fibre energy: Psi_f(E), or with damage on the damaged potential Phi(E; h).
inline Real hgo_fibre_energy(Real k1, Real k2, Real E, const FibreDamage& damage,
                             Real fibre_stretch_max, int panels) {
  if (!damage.enabled()) return hgo_fibre_term(k1, k2, E).psi;
  constexpr DamageDriver d = DamageDriver::SquaredStretch;
  // psi' has its only kink at E = 0, and the integration starts at h >= 0: no breakpoint.
  return damaged_energy(
      damage, d, E, history_driver(d, fibre_stretch_max),
      [&](Real s) { return hgo_fibre_term(k1, k2, s).psi; },
      [&](Real s) { return hgo_fibre_term(k1, k2, s).dpsi; }, panels, -1.0);
}

/// Stress and tangent of a decoupled HGO law W = c/2 (I1_bar - 3) + Psi_f(E(I1_bar, I4_bar))
/// (+ the volumetric part, added elsewhere) from the fibre slopes dPsi/dE and d2Psi/dE2 at E:
/// the chain rule through hgo_invariant_terms, then the push through the modified invariants.
/// `half_c` is c/2 as scaled at the point.
inline StressTangent hgo_decoupled_stress(const Mat3& C, const Vec3& fibre, const Invariants& inv,
                                          const ModifiedInvariants& bar, Real half_c, Real dpsi,
                                          Real d2psi, Real kappa) {
  const HgoInvariantTerms f = hgo_invariant_terms(dpsi, d2psi, kappa);
  const Vec3 first(half_c + f.d1, 0.0, f.d4);
  Mat3 second;
  second << f.d11, 0.0, f.d14,  //
      0.0, 0.0, 0.0,            //
      f.d14, 0.0, f.d44;
  return stress_tangent_from_invariants(C, fibre, inv, from_modified(inv, bar, first, second));
}

}  // namespace sinew::materials
