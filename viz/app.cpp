// sinew-viz orchestration (see app.hpp).
#include "app.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

#include "field_render.hpp"
#include "html_report.hpp"
#include "metric_charts.hpp"
#include "selection.hpp"
#include "study_reader.hpp"
#include "sweep_charts.hpp"
#include "x_display_hold.hpp"

namespace sinew::viz {
namespace {

struct Size {
  int width = 0, height = 0;
};

Size parse_size(const std::string& text) {
  const auto x = text.find_first_of("xX");
  try {
    if (x != std::string::npos) {
      std::size_t used_w = 0, used_h = 0;
      const int w = std::stoi(text.substr(0, x), &used_w);
      const int h = std::stoi(text.substr(x + 1), &used_h);
      if (used_w == x && used_h == text.size() - x - 1 && w >= 64 && h >= 64 && w <= 8192 &&
          h <= 8192)
        return {w, h};
    }
  } catch (const std::exception&) {
  }
  throw UsageError("bad --size '" + text +
                   "': expected WIDTHxHEIGHT, each 64..8192, e.g. 1200x800");
}

View parse_view(const std::string& text) {
  std::string names;
  for (const auto& [name, view] : known_views()) {
    if (name == text) return view;
    names += (names.empty() ? "" : ", ") + name;
  }
  throw UsageError("unknown view '" + text + "'; allowed: " + names);
}

std::string view_description(View v) {
  switch (v) {
    case View::Top: return "top: from +z looking down, +y up";
    case View::Front: return "front: from -y, +z up";
    case View::Side: return "side: from +x along the body axis, +z up";
    case View::Oblique: break;
  }
  return "oblique: from direction (+0.3, -1, +0.8): in front (-y), above (+z), slightly from the +x end; +z up";
}

std::string file_safe(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
  return out;
}

std::string format_range(const std::array<double, 2>& r, const std::string& units) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%.4g to %.4g [%s]", r[0], r[1],
                units.empty() ? "?" : units.c_str());
  return buf;
}

std::filesystem::path default_output(const std::filesystem::path& results) {
  return results.parent_path() / (results.stem().string() + "_report");
}

struct Checked {
  Size size;
  View view = View::Oblique;
  const FieldInfo* field = nullptr;
};

// Everything that can be checked without reading fields (wrong choices: UsageError).
Checked check_options(const Options& o) {
  Checked c;
  c.size = parse_size(o.size);
  c.view = parse_view(o.view);
  c.field = &find_field(o.field);
  return c;
}

struct ColourRange {
  std::array<double, 2> range{0, 1};
  std::string units;
};

// Renders the selected arms' pictures; fills `report` with the file names and notes.
ColourRange render_pictures(const StudyFile& file, const std::vector<const ArmSummary*>& arms,
                            const Options& o, const Checked& c, const std::filesystem::path& dir,
                            ReportInput& report, std::ostream& out, std::ostream& err) {
  std::vector<Frame> frames;
  for (const ArmSummary* a : arms) {
    ArmReport& r = report.arms[a->name];
    const StepChoice step = choose_step(*a, o.session);
    if (!step.step) {
      r.picture_note = step.note;
      continue;
    }
    try {
      frames.push_back(build_frame(file, *a, *c.field, *step.step, step.session));
      const bool undeformed = a->undeformed_row && *step.step == 0;
      r.picture_note = frames.back().body +
                       (undeformed ? " of the undeformed" : " of the deformed") +
                       " mesh, coloured by " + c.field->label + "; " + frames.back().title +
                       (step.note.empty() ? "" : " (" + step.note + ")");
    } catch (const std::exception& e) {
      r.picture_note = e.what();
      err << "sinew-viz: arm '" << a->name << "': " << e.what() << " (no picture)\n";
    }
  }
  const auto range = common_range(frames);
  const auto cameras = shared_camera_bounds(frames);
  const std::string units = frames.empty() ? std::string() : frames.front().units;
  RenderSettings settings;
  settings.width = c.size.width;
  settings.height = c.size.height;
  settings.view = c.view;
  settings.range = range;
  // Units in parentheses: the default VTK 9.1 font on Debian draws '[' and ']' like '(' ')'.
  const std::string u = " (" + (units.empty() ? std::string("?") : units) + ")";
  settings.bar_title = c.field->name + u;
  if (c.field->name == "cauchy_stress") settings.bar_title = "cauchy_stress, von Mises" + u;
  if (c.field->name == "displacement") settings.bar_title = "displacement magnitude" + u;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const std::string png = "arm_" + file_safe(frames[i].arm) + "_" + c.field->name + ".png";
    render_frame(frames[i], cameras[i], settings, dir / png);
    report.arms[frames[i].arm].picture = png;
    out << "wrote " << (dir / png).string() << "\n";
  }
  return {range, units};
}

