// The tissue-metrics table `sinew solve` prints: one row per metric with its unit, one column per
// probed state.
#pragma once

#include <cstdio>
#include <vector>

#include "simulation/run_model.hpp"

namespace sinew::tools {

void print_metrics_table(std::FILE* out, const std::vector<simulation::MetricsRow>& rows);

}  // namespace sinew::tools
