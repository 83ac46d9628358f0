// Summary section of the report (see html_summary.hpp).
#include "html_summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "selection.hpp"

namespace sinew::viz {
namespace {

std::string signed_number(double v) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.4g", v);
  return buf;
}

// "before → after" and "Δ +c (+p %)" of one metric of one arm, or n/a.
std::string change_cell(const ArmSummary& a, const MetricColumn& c) {
  if (arm_failed(a)) return "<td class=na title=\"the arm " + html_escape(a.status) + "\">n/a</td>";
  const MetricEnds e = metric_ends(a, c.name);
  const double d = e.after - e.before;
  if (!std::isfinite(d)) return "<td class=na>n/a</td>";
  std::string pct;
  if (e.before != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " (%+.1f %%)", 100.0 * d / std::abs(e.before));
    pct = buf;
  }
  return "<td>" + html_number(e.before) + " &rarr; " + html_number(e.after) +
         "<br><span class=change>&Delta; " + signed_number(d) + pct + "</span></td>";
}

// A name that may wrap only after "--", '_' or '.' (arm names, metric names, key paths), so
// table columns stay as narrow as their words.
std::string breakable_name(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    out += html_escape(name.substr(i, 1));
    const bool after_dashes = name[i] == '-' && i > 0 && name[i - 1] == '-';
    if (after_dashes || name[i] == '_' || name[i] == '.') out += "<wbr>";
  }
  return out;
}

std::string status_cell(const ArmSummary& a) {
  const std::string status = a.status.empty() ? "(unknown)" : a.status;
  std::string cell = "<td class=\"text " + html_escape(a.status) + "\">" + html_escape(status);
  if (!a.failure_reason.empty())
    cell += "<div class=reason>" + html_escape(a.failure_reason) + "</div>";
  return cell + "</td>";
}

void comparison_table(std::ostream& os, const ReportInput& in,
                      const std::vector<MetricColumn>& cols) {
  std::vector<const ArmSummary*> all;
  for (const auto& a : in.study->arms) all.push_back(&a);
  const auto parameters = swept_parameters(all);
  os << "<div class=scroll><table class=comparison>\n<tr><th class=text>arm</th>"
        "<th class=text>status</th><th class=text>steps</th>";
  for (const auto& p : parameters)
    os << "<th class=text title=\"" << html_escape(p) << "\">" << breakable_name(p) << "</th>";
  for (const auto& c : cols)
    os << "<th title=\"" << html_escape(c.description) << "\">" << breakable_name(c.name) << " ["
       << html_escape(units_of(c)) << "]</th>";
  os << "</tr>\n";
  for (const ArmSummary* a : all) {
    os << "<tr><td class=\"text arm\"><a href=\"#arm-" << html_escape(a->name) << "\">"
       << breakable_name(a->name) << "</a></td>" << status_cell(*a) << "<td class=text>"
       << html_escape(steps_text(*a)) << "</td>";
    const auto sweep = parse_sweep(a->sweep);
    for (const auto& p : parameters) {
      const auto it = sweep.find(p);
      os << "<td>" << (it == sweep.end() ? std::string("&ndash;") : html_number(it->second))
         << "</td>";
    }
    for (const auto& c : cols) os << change_cell(*a, c);
    os << "</tr>\n";
  }
  os << "</table></div>\n<p class=note>Each metric: value before the first session &rarr; value "
        "after the last, and the change &Delta; (percent of the value before). n/a: the arm "
        "failed or was interrupted, or the metric has no value there; it is never shown as "
        "0.</p>\n";
}

struct Evidence {
  std::string grade, text;
  std::vector<std::string> arms;
};

void evidence_notes(std::ostream& os, const ReportInput& in) {
  std::map<std::string, Evidence> notes;
  for (const auto& a : in.study->arms)
    for (const Session& s : a.sessions) {
      if (s.intervention.empty()) continue;
      Evidence& e = notes[s.intervention];
      if (e.text.empty()) e = {s.evidence_grade, s.evidence, {}};
      const std::string base = base_arm_of(a);
      if (e.arms.empty() || e.arms.back() != base) e.arms.push_back(base);
    }
  os << "<aside class=evidence><h3>Evidence notes</h3>\n";
  if (notes.empty()) os << "<p class=note>No sessions stored.</p>\n";
  for (const auto& [intervention, e] : notes) {
    std::string arms;
    for (const auto& a : e.arms) arms.append(arms.empty() ? "" : ", ").append(a);
    os << "<div class=evidence-item><b>" << html_escape(intervention) << "</b>"
       << (e.grade.empty() ? "" : " <span class=grade>grade " + html_escape(e.grade) + "</span>")
       << "<p>" << html_escape(e.text.empty() ? "(no note stored)" : e.text)
       << "</p><p class=note>arms: " << html_escape(arms) << "</p></div>\n";
  }
  os << "</aside>\n";
}

void figure(std::ostream& os, const std::string& png, const std::string& caption) {
  os << "<figure><img src=\"" << html_escape(png) << "\" alt=\"" << html_escape(caption)
     << "\"><figcaption>" << html_escape(caption) << "</figcaption></figure>\n";
}

void change_charts(std::ostream& os, const ReportInput& in) {
  os << "<h3>Change by arm</h3>\n<div class=charts>\n";
  for (const auto& c : in.charts) {
    if (c.change_png.empty())
      os << "<p class=note>" << html_escape(c.metric.name) << ": " << html_escape(c.note)
         << "</p>\n";
    else
      figure(os, c.change_png, "change of " + c.metric.name + " [" + units_of(c.metric) + "]");
  }
  os << "</div>\n";
}

void sweep_charts(std::ostream& os, const ReportInput& in) {
  os << "<h3>Against the swept parameters</h3>\n";
  if (in.sweeps.empty()) {
    os << "<p class=note>No parameter takes two or more values in the selected arms (no "
          "sweep).</p>\n";
    return;
  }
  os << "<p class=note>One line per arm of the study file (before sweep expansion); failed "
        "arms are left out (n/a).</p>\n<div class=charts>\n";
  for (const auto& s : in.sweeps) {
    const std::string what = "change of " + s.metric.name + " against " + s.parameter;
    if (s.png.empty())
      os << "<p class=note>" << html_escape(what) << ": " << html_escape(s.note) << "</p>\n";
    else
      figure(os, s.png, what);
  }
  os << "</div>\n";
}

}  // namespace

void write_summary_section(std::ostream& os, const ReportInput& in) {
  std::vector<const ArmSummary*> all;
  for (const auto& a : in.study->arms) all.push_back(&a);
  const std::vector<MetricColumn> cols = metric_columns(all);
  os << "<section id=summary>\n<h2>Summary</h2>\n<div class=summary-grid>\n<div>\n";
  comparison_table(os, in, cols);
  os << "</div>\n";
  evidence_notes(os, in);
  os << "</div>\n";
  change_charts(os, in);
  sweep_charts(os, in);
  os << "</section>\n";
}

}  // namespace sinew::viz
