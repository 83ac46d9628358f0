// Printing of the tissue-metrics table.
#include "metrics_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace sinew::tools {

void print_metrics_table(std::FILE* out, const std::vector<simulation::MetricsRow>& rows) {
  if (rows.empty()) return;
  const auto& table = tissue::metric_table();
  size_t width = 12;
  for (const auto& row : rows) width = std::max(width, row.label.size());
  std::fprintf(out, "\n%-26s %-6s", "metric", "unit");
  for (const auto& row : rows)
    std::fprintf(out, " %*s", static_cast<int>(width), row.label.c_str());
  std::fprintf(out, "\n");
  for (int m = 0; m < tissue::kMetricCount; ++m) {
    std::fprintf(out, "%-26s %-6s", std::string(table[m].name).c_str(),
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

}  // namespace sinew::tools
