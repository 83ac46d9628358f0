// Line search on the residual norm for full Newton directions, which stays a descent method
// where the tangent is indefinite or non-symmetric (softening bonds, contact, friction) and the
// secant rule on s(alpha) = -du . r is not: for du = -K^-1 r with the consistent K, the merit
// phi(alpha) = ||r(u + alpha du)||^2 has phi'(0) = -2 ||r||^2 < 0 whatever K's definiteness
// (Dennis & Schnabel 1996, Numerical Methods for Unconstrained Optimization and Nonlinear
// Equations, SIAM, section 6.5).
//
// alpha = 1 is taken when ||r(1)|| <= (1 - c) ||r(0)|| (the Armijo condition on ||r||, c = 1e-4).
// Otherwise alpha backtracks by the minimiser of the quadratic through phi(0), phi'(0) and
// phi(alpha), kept in [0.1, 0.5] alpha (Dennis & Schnabel algorithm A6.3.1). The residual of an
// interface or damage law is only piecewise smooth: where a Gauss point changes branch along
// du (open to contact, slip to stick, softening to unloading) ||r|| follows the linear model
// (1 - alpha) ||r(0)|| up to the kink and grows steeply past it, and backtracking alone settles
// on a small alpha short of the kink, each iteration again (about 10% of ||r|| per iteration).
// So when an accepted alpha agrees with the linear model (ratio of actual to predicted decrease
// >= 1/2), the search bisects the bracket [alpha, last rejected alpha] towards the kink, keeping
// the alpha of smallest ||r|| (a zoom phase, Nocedal & Wright 2006, Numerical Optimization, 2nd
// ed., Springer, algorithm 3.6, here on ||r|| with bisection as the interpolant).
// A trial state that cannot be evaluated (inverted element, non-finite residual) is rejected
// like a growing residual.
#pragma once

#include <functional>

#include "core/types.hpp"

namespace sinew::solver {

struct ResidualLineSearchSettings {
  int max_trials = 8;          ///< residual evaluations after the first
  Real armijo = 1e-4;          ///< c: accept when ||r(alpha)|| <= (1 - c alpha) ||r(0)||
  Real model_agreement = 0.5;  ///< zoom on when the actual decrease is this share of the linear
};

class ResidualLineSearch {
 public:
  /// Evaluates the residual at u + alpha du (may throw NumericalError).
  using Evaluate = std::function<void(Real alpha)>;
  /// ||r(u + alpha du)|| over the free unknowns at the point last evaluated.
  using Norm = std::function<Real()>;

  explicit ResidualLineSearch(ResidualLineSearchSettings settings = {}) : s_(settings) {}

  /// Runs trials from alpha = 1 given r0 = ||r(0)|| and returns the accepted alpha (the one of
  /// smallest ||r|| when no trial decreases it enough); the last evaluation is at it. Rethrows a
  /// NumericalError other than an inverted element or a non-finite state, and any when no trial
  /// could be evaluated.
  Real run(Real r0, const Evaluate& evaluate, const Norm& norm) const;

  /// The backtracking step after a rejected trial at alpha with norm r: the minimiser of the
  /// quadratic in alpha through phi(0) = r0^2, phi'(0) = -2 r0^2 and phi(alpha) = r^2, kept in
  /// [0.1, 0.5] alpha (half alpha when r is not finite).
  static Real backtrack(Real alpha, Real r0, Real r);

 private:
  ResidualLineSearchSettings s_;
};

}  // namespace sinew::solver
