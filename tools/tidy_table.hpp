// The tidy (long) table of a study results file: one row per arm × probe × metric, with the
// arm's sweep values as columns, as `sinew export --csv` writes it and tools/sinew_results.py
// reads it (docs/results-schema.md, "Tidy export").
#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "io/study_summary.hpp"

namespace sinew::tools {

struct TidyTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  ///< one cell per column, as text
};

/// The sweep values of an arm from its `sweep` attribute (a flat JSON object of numbers, as the
/// study runner writes it), in the object's order; a value that is not a number is kept as text.
std::vector<std::pair<std::string, std::string>> sweep_values(const std::string& json);

/// Columns: arm, base_arm, one per sweep parameter (in order of first appearance), session_index,
/// session, stage, time, metric, unit, value, status. `value` is empty where the metric does not
/// apply (NaN) and for every arm that did not complete; an arm without probes gets one row per
/// metric with empty session, stage and time. Numbers are the shortest text that reads back to
/// the same double.
TidyTable tidy_table(const std::vector<io::ArmSummary>& arms);

/// RFC 4180 CSV: a header line, then the rows; a cell holding a comma, quote or line break is
/// quoted.
void write_csv(std::FILE* out, const TidyTable& table);

}  // namespace sinew::tools
