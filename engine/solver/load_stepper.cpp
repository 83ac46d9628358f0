// Load stepping: solves each attempt the StepController proposes, commits converged states and
// reports them.
#include "solver/load_stepper.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/error.hpp"
#include "solver/linear/system_too_large.hpp"
#include "solver/step_controller.hpp"

namespace sinew::solver {

namespace {

StepRecord make_record(const StepAttempt& a, NewtonResult&& res, int cutbacks) {
  StepRecord rec;
  rec.t = a.t_target;
  rec.dt = a.t_target - a.t_from;
  rec.newton_iterations = static_cast<int>(res.iterations.size()) - 1;
  rec.linear_iterations = res.linear_iterations;
  rec.factorizations = res.factorizations;
  rec.cutbacks = cutbacks;
  rec.nominal = a.reaches_mark;
  rec.iterations = std::move(res.iterations);
  return rec;
}

std::string describe(const StepRecord& rec) {
  std::ostringstream msg;
  msg << "t = " << rec.t << ": " << rec.newton_iterations << " Newton iterations";
  msg << ", " << rec.factorizations
      << (rec.factorizations == 1 ? " factorisation" : " factorisations");
  if (rec.linear_iterations) msg << ", " << rec.linear_iterations << " linear iterations";
  if (!rec.iterations.empty()) {
    msg << ", |r|:";
    for (const auto& it : rec.iterations)
      msg << " " << std::scientific << std::setprecision(2) << it.residual_norm;
  }
  return msg.str();
}

// The norms of a rejected attempt's iterations, to tell stagnation from cycling in the log.
std::string iteration_history(const std::vector<IterationRecord>& its) {
  if (its.empty()) return {};
  std::ostringstream msg;
  msg << std::scientific << std::setprecision(2) << " (|r|:";
  for (const auto& it : its) msg << " " << it.residual_norm;
  msg << "; alpha:";
  for (const auto& it : its) msg << " " << it.alpha;
  msg << ")";
  return msg.str();
}

}  // namespace

LoadStepResult run_load_steps(NonlinearProblem& problem, NewtonSolver& newton, VecX& u,
                              const LoadStepSettings& s, const StepCallback& on_step,
                              const LogSink& log) {
  LoadStepResult out;
  StepController control(s);
  // The last converged step's du and dt (extrapolate), or the assumed rate over a unit dt.
  VecX last_increment = s.first_rate;
  Real last_dt = s.extrapolate && s.first_rate.size() == u.size() ? 1.0 : 0.0;
  while (!control.finished()) {
    const StepAttempt attempt = control.next();
    VecX u_trial = u;
    if (s.extrapolate && last_dt > 0.0 && control.failed_attempts() == 0)
      u_trial += ((attempt.t_target - attempt.t_from) / last_dt) * last_increment;
    NewtonResult res;
    std::string failure;
    bool retryable = true;
    const int iterations_before = newton.total_iterations();
    const int factorizations_before = newton.total_factorizations();
    try {
      res = newton.solve(u_trial, attempt.t_target);
      if (!res.converged) failure = res.failure;
    } catch (const SystemTooLarge& e) {
      failure = e.what();
      retryable = false;
    } catch (const NumericalError& e) {
      failure = e.what();
    }
    out.totals.newton_iterations += newton.total_iterations() - iterations_before;
    out.totals.factorizations += newton.total_factorizations() - factorizations_before;
    if (!failure.empty()) {
      ++out.totals.rejected;
      std::ostringstream msg;
      msg << "step to t = " << attempt.t_to << " failed: " << failure;
      if (!retryable) {  // a smaller increment gives the same system: stop at once
        out.failure = msg.str() + " (not retried: no load increment can cure it)";
        log.warn(out.failure);
        return out;
      }
      if (!control.cut_back(attempt)) {
        out.failure = msg.str() + control.give_up_reason();
        log.warn(out.failure);
        return out;
      }
      ++out.totals.cutbacks;
      msg << "; cutting back to dt = " << control.dt();
      log.warn(msg.str() + iteration_history(res.iterations));
      continue;
    }
    const int iterations = static_cast<int>(res.iterations.size()) - 1;
    if (control.repeat_over_one_mark(attempt, iterations)) {
      std::ostringstream msg;
      msg << "t = " << attempt.t_target << ": over " << attempt.marks << " increments in "
          << iterations << " Newton iterations, not linear: repeated over one";
      log.info(msg.str());
      continue;
    }
    StepRecord rec = make_record(attempt, std::move(res), control.failed_attempts());
    if (s.extrapolate) {
      last_increment = u_trial - u;
      last_dt = rec.dt;
    }
    u = std::move(u_trial);
    problem.commit(u, rec.t);
    control.accept(attempt, rec.newton_iterations);
    ++out.totals.increments;
    log.info(describe(rec));
    out.steps.push_back(std::move(rec));
    if (on_step) on_step(out.steps.back(), u);
  }
  out.completed = true;
  return out;
}

}  // namespace sinew::solver
