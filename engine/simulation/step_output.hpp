// What a simulation reports as it goes: one record per reported load increment (the step's
// solver record and the reaction sums of the model's output sets) and one row of tissue metrics
// per probed state. The results writers and the CLI tables consume these.
#pragma once

#include <map>
#include <string>

#include "solver/load_stepper.hpp"
#include "tissue/metrics.hpp"

namespace sinew::fem {
class MechanicsProblem;
}

namespace sinew::simulation {

struct StepOutput {
  std::string step;
  solver::StepRecord record;
  std::map<std::string, Vec3> reactions;  ///< per output.reaction_sets, N
  /// The run's problem, for post-processing the state (point stresses); valid only during the
  /// observer's call, null in outputs kept afterwards.
  const fem::MechanicsProblem* problem = nullptr;
};

/// Tissue metrics of one state ("initial", or after a step).
struct MetricsRow {
  std::string label;
  tissue::MetricValues values;
};

}  // namespace sinew::simulation
