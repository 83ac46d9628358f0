// Sweep charts (see sweep_charts.hpp).
#include "sweep_charts.hpp"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkPlot.h>
#include <vtkPlotPoints.h>
#include <vtkSmartPointer.h>
#include <vtkTable.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>

#include "chart_style.hpp"

namespace sinew::viz {
namespace {

void skip_space(const std::string& s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

[[noreturn]] void bad_sweep(const std::string& json) {
  throw std::runtime_error("cannot read the sweep attribute '" + json +
                           "' (expected a JSON object of numbers)");
}

std::string short_name(const std::string& parameter) {
  const auto dot = parameter.rfind('.');
  return dot == std::string::npos ? parameter : parameter.substr(dot + 1);
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// "k=v, ..." of the sweep values other than `parameter` ("" if there are none).
std::string others_text(const std::map<std::string, double>& sweep, const std::string& parameter) {
  std::string out;
  for (const auto& [k, v] : sweep)
    if (k != parameter)
      out.append(out.empty() ? "" : ", ").append(short_name(k) + "=" + number_text(v));
  return out;
}

struct Point {
  std::string base, others;
  double x = 0, y = 0;
};

std::vector<SweepSeries> group(const std::vector<Point>& points, bool by_others) {
  std::vector<SweepSeries> out;
  std::map<std::string, std::size_t> index;
  for (const Point& p : points) {
    const std::string label = by_others && !p.others.empty() ? p.base + " (" + p.others + ")"
                                                             : p.base;
    auto [it, added] = index.emplace(label, out.size());
    if (added) out.push_back({label, {}, {}, !by_others});
    out[it->second].x.push_back(p.x);
    out[it->second].y.push_back(p.y);
  }
  for (SweepSeries& s : out) {
    std::vector<std::size_t> order(s.x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.x[a] < s.x[b]; });
    SweepSeries sorted{s.label, {}, {}, s.markers_only};
    for (auto i : order) {
      sorted.x.push_back(s.x[i]);
      sorted.y.push_back(s.y[i]);
    }
    s = std::move(sorted);
  }
  return out;
}

void draw_sweep(const std::vector<SweepSeries>& series, const MetricColumn& metric,
                const std::string& parameter, const std::filesystem::path& out, int width,
                int height) {
  auto view = make_chart_view(width, height);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  style_chart(chart, "change of " + metric.name + " against " + short_name(parameter), height);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, x_lo = lo, x_hi = hi;
  int n = 0;
  for (const SweepSeries& s : series) {
    auto table = vtkSmartPointer<vtkTable>::New();
    auto x = vtkSmartPointer<vtkDoubleArray>::New();
    x->SetName(parameter.c_str());
    auto y = vtkSmartPointer<vtkDoubleArray>::New();
    y->SetName(s.label.c_str());
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      x->InsertNextValue(s.x[i]);
      y->InsertNextValue(s.y[i]);
      lo = std::min(lo, s.y[i]);
      hi = std::max(hi, s.y[i]);
      x_lo = std::min(x_lo, s.x[i]);
      x_hi = std::max(x_hi, s.x[i]);
    }
    table->AddColumn(x);
    table->AddColumn(y);
    const bool line = !s.markers_only && s.x.size() >= 2;
    vtkPlot* plot = chart->AddPlot(line ? vtkChart::LINE : vtkChart::POINTS);
    plot->SetInputData(table, 0, 1);
    plot->SetLabel(s.label);
    const vtkColor3ub c = series_colour(n++);
    plot->SetColor(c.GetRed(), c.GetGreen(), c.GetBlue(), 255);
    plot->SetWidth(2.5);
    if (auto* points = vtkPlotPoints::SafeDownCast(plot)) {
      points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
      points->SetMarkerSize(9);
    }
  }
  legend_beside(chart, height);
  vtkAxis* bottom = chart->GetAxis(vtkAxis::BOTTOM);
  bottom->SetTitle(parameter);
  if (x_lo < x_hi) {  // markers at the ends stay off the frame
    const double pad = 0.05 * (x_hi - x_lo);
    bottom->SetBehavior(vtkAxis::FIXED);
    bottom->SetRange(x_lo - pad, x_hi + pad);
  }
  chart->GetAxis(vtkAxis::LEFT)->SetTitle("change of " + axis_title(metric));
  pad_left_axis(chart, lo, hi);
  write_chart(view, out);
}

}  // namespace

std::map<std::string, double> parse_sweep(const std::string& json) {
  std::map<std::string, double> out;
  std::size_t i = 0;
  skip_space(json, i);
  if (json.empty()) return out;
  if (json[i] != '{') bad_sweep(json);
  ++i;
  skip_space(json, i);
  while (i < json.size() && json[i] != '}') {
    if (json[i] != '"') bad_sweep(json);
    const auto close = json.find('"', i + 1);
    if (close == std::string::npos) bad_sweep(json);
    const std::string key = json.substr(i + 1, close - i - 1);
    i = close + 1;
    skip_space(json, i);
    if (i >= json.size() || json[i] != ':') bad_sweep(json);
    const char* begin = json.c_str() + i + 1;
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (end == begin) bad_sweep(json);
    out[key] = v;
    i = static_cast<std::size_t>(end - json.c_str());
    skip_space(json, i);
    if (i < json.size() && json[i] == ',') ++i;
    skip_space(json, i);
  }
  if (i >= json.size()) bad_sweep(json);
  return out;
}

std::string base_arm_of(const ArmSummary& arm) {
  if (!arm.base_arm.empty()) return arm.base_arm;
  const auto cut = arm.name.find("--");
  return cut == std::string::npos ? arm.name : arm.name.substr(0, cut);
}

std::vector<std::string> swept_parameters(const std::vector<const ArmSummary*>& arms) {
  std::vector<std::string> order;
  std::map<std::string, std::set<double>> values;
  for (const ArmSummary* a : arms)
    for (const auto& [k, v] : parse_sweep(a->sweep)) {
      if (!values.count(k)) order.push_back(k);
      values[k].insert(v);
    }
  std::vector<std::string> out;
  for (const auto& k : order)
    if (values[k].size() >= 2) out.push_back(k);
  return out;
}

std::vector<SweepSeries> sweep_series(const std::vector<const ArmSummary*>& arms,
                                      const std::string& metric, const std::string& parameter) {
  std::vector<Point> points;
  for (const ArmSummary* a : arms) {
    const auto sweep = parse_sweep(a->sweep);
    const auto it = sweep.find(parameter);
    const double change = metric_change(*a, metric);
    if (it == sweep.end() || !std::isfinite(change)) continue;
    points.push_back({base_arm_of(*a), others_text(sweep, parameter), it->second, change});
  }
  auto lines = group(points, true);
  // Latin-hypercube points differ in every parameter, so no two share a line: show each base
  // arm's points as markers instead.
  const bool scattered =
      std::all_of(lines.begin(), lines.end(), [](const SweepSeries& s) { return s.x.size() <= 1; });
  if (scattered && lines.size() > group(points, false).size()) return group(points, false);
  return lines;
}

std::vector<SweepChart> render_sweep_charts(const std::vector<const ArmSummary*>& arms,
                                            const std::filesystem::path& dir, int width,
                                            int height) {
  std::vector<SweepChart> out;
  const auto parameters = swept_parameters(arms);
  for (const MetricColumn& metric : metric_columns(arms))
    for (const std::string& parameter : parameters) {
      SweepChart chart{metric, parameter, "", ""};
      const auto series = sweep_series(arms, metric.name, parameter);
      if (series.empty()) {
        chart.note = "no arm with this parameter has a value (failed arms are n/a)";
      } else {
        chart.png =
            "sweep_" + file_safe_name(metric.name) + "_" + file_safe_name(parameter) + ".png";
        draw_sweep(series, metric, parameter, dir / chart.png, width, height);
      }
      out.push_back(std::move(chart));
    }
  return out;
}

}  // namespace sinew::viz
