// Chart look (see chart_style.hpp).
#include "chart_style.hpp"

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkPNGWriter.h>
#include <vtkPen.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace sinew::viz {

vtkSmartPointer<vtkContextView> make_chart_view(int width, int height) {
  auto view = vtkSmartPointer<vtkContextView>::New();
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

vtkColor3ub series_colour(int i) {
  // Okabe & Ito (2008), "Color Universal Design", without the yellow (#F0E442), which nearly
  // vanishes on white; black and grey close the cycle.
  static constexpr std::array<std::array<unsigned char, 3>, 8> kPalette{{{0, 114, 178},
                                                                         {213, 94, 0},
                                                                         {0, 158, 115},
                                                                         {204, 121, 167},
                                                                         {230, 159, 0},
                                                                         {86, 180, 233},
                                                                         {0, 0, 0},
                                                                         {120, 120, 120}}};
  const auto& c = kPalette[static_cast<std::size_t>(i) % kPalette.size()];
  return vtkColor3ub(c[0], c[1], c[2]);
}

void legend_beside(vtkChartXY* chart, int height) {
  chart->SetShowLegend(true);
  vtkChartLegend* legend = chart->GetLegend();
  legend->SetInline(false);  // the chart makes room for it instead of drawing over the plot
  legend->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  legend->SetVerticalAlignment(vtkChartLegend::TOP);
  legend->GetLabelProperties()->SetFontSize(std::max(9, height / 45));
  legend->GetLabelProperties()->SetColor(0.1, 0.1, 0.1);
  legend->GetBrush()->SetColor(255, 255, 255, 255);
  legend->GetPen()->SetColor(120, 120, 120, 255);
  legend->SetSymbolWidth(40);
}

void label_bottom_axis(vtkChartXY* chart, const std::vector<std::string>& labels,
                       const std::string& title) {
  auto positions = vtkSmartPointer<vtkDoubleArray>::New();
  auto names = vtkSmartPointer<vtkStringArray>::New();
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

void pad_left_axis(vtkChartXY* chart, double lo, double hi) {
  if (!(lo <= hi)) return;
  double pad = 0.08 * (hi - lo);
  if (pad <= 0) pad = std::abs(hi) > 0 ? 0.05 * std::abs(hi) : 1.0;
  vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
  y->SetBehavior(vtkAxis::FIXED);
  y->SetRange(lo - pad, hi + pad);
}

void write_chart(vtkContextView* view, const std::filesystem::path& out) {
  view->GetRenderWindow()->Render();
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(view->GetRenderWindow());
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  auto writer = vtkSmartPointer<vtkPNGWriter>::New();
  writer->SetFileName(out.string().c_str());
  writer->SetInputConnection(grab->GetOutputPort());
  writer->Write();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(out, ec))
    throw std::runtime_error("cannot write " + out.string());
}

std::string file_safe_name(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
  return out;
}

}  // namespace sinew::viz
