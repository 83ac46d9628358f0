// Load stepping of the metric probes (probe_run.hpp).
#include "tissue/probe_run.hpp"

#include <stdexcept>
#include <string>

#include "solver/load_stepper.hpp"

namespace sinew::tissue {

ProbeRun run_probe(fem::MechanicsProblem& problem, solver::NewtonSolver& newton, int increments,
                   const LogSink& log, const char* what, Real t_end, const VecX* initial_guess,
                   const VecX* rate, int max_marks_per_step) {
  ProbeRun run;
  run.u = initial_guess ? *initial_guess : VecX::Zero(problem.n_dofs());
  solver::LoadStepSettings steps;
  steps.t_end = t_end;
  steps.increments = increments;
  steps.max_marks_per_step = max_marks_per_step;
  if (rate) {
    steps.extrapolate = true;
    steps.first_rate = *rate;
  }
  const auto result = solver::run_load_steps(
      problem, newton, run.u, steps,
      [&](const solver::StepRecord& rec, const VecX& u) {
        run.steps.emplace_back(rec.t, newton.residual());
        run.displacements.push_back(u);
      },
      log);
  if (!result.completed)
    throw std::runtime_error(std::string(what) + " probe did not converge: " + result.failure);
  return run;
}

}  // namespace sinew::tissue
