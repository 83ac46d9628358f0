// `strategy: auto` on large problems: BFGS by default, full Newton where BFGS fails. A BFGS
// iteration costs a residual and a back-substitution, a Newton iteration a factorisation too
// (about 40 BFGS iterations at 89k dofs, benchmarks/RESULTS.md), so BFGS that converges slowly
// still wins; only real trouble switches to full Newton for the rest of the increment: the
// residual grows although the last direction came from a fresh tangent, it stalls (falls by
// less than half over five iterations), or half the iterations are used up. Following
// increments stay with full Newton while it needs many iterations, and go back to BFGS once it
// converges in few; each increment in a row that has to switch again doubles the number of fast
// full Newton increments before BFGS is tried again (1, 2, 4, ...). An increment that fails is
// retried (after the cut-back) with full Newton.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

class AutoStrategy {
 public:
  /// Full Newton iterations after a switch up to which the next increment returns to BFGS.
  static constexpr int kFewIterations = 4;
  /// Stall: over the last kWindow BFGS iterations the residual fell by less than this factor.
  static constexpr int kWindow = 5;
  static constexpr Real kWindowContraction = 0.5;

  /// `enabled`: the strategy is auto and resolved to BFGS; otherwise nothing ever switches.
  /// `max_iterations`: the Newton limit; BFGS switches when half of it is used up.
  explicit AutoStrategy(bool enabled, int max_iterations = 25)
      : enabled_(enabled), max_iterations_(max_iterations) {}

  bool enabled() const { return enabled_; }

  /// At the start of an attempt: whether it begins with BFGS.
  bool start_increment();

  /// After BFGS iteration k > 0 reached `residual` (||r_k||), with ||r_0|| = `ref_residual`
  /// and `fresh`: the last direction came from a new factorisation. Whether to switch to full
  /// Newton now.
  bool should_switch(int k, Real residual, Real ref_residual, bool fresh);

  /// Records a switch to full Newton (also one forced by a failed line search).
  void switch_to_newton() { newton_ = true; }
  bool in_newton() const { return newton_; }
  /// Counts a full Newton iteration of the current attempt.
  void count_newton_iteration() { ++newton_iterations_; }

  /// After the attempt converged: decides how the next increment starts.
  void converged();

 private:
  bool enabled_;
  int max_iterations_;
  bool failed_ = false;          ///< the last attempt did not converge: retry with full Newton
  bool newton_ = false;          ///< the current attempt is in full Newton
  bool started_newton_ = false;  ///< ... and began so
  int newton_iterations_ = 0;
  int switches_ = 0;             ///< increments in a row that switched from BFGS to full Newton
  int newton_left_ = 0;          ///< fast full Newton increments to go before BFGS is tried again
  std::vector<Real> residuals_;  ///< ||r_0||, ||r_1||, ... of the current attempt's BFGS part
};

}  // namespace sinew::solver
