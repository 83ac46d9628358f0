// Metric charts (see metric_charts.hpp).
#include "metric_charts.hpp"

#include "chart_style.hpp"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkPlot.h>
#include <vtkPlotBar.h>
#include <vtkPlotPoints.h>
#include <vtkSmartPointer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sinew::viz {
namespace {

template <class T>
using Ptr = vtkSmartPointer<T>;

const Metric* find_metric(const ArmSummary& arm, const std::string& name) {
  for (const auto& m : arm.metrics)
    if (m.name == name) return &m;
  return nullptr;
}

bool has_finite(const std::vector<const ArmSummary*>& arms, const std::string& name) {
  for (const ArmSummary* a : arms)
    if (const Metric* m = find_metric(*a, name))
      for (double v : m->values)
        if (std::isfinite(v)) return true;
  return false;
}

// The longest probe list of the arms labels the x axis.
std::vector<std::string> study_probe_labels(const std::vector<const ArmSummary*>& arms) {
  std::vector<std::string> best;
  for (const ArmSummary* a : arms) {
    auto labels = probe_labels(*a);
    if (labels.size() > best.size()) best = std::move(labels);
  }
  return best;
}

void draw_lines(const std::vector<const ArmSummary*>& arms, const MetricColumn& metric,
                const std::filesystem::path& out, int width, int height) {
  auto view = make_chart_view(width, height);
  auto chart = Ptr<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  style_chart(chart, metric.name + " along the study", height);
  int series = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const ArmSummary* a : arms) {
    const Metric* m = find_metric(*a, metric.name);
    if (!m || m->values.empty()) continue;
    int finite = 0;
    for (double v : m->values)
      if (std::isfinite(v)) {
        ++finite;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    auto table = Ptr<vtkTable>::New();
    auto x = Ptr<vtkDoubleArray>::New();
    x->SetName("probe");
    auto y = Ptr<vtkDoubleArray>::New();
    y->SetName(a->name.c_str());
    for (std::size_t i = 0; i < m->values.size(); ++i) {
      x->InsertNextValue(double(i));
      y->InsertNextValue(m->values[i]);
    }
    table->AddColumn(x);
    table->AddColumn(y);
    // A single value cannot make a line: markers only.
    vtkPlot* line = chart->AddPlot(finite >= 2 ? vtkChart::LINE : vtkChart::POINTS);
    line->SetInputData(table, 0, 1);
    line->SetLabel(a->name);
    const vtkColor3ub c = series_colour(series++);
    line->SetColor(c.GetRed(), c.GetGreen(), c.GetBlue(), 255);
    line->SetWidth(2.5);
    if (auto* points = vtkPlotPoints::SafeDownCast(line)) {
      points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
      points->SetMarkerSize(8);
    }
  }
  legend_beside(chart, height);
  label_bottom_axis(chart, study_probe_labels(arms), "probe (session, before/after)");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(axis_title(metric));
  pad_left_axis(chart, lo, hi);
  write_chart(view, out);
}

void draw_changes(const std::vector<const ArmSummary*>& arms, const MetricColumn& metric,
                  const std::filesystem::path& out, int width, int height) {
  auto view = make_chart_view(width, height);
  auto chart = Ptr<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  style_chart(chart, metric.name + ": change (last after - first before)", height);
  auto table = Ptr<vtkTable>::New();
  auto x = Ptr<vtkDoubleArray>::New();
  x->SetName("arm");
  auto y = Ptr<vtkDoubleArray>::New();
  y->SetName("change");
  std::vector<std::string> labels;
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const double d = metric_change(*arms[i], metric.name);
    labels.push_back(arms[i]->name + (std::isfinite(d) ? "" : " (n/a)"));
    if (std::isfinite(d)) {  // n/a arms: a labelled tick without a bar (not a bar of 0)
      x->InsertNextValue(double(i));
      y->InsertNextValue(d);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  table->AddColumn(x);
  table->AddColumn(y);
  if (x->GetNumberOfTuples() > 0) {  // every arm n/a: ticks only
    vtkPlot* bars = chart->AddPlot(vtkChart::BAR);
    bars->SetInputData(table, 0, 1);
    bars->SetColor(0, 114, 178, 255);
    bars->SetLabel("change");
    chart->SetBarWidthFraction(0.6f);
  }
  label_bottom_axis(chart, labels, "arm");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle("change of " + axis_title(metric));
  pad_left_axis(chart, lo, hi);
  write_chart(view, out);
}

}  // namespace

std::vector<MetricColumn> metric_columns(const std::vector<const ArmSummary*>& arms) {
  std::vector<MetricColumn> out;
  for (const ArmSummary* a : arms)
    for (const auto& m : a->metrics)
      if (std::none_of(out.begin(), out.end(),
                       [&](const MetricColumn& c) { return c.name == m.name; }))
        out.push_back({m.name, m.units, m.description});
  return out;
}

std::string axis_title(const MetricColumn& m) {
  return m.name + " (" + (m.units.empty() ? std::string("?") : m.units) + ")";
}

bool arm_failed(const ArmSummary& arm) {
  return arm.status == "failed" || arm.status == "interrupted";
}

MetricEnds metric_ends(const ArmSummary& arm, const std::string& metric) {
  const double nan = std::nan("");
  const Metric* m = find_metric(arm, metric);
  if (arm_failed(arm) || !m || m->values.empty()) return {nan, nan};
  const auto& stage = arm.probes.stage;
  std::size_t first = 0, last = m->values.size() - 1;
  const auto before = std::find(stage.begin(), stage.end(), "before");
  const auto after = std::find(stage.rbegin(), stage.rend(), "after");
  if (before != stage.end()) first = std::size_t(before - stage.begin());
  if (after != stage.rend()) last = std::size_t(stage.rend() - after) - 1;
  if (first >= m->values.size() || last >= m->values.size()) return {nan, nan};
  return {m->values[first], m->values[last]};
}

double metric_change(const ArmSummary& arm, const std::string& metric) {
  const MetricEnds e = metric_ends(arm, metric);  // NaN - x is NaN: n/a stays n/a
  return e.after - e.before;
}

std::vector<std::string> probe_labels(const ArmSummary& arm) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arm.probes.size(); ++i) {
    std::string name = arm.probes.session_name[i];
    if (name.empty() && arm.probes.session_index[i] >= 0)
      name = "session " + std::to_string(arm.probes.session_index[i]);
    out.push_back(name + " " + arm.probes.stage[i]);
  }
  return out;
}

std::vector<MetricCharts> render_metric_charts(const std::vector<const ArmSummary*>& arms,
                                               const std::filesystem::path& dir, int width,
                                               int height) {
  std::vector<MetricCharts> out;
  for (const MetricColumn& metric : metric_columns(arms)) {
    MetricCharts charts{metric, "", "", ""};
    if (!has_finite(arms, metric.name)) {
      charts.note = "no values (not applicable or not available in these arms)";
    } else {
      charts.line_png = "metric_" + file_safe_name(metric.name) + ".png";
      charts.change_png = "change_" + file_safe_name(metric.name) + ".png";
      draw_lines(arms, metric, dir / charts.line_png, width, height);
      draw_changes(arms, metric, dir / charts.change_png, width, height);
    }
    out.push_back(std::move(charts));
  }
  return out;
}

}  // namespace sinew::viz
