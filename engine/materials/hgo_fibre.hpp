// The dispersed, tension-only exponential fibre term shared by the two HGO laws.
//
// Psi_f(E) = k1/(2 k2) [exp(k2 E^2) - 1] with the generalised fibre strain
// E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1) (Gasser, Ogden & Holzapfel 2006, J R Soc Interface
// 3:15), evaluated only for E >= 0: collagen fibres buckle rather than carry compression
// (Holzapfel, Gasser & Ogden 2000, J Elasticity 61:1). Psi_f and Psi_f' vanish at
// E = 0, so W and S are continuous across the switch; only D jumps (by k1 times the structural
// tensor product).
#pragma once

#include <cmath>

#include "core/error.hpp"
#include "core/types.hpp"

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
inline HgoInvariantTerms hgo_invariant_terms(const HgoFibreTerm& t, Real kappa) {
  const Real b = 1.0 - 3.0 * kappa;
  return {kappa * t.dpsi, b * t.dpsi, kappa * kappa * t.d2psi, kappa * b * t.d2psi,
          b * b * t.d2psi};
}

/// Generalised fibre strain E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1).
inline Real hgo_fibre_strain(Real kappa, Real I1, Real I4) {
  SINEW_ASSERT(kappa >= 0.0 && kappa <= 1.0 / 3.0);  // per-point field set out of range
  return kappa * (I1 - 3.0) + (1.0 - 3.0 * kappa) * (I4 - 1.0);
}

}  // namespace sinew::materials
