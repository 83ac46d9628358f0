// Runs a loaded model through its steps: Newton with load stepping, and the per-step outputs
// `sinew solve` reports (reaction force sums, iteration records, the displacement field).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/model_definition.hpp"
#include "tissue/metrics.hpp"

namespace sinew::fem {
class MechanicsProblem;
}

namespace sinew::model {

struct StepOutput {
  std::string step;
  solver::StepRecord record;
  std::map<std::string, Vec3> reactions;  ///< per output.reaction_sets, N
  /// The run's problem, for post-processing the state (point stresses); valid only during the
  /// on_output call, null in outputs kept afterwards.
  const fem::MechanicsProblem* problem = nullptr;
};

/// Tissue metrics of one state ("initial", or after a step).
struct MetricsRow {
  std::string label;
  tissue::MetricValues values;
};

struct RunResult {
  bool completed = false;
  std::string failure;
  std::vector<StepOutput> outputs;  ///< one per nominal increment
  VecX u;                           ///< final displacement (mm), dof 3 node + component
  VecX residual;                    ///< final residual: reactions at supported dofs (N)
  std::string linear_solver;
  /// Tissue models: metrics of the initial state and after the last step (probes on copies).
  std::vector<MetricsRow> metrics;
};

RunResult run_model(ModelDefinition& def, const solver::LinearSolverRegistry& linear_solvers,
                    const LogSink& log = {},
                    const std::function<void(const StepOutput&, const VecX&)>& on_output = {});

}  // namespace sinew::model
