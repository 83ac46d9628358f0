// Load stepping with cut-back and growth.
#include "solver/load_stepper.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/error.hpp"

namespace sinew::solver {

LoadStepResult run_load_steps(NonlinearProblem& problem, NewtonSolver& newton, VecX& u,
                              const LoadStepSettings& s, const StepCallback& on_step,
                              const LogSink& log) {
  LoadStepResult out;
  const Real span = s.t_end - s.t_start;
  const Real nominal = span / std::max(1, s.increments);
  const Real dt_min = nominal * std::ldexp(1.0, -s.max_cutbacks) * (1 - 1e-9);
  Real t = s.t_start, dt = nominal;
  int next_nominal = 1;
  int failed_attempts = 0;
  while (t < s.t_end - 1e-12 * std::abs(span)) {
    const Real t_mark = s.t_start + next_nominal * nominal;
    const Real t_new = std::min(t + dt, t_mark);
    const bool reaches_mark = t_new >= t_mark - 1e-12 * std::abs(span);
    VecX u_trial = u;
    NewtonResult res;
    std::string failure;
    try {
      res = newton.solve(u_trial, reaches_mark ? t_mark : t_new);
      if (!res.converged) failure = res.failure;
    } catch (const NumericalError& e) {
      failure = e.what();
    }
    if (!failure.empty()) {
      ++failed_attempts;
      const Real dt_try = (t_new - t) * 0.5;
      std::ostringstream msg;
      msg << "step to t = " << t_new << " failed: " << failure;
      if (!s.adaptive || dt_try < dt_min) {
        out.failure = msg.str() + (s.adaptive ? " (no cut-backs left)" : " (adaptive stepping off)");
        log.warn(out.failure);
        return out;
      }
      log.warn(msg.str() + "; cutting back to dt = " + std::to_string(dt_try));
      dt = dt_try;
      continue;
    }
    const Real t_done = reaches_mark ? t_mark : t_new;
    StepRecord rec;
    rec.t = t_done;
    rec.dt = t_done - t;
    rec.newton_iterations = static_cast<int>(res.iterations.size()) - 1;
    rec.linear_iterations = res.linear_iterations;
    rec.factorizations = res.factorizations;
    rec.cutbacks = failed_attempts;
    rec.nominal = reaches_mark;
    rec.iterations = std::move(res.iterations);
    failed_attempts = 0;
    u = std::move(u_trial);
    problem.commit(u, t_done);
    t = t_done;
    if (reaches_mark) ++next_nominal;
    std::ostringstream msg;
    msg << "t = " << t_done << ": " << rec.newton_iterations << " Newton iterations";
    msg << ", " << rec.factorizations << (rec.factorizations == 1 ? " factorisation" : " factorisations");
    if (rec.linear_iterations) msg << ", " << rec.linear_iterations << " linear iterations";
    if (!rec.iterations.empty()) {
      msg << ", |r|:";
      for (const auto& it : rec.iterations) msg << " " << std::scientific << std::setprecision(2) << it.residual_norm;
    }
    log.info(msg.str());
    if (s.adaptive && rec.newton_iterations <= s.easy_iterations) dt = std::min(nominal, dt * s.growth);
    out.steps.push_back(rec);
    if (on_step) on_step(out.steps.back(), u);
  }
  out.completed = true;
  return out;
}

}  // namespace sinew::solver
