// The tissue-metrics table `sinew solve` prints (one row per metric with its unit, one column per
// probed state) and stores in its results file (/metrics, docs/results-schema.md).
#pragma once

#include <cstdio>
#include <vector>

#include "io/results_writer.hpp"
#include "simulation/run_model.hpp"

namespace sinew::tools {

void print_metrics_table(std::FILE* out, const std::vector<simulation::MetricsRow>& rows);

/// The printed table as the columns of /metrics: one dataset per metric (NaN: does not apply),
/// `stage` (the probed state: "initial", "after '<step>'") and `time` (s), one row per probe.
std::vector<io::TableColumn> metrics_table_columns(const simulation::RunResult& result);

}  // namespace sinew::tools