int run_checked(const Options& o, const Checked& c, std::ostream& out, std::ostream& err) {
  std::unique_ptr<StudyFile> file;
  StudySummary study;
  try {
    file = std::make_unique<StudyFile>(o.results);
    study = file->read_summary();
  } catch (const std::exception& e) {
    err << "sinew-viz: cannot read the study file: " << e.what() << "\n";
    return 2;
  }
  const auto arms = select_arms(study, o.arms);
  if (o.session) check_session(arms, *o.session);
  if (c.field->kind == FieldKind::Interface) {
    bool any = false;
    for (const ArmSummary* a : arms) any = any || a->has_interface;
    if (!any)
      throw UsageError("field '" + c.field->name +
                       "' is an interface field, but no selected arm has an /interface");
  }
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    err << "sinew-viz: no X display (DISPLAY is not set). VTK 9.1 on Debian renders through X "
           "only; without a screen run it under a virtual one:\n  xvfb-run -a sinew-viz "
        << o.results.string() << " ...\n";
    return 2;
  }
  const XDisplayHold x_connection;  // open until the last picture is written
  if (!x_connection.connected()) {
    err << "sinew-viz: cannot connect to the X display '" << display
        << "' (DISPLAY). Is the X server running and may this user connect to it? Without a "
           "screen run it under a virtual one:\n  xvfb-run -a sinew-viz "
        << o.results.string() << " ...\n";
    return 2;
  }
  const std::filesystem::path dir = o.output.empty() ? default_output(o.results) : o.output;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    err << "sinew-viz: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return 1;
  }

  ReportInput report;
  report.results = o.results;
  report.study = &study;
  report.field = c.field->name;
  report.field_label = c.field->label;
  report.view = view_description(c.view);
  for (const auto& a : study.arms) report.arms[a.name].selected = false;
  for (const ArmSummary* a : arms) report.arms[a->name].selected = true;

  const ColourRange colours = render_pictures(*file, arms, o, c, dir, report, out, err);
  report.colour_range = format_range(colours.range, colours.units) +
                        ", the same for every arm (global min/max over the arms' shown steps)";
  report.charts = render_metric_charts(arms, dir, c.size.width, c.size.height);
  for (const auto& ch : report.charts)
    if (!ch.line_png.empty())
      out << "wrote " << (dir / ch.line_png).string() << ", " << (dir / ch.change_png).string()
          << "\n";
  report.sweeps = render_sweep_charts(arms, dir, c.size.width, c.size.height);
  for (const auto& sw : report.sweeps)
    if (!sw.png.empty()) out << "wrote " << (dir / sw.png).string() << "\n";
  write_html_report(report, dir / "index.html");
  out << "wrote " << (dir / "index.html").string() << "\n";
  return 0;
}

}  // namespace

int run(const Options& options, std::ostream& out, std::ostream& err) {
  try {
    const Checked c = check_options(options);
    return run_checked(options, c, out, err);
  } catch (const UsageError& e) {
    err << "sinew-viz: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << "sinew-viz: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace sinew::viz
