// Envelope dissipation of the bilinear (closed form) and exponential (inverted by bisection)
// softening laws.
#include "interface/bond_dissipation.hpp"

#include <algorithm>
#include <cmath>

#include "interface/cohesive_law.hpp"

namespace sinew::interface {

namespace {

// Exponential law: delta_D by bisection on the monotonic d(delta) (d rises from 0 at delta_0
// to 1 as delta grows without bound), then Phi = W - (1 - D) K delta_D^2 / 2.
Real exponential_phi(Real D, Real d0, Real Gc, const InterfaceParameters& p) {
  const Real K = p.bond_stiffness, dc = Gc / (K * d0) - 0.5 * d0;
  if (D >= 1.0) return Gc;
  auto damage = [&](Real delta) { return 1.0 - d0 / delta * std::exp(-(delta - d0) / dc); };
  Real lo = d0, hi = 2.0 * d0;
  while (damage(hi) < D) hi = d0 + 2.0 * (hi - d0);
  for (int i = 0; i < 100 && hi - lo > 1e-14 * hi; ++i) {
    const Real mid = 0.5 * (lo + hi);
    (damage(mid) < D ? lo : hi) = mid;
  }
  const Real delta = 0.5 * (lo + hi), e = std::exp(-(delta - d0) / dc);
  const Real work = 0.5 * K * d0 * d0 + K * d0 * dc * (1.0 - e);
  return work - 0.5 * (1.0 - D) * K * delta * delta;
}

}  // namespace

Real envelope_dissipation(Real damage, Real B, const InterfaceParameters& p) {
  const Real D = std::clamp(damage, 0.0, 1.0);
  if (D <= 0.0) return 0.0;
  const Real d0 = onset_separation(B, p), Gc = critical_energy(B, p);
  if (p.softening == SofteningLaw::Exponential) return exponential_phi(D, d0, Gc, p);
  const Real df = 2.0 * Gc / (p.bond_stiffness * d0);
  const Real delta = df * d0 / (df - D * (df - d0));
  return 0.5 * p.bond_stiffness * d0 * delta * D;
}

Real damage_dissipation_increment(Real damage_old, Real damage_new, Real B,
                                  const InterfaceParameters& p) {
  if (damage_new <= damage_old) return 0.0;
  return envelope_dissipation(damage_new, B, p) - envelope_dissipation(damage_old, B, p);
}

}  // namespace sinew::interface
