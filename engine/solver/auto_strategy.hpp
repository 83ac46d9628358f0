// `strategy: auto` on large problems: BFGS by default, full Newton where BFGS costs more. A
// BFGS iteration costs a residual and a back-substitution (c_B), a full Newton iteration a
// tangent and a factorisation too (c_N); the ratio c_N / c_B is counted (factorisation and
// solve flops, evaluations: iteration_cost.hpp, the same on every machine) or given. From its
// third iteration on, BFGS projects its remaining iterations from its observed mean contraction q
// over the last two iterations (m_B = log(target / ||r_k||) / log q) and switches to
// full Newton for the rest of the increment when m_B c_B exceeds the cost of the full Newton
// iterations it would take from there (m_N c_N, m_N as observed after earlier switches, 3
// before). Safety nets beside the cost rule: the residual grows although the last direction
// came from a fresh tangent, or half the iterations are used up; and, while the costs are not
// yet known, a stall (the residual falls by less than half over five iterations).
// After a switch by the cost rule the next increment tries BFGS again (the switch restarts from
// the increment's start, so a wrong call costs a few BFGS iterations). After a safety net,
// following increments stay with full Newton while it needs many iterations, and go back to
// BFGS once it converges in few; each increment in a row that has to switch again doubles the
// number of fast full Newton increments before BFGS is tried again (1, 2, 4, ...). An increment
// that fails is retried (after the cut-back) with full Newton. A BFGS step that leaves the
// residual above where the increment started is not followed by a re-formation there: full
// Newton restarts the increment from its start instead (the tangent at such a state is where
// stiff exponential fibres make it indefinite).
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
  /// Cost rule: BFGS iterations that must be seen before the contraction is projected, and the
  /// full Newton iterations expected after a switch until a switch has been observed.
  static constexpr int kCostMinIterations = 3;
  static constexpr int kCostWindow = 2;
  static constexpr Real kNewtonIterationsPrior = 3;
  /// A switch restarts the increment from its start unless BFGS has brought the residual below
  /// this fraction of where it started: full Newton from the converged state is the path that
  /// `strategy: newton` takes (3-4 iterations an increment on the fibre-law grid), while from a
  /// BFGS state with nearly the starting residual it took 7-9, with indefinite tangents
  /// (benchmarks/RESULTS.md, "strategy auto: no re-formation past the start").
  static constexpr Real kRestartFraction = 0.1;

  /// `enabled`: the strategy is auto and resolved to BFGS; otherwise nothing ever switches.
  /// `max_iterations`: the Newton limit; BFGS switches when half of it is used up.
  /// `relative_tolerance`, `absolute_tolerance`: the residual the cost rule projects to,
  /// max(relative ||r_0||, absolute) (the solver's residual criterion).
  explicit AutoStrategy(bool enabled, int max_iterations = 25, Real relative_tolerance = 1e-8,
                        Real absolute_tolerance = 1e-10)
      : enabled_(enabled),
        max_iterations_(max_iterations),
        relative_tolerance_(relative_tolerance),
        absolute_tolerance_(absolute_tolerance) {}

  bool enabled() const { return enabled_; }

  /// At the start of an attempt: whether it begins with BFGS.
  bool start_increment();

  /// After BFGS iteration k > 0 reached `residual` (||r_k||), with ||r_0|| = `ref_residual`
  /// and `fresh`: the last direction came from a new factorisation. Whether to switch to full
  /// Newton now.
  bool should_switch(int k, Real residual, Real ref_residual, bool fresh);

  /// At ||r_k|| = `residual` (after should_switch saw it): whether full Newton should start the
  /// increment afresh, because BFGS has not brought the residual below `fraction` times where
  /// the increment started (||r_0||, with the predictor's load, or from k = 2 on the smaller of
  /// that and ||r_1||).
  bool should_restart(Real residual, Real fraction = 1) const;

  /// Records the cost (counted flops, or any unit common to both) of one iteration; `factorised`:
  /// it formed and factorised a tangent (a full Newton iteration or a BFGS re-formation).
  void record_cost(bool factorised, Real cost);
  /// Announces that costs will be recorded (before the first iteration): the growth rule then
  /// leaves out the first step, the predictor's, which full Newton takes as well.
  void use_costs() { costs_ = enabled_; }
  /// c_N / c_B, the mean costs recorded; 0 until both kinds have been recorded.
  Real cost_ratio() const;

  /// Records a switch to full Newton (also one forced by a failed line search).
  void switch_to_newton() { newton_ = true; }
  bool in_newton() const { return newton_; }
  /// Counts a full Newton iteration of the current attempt.
  void count_newton_iteration() { ++newton_iterations_; }

  /// After the attempt converged: decides how the next increment starts.
  void converged();

 private:
  /// The cost rule: projected BFGS cost from ||r_k|| exceeds that of full Newton. A switch by
  /// it clears back_off_.
  bool bfgs_costs_more(int k, Real residual, Real ref_residual);

  bool enabled_;
  int max_iterations_;
  Real relative_tolerance_, absolute_tolerance_;
  bool failed_ = false;          ///< the last attempt did not converge: retry with full Newton
  bool newton_ = false;          ///< the current attempt is in full Newton
  bool started_newton_ = false;  ///< ... and began so
  int newton_iterations_ = 0;
  int switches_ = 0;             ///< increments in a row that switched from BFGS to full Newton
  int newton_left_ = 0;          ///< fast full Newton increments to go before BFGS is tried again
  std::vector<Real> residuals_;  ///< ||r_0||, ||r_1||, ... of the current attempt's BFGS part
  Real factorised_cost_ = 0, plain_cost_ = 0;   ///< sums of the recorded costs ...
  int factorised_count_ = 0, plain_count_ = 0;  ///< ... and their counts
  bool costs_ = false;                          ///< costs are recorded (use_costs)
  bool back_off_ = true;         ///< the switch was by a safety net, not by the cost rule
  int newton_increments_ = 0;    ///< converged increments that ran full Newton throughout
  int newton_whole_ = 0;         ///< their full Newton iterations, summed
  int switched_increments_ = 0;  ///< converged increments that switched from BFGS
  int newton_after_switch_ = 0;  ///< their full Newton iterations, summed
};

}  // namespace sinew::solver
