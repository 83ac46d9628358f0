// Charts of each metric's change against each swept parameter, one line per base arm (the arm
// of the study file before sweep expansion), so a sweep reads as a dose-response curve.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "metric_charts.hpp"
#include "study_reader.hpp"

namespace sinew::viz {

/// An arm's sweep values from its `sweep` attribute (a JSON object of numbers, "{}" without a
/// sweep; docs/results-schema.md). Throws std::runtime_error on text it cannot read.
std::map<std::string, double> parse_sweep(const std::string& json);

/// The arm it was expanded from: the `base_arm` attribute, else the name before "--".
std::string base_arm_of(const ArmSummary& arm);

/// Parameters that take at least two distinct values over the arms, in order of appearance.
std::vector<std::string> swept_parameters(const std::vector<const ArmSummary*>& arms);

/// One line (or set of markers) of a sweep chart.
struct SweepSeries {
  std::string label;          ///< base arm, plus the other parameters' values if they vary
  std::vector<double> x, y;   ///< parameter value and metric change, sorted by x
  bool markers_only = false;  ///< Latin-hypercube points: no line through them
};

/// Series of the change of `metric` against `parameter`; failed arms (n/a) are left out.
std::vector<SweepSeries> sweep_series(const std::vector<const ArmSummary*>& arms,
                                      const std::string& metric, const std::string& parameter);

struct SweepChart {
  MetricColumn metric;
  std::string parameter;
  std::string png;   ///< file name relative to the output folder; "" if not drawn
  std::string note;  ///< why it is not drawn
};

/// Draws `sweep_<metric>_<parameter>.png` for every metric and swept parameter with a finite
/// value. Needs an X display. Throws std::runtime_error on failure.
std::vector<SweepChart> render_sweep_charts(const std::vector<const ArmSummary*>& arms,
                                            const std::filesystem::path& dir, int width,
                                            int height);

}  // namespace sinew::viz
