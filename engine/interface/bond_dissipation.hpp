// Energy dissipated by bond damage along the damage envelope, exact for any increment size.
//
// On the envelope of a fixed mode mixity B the separation delta_D at which the damage reaches D
// is the inverse of d(delta, B) (cohesive_law.hpp), and the energy dissipated from the intact
// bond up to damage D is (per unit area, full bond density)
//   Phi(D) = W(delta_D) - (1 - D) K delta_D^2 / 2,    W = work of monotonic loading,
// so Phi(1) = G_c(B). For the bilinear law Phi(D) = K delta_0 delta_D D / 2 with
// delta_D = delta_f delta_0 / (delta_f - D (delta_f - delta_0)) (the triangle between the
// origin, the peak and the current point of the traction-separation curve). The dissipation
// rate psi_0 dD/dt integrated with psi_0 at the current separation overestimates it when an
// increment carries delta beyond delta_f (psi_0 keeps growing while D is clamped at 1);
// differences of Phi do not.
#pragma once

#include "core/types.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::interface {

/// Phi(D) at mixity B (N/mm, full bond density), D in [0, 1].
Real envelope_dissipation(Real damage, Real B, const InterfaceParameters& p);

/// Phi(D_new) - Phi(D_old) at mixity B (N/mm); 0 unless D_new > D_old.
Real damage_dissipation_increment(Real damage_old, Real damage_new, Real B,
                                  const InterfaceParameters& p);

}  // namespace sinew::interface
