// What a run would refuse, found before it starts: every arm's load cases and probe boundary
// conditions are built on its model (without solving), so a patch with no bed under it or a
// missing role is reported by `sinew validate` in seconds instead of failing an arm after its
// probes have run.
#pragma once

#include <string>
#include <vector>

#include "scenario/study_spec.hpp"

namespace sinew::batch {

struct ArmCheckResult {
  std::vector<std::string> errors;  ///< "arm 'a', session 's', load case 'c': why; what to change"
  std::vector<std::string> notes;   ///< e.g. a stroke limited to the bed
};

/// Builds every load-case model and the probe models of every arm of `study`. Arms with the same
/// model (the `model.` lines of their canonical text) share one model build.
ArmCheckResult check_arms(const scenario::StudySpec& study,
                          const materials::MaterialRegistry& materials);

}  // namespace sinew::batch
