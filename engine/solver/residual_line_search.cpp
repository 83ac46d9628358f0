// Backtracking and zoom on the residual norm (see residual_line_search.hpp for the method).
#include "solver/residual_line_search.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "core/error.hpp"

namespace sinew::solver {

Real ResidualLineSearch::backtrack(Real alpha, Real r0, Real r) {
  if (!std::isfinite(r)) return 0.5 * alpha;
  // phi(a) ~ r0^2 - 2 r0^2 a + q a^2 with q from phi(alpha) = r^2; minimiser r0^2 / q.
  const Real q = (r * r - r0 * r0 + 2.0 * r0 * r0 * alpha) / (alpha * alpha);
  const Real a = q > 0 ? r0 * r0 / q : 0.5 * alpha;
  return std::clamp(a, 0.1 * alpha, 0.5 * alpha);
}

Real ResidualLineSearch::run(Real r0, const Evaluate& evaluate, const Norm& norm) const {
  constexpr Real kInf = std::numeric_limits<Real>::infinity();
  // Zoom until the bracket is this narrow (in alpha): the kink is then located to 5% of du.
  constexpr Real kBracket = 0.05;
  Real alpha = 1.0, lo = 0.0, hi = 1.0;
  Real best_alpha = -1.0, best_r = kInf, last_alpha = -1.0;
  bool zooming = false;
  std::exception_ptr error;
  for (int trial = 0; trial <= s_.max_trials; ++trial) {
    Real r = kInf;
    try {
      evaluate(alpha);
      r = norm();
      last_alpha = alpha;
    } catch (const NumericalError& e) {
      if (e.kind() != NumericalError::Kind::InvertedElement &&
          e.kind() != NumericalError::Kind::NotANumber)
        throw;
      error = std::current_exception();
      last_alpha = -1.0;
    }
    if (!std::isfinite(r)) r = kInf;
    const bool improved = r < best_r;
    if (improved) {
      best_r = r;
      best_alpha = alpha;
    }
    if (zooming) {
      // In the bracket [lo, hi] the smallest ||r|| so far is at lo.
      (improved ? lo : hi) = alpha;
      if (hi - lo <= kBracket) break;
      alpha = 0.5 * (lo + hi);
      continue;
    }
    if (r <= (1.0 - s_.armijo * alpha) * r0) {
      const Real agreement = (r0 - r) / (alpha * r0);
      if (trial == 0 || agreement < s_.model_agreement) break;
      zooming = true;  // the linear model holds up to alpha: the kink lies beyond
      lo = alpha;
      alpha = 0.5 * (lo + hi);
      continue;
    }
    hi = alpha;
    alpha = backtrack(alpha, r0, r);
  }
  if (best_alpha < 0) std::rethrow_exception(error);
  if (last_alpha != best_alpha) evaluate(best_alpha);
  return best_alpha;
}

}  // namespace sinew::solver
