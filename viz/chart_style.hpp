// Shared look of the sinew-viz charts (vtkChartXY in an off-screen vtkContextView): view set-up,
// fonts, the series palette, a legend beside the plot area and PNG output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <vtkChartXY.h>
#include <vtkColor.h>
#include <vtkContextView.h>
#include <vtkSmartPointer.h>

namespace sinew::viz {

/// A white off-screen view of `width` x `height` pixels.
vtkSmartPointer<vtkContextView> make_chart_view(int width, int height);

/// Title and axis fonts scaled with the picture height.
void style_chart(vtkChartXY* chart, const std::string& title, int height);

/// Colour of series `i`: saturated, dark enough to read on white (no yellow), repeating after
/// 8 (Okabe & Ito 2008 colour-blind-safe set without its yellow, plus black and grey).
vtkColor3ub series_colour(int i);

/// Shows the legend to the right of the plot area (not over the lines), framed on white.
void legend_beside(vtkChartXY* chart, int height);

/// Custom ticks 0..labels-1 with the given labels on the bottom axis.
void label_bottom_axis(vtkChartXY* chart, const std::vector<std::string>& labels,
                       const std::string& title);

/// Fixed left-axis range: [lo, hi] widened by 8 % each side (a flat range by 5 % of its value).
void pad_left_axis(vtkChartXY* chart, double lo, double hi);

/// Renders the view and writes it as PNG; throws std::runtime_error if the file is not written.
void write_chart(vtkContextView* view, const std::filesystem::path& out);

/// `s` with every character outside [A-Za-z0-9_.-] replaced by '_'.
std::string file_safe_name(const std::string& s);

}  // namespace sinew::viz
