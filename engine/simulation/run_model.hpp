// `sinew solve`: a model file's steps as one session of stages on the session driver, with the
// tissue metrics of the initial state and after the last step.
#pragma once

#include <vector>

#include "model/model_definition.hpp"
#include "simulation/session_driver.hpp"

namespace sinew::simulation {

struct RunResult {
  bool completed = false;
  std::string failure;
  std::vector<StepOutput> outputs;  ///< one per nominal increment
  VecX u;                           ///< final displacement (mm), dof 3 node + component
  VecX residual;                    ///< final residual: reactions at supported dofs (N)
  std::string linear_solver;
  solver::SolverTotals solver;  ///< the solver's effort over every step (probes not included)
  /// Tissue models: metrics of the initial state and after the last step (probes on copies).
  std::vector<MetricsRow> metrics;
};

/// The stages of a model file: one per step, all on the model's own boundary conditions.
std::vector<Stage> model_steps(const model::ModelDefinition& def);

RunResult run_model(const model::ModelDefinition& def,
                    const solver::LinearSolverRegistry& linear_solvers, const LogSink& log = {},
                    const StepObserver& on_output = {});

}  // namespace sinew::simulation
