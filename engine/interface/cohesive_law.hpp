// The mixed-mode bond damage law, written once for plain and automatically differentiated
// scalars: onset separation, critical energy and damage as functions of the effective
// separation delta and the mode mixity B.
//
// Camanho & Davila 2002 (NASA/TM-2002-211737), with one penalty stiffness K in all modes:
//   delta = sqrt(<g_n>^2 + |g_t|^2),  B = |g_t|^2 / delta^2  (shear share of the energy),
//   onset from the quadratic traction criterion (<t_n>/sigma_n)^2 + (t_t/tau_t)^2 = 1:
//     delta_0(B)^2 = dn0^2 ds0^2 / (ds0^2 (1 - B) + dn0^2 B),  dn0 = sigma_n/K, ds0 = tau_t/K,
//   critical energy by Benzeggagh & Kenane 1996 (Compos Sci Technol 56:439):
//     G_c(B) = G_Ic + (G_IIc - G_Ic) B^eta.
// Bilinear softening (Camanho & Davila 2002): delta_f = 2 G_c / (K delta_0),
//     d = delta_f (delta - delta_0) / (delta (delta_f - delta_0)),  clamped to [0, 1].
// Exponential softening after onset: the traction along delta decays as
//     K delta_0 exp(-(delta - delta_0)/delta_c),  delta_c = G_c/(K delta_0) - delta_0/2,
// so d = 1 - (delta_0/delta) exp(-(delta - delta_0)/delta_c) and the total work is exactly
// K delta_0^2/2 + K delta_0 delta_c = G_c (the exponential tail as in Xu & Needleman 1994,
// J Mech Phys Solids 42:1397, here after a linear rise so both laws share K, strength and G_c).
#pragma once

#include <cmath>

#include "core/types.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::interface {

/// The value of a plain or automatically differentiated scalar.
inline Real value_of(Real x) { return x; }
template <class S>
Real value_of(const S& x) {
  return x.value();
}

/// B^eta, with B^eta = 0 (and zero derivative) at B = 0: B = |g_t|^2/delta^2 is quadratic in
/// g_t, so B^eta is differentiable there for eta > 1/2 (the declared range).
template <class S>
S bk_power(const S& B, Real eta) {
  using std::pow;
  if (value_of(B) <= 0.0) return S(0.0);
  return pow(B, eta);
}

/// Effective separation at damage onset, delta_0(B) (mm).
template <class S>
S onset_separation(const S& B, const InterfaceParameters& p) {
  using std::sqrt;
  const Real dn0 = p.normal_strength / p.bond_stiffness;
  const Real ds0 = p.shear_strength / p.bond_stiffness;
  return dn0 * ds0 / sqrt(ds0 * ds0 * (1.0 - B) + dn0 * dn0 * B);
}

/// Mixed-mode critical energy G_c(B) (N/mm), Benzeggagh & Kenane 1996.
template <class S>
S critical_energy(const S& B, const InterfaceParameters& p) {
  return p.mode_I_energy + (p.mode_II_energy - p.mode_I_energy) * bk_power(B, p.bk_exponent);
}

/// Damage d(delta, B) in [0, 1] that monotonic loading to delta at mixity B produces.
template <class S>
S damage_from_separation(const S& delta, const S& B, const InterfaceParameters& p) {
  using std::exp;
  const S d0 = onset_separation(B, p);
  if (value_of(delta) <= value_of(d0)) return S(0.0);
  const S Gc = critical_energy(B, p);
  const Real K = p.bond_stiffness;
  if (p.softening == SofteningLaw::Bilinear) {
    const S df = 2.0 * Gc / (K * d0);
    if (value_of(delta) >= value_of(df)) return S(1.0);
    return df * (delta - d0) / (delta * (df - d0));
  }
  const S dc = Gc / (K * d0) - 0.5 * d0;
  return 1.0 - d0 / delta * exp(-(delta - d0) / dc);
}

}  // namespace sinew::interface
