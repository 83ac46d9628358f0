// Irreversible fibre damage for the fibre-reinforced laws (hgo, hgo-coupled, ti-mooney-rivlin).
//
// Collagen fibres that are stretched past a threshold lose stiffness for good: patellar-tendon
// fascicles yield at 6.8-8.7% strain (Haraldsson et al. 2005, J Appl Physiol 98:1006; the
// documented tendon onset is its lower end, lambda_on = 1.068) and Achilles tendons fail at
// 12-16% (Wren et al. 2001, Clin Biomech 16:245; lambda_f = 1.14, the middle). This is the
// static (one-pull) damage; damage that counts load cycles is fibre_fatigue.hpp. The damage
// variable D in [0, 1] is a function of the largest equivalent fibre stretch lambda_m reached in
// committed states:
//
//   D(lambda_m) = 0 (lambda_m <= lambda_on),  3 x^2 - 2 x^3 (between),  1 (lambda_m >= lambda_f),
//   x = (lambda_m - lambda_on) / (lambda_f - lambda_on)
//
// (a smoothstep: D and D' are continuous, so the loading tangent has no jumps inside the range).
//
// Formulation. Let the fibre energy be psi(x) in a scalar driver x that is a monotone function of
// the equivalent fibre stretch (HGO: the generalised fibre strain x = E = lambda^2 - 1; TI-MR:
// the fibre stretch x = lambda), and h the history in the same variable. The damaged energy is
//
//   Phi(x; h) = int_0^x (1 - D(max(h, s))) psi'(s) ds
//             = (1 - D(h)) psi(x)                                    x <= h,
//             = (1 - D(h)) psi(h) + int_h^x (1 - D(s)) psi'(s) ds     x >  h,
//
// so that  dPhi/dx = (1 - D(max(h, x))) psi'(x)  and
//
//   d2Phi/dx2 = (1 - D(h)) psi''(x)                 (x <= h: unloading/reloading, elastic),
//             = (1 - D(x)) psi''(x) - D'(x) psi'(x)   (x >  h: loading, damage grows).
//
// With h fixed during an increment this is a hyperelastic potential: the stress derives from it
// and, as the fibre stress and the driver depend on C through the same scalar x, the consistent
// tangent is symmetric. Below the history the law is the undamaged one scaled by 1 - D(h); beyond
// it the loading curve is the damaged virgin curve. This is the discontinuous-damage idea of
// Simo 1987 (CMAME 60:153) and Miehe 1995 (Eur J Mech A/Solids 14:697) with the damage written
// into the potential so that loading and unloading share one energy. Between onset and full damage
// the loading tangent can be negative (softening), which makes the global tangent indefinite.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parameters.hpp"
#include "core/types.hpp"
#include "materials/material.hpp"
#include "materials/quadrature.hpp"

namespace sinew::materials {

/// The damage function D(lambda_m) of one law; default-constructed (or with both parameters 0)
/// it is off: D = 0 everywhere.
class FibreDamage {
 public:
  static constexpr const char* kOnsetKey = "damage_onset_stretch";
  static constexpr const char* kFullKey = "damage_full_stretch";

  FibreDamage() = default;

  /// The two parameters every damageable law declares (unit 1, default 0 = off).
  static std::vector<ParameterSpec> parameter_specs();

  /// Reads both parameters: both 0 means off; otherwise 1 < onset < full is required, and
  /// ParameterError names the offending key.
  static FibreDamage from_parameters(const ParameterSet& values);

  /// The state slot of lambda_m (PointFields::state); laws with damage keep nothing else.
  static constexpr int kStretchMaxSlot = 0;

  bool enabled() const { return full_ > 0.0; }
  Real onset() const { return onset_; }  ///< lambda_on (0 when off)
  Real full() const { return full_; }    ///< lambda_f (0 when off)

  struct Value {
    Real D = 0.0;   ///< damage
    Real dD = 0.0;  ///< dD/dlambda_m
  };
  /// D and dD/dlambda_m at the equivalent fibre stretch lambda_m (zero when off).
  Value at(Real lambda_m) const {
    if (!enabled() || !(lambda_m > onset_)) return {};
    if (lambda_m >= full_) return {1.0, 0.0};
    const Real w = full_ - onset_, x = (lambda_m - onset_) / w;
    return {x * x * (3.0 - 2.0 * x), 6.0 * x * (1.0 - x) / w};
  }

  /// The history a law with damage on declares: fibre_stretch_max (units 1, initial 1 = virgin
  /// fibres) at kStretchMaxSlot. Empty when damage is off (nothing to keep).
  std::vector<StateVariable> state_variables() const;

  /// lambda_m = max(lambda_m, fibre_stretch): the commit of one point (when damage is on).
  void update_state(Real fibre_stretch, PointFields& p) const {
    if (!enabled()) return;
    Real& m = p.state[kStretchMaxSlot];
    m = std::max(m, fibre_stretch);
  }

