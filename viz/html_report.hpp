// The index.html of a sinew-viz report: the summary first (comparison table, evidence notes,
// change and sweep charts; html_summary.hpp), then provenance, the metrics along the study and
// one section per arm (status, failure, picture, metrics and sessions). Plain HTML with inline
// CSS, no script; images are linked by relative file names.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "metric_charts.hpp"
#include "study_reader.hpp"
#include "sweep_charts.hpp"

namespace sinew::viz {

/// What the report shows of one arm besides its summary.
struct ArmReport {
  bool selected = false;     ///< chosen with --arm (or all)
  std::string picture;       ///< PNG file name relative to the report folder; "" if none
  std::string picture_note;  ///< what the picture shows, or why there is none
};

struct ReportInput {
  std::filesystem::path results;  ///< the study file
  std::string field;              ///< the --field value
  std::string field_label;        ///< e.g. "von Mises Cauchy stress"
  std::string colour_range;       ///< e.g. "0 to 0.12 [1], the same for every arm"
  std::string view;               ///< camera description
  const StudySummary* study = nullptr;
  std::map<std::string, ArmReport> arms;  ///< by arm name
  std::vector<MetricCharts> charts;
  std::vector<SweepChart> sweeps;
};

/// Writes the report to `out` (index.html). Throws std::runtime_error if it cannot.
void write_html_report(const ReportInput& input, const std::filesystem::path& out);

/// `text` with & < > " escaped.
std::string html_escape(const std::string& text);

/// A number with 6 significant digits; "n/a" if it is not finite.
std::string html_number(double v);

/// "units", or "?" when the file gives none.
std::string units_of(const MetricColumn& m);

}  // namespace sinew::viz
