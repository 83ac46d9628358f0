// The increment-size rule of the load stepper: equal nominal increments whose end points are
// reached (unless max_marks_per_step lets a step span several after one-iteration steps),
// halving of the increment after a failed attempt (down to nominal / 2^max_cutbacks) and growth
// by `growth` after an easy step (back up to nominal).
#pragma once

#include <string>

#include "core/types.hpp"

namespace sinew::solver {

struct LoadStepSettings;

/// One attempt: from t_from towards t_to; t_target is where the solve goes and the step ends
/// (the nominal mark when t_to reaches it up to rounding, else t_to).
struct StepAttempt {
  Real t_from = 0;
  Real t_to = 0;
  Real t_target = 0;
  bool reaches_mark = false;
  int marks = 1;  ///< nominal increments the attempt spans (above 1 only with max_marks_per_step)
};

/// After a cut-back the increment is held for this many converged steps before it grows again:
/// on the demo study's bond breaking, growing right after a cut-back (by 1.5 per easy step) led
/// back to the size that had failed, and to the next cut-back (benchmarks/RESULTS.md).
inline constexpr int kHoldAfterCutback = 2;

class StepController {
 public:
  explicit StepController(const LoadStepSettings& settings);

  /// True once t has reached the end of the interval.
  bool finished() const;
  /// The next attempt from the current t with the current increment.
  StepAttempt next() const;

  /// After a failed attempt: halves its increment and returns true, or returns false when no
  /// attempt is left (stepping not adaptive, or the halved increment below the minimum).
  bool cut_back(const StepAttempt& failed);
  /// Why stepping ends after cut_back() returned false, e.g. " (no cut-backs left)".
  std::string give_up_reason() const;

  /// After a converged attempt: moves t to its target and lets dt grow after an easy step.
  void accept(const StepAttempt& done, int newton_iterations);
  /// True when a converged attempt over several nominal increments must be repeated over one:
  /// it needed more than one Newton iteration, so the response was not linear over it and the
  /// end points it would skip are wanted. The next attempt then spans one increment.
  bool repeat_over_one_mark(const StepAttempt& done, int newton_iterations);

  Real t() const { return t_; }
  Real dt() const { return dt_; }
  /// Failed attempts since the last converged one.
  int failed_attempts() const { return failed_attempts_; }

 private:
  Real t_start_, t_end_, span_, nominal_, dt_min_;
  bool adaptive_;
  int easy_iterations_;
  int n_marks_, max_marks_;
  int marks_per_step_ = 1;  ///< nominal increments the next step spans (dt at nominal)
  Real growth_;
  Real t_, dt_;
  int next_nominal_ = 1;
  int failed_attempts_ = 0;
  /// Converged steps still to go before dt may grow again: an increment that had to be cut back
  /// grows back only after kHoldAfterCutback steps at the size that worked.
  int hold_ = 0;
};

}  // namespace sinew::solver