  /// fibre_damage: D(lambda_m) of the point (empty when damage is off).
  std::vector<PointOutput> point_outputs() const;

 private:
  Real onset_ = 0.0, full_ = 0.0;
};

/// How a law's damage driver x relates to the equivalent fibre stretch lambda.
enum class DamageDriver {
  SquaredStretch,  ///< x = lambda^2 - 1 (HGO generalised fibre strain; lambda = sqrt(1 + x))
  Stretch,         ///< x = lambda (TI Mooney-Rivlin)
};

inline Real driver_to_stretch(DamageDriver d, Real x) {
  return d == DamageDriver::Stretch ? x : std::sqrt(1.0 + std::max(x, 0.0));
}
inline Real stretch_to_driver(DamageDriver d, Real lambda) {
  return d == DamageDriver::Stretch ? lambda : lambda * lambda - 1.0;
}

/// D and dD/dx at driver value x (chain rule through lambda(x); dlambda/dx = 1/(2 lambda) for
/// the squared stretch).
inline FibreDamage::Value damage_on_driver(const FibreDamage& damage, DamageDriver d, Real x) {
  const Real lambda = driver_to_stretch(d, x);
  FibreDamage::Value v = damage.at(lambda);
  if (d == DamageDriver::SquaredStretch) v.dD *= 0.5 / lambda;
  return v;
}

/// The stored largest equivalent fibre stretch lambda_m of a point (its state slot).
inline Real fibre_stretch_max(const PointFields& p) {
  return p.state[FibreDamage::kStretchMaxSlot];
}

/// The history h in driver units from the stored largest equivalent fibre stretch (values below
/// 1, e.g. an unset state slot, count as 1: no fibre has been stretched).
inline Real history_driver(DamageDriver d, Real stretch_max) {
  return stretch_to_driver(d, std::max(stretch_max, 1.0));
}

/// dPhi/dx and d2Phi/dx2 of the damaged potential (see the file comment).
struct DamagedSlopes {
  Real d1 = 0.0, d2 = 0.0;
};

/// The damaged slopes from the undamaged ones dpsi = psi'(x), d2psi = psi''(x), at driver x
/// with history h. x == h counts as unloading (the elastic one-sided derivative). With D = 0
/// (damage off, or below onset) the result equals (dpsi, d2psi) exactly.
inline DamagedSlopes damaged_slopes(const FibreDamage& damage, DamageDriver d, Real x, Real h,
                                    Real dpsi, Real d2psi) {
  if (x > h) {
    const FibreDamage::Value v = damage_on_driver(damage, d, x);
    return {(1.0 - v.D) * dpsi, (1.0 - v.D) * d2psi - v.dD * dpsi};
  }
  const Real keep = 1.0 - damage_on_driver(damage, d, h).D;
  return {keep * dpsi, keep * d2psi};
}

/// Phi(x; h) of the file comment. psi(s) and dpsi(s) are the undamaged energy and its
/// derivative; psi(s) is only called where D(max(h, s)) < 1 (beyond full damage the fibre term
/// vanishes, and an exponential fibre law may not be evaluable there). The integral of
/// (1 - D) psi' is exact (psi differences) below the onset, vanishes beyond full damage and uses
/// Gauss-Legendre quadrature (`panels` panels, fixed per law) in between, split at `breakpoint`
/// (a driver value where psi' has a kink; pass a value outside the range for none).
template <class Psi, class DPsi>
Real damaged_energy(const FibreDamage& damage, DamageDriver d, Real x, Real h, Psi&& psi,
                    DPsi&& dpsi, int panels, Real breakpoint) {
  const Real keep_h = 1.0 - damage_on_driver(damage, d, h).D;
  if (x <= h) return keep_h > 0.0 ? keep_h * psi(x) : 0.0;
  const Real x_on = stretch_to_driver(d, damage.onset());
  const Real x_full = stretch_to_driver(d, damage.full());
  Real lo = h, phi = 0.0;
  if (lo < x_on) {
    // D = 0 on [h, x_on]: (1 - D(h)) psi(h) + psi(min(x, x_on)) - psi(h) = psi(min(x, x_on)).
    if (x <= x_on) return psi(x);
    phi = psi(x_on);
    lo = x_on;
  } else if (keep_h > 0.0) {
    phi = keep_h * psi(h);
  }
  const Real hi = std::min(x, x_full);
  if (hi <= lo) return phi;
  auto integrand = [&](Real s) { return (1.0 - damage_on_driver(damage, d, s).D) * dpsi(s); };
  if (breakpoint > lo && breakpoint < hi)
    return phi + gauss_legendre16(integrand, lo, breakpoint, panels) +
           gauss_legendre16(integrand, breakpoint, hi, panels);
  return phi + gauss_legendre16(integrand, lo, hi, panels);
}

}  // namespace sinew::materials
