// Secant line search, bracketed after an overshoot, with back-tracking from states that cannot
// be evaluated.
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

/// The root's bracket [lo, hi]: s(lo) > 0 > s(hi); hi < 0 while no trial has overshot.
struct LineSearch::Bracket {
  Real lo = 0, s_lo = 0, hi = -1, s_hi = 0;
  int hi_kept = 0;  ///< trials since hi last moved (Illinois: halve s_hi when kept twice)
};

std::optional<Real> LineSearch::next_in_bracket(Bracket& b, Real alpha, Real s0, Real s1) const {
  if (s1 < 0 && std::abs(s1) > s_.tolerance * s0) {  // overshoot: the new far end
    b.hi = alpha;
    b.s_hi = s1;
    b.hi_kept = 0;
  } else if (s1 > 0 && b.hi > 0 && s1 > s_.bracket_tolerance * s0) {  // short of the root
    b.lo = alpha;
    b.s_lo = s1;
    if (++b.hi_kept >= 2) b.s_hi *= 0.5;
  } else if (b.hi < 0) {
    return next_alpha(alpha, s0, s1);  // no overshoot yet: the plain secant rule
  } else {
    return std::nullopt;
  }
  // Regula falsi in [lo, hi], kept off both ends so that the bracket shrinks.
  const Real width = b.hi - b.lo;
  const Real root = b.lo + width * b.s_lo / (b.s_lo - b.s_hi);
  return std::clamp(root, b.lo + 0.1 * width, b.hi - 0.05 * width);
}

Real LineSearch::run(Real s0, const Evaluate& evaluate, const Slope& slope) const {
  Real alpha = 1.0;
  int halvings = 0;
  Bracket bracket;
  bracket.s_lo = s0;
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
    const bool last = trial >= s_.max_trials + halvings;
    if (!s_.enabled || (last && !s_.bracket)) return alpha;
    const Real s1 = slope();
    if (!s_.bracket) {
      const std::optional<Real> next = next_alpha(alpha, s0, s1);
      if (!next) return alpha;
      alpha = *next;
      continue;
    }
    if (s0 <= 0) return alpha;
    const bool overshoot = s1 < 0 && std::abs(s1) > s_.tolerance * s0;
    if (last && !overshoot) return alpha;
    if (last) break;
    const std::optional<Real> next = next_in_bracket(bracket, alpha, s0, s1);
    if (!next) return alpha;
    alpha = *next;
  }
  // Out of trials at an overshoot: back to the last point short of the root, if any (else the
  // last trial, the smallest).
  if (bracket.lo <= 0) return alpha;
  evaluate(bracket.lo);
  return bracket.lo;
}

}  // namespace sinew::solver
