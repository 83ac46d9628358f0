// Printing of the tissue-metrics table.
#include "metrics_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace sinew::tools {

void print_metrics_table(std::FILE* out, const std::vector<simulation::MetricsRow>& rows) {
  if (rows.empty()) return;
  const auto& table = tissue::metric_table();
  size_t width = 12, name_width = 26;
  for (const auto& row : rows) width = std::max(width, row.label.size());
  for (const auto& m : table) name_width = std::max(name_width, m.name.size());
  const int nw = static_cast<int>(name_width);
  std::fprintf(out, "\n%-*s %-6s", nw, "metric", "unit");
  for (const auto& row : rows)
    std::fprintf(out, " %*s", static_cast<int>(width), row.label.c_str());
  std::fprintf(out, "\n");
  for (int m = 0; m < tissue::kMetricCount; ++m) {
    std::fprintf(out, "%-*s %-6s", nw, std::string(table[m].name).c_str(),
                 std::string(table[m].unit).c_str());
    for (const auto& row : rows) {
      const Real v = row.values[m];
      if (std::isnan(v))
        std::fprintf(out, " %*s", static_cast<int>(width), "-");
      else
        std::fprintf(out, " %*.5g", static_cast<int>(width), v);
    }
    std::fprintf(out, "\n");
  }
  std::fprintf(
      out, "(- = does not apply: no scar, or no bed/interface; definitions in docs/metrics.md)\n");
}

std::vector<io::TableColumn> metrics_table_columns(const simulation::RunResult& result) {
  const auto& table = tissue::metric_table();
  std::vector<io::TableColumn> columns;
  for (int m = 0; m < tissue::kMetricCount; ++m) {
    std::vector<double> values;
    for (const auto& row : result.metrics) values.push_back(row.values[m]);
    columns.push_back({std::string(table[m].name), std::string(table[m].unit),
                       std::string(table[m].description), values});
  }
  // The first probe is of the initial state (t = 0), the second after the last step.
  std::vector<std::string> stage;
  std::vector<double> time;
  for (const auto& row : result.metrics) {
    stage.push_back(row.label);
    time.push_back(time.empty() || result.outputs.empty() ? 0.0 : result.outputs.back().record.t);
  }
  columns.push_back({"stage", "1", "the probed state: 'initial' or after the last step", stage});
  columns.push_back({"time", "s", "model time of the probed state", time});
  return columns;
}

}  // namespace sinew::tools
