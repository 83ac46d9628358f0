// The comparison table printed after a study: one row per arm, the change of each metric from
// before the first session to after the last, with units; then the evidence notes of the
// interventions used.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "io/study_summary.hpp"

namespace sinew::tools {

void print_comparison_table(std::FILE* out, const std::vector<io::ArmSummary>& arms,
                            const std::vector<std::string>& metrics);

}  // namespace sinew::tools
