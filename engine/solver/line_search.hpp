// Secant line search on s(alpha) = -du . r(u + alpha du), the residual's component along the
// Newton direction: alpha is accepted when |s(alpha)| <= tol |s(0)| and kept in [0.1, 1] of the
// previous trial. After a trial that overshoots (s(alpha) < -tol |s(0)|) the root is bracketed
// and the search continues by regula falsi (Illinois variant) inside the bracket, accepting a
// trial short of the root only once s has fallen to bracket_tolerance s(0): a step that crosses
// a kink of the residual (contact closing, a slipping point sticking) then goes up to the kink
// instead of stopping at 0.1 of the step. A trial state the material cannot evaluate (an
// inverted element, or a residual that is not finite, e.g. an overflowing fibre exponential
// exp(k2 E^2)) halves alpha instead.
#pragma once

#include <functional>
#include <optional>

#include "core/types.hpp"

namespace sinew::solver {

struct LineSearchSettings {
  bool enabled = true;
  Real tolerance = 0.9;  ///< accept alpha when |s(alpha)| <= tol |s(0)|
  int max_trials = 5;    ///< secant trials after the first
  /// Halvings after trial states that cannot be evaluated: 2^-10 keeps an overshooting step of
  /// a stiff exponential fibre (k2 up to 10^3) within reach of a finite state.
  int max_halvings = 10;
  /// Bracketed search after an overshoot (regula falsi towards the root); off: the secant from
  /// s(0) only, which accepts 0.1 of a step that overshoots a stiff kink (s(0.1) = 0.9 s(0)).
  bool bracket = true;
  /// In a bracket, a trial short of the root is accepted when s(alpha) <= this * s(0).
  Real bracket_tolerance = 0.5;
};

class LineSearch {
 public:
  /// Evaluates the residual at u + alpha du (may throw NumericalError).
  using Evaluate = std::function<void(Real alpha)>;
  /// s(alpha) = -du . r(u + alpha du) at the point last evaluated.
  using Slope = std::function<Real()>;

  explicit LineSearch(LineSearchSettings settings) : s_(settings) {}

  /// The next alpha after a trial at `alpha` with slopes s0 = s(0) and s1 = s(alpha), or none
  /// when `alpha` is accepted (|s1| small enough, s0 not a descent slope, or no smaller root).
  std::optional<Real> next_alpha(Real alpha, Real s0, Real s1) const;

  /// Runs trials from alpha = 1 and returns the accepted alpha; the last evaluation is at it.
  /// Rethrows a NumericalError other than an inverted element or a non-finite state (NaN,
  /// overflow), or one past max_halvings.
  Real run(Real s0, const Evaluate& evaluate, const Slope& slope) const;

 private:
  struct Bracket;
  /// The bracketed continuation: the next alpha, or none when `alpha` is accepted.
  std::optional<Real> next_in_bracket(Bracket& b, Real alpha, Real s0, Real s1) const;

  LineSearchSettings s_;
};

}  // namespace sinew::solver
