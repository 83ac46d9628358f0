// Eisenstat-Walker choice 2 forcing term with its safeguard (Eisenstat & Walker 1996, eq. 2.6).
#include "solver/forcing_term.hpp"

#include <algorithm>

namespace sinew::solver {

void ForcingTerm::update(Real residual, Real previous_residual, Real ref_residual) {
  const Real ratio = residual / previous_residual;
  Real eta = 0.9 * ratio * ratio;
  // Safeguard: do not let the forcing term drop abruptly while the previous one was large.
  const Real safeguard = 0.9 * value_ * value_;
  if (safeguard > 0.1) eta = std::max(eta, safeguard);
  // Do not solve more accurately than the Newton tolerance needs.
  if (residual > 0) eta = std::max(eta, 0.5 * residual_tolerance_ * ref_residual / residual);
  value_ = std::clamp(eta, min_, max_);
}

}  // namespace sinew::solver
