// The step loop of a model file on the session driver.
#include "simulation/run_model.hpp"

namespace sinew::simulation {

std::vector<Stage> model_steps(const model::ModelDefinition& def) {
  // The stages share the definition's model (not owned: the definition outlives the run).
  const std::shared_ptr<const fem::Model> model(&def.model, [](const fem::Model*) {});
  std::vector<Stage> stages;
  for (const auto& step : def.steps) stages.push_back({step.name, model, step.stepping, true, {}});
  return stages;
}

RunResult run_model(const model::ModelDefinition& def,
                    const solver::LinearSolverRegistry& linear_solvers, const LogSink& log,
                    const StepObserver& on_output) {
  SessionDriver driver(def, linear_solvers, log);
  RunResult result;
  log.info("model: " + std::to_string(def.model.mesh.n_nodes()) + " nodes, " +
           std::to_string(def.model.mesh.n_cells()) + " cells, " + std::to_string(driver.n_dofs()) +
           " dofs");
  auto probe = [&](const std::string& label) {
    if (!def.tissue.enabled) return;
    log.info("metrics: probing the " + label + " state");
    result.metrics.push_back({label, driver.probe("of the " + label + " state")});
  };
  probe("initial");
  // The undeformed state at t = 0 is the first reported step.
  driver.report_reference("initial", 0.0, [&](const StepOutput& out, const VecX& u) {
    StepOutput kept = out;
    kept.problem = nullptr;
    result.outputs.push_back(kept);
    if (on_output) on_output(out, u);
  });
  for (const auto& stage : model_steps(def)) {
    log.info("step '" + stage.name + "'");
    const auto r = driver.run_stage(stage, [&](const StepOutput& out, const VecX& u) {
      StepOutput kept = out;
      kept.problem = nullptr;
      result.outputs.push_back(kept);
      if (on_output) on_output(out, u);
    });
    result.solver += r.solver;
    if (!r.completed) {
      result.failure = "step '" + stage.name + "': " + r.failure;
      break;
    }
  }
  result.completed = result.failure.empty();
  result.u = driver.displacement();
  result.residual = driver.residual();
  result.linear_solver = driver.linear_solver_name();
  if (result.completed && !def.steps.empty()) probe("after '" + def.steps.back().name + "'");
  return result;
}

}  // namespace sinew::simulation
