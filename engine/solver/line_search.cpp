// Secant line search with back-tracking from states that cannot be evaluated.
#include "solver/line_search.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace sinew::solver {

std::optional<Real> LineSearch::next_alpha(Real alpha, Real s0, Real s1) const {
  if (std::abs(s1) <= s_.tolerance * std::abs(s0) || s0 <= 0) return std::nullopt;
  // Secant root of s(alpha) between 0 and alpha, kept in [0.1, 1] alpha.
  const Real a_new = alpha * s0 / (s0 - s1);
  const Real bounded = std::clamp(a_new, 0.1 * alpha, alpha);
  if (a_new >= alpha || bounded == alpha) return std::nullopt;
  return bounded;
}

Real LineSearch::run(Real s0, const Evaluate& evaluate, const Slope& slope) const {
  Real alpha = 1.0;
  int halvings = 0;
  for (int trial = 0;; ++trial) {
    try {
      evaluate(alpha);
    } catch (const NumericalError& e) {
      const bool bad_state = e.kind() == NumericalError::Kind::InvertedElement ||
                             e.kind() == NumericalError::Kind::NotANumber;
      if (!bad_state || halvings >= s_.max_halvings) throw;
      alpha *= 0.5;
      ++halvings;
      continue;
    }
    if (!s_.enabled || trial >= s_.max_trials + halvings) return alpha;
    const std::optional<Real> next = next_alpha(alpha, s0, slope());
    if (!next) return alpha;
    alpha = *next;
  }
}

}  // namespace sinew::solver
