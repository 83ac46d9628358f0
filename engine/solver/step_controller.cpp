// Cut-back and growth of the load increment.
#include "solver/step_controller.hpp"

#include <algorithm>
#include <cmath>

#include "solver/load_stepper.hpp"

namespace sinew::solver {

StepController::StepController(const LoadStepSettings& s)
    : t_start_(s.t_start),
      t_end_(s.t_end),
      span_(s.t_end - s.t_start),
      nominal_(span_ / std::max(1, s.increments)),
      // The smallest increment allowed, less a hair so that rounding cannot forbid the last
      // halving.
      dt_min_(nominal_ * std::ldexp(1.0, -s.max_cutbacks) * (1 - 1e-9)),
      adaptive_(s.adaptive),
      easy_iterations_(s.easy_iterations),
      n_marks_(std::max(1, s.increments)),
      max_marks_(std::max(1, s.max_marks_per_step)),
      growth_(s.growth),
      t_(s.t_start),
      dt_(nominal_) {}

bool StepController::finished() const { return !(t_ < t_end_ - 1e-12 * std::abs(span_)); }

StepAttempt StepController::next() const {
  StepAttempt a;
  const int mark = std::min(n_marks_, next_nominal_ + marks_per_step_ - 1);
  const Real t_mark = t_start_ + mark * nominal_;
  a.t_from = t_;
  a.t_to = marks_per_step_ > 1 ? t_mark : std::min(t_ + dt_, t_mark);
  a.reaches_mark = a.t_to >= t_mark - 1e-12 * std::abs(span_);
  a.t_target = a.reaches_mark ? t_mark : a.t_to;
  a.marks = marks_per_step_ > 1 ? mark - next_nominal_ + 1 : 1;
  return a;
}

bool StepController::repeat_over_one_mark(const StepAttempt& done, int newton_iterations) {
  if (done.marks <= 1 || newton_iterations <= 1) return false;
  marks_per_step_ = 1;
  return true;
}

bool StepController::cut_back(const StepAttempt& failed) {
  ++failed_attempts_;
  const Real dt_try = (failed.t_to - failed.t_from) * 0.5;
  marks_per_step_ = 1;
  if (!adaptive_ || dt_try < dt_min_) return false;
  dt_ = dt_try;
  hold_ = kHoldAfterCutback;
  return true;
}

std::string StepController::give_up_reason() const {
  return adaptive_ ? " (no cut-backs left)" : " (adaptive stepping off)";
}

void StepController::accept(const StepAttempt& done, int newton_iterations) {
  failed_attempts_ = 0;
  t_ = done.t_target;
  if (done.reaches_mark)
    next_nominal_ = static_cast<int>(std::lround((t_ - t_start_) / nominal_)) + 1;
  const bool at_nominal = done.reaches_mark && !(dt_ < nominal_);
  marks_per_step_ = at_nominal && hold_ == 0 && newton_iterations <= 1
                        ? std::min(max_marks_, 2 * marks_per_step_)
                        : 1;
  if (hold_ > 0) {
    --hold_;
    return;
  }
  if (adaptive_ && newton_iterations <= easy_iterations_) dt_ = std::min(nominal_, dt_ * growth_);
}

}  // namespace sinew::solver
