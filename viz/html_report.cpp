// index.html writer (see html_report.hpp).
#include "html_report.hpp"

#include "html_summary.hpp"
#include "selection.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sinew::viz {
namespace {

constexpr const char* kStyle = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 1400px; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: right; vertical-align: top; }
th { background: #eee; } td.text, th.text { text-align: left; } td.text { overflow-wrap: break-word; }
.scroll { max-width: 100%; overflow-x: auto; }
.failed, .interrupted { color: #b00; font-weight: bold; } .completed { color: #070; font-weight: bold; }
.reason { font-weight: normal; font-size: 0.9em; color: #444; min-width: 12em; }
td.na { color: #b00; font-style: italic; } .change { color: #444; white-space: nowrap; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; margin: 0.3em 0; }
figure { margin: 0; } figcaption { font-size: 0.85em; color: #555; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1em; }
.summary-grid { display: grid; grid-template-columns: minmax(0, 1fr) 19em; gap: 1.5em; }
@media (max-width: 900px) { .summary-grid { grid-template-columns: minmax(0, 1fr); } }
.evidence { background: #f7f7f2; border: 1px solid #ddd; padding: 0 1em; font-size: 0.9em; }
.evidence-item { margin: 0.8em 0; } .grade { background: #e4e4d8; padding: 0 0.4em; }
.note { color: #555; font-style: italic; } pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }
)";

}  // namespace

std::string html_number(double v) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string units_of(const MetricColumn& m) { return m.units.empty() ? "?" : m.units; }

namespace {

void provenance(std::ostream& os, const ReportInput& in) {
  const StudySummary& s = *in.study;
  os << "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    os << "<tr><th class=text>" << html_escape(k) << "</th><td class=text>" << html_escape(v)
       << "</td></tr>\n";
  };
  row("results file", in.results.string());
  row("scenario file", s.attribute("scenario_file"));
  row("sinew version", s.attribute("sinew_version"));
  row("study status", s.attribute("status"));
  row("start time (UTC)", s.attribute("start_time"));
  row("end time (UTC)", s.attribute("end_time"));
  row("host", s.attribute("host"));
  row("command line", s.attribute("command_line"));
  row("field shown", in.field + " (" + in.field_label + ")");
  row("colour range", in.colour_range);
  row("camera", in.view);
  os << "</table>\n";
}

void metrics_table(std::ostream& os, const ArmSummary& a, const std::vector<MetricColumn>& cols) {
  if (a.metrics.empty()) {
    os << "<p class=note>No metrics stored for this arm.</p>\n";
    return;
  }
  os << "<div class=scroll><table><tr><th>probe</th><th class=text>session</th><th class=text>stage</th>"
        "<th>time [s]</th>";
  for (const auto& c : cols)
    os << "<th title=\"" << html_escape(c.description) << "\">" << html_escape(c.name) << " ["
       << html_escape(units_of(c)) << "]</th>";
  os << "</tr>\n";
  for (std::size_t p = 0; p < a.probes.size(); ++p) {
    os << "<tr><td>" << p << "</td><td class=text>" << html_escape(a.probes.session_name[p])
       << "</td><td class=text>" << html_escape(a.probes.stage[p]) << "</td><td>"
       << html_number(a.probes.time[p]) << "</td>";
    for (const auto& c : cols) {
      double v = std::nan("");
      for (const auto& m : a.metrics)
        if (m.name == c.name && p < m.values.size()) v = m.values[p];
      os << "<td>" << html_number(v) << "</td>";
    }
    os << "</tr>\n";
  }
  os << "<tr><th colspan=4 class=text>change (last after &minus; first before)</th>";
  for (const auto& c : cols) os << "<th>" << html_number(metric_change(a, c.name)) << "</th>";
  os << "</tr>\n</table></div>\n";
}

void sessions_table(std::ostream& os, const ArmSummary& a) {
  if (a.sessions.empty()) return;
  os << "<div class=scroll><table><tr><th>#</th><th class=text>session</th><th class=text>intervention</th>"
        "<th>load cases</th><th>cycles</th><th>first step</th><th>steps</th>"
        "<th class=text>evidence</th><th class=text>grade</th></tr>\n";
  for (std::size_t i = 0; i < a.sessions.size(); ++i) {
    const Session& s = a.sessions[i];
    os << "<tr><td>" << i << "</td><td class=text>" << html_escape(s.name) << "</td><td class=text>"
       << html_escape(s.intervention) << "</td><td>" << s.load_cases << "</td><td>" << s.cycles
       << "</td><td>" << s.first_step << "</td><td>" << s.step_count << "</td><td class=text>"
       << html_escape(s.evidence) << "</td><td class=text>" << html_escape(s.evidence_grade)
       << "</td></tr>\n";
  }
  os << "</table></div>\n";
}

void arm_section(std::ostream& os, const ArmSummary& a, const ArmReport& r,
                 const std::vector<MetricColumn>& cols) {
  os << "<h2 id=\"arm-" << html_escape(a.name) << "\">Arm " << html_escape(a.name) << "</h2>\n";
  os << "<table>";
  os << "<tr><th class=text>status</th><td class=\"text " << html_escape(a.status) << "\">"
     << html_escape(a.status.empty() ? "(unknown)" : a.status) << "</td></tr>\n";
  os << "<tr><th class=text>failure reason</th><td class=text>"
     << html_escape(a.failure_reason.empty() ? "-" : a.failure_reason) << "</td></tr>\n";
  os << "<tr><th class=text>reported steps</th><td class=text>" << html_escape(steps_text(a))
     << "</td></tr>\n";
  os << "<tr><th class=text>spec hash</th><td class=text>" << html_escape(a.spec_hash)
     << "</td></tr>\n";
  os << "<tr><th class=text>sweep</th><td class=text>" << html_escape(a.sweep) << "</td></tr>\n";
  os << "</table>\n";
  if (!r.selected) {
    os << "<p class=note>Not selected (--arm): no picture, not in the charts.</p>\n";
  } else if (!r.picture.empty()) {
    os << "<p>" << html_escape(r.picture_note) << "</p>\n<img src=\"" << html_escape(r.picture)
       << "\" alt=\"" << html_escape(a.name) << "\">\n";
  } else {
    os << "<p class=note>No picture: " << html_escape(r.picture_note) << "</p>\n";
  }
  os << "<h3>Metrics</h3>\n";
  metrics_table(os, a, cols);
  os << "<h3>Sessions</h3>\n";
  sessions_table(os, a);
  if (!a.arm_spec.empty())
    os << "<details><summary>arm specification</summary><pre>" << html_escape(a.arm_spec)
       << "</pre></details>\n";
}

void along_study_section(std::ostream& os, const std::vector<MetricCharts>& charts) {
  os << "<h2>Metrics along the study</h2>\n<p>Each metric at every probe (before and after each "
        "session), one line per selected arm.</p>\n<div class=charts>\n";
  for (const auto& c : charts) {
    const std::string what = c.metric.name + " [" + units_of(c.metric) + "]";
    if (c.line_png.empty()) {
      os << "<p class=note>" << html_escape(what) << ": " << html_escape(c.note) << "</p>\n";
      continue;
    }
    os << "<figure><img src=\"" << html_escape(c.line_png) << "\" alt=\""
       << html_escape(c.metric.name) << "\"><figcaption>" << html_escape(what) << ": "
       << html_escape(c.metric.description) << "</figcaption></figure>\n";
  }
  os << "</div>\n";
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void write_html_report(const ReportInput& in, const std::filesystem::path& out) {
  if (!in.study) throw std::runtime_error("write_html_report: no study");
  std::vector<const ArmSummary*> all;
  for (const auto& a : in.study->arms) all.push_back(&a);
  const std::vector<MetricColumn> cols = metric_columns(all);

  std::ostringstream os;
  const std::string title = "Sinew study: " + in.results.filename().string();
  os << "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=\"utf-8\">\n<title>"
     << html_escape(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  os << "<h1>" << html_escape(title) << "</h1>\n";
  write_summary_section(os, in);
  os << "<h2>Provenance</h2>\n";
  provenance(os, in);
  along_study_section(os, in.charts);
  os << "<section id=arms>\n";
  for (const auto& a : in.study->arms) {
    const auto it = in.arms.find(a.name);
    arm_section(os, a, it == in.arms.end() ? ArmReport{} : it->second, cols);
  }
  os << "</section>\n";
  const std::string scenario = in.study->attribute("scenario_text");
  if (!scenario.empty())
    os << "<h2>Scenario</h2>\n<details><summary>scenario file text</summary><pre>"
       << html_escape(scenario) << "</pre></details>\n";
  os << "</body>\n</html>\n";

  std::ofstream file(out);
  file << os.str();
  if (!file) throw std::runtime_error("cannot write " + out.string());
}

}  // namespace sinew::viz
