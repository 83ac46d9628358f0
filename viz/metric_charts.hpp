// Comparison charts of the arms' metrics (vtkChartXY in a vtkContextView, rendered off screen):
// per metric a line chart over the probes and a bar chart of the change per arm.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "study_reader.hpp"

namespace sinew::viz {

/// The metrics of the arms, by name in order of first appearance, with units and description.
struct MetricColumn {
  std::string name, units, description;
};
std::vector<MetricColumn> metric_columns(const std::vector<const ArmSummary*>& arms);

/// "name (units)" for an axis. Parentheses: the default VTK 9.1 font on Debian draws '[' and
/// ']' like '(' ')'.
std::string axis_title(const MetricColumn& m);

/// Whether the arm failed or was interrupted (its metrics do not reach the study's end).
bool arm_failed(const ArmSummary& arm);

/// Change of a metric over the study: the value at the last "after" probe minus the value at
/// the first "before" probe (without stages: last probe minus first). NaN if either is NaN,
/// the arm lacks the metric or the arm failed (n/a, never 0).
double metric_change(const ArmSummary& arm, const std::string& metric);

/// The two values metric_change subtracts (NaN where it is n/a).
struct MetricEnds {
  double before, after;
};
MetricEnds metric_ends(const ArmSummary& arm, const std::string& metric);

/// Probe labels of an arm: "<session> <stage>" per probe.
std::vector<std::string> probe_labels(const ArmSummary& arm);

/// The PNGs of one metric (file names relative to the output folder; empty if not drawn).
struct MetricCharts {
  MetricColumn metric;
  std::string line_png, change_png;
  std::string note;  ///< why a chart is missing
};

/// Draws, for every metric with at least one finite value, `metric_<name>.png` (x = probe index
/// labelled by session and stage, one line per arm, legend) and `change_<name>.png` (one bar
/// per arm: metric_change). Needs an X display. Throws std::runtime_error on failure.
std::vector<MetricCharts> render_metric_charts(const std::vector<const ArmSummary*>& arms,
                                               const std::filesystem::path& dir, int width,
                                               int height);

}  // namespace sinew::viz
