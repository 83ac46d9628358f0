// Step loop of a model run.
#include "model/run_model.hpp"

#include <limits>
#include <stdexcept>

#include "fem/mechanics_problem.hpp"

namespace sinew::model {

RunResult run_model(ModelDefinition& def, const solver::LinearSolverRegistry& linear_solvers,
                    const LogSink& log,
                    const std::function<void(const StepOutput&, const VecX&)>& on_output) {
  fem::MechanicsProblem problem(def.model);
  solver::NewtonSolver newton(problem, linear_solvers, def.newton, log);
  RunResult result;
  result.u = VecX::Zero(problem.n_dofs());
  result.linear_solver = newton.linear_solver_name();
  log.info("model: " + std::to_string(def.model.mesh.n_nodes()) + " nodes, " +
           std::to_string(def.model.mesh.n_cells()) + " cells, " +
           std::to_string(problem.n_dofs()) + " dofs; linear solver " + result.linear_solver);
  auto probe = [&](const std::string& label) {
    if (!def.tissue.enabled) return;
    log.info("metrics: probing the " + label + " state");
    tissue::MetricValues values;
    try {
      values = tissue::measure_metrics(problem, def.tissue, def.newton, linear_solvers,
                                       log.quieter());
    } catch (const std::runtime_error& e) {  // a probe that does not converge
      log.warn("metrics of the " + label + " state not available: " + e.what());
      values.fill(std::numeric_limits<Real>::quiet_NaN());
    }
    result.metrics.push_back({label, values});
  };
  probe("initial");
  for (const auto& step : def.steps) {
    log.info("step '" + step.name + "'");
    auto on_step = [&](const solver::StepRecord& rec, const VecX& u) {
      if (!rec.nominal) return;
      StepOutput out{step.name, rec, {}};
      for (const auto& set : def.output.reaction_sets)
        out.reactions[set] = problem.set_force(def.model.mesh.node_set(set), newton.residual());
      result.outputs.push_back(out);
      if (on_output) {
        out.problem = &problem;
        on_output(out, u);
      }
    };
    const auto r = solver::run_load_steps(problem, newton, result.u, step.stepping, on_step, log);
    if (!r.completed) {
      result.failure = "step '" + step.name + "': " + r.failure;
      result.residual = newton.residual();
      return result;
    }
  }
  result.completed = true;
  result.residual = newton.residual();
  probe("after '" + def.steps.back().name + "'");
  result.linear_solver = newton.linear_solver_name();
  return result;
}

}  // namespace sinew::model
