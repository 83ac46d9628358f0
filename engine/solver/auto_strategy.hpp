// `strategy: auto` on large problems: BFGS by default, full Newton when BFGS struggles. Within
// an increment, a growing or stagnating residual switches to full Newton for the rest of it.
// Following increments stay with full Newton while it needs many iterations, and go back to
// BFGS once it converges in few; each increment in a row that has to switch again doubles the
// number of fast full Newton increments before BFGS is tried again (1, 2, 4, ...), so a load
// path on which BFGS keeps failing pays for a failed BFGS try on only a logarithmic number of
// increments. An increment that fails is retried (after the cut-back) with full Newton.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

class AutoStrategy {
 public:
  /// Full Newton iterations after a switch up to which the next increment returns to BFGS.
  static constexpr int kFewIterations = 4;
  /// Stagnation: over the last kWindow BFGS iterations the residual fell by less than
  /// kWindowContraction (a mean contraction worse than 1/2 per iteration, where superlinear
  /// BFGS on a good tangent gains an order of magnitude in two or three).
  static constexpr int kWindow = 3;
  static constexpr Real kWindowContraction = 0.125;

  /// `enabled`: the strategy is auto and resolved to BFGS; otherwise nothing ever switches.
  explicit AutoStrategy(bool enabled) : enabled_(enabled) {}

  bool enabled() const { return enabled_; }

  /// At the start of an attempt: whether it begins with BFGS.
  bool start_increment();

  /// After BFGS iteration k > 0 reached `residual` (||r_k||), with ||r_0|| = `ref_residual`:
  /// whether to switch to full Newton now (the residual grew, or stagnated).
  bool should_switch(int k, Real residual, Real ref_residual);

  /// Records a switch to full Newton (also one forced by a failed line search).
  void switch_to_newton() { newton_ = true; }
  bool in_newton() const { return newton_; }
  /// Counts a full Newton iteration of the current attempt.
  void count_newton_iteration() { ++newton_iterations_; }

  /// After the attempt converged: decides how the next increment starts.
  void converged();

 private:
  bool enabled_;
  bool failed_ = false;     ///< the last attempt did not converge: retry with full Newton
  bool newton_ = false;     ///< the current attempt is in full Newton
  bool started_newton_ = false;  ///< ... and began so
  int newton_iterations_ = 0;
  int switches_ = 0;        ///< increments in a row that switched from BFGS to full Newton
  int newton_left_ = 0;     ///< fast full Newton increments to go before BFGS is tried again
  std::vector<Real> residuals_;  ///< ||r_0||, ||r_1||, ... of the current attempt's BFGS part
};

}  // namespace sinew::solver
