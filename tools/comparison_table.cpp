// Formatting of the study comparison table.
#include "comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "metric_change.hpp"
#include "tissue/metrics.hpp"

namespace sinew::tools {

namespace {

std::string number(double v) {
  if (std::isnan(v)) return "n/a";
  return fmt::format("{:.4g}", v);
}

// The metric's resolution (tissue::metric_table); 0 for a name the table does not know.
double resolution_of(const std::string& metric) {
  for (const auto& m : tissue::metric_table())
    if (m.name == metric) return m.resolution;
  return 0.0;
}

}  // namespace

void print_comparison_table(std::FILE* out, const std::vector<io::ArmSummary>& arms,
                            const std::vector<std::string>& metrics) {
  size_t name_width = 4;
  for (const auto& a : arms) name_width = std::max(name_width, a.name.size());
  fmt::print(
      out,
      "\nComparison: each metric before the first session -> after the last (change; no\n"
      "percentage where the first value is within the metric's resolution, docs/metrics.md)\n");
  for (const auto& metric : metrics) {
    std::string unit;
    for (const auto& a : arms)
      for (size_t m = 0; m < a.metric_names.size(); ++m)
        if (a.metric_names[m] == metric) unit = a.metric_units[m];
    fmt::print(out, "\n{} [{}]\n", metric, unit);
    const double resolution = resolution_of(metric);
    for (const auto& a : arms) {
      const auto it = std::find(a.metric_names.begin(), a.metric_names.end(), metric);
      std::string cells = a.status == "completed" ? "" : "  [" + a.status + "]";
      if (it != a.metric_names.end()) {
        const auto& v = a.values[static_cast<size_t>(it - a.metric_names.begin())];
        // An arm that did not complete has no "after": its last probe is a state before the
        // failure, and a change computed from it would read as "no effect".
        const bool done = a.status == "completed";
        if (!v.empty())
          cells = fmt::format("{:>10} -> {:>10}  {}", number(v.front()),
                              done ? number(v.back()) : "n/a",
                              done ? format_change(v.front(), v.back(), resolution) : "n/a") +
                  cells;
      }
      fmt::print(out, "  {:<{}}  {}\n", a.name, name_width, cells);
    }
  }
  std::map<std::string, std::pair<std::string, std::string>> evidence;
  for (const auto& a : arms)
    for (size_t s = 0; s < a.session_interventions.size(); ++s)
      if (s < a.session_grades.size() && s < a.session_evidence.size())
        evidence[a.session_interventions[s]] = {a.session_grades[s], a.session_evidence[s]};
  for (const auto& a : arms)
    if (a.status != "completed") fmt::print(out, "\narm {} {}: {}\n", a.name, a.status, a.failure);
  fmt::print(out,
             "\nSinew compares mechanical hypotheses under stated assumptions, not cure rates.\n"
             "Clinical evidence behind each intervention (docs/interventions.md):\n");
  for (const auto& [name, e] : evidence)
    fmt::print(out, "  {} [{}]: {}\n", name, e.first, e.second);
}

}  // namespace sinew::tools
