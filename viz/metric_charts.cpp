// Metric charts (see metric_charts.hpp).
#include "metric_charts.hpp"

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkColorSeries.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPNGWriter.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotBar.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

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

// Units in parentheses: the default VTK 9.1 font on Debian draws '[' and ']' like '(' ')'.
std::string axis_title(const MetricColumn& m) {
  return m.name + " (" + (m.units.empty() ? std::string("?") : m.units) + ")";
}

Ptr<vtkContextView> make_view(int width, int height) {
  auto view = Ptr<vtkContextView>::New();
  view->GetRenderer()->SetBackground(1, 1, 1);
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetMultiSamples(0);
  view->GetRenderWindow()->SetSize(width, height);
  return view;
}

void style_chart(vtkChartXY* chart, const std::string& title, int height) {
  chart->SetTitle(title);
  chart->GetTitleProperties()->SetFontSize(std::max(10, height / 40));
  chart->GetTitleProperties()->BoldOn();
  for (int a : {vtkAxis::LEFT, vtkAxis::BOTTOM}) {
    chart->GetAxis(a)->GetTitleProperties()->SetFontSize(std::max(9, height / 50));
    chart->GetAxis(a)->GetLabelProperties()->SetFontSize(std::max(8, height / 60));
  }
}

// Custom ticks 0..labels-1 with the given labels on the bottom axis.
void label_bottom_axis(vtkChartXY* chart, const std::vector<std::string>& labels,
                       const std::string& title) {
  auto positions = Ptr<vtkDoubleArray>::New();
  auto names = Ptr<vtkStringArray>::New();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    positions->InsertNextValue(double(i));
    names->InsertNextValue(labels[i]);
  }
  vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
  x->SetCustomTickPositions(positions, names);
  x->SetTitle(title);
  x->SetBehavior(vtkAxis::FIXED);
  x->SetRange(-0.5, double(labels.size()) - 0.5);
  if (labels.size() > 4) {
    x->GetLabelProperties()->SetOrientation(30);
    x->GetLabelProperties()->SetJustificationToRight();
  }
}

// Fixed left-axis range: [lo, hi] widened by 8 % each side (a flat range by 5 % of its value).
void pad_left_axis(vtkChartXY* chart, double lo, double hi) {
  if (!(lo <= hi)) return;
  double pad = 0.08 * (hi - lo);
  if (pad <= 0) pad = std::abs(hi) > 0 ? 0.05 * std::abs(hi) : 1.0;
  vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
  y->SetBehavior(vtkAxis::FIXED);
  y->SetRange(lo - pad, hi + pad);
}

void write_view(vtkContextView* view, const std::filesystem::path& out) {
  view->GetRenderWindow()->Render();
  auto grab = Ptr<vtkWindowToImageFilter>::New();
  grab->SetInput(view->GetRenderWindow());
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  auto writer = Ptr<vtkPNGWriter>::New();
  writer->SetFileName(out.string().c_str());
  writer->SetInputConnection(grab->GetOutputPort());
  writer->Write();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(out, ec))
    throw std::runtime_error("cannot write " + out.string());
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
  auto view = make_view(width, height);
  auto chart = Ptr<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  style_chart(chart, metric.name + " along the study", height);
  auto colours = Ptr<vtkColorSeries>::New();
  colours->SetColorScheme(vtkColorSeries::BREWER_QUALITATIVE_SET1);
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
    const vtkColor3ub c = colours->GetColorRepeating(series++);
    line->SetColor(c.GetRed(), c.GetGreen(), c.GetBlue(), 255);
    line->SetWidth(2.5);
    if (auto* points = vtkPlotPoints::SafeDownCast(line)) {
      points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
      points->SetMarkerSize(8);
    }
  }
  chart->SetShowLegend(true);
  chart->GetLegend()->GetLabelProperties()->SetFontSize(std::max(8, height / 50));
  label_bottom_axis(chart, study_probe_labels(arms), "probe (session, before/after)");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(axis_title(metric));
  pad_left_axis(chart, lo, hi);
  write_view(view, out);
}

void draw_changes(const std::vector<const ArmSummary*>& arms, const MetricColumn& metric,
                  const std::filesystem::path& out, int width, int height) {
  auto view = make_view(width, height);
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
    x->InsertNextValue(double(i));
    const double d = metric_change(*arms[i], metric.name);
    y->InsertNextValue(std::isfinite(d) ? d : 0.0);  // n/a arms: no bar (0), "n/a" in the HTML
    labels.push_back(arms[i]->name + (std::isfinite(d) ? "" : " (n/a)"));
    if (std::isfinite(d)) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
  }
  table->AddColumn(x);
  table->AddColumn(y);
  vtkPlot* bars = chart->AddPlot(vtkChart::BAR);
  bars->SetInputData(table, 0, 1);
  bars->SetColor(55, 126, 184, 255);
  bars->SetLabel("change");
  chart->SetBarWidthFraction(0.6f);
  label_bottom_axis(chart, labels, "arm");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle("change of " + axis_title(metric));
  pad_left_axis(chart, lo, hi);
  write_view(view, out);
}

std::string file_safe(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
  return out;
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

double metric_change(const ArmSummary& arm, const std::string& metric) {
  const Metric* m = find_metric(arm, metric);
  if (!m || m->values.empty()) return std::nan("");
  const auto& stage = arm.probes.stage;
  std::size_t first = 0, last = m->values.size() - 1;
  const auto before = std::find(stage.begin(), stage.end(), "before");
  const auto after = std::find(stage.rbegin(), stage.rend(), "after");
  if (before != stage.end()) first = std::size_t(before - stage.begin());
  if (after != stage.rend()) last = std::size_t(stage.rend() - after) - 1;
  if (first >= m->values.size() || last >= m->values.size()) return std::nan("");
  return m->values[last] - m->values[first];
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
      charts.line_png = "metric_" + file_safe(metric.name) + ".png";
      charts.change_png = "change_" + file_safe(metric.name) + ".png";
      draw_lines(arms, metric, dir / charts.line_png, width, height);
      draw_changes(arms, metric, dir / charts.change_png, width, height);
    }
    out.push_back(std::move(charts));
  }
  return out;
}

}  // namespace sinew::viz
