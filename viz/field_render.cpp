// Field pictures (see field_render.hpp). The only file besides metric_charts.cpp that renders.
#include "field_render.hpp"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDataSetSurfaceFilter.h>
#include <vtkDoubleArray.h>
#include <vtkIdTypeArray.h>
#include <vtkLookupTable.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkUnstructuredGrid.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "colour_map.hpp"

namespace sinew::viz {
namespace {

template <class T>
using Ptr = vtkSmartPointer<T>;

constexpr double kInf = std::numeric_limits<double>::infinity();

Bounds empty_bounds() { return {kInf, -kInf, kInf, -kInf, kInf, -kInf}; }

void grow(Bounds& b, const double* p) {
  for (int k = 0; k < 3; ++k) {
    b[2 * k] = std::min(b[2 * k], p[k]);
    b[2 * k + 1] = std::max(b[2 * k + 1], p[k]);
  }
}

void grow(Bounds& b, const Bounds& o) {
  for (int k = 0; k < 3; ++k) {
    b[2 * k] = std::min(b[2 * k], o[2 * k]);
    b[2 * k + 1] = std::max(b[2 * k + 1], o[2 * k + 1]);
  }
}

Bounds bounds_of_points(const std::vector<double>& points) {
  Bounds b = empty_bounds();
  for (std::size_t i = 0; i + 2 < points.size(); i += 3) grow(b, &points[i]);
  return b;
}

// Bounds of the points used by the cells of `m`.
Bounds bounds_of_cells(const CellMesh& m) {
  Bounds b = empty_bounds();
  for (std::int64_t id : m.connectivity) grow(b, &m.points[3 * std::size_t(id)]);
  return b;
}

std::vector<double> deformed(const std::vector<double>& reference, const std::vector<double>& u) {
  std::vector<double> x = reference;
  if (u.size() == x.size())
    for (std::size_t i = 0; i < x.size(); ++i) x[i] += u[i];
  return x;
}

// One scalar per entity: as is (1 component), von Mises (6, Voigt xx yy zz xy yz xz) or the
// Euclidean norm (any other count).
std::vector<double> to_scalars(const FieldRow& row) {
  const auto k = static_cast<std::size_t>(std::max(row.components, 1));
  if (k == 1) return row.values;
  std::vector<double> out(row.values.size() / k);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double* v = &row.values[i * k];
    if (k == 6) {
      const double d = (v[0] - v[1]) * (v[0] - v[1]) + (v[1] - v[2]) * (v[1] - v[2]) +
                       (v[2] - v[0]) * (v[2] - v[0]);
      out[i] = std::sqrt(0.5 * d + 3 * (v[3] * v[3] + v[4] * v[4] + v[5] * v[5]));
    } else {
      double s = 0;
      for (std::size_t c = 0; c < k; ++c) s += v[c] * v[c];
      out[i] = std::sqrt(s);
    }
  }
  return out;
}

// The cells of `m` with keep[c] (all points are kept; unused ones are not drawn).
CellMesh subset(const CellMesh& m, const std::vector<char>& keep) {
  CellMesh out;
  out.points = m.points;
  out.offsets.push_back(0);
  for (std::size_t c = 0; c < m.n_cells(); ++c) {
    if (!keep[c]) continue;
    for (auto k = m.offsets[c]; k < m.offsets[c + 1]; ++k)
      out.connectivity.push_back(m.connectivity[std::size_t(k)]);
    out.offsets.push_back(static_cast<std::int64_t>(out.connectivity.size()));
    out.types.push_back(m.types[c]);
  }
  return out;
}

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string mesh_key(const CellMesh& m, const Bounds& b) {
  std::string key = std::to_string(m.n_points()) + ":" + std::to_string(m.n_cells());
  for (double v : b) key += ":" + format_number(v);
  return key;
}

// Body cells (tendon or fascia) if the mesh names them; `body` describes the choice.
std::vector<char> body_cells(const StudyFile& file, const std::string& arm, const CellMesh& m,
                             std::string& body) {
  for (const char* name : {"tendon", "fascia"}) {
    const auto cells = file.read_cell_set(arm, name, m);
    if (!cells || cells->empty()) continue;
    std::vector<char> keep(m.n_cells(), 0);
    for (std::int64_t c : *cells)
      if (c >= 0 && std::size_t(c) < keep.size()) keep[std::size_t(c)] = 1;
    body = std::string(name) + " cells (the rest translucent grey)";
    return keep;
  }
  body = "all cells";
  return std::vector<char>(m.n_cells(), 1);
}

std::vector<double> displacement_or_zero(const StudyFile& file, const std::string& arm,
                                         const std::string& path, std::size_t step) {
  if (!file.exists(arm, path)) return {};
  return file.read_step_row(arm, path, step).values;
}

Ptr<vtkUnstructuredGrid> to_grid(const CellMesh& m) {
  auto points = Ptr<vtkPoints>::New();
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(static_cast<vtkIdType>(m.n_points()));
  for (std::size_t i = 0; i < m.n_points(); ++i)
    points->SetPoint(static_cast<vtkIdType>(i), &m.points[3 * i]);
  auto offsets = Ptr<vtkIdTypeArray>::New();
  for (std::int64_t o : m.offsets) offsets->InsertNextValue(static_cast<vtkIdType>(o));
  auto conn = Ptr<vtkIdTypeArray>::New();
  for (std::int64_t c : m.connectivity) conn->InsertNextValue(static_cast<vtkIdType>(c));
  auto cells = Ptr<vtkCellArray>::New();
  cells->SetData(offsets, conn);
  auto types = Ptr<vtkUnsignedCharArray>::New();
  for (std::uint8_t t : m.types) types->InsertNextValue(t);
  auto grid = Ptr<vtkUnstructuredGrid>::New();
  grid->SetPoints(points);
  grid->SetCells(types, cells);
  return grid;
}

Ptr<vtkLookupTable> make_lookup_table(const std::array<double, 2>& range) {
  auto lut = Ptr<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(kColourCount);
  for (int i = 0; i < kColourCount; ++i) {
    const auto c = colour_at(double(i) / (kColourCount - 1));
    lut->SetTableValue(i, c[0], c[1], c[2], 1.0);
  }
  lut->SetNanColor(kNanColour[0], kNanColour[1], kNanColour[2], 1.0);
  lut->SetTableRange(range[0], range[1]);
  return lut;
}

Ptr<vtkActor> surface_actor(Ptr<vtkUnstructuredGrid> grid) {
  auto surface = Ptr<vtkDataSetSurfaceFilter>::New();
  surface->SetInputData(grid);
  auto mapper = Ptr<vtkPolyDataMapper>::New();
  mapper->SetInputConnection(surface->GetOutputPort());
  auto actor = Ptr<vtkActor>::New();
  actor->SetMapper(mapper);
  return actor;
}

Ptr<vtkActor> field_actor(const Frame& frame, vtkLookupTable* lut,
                          const std::array<double, 2>& range) {
  auto grid = to_grid(frame.shown);
  auto values = Ptr<vtkDoubleArray>::New();
  values->SetName("value");
  for (double v : frame.values) values->InsertNextValue(v);
  if (frame.point_values)
    grid->GetPointData()->SetScalars(values);
  else
    grid->GetCellData()->SetScalars(values);
  auto actor = surface_actor(grid);
  auto* mapper = actor->GetMapper();
  mapper->SetLookupTable(lut);
  mapper->SetScalarRange(range[0], range[1]);
  mapper->SetScalarMode(frame.point_values ? VTK_SCALAR_MODE_USE_POINT_DATA
                                           : VTK_SCALAR_MODE_USE_CELL_DATA);
  mapper->ScalarVisibilityOn();
  // Ambient + diffuse = 1: a face seen head-on shows the lookup-table colour exactly, faces at
  // an angle are darkened by at most 30 %.
  actor->GetProperty()->SetAmbient(0.3);
  actor->GetProperty()->SetDiffuse(0.7);
  actor->GetProperty()->EdgeVisibilityOn();
  actor->GetProperty()->SetEdgeColor(0.15, 0.15, 0.15);
  return actor;
}

Ptr<vtkActor> context_actor(const CellMesh& context) {
  auto actor = surface_actor(to_grid(context));
  actor->GetMapper()->ScalarVisibilityOff();
  // The bed's inner faces coincide with the body's outer faces: push the bed slightly back so
  // the coloured body always wins the depth test there (no flickering tint).
  actor->GetMapper()->SetResolveCoincidentTopologyToPolygonOffset();
  actor->GetMapper()->SetRelativeCoincidentTopologyPolygonOffsetParameters(4, 4);
  actor->GetProperty()->SetColor(0.6, 0.6, 0.6);
  actor->GetProperty()->SetOpacity(0.15);
  return actor;
}

struct Direction {
  std::array<double, 3> to_camera, up;
};

Direction view_direction(View v) {
  switch (v) {
    case View::Top: return {{0, 0, 1}, {0, 1, 0}};
    case View::Front: return {{0, -1, 0}, {0, 0, 1}};
    case View::Side: return {{1, 0, 0}, {0, 0, 1}};
    case View::Oblique: break;
  }
  return {{0.3, -1.0, 0.8}, {0, 0, 1}};
}

std::array<double, 3> normalised(std::array<double, 3> v) {
  const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  for (double& c : v) c /= n;
  return v;
}

std::array<double, 3> cross(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Perspective camera looking at the centre of `b` from direction `view`, just far enough for
// every corner of `b` to fit in 92 % of the viewport of aspect ratio `aspect` (width/height).
void place_camera(vtkCamera* camera, const Bounds& b, View view, double aspect) {
  const Direction d = view_direction(view);
  const auto back = normalised(d.to_camera);
  const auto right = normalised(cross(d.up, back));
  const auto up = cross(back, right);
  const std::array<double, 3> centre{(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
  constexpr double kViewAngle = 30.0;
  const double tan_v = std::tan(kViewAngle / 2 * M_PI / 180) * 0.92;
  const double tan_h = tan_v * aspect;
  double distance = 1e-9;
  for (int corner = 0; corner < 8; ++corner) {
    const std::array<double, 3> p{b[corner & 1] - centre[0], b[2 + ((corner >> 1) & 1)] - centre[1],
                                  b[4 + ((corner >> 2) & 1)] - centre[2]};
    const double depth = dot(p, back);
    distance = std::max({distance, depth + std::abs(dot(p, right)) / tan_h,
                         depth + std::abs(dot(p, up)) / tan_v});
  }
  camera->SetViewAngle(kViewAngle);
  camera->SetFocalPoint(centre.data());
  camera->SetPosition(centre[0] + distance * back[0], centre[1] + distance * back[1],
                      centre[2] + distance * back[2]);
  camera->SetViewUp(up.data());
  camera->SetClippingRange(distance / 100, distance * 10);
}

Ptr<vtkRenderer> blank_renderer(double x0, double y0, double x1, double y1) {
  auto r = Ptr<vtkRenderer>::New();
  r->SetViewport(x0, y0, x1, y1);
  r->SetBackground(1, 1, 1);
  return r;
}

Ptr<vtkRenderer> title_renderer(const std::string& title, int height) {
  auto r = blank_renderer(0, 0.92, 1, 1);
  auto text = Ptr<vtkTextActor>::New();
  text->SetInput(title.c_str());
  text->GetTextProperty()->SetColor(0, 0, 0);
  text->GetTextProperty()->SetFontSize(std::max(10, height / 32));
  text->GetTextProperty()->SetVerticalJustificationToCentered();
  text->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  text->SetPosition(0.015, 0.5);
  r->AddActor2D(text);
  return r;
}

// Horizontal colour bar (labels below it) with its title as a separate line above it.
Ptr<vtkRenderer> bar_renderer(vtkLookupTable* lut, const std::string& title, int height) {
  auto r = blank_renderer(0, 0, 1, 0.16);
  auto bar = Ptr<vtkScalarBarActor>::New();
  bar->SetLookupTable(lut);
  bar->SetOrientationToHorizontal();
  bar->SetNumberOfLabels(5);
  bar->SetLabelFormat("%.4g");
  bar->SetTextPositionToPrecedeScalarBar();
  bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  bar->SetPosition(0.15, 0.0);
  bar->SetWidth(0.7);
  bar->SetHeight(0.68);
  bar->UnconstrainedFontSizeOn();
  bar->GetLabelTextProperty()->SetColor(0, 0, 0);
  bar->GetLabelTextProperty()->ShadowOff();
  bar->GetLabelTextProperty()->ItalicOff();
  bar->GetLabelTextProperty()->SetFontSize(std::max(9, height / 45));
  r->AddActor2D(bar);
  auto text = Ptr<vtkTextActor>::New();
  text->SetInput(title.c_str());
  text->GetTextProperty()->SetColor(0, 0, 0);
  text->GetTextProperty()->BoldOn();
  text->GetTextProperty()->SetFontSize(std::max(9, height / 42));
  text->GetTextProperty()->SetJustificationToCentered();
  text->GetTextProperty()->SetVerticalJustificationToCentered();
  text->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  text->SetPosition(0.5, 0.84);
  r->AddActor2D(text);
  return r;
}

void write_png(vtkRenderWindow* window, const std::filesystem::path& out) {
  auto grab = Ptr<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  auto writer = Ptr<vtkPNGWriter>::New();
  writer->SetFileName(out.string().c_str());
  writer->SetInputConnection(grab->GetOutputPort());
  writer->Write();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(out, ec) || std::filesystem::file_size(out, ec) == 0)
    throw std::runtime_error("cannot write " + out.string());
}

}  // namespace

const std::vector<std::pair<std::string, View>>& known_views() {
  static const std::vector<std::pair<std::string, View>> views{
      {"oblique", View::Oblique}, {"top", View::Top}, {"front", View::Front}, {"side", View::Side}};
  return views;
}

Frame build_frame(const StudyFile& file, const ArmSummary& arm, const FieldInfo& field,
                  std::size_t step, const std::string& session) {
  Frame f;
  f.arm = arm.name;
  const CellMesh reference = file.read_mesh(arm.name);
  f.reference_bounds = bounds_of_points(reference.points);
  f.mesh_key = mesh_key(reference, f.reference_bounds);
  if (!file.exists(arm.name, field.path))
    throw std::runtime_error("arm '" + arm.name + "' has no dataset " + field.path);

  if (field.kind == FieldKind::Interface) {
    f.shown = file.read_interface_mesh(arm.name);
    f.shown.points =
        deformed(f.shown.points,
                 displacement_or_zero(file, arm.name, "interface/fields/displacement", step));
    const FieldRow row = file.read_step_row(arm.name, field.path, step);
    f.values = to_scalars(row);
    f.units = row.units;
    f.body = "interface surface (primary facets)";
  } else {
    const auto u = displacement_or_zero(file, arm.name, "fields/displacement", step);
    CellMesh moved = reference;
    moved.points = deformed(reference.points, u);
    FieldRow row;
    if (field.kind == FieldKind::StaticCell)
      row = file.read_static(arm.name, field.path);
    else
      row = file.read_step_row(arm.name, field.path, step);
    f.units = row.units;
    std::vector<double> all = to_scalars(row);
    f.point_values = field.kind == FieldKind::Point;
    const std::vector<char> keep = body_cells(file, arm.name, reference, f.body);
    f.shown = subset(moved, keep);
    if (f.point_values) {
      f.values = std::move(all);
    } else {
      for (std::size_t c = 0; c < keep.size() && c < all.size(); ++c)
        if (keep[c]) f.values.push_back(all[c]);
    }
    std::vector<char> rest(keep.size());
    for (std::size_t c = 0; c < keep.size(); ++c) rest[c] = !keep[c];
    f.context = subset(moved, rest);
  }
  const std::size_t expected = f.point_values ? f.shown.n_points() : f.shown.n_cells();
  if (f.values.size() != expected)
    throw std::runtime_error("arm '" + arm.name + "': " + field.path + " has " +
                             std::to_string(f.values.size()) + " values, expected " +
                             std::to_string(expected));
  f.deformed_bounds = bounds_of_cells(f.shown);
  if (!f.context.connectivity.empty()) grow(f.deformed_bounds, bounds_of_cells(f.context));
  f.title = arm.name + "  |  session " + (session.empty() ? std::string("-") : session) +
            "  |  step " + std::to_string(step) + ", t = " + format_number(arm.time.at(step)) +
            " s";
  return f;
}

std::array<double, 2> common_range(const std::vector<Frame>& frames) {
  double lo = kInf, hi = -kInf;
  for (const auto& f : frames)
    for (double v : f.values)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (lo > hi) return {0, 1};
  if (hi - lo <= 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = std::abs(hi) > 0 ? 0.01 * std::abs(hi) : 0.5;
    return {lo - pad, hi + pad};
  }
  return {lo, hi};
}

std::vector<Bounds> shared_camera_bounds(const std::vector<Frame>& frames) {
  std::map<std::string, Bounds> by_key;
  for (const auto& f : frames) {
    auto [it, inserted] = by_key.try_emplace(f.mesh_key, f.reference_bounds);
    grow(it->second, f.deformed_bounds);
  }
  std::vector<Bounds> out;
  for (const auto& f : frames) out.push_back(by_key.at(f.mesh_key));
  return out;
}

void render_frame(const Frame& frame, const Bounds& camera_bounds, const RenderSettings& settings,
                  const std::filesystem::path& out) {
  auto lut = make_lookup_table(settings.range);
  auto scene = blank_renderer(0, 0.16, 1, 0.92);
  scene->AddActor(field_actor(frame, lut, settings.range));
  if (!frame.context.connectivity.empty()) scene->AddActor(context_actor(frame.context));
  const double aspect = double(settings.width) / (double(settings.height) * (0.92 - 0.16));
  place_camera(scene->GetActiveCamera(), camera_bounds, settings.view, aspect);

  auto window = Ptr<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetMultiSamples(0);
  window->SetSize(settings.width, settings.height);
  window->AddRenderer(scene);
  window->AddRenderer(title_renderer(frame.title, settings.height));
  window->AddRenderer(bar_renderer(lut, settings.bar_title, settings.height));
  window->Render();
  write_png(window, out);
}

}  // namespace sinew::viz
