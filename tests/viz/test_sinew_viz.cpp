// sinew-viz end to end: a synthetic study file (study_fixture.hpp) goes through the real
// executable; the PNGs (size, not blank, colours of known cells) and index.html are checked.
// Rendering needs X: when DISPLAY is unset the executable runs on a private virtual display
// (tools/with-x-display.sh). Neither a DISPLAY nor Xvfb and xauth is a failure, not a skip:
// the viz build comes with them (tools/setup.sh installs libvtk9-dev, xvfb and xauth together).
#include <gtest/gtest.h>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>

#include <sys/wait.h>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "colour_map.hpp"
#include "study_fixture.hpp"

namespace fs = std::filesystem;
using namespace sinew::viz;

namespace {

struct RunResult {
  int code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

bool has_display() {
  const char* d = std::getenv("DISPLAY");
  return d && *d;
}

bool has_xvfb() {
  return std::system("command -v Xvfb >/dev/null 2>&1 && command -v xauth >/dev/null 2>&1") == 0;
}

bool can_render() { return has_display() || has_xvfb(); }

// Runs sinew-viz with `args` (on a private virtual display without DISPLAY if `x`); output to
// files in dir.
RunResult run_viz(const fs::path& dir, const std::vector<std::string>& args, bool x = true,
                  const std::string& env = "") {
  std::string cmd = env;
  if (x && !has_display()) cmd += quote(SINEW_WITH_X_DISPLAY) + " ";
  cmd += quote(SINEW_VIZ_EXE);
  for (const auto& a : args) cmd.append(" ").append(quote(a));
  cmd.append(" >").append(quote((dir / "stdout.txt").string()));
  cmd.append(" 2>").append(quote((dir / "stderr.txt").string()));
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "stdout.txt");
  r.err = slurp(dir / "stderr.txt");
  return r;
}

// A fresh folder holding the fixture study.h5.
fs::path fresh_fixture(const std::string& name) {
  const fs::path dir = fs::path(SINEW_VIZ_TEST_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  test::write_study_fixture(dir / "study.h5");
  return dir;
}

struct Image {
  int width = 0, height = 0;
  std::vector<std::array<int, 3>> rgb;  // row 0 = bottom (VTK order)
  std::array<int, 3> at(int x, int y) const { return rgb[std::size_t(y) * width + x]; }
};

Image read_png(const fs::path& p) {
  vtkNew<vtkPNGReader> reader;
  reader->SetFileName(p.string().c_str());
  reader->Update();
  vtkImageData* img = reader->GetOutput();
  Image out;
  int dims[3];
  img->GetDimensions(dims);
  out.width = dims[0];
  out.height = dims[1];
  const int comps = img->GetNumberOfScalarComponents();
  const auto* data = static_cast<const unsigned char*>(img->GetScalarPointer());
  for (int i = 0; data && i < out.width * out.height; ++i)
    out.rgb.push_back({data[i * comps], data[i * comps + std::min(1, comps - 1)],
                       data[i * comps + std::min(2, comps - 1)]});
  return out;
}

std::size_t distinct_colours(const Image& img) {
  std::set<int> seen;
  for (const auto& c : img.rgb) seen.insert(c[0] << 16 | c[1] << 8 | c[2]);
  return seen.size();
}

double non_white_fraction(const Image& img) {
  std::size_t n = 0;
  for (const auto& c : img.rgb) n += (c[0] < 245 || c[1] < 245 || c[2] < 245) ? 1 : 0;
  return img.rgb.empty() ? 0 : double(n) / double(img.rgb.size());
}

void expect_colour(const std::array<int, 3>& got, const std::array<double, 3>& want,
                   const std::string& what) {
  for (int k = 0; k < 3; ++k)
    EXPECT_NEAR(got[k], want[k] * 255.0, 6.0)
        << what << ": channel " << k << " is " << got[k] << ", expected " << want[k] * 255.0;
}

// Columns where the box starts and ends on row y (first and last non-white pixel).
std::pair<int, int> box_extent(const Image& img, int y) {
  int first = -1, last = -1;
  for (int x = 0; x < img.width; ++x) {
    const auto c = img.at(x, y);
    if (c[0] < 245 || c[1] < 245 || c[2] < 245) {
      if (first < 0) first = x;
      last = x;
    }
  }
  return {first, last};
}

#define REQUIRE_X()                                                              \
  if (!can_render())                                                             \
  FAIL() << "no X display: DISPLAY is unset and Xvfb or xauth is not installed " \
            "(apt-get install xvfb xauth)"

const std::vector<std::string> kArms{"control", "art", "diverged"};
const std::vector<std::string> kMetrics{"stiffness", "gliding_resistance",
                                        "scar_mean_fibre_damage"};

}  // namespace

TEST(SinewViz, DefaultReportHasEveryPictureChartAndArm) {
  REQUIRE_X();
  const fs::path dir = fresh_fixture("default");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string()});
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  const fs::path report = dir / "study_report";  // default: <stem>_report next to the file

  const std::vector<std::string> pngs{"arm_control_max_principal_green_lagrange_strain.png",
                                      "arm_art_max_principal_green_lagrange_strain.png",
                                      "metric_stiffness.png",
                                      "change_stiffness.png",
                                      "metric_gliding_resistance.png",
                                      "change_gliding_resistance.png"};
  for (const auto& png : pngs) {
    SCOPED_TRACE(png);
    ASSERT_TRUE(fs::is_regular_file(report / png));
    const Image img = read_png(report / png);
    EXPECT_EQ(img.width, 1200);
    EXPECT_EQ(img.height, 800);
    EXPECT_GT(distinct_colours(img), 50u) << "looks blank";
    EXPECT_GT(non_white_fraction(img), 0.02) << "almost all background";
  }
  // Nothing to draw: the failed arm without steps, the all-NaN metric.
  EXPECT_FALSE(fs::exists(report / "arm_diverged_max_principal_green_lagrange_strain.png"));
  EXPECT_FALSE(fs::exists(report / "metric_scar_mean_fibre_damage.png"));

  const std::string html = slurp(report / "index.html");
  ASSERT_FALSE(html.empty());
  for (const auto& arm : kArms) EXPECT_NE(html.find("Arm " + arm), std::string::npos) << arm;
  for (const auto& m : kMetrics) EXPECT_NE(html.find(m), std::string::npos) << m;
  EXPECT_NE(html.find("no convergence after 8 cut-backs"), std::string::npos);
  EXPECT_NE(html.find("stiffness [N/mm]"), std::string::npos);
  EXPECT_NE(html.find("fixture.yaml"), std::string::npos);
  // Arms in creation order, not name order.
  EXPECT_LT(html.find("Arm control"), html.find("Arm art"));
  // Every <img> points at an existing file, and every PNG is shown.
  const std::regex img(R"re(<img src="([^"]+)")re");
  std::set<std::string> referenced;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator();
       ++it)
    referenced.insert((*it)[1]);
  for (const auto& ref : referenced) EXPECT_TRUE(fs::is_regular_file(report / ref)) << ref;
  for (const auto& png : pngs) EXPECT_TRUE(referenced.count(png)) << png << " not in index.html";
}

TEST(SinewViz, SizeOptionAndColoursOfKnownCells) {
  REQUIRE_X();
  const fs::path dir = fresh_fixture("top");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string(), "--view", "top", "--size",
                                    "800x500", "--output", (dir / "out").string()});
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  // Colour range: global over both arms' last step = [strain(control, cell 0), strain(art, cell
  // 3)].
  const double lo = test::fixture_strain(0, 0, test::kSteps - 1);
  const double hi = test::fixture_strain(1, test::kCells - 1, test::kSteps - 1);
  struct Case {
    std::string arm;
    int arm_index;
  };
  for (const Case& c : {Case{"control", 0}, Case{"art", 1}}) {
    SCOPED_TRACE(c.arm);
    const Image img =
        read_png(dir / "out" / ("arm_" + c.arm + "_max_principal_green_lagrange_strain.png"));
    ASSERT_EQ(img.width, 800);
    ASSERT_EQ(img.height, 500);
    // The scene fills rows 16 %..92 % of the height; the box's centre line is in the middle.
    const int y = int(0.54 * img.height);
    const auto [a, b] = box_extent(img, y);
    ASSERT_GT(b - a, img.width / 4) << "box not found on row " << y;
    for (int cell : {0, test::kCells - 1}) {
      const int x = a + int((cell + 0.5) / test::kCells * (b - a));
      const double v = test::fixture_strain(c.arm_index, cell, test::kSteps - 1);
      const int index = std::min(kColourCount - 1, int((v - lo) / (hi - lo) * kColourCount));
      expect_colour(img.at(x, y), colour_at(double(index) / (kColourCount - 1)),
                    "cell " + std::to_string(cell) + " at x=" + std::to_string(x));
    }
  }
  // The extremes are the map's ends: control cell 0 = bottom colour, art's last cell = top.
  const Image control = read_png(dir / "out/arm_control_max_principal_green_lagrange_strain.png");
  const auto [a, b] = box_extent(control, int(0.54 * control.height));
  expect_colour(control.at(a + (b - a) / 8, int(0.54 * control.height)), colour_at(0), "minimum");
  const Image art = read_png(dir / "out/arm_art_max_principal_green_lagrange_strain.png");
  const auto [a2, b2] = box_extent(art, int(0.54 * art.height));
  expect_colour(art.at(a2 + 7 * (b2 - a2) / 8, int(0.54 * art.height)), colour_at(1), "maximum");
  // Charts follow --size too.
  const Image chart = read_png(dir / "out/metric_stiffness.png");
  EXPECT_EQ(chart.width, 800);
  EXPECT_EQ(chart.height, 500);
}

TEST(SinewViz, InterfaceFieldRendersTheInterfaceSurface) {
  REQUIRE_X();
  const fs::path dir = fresh_fixture("interface");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string(), "--field", "adhesion", "--arm",
                                    "art", "--session", "load", "--size", "400x300"});
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  const fs::path png = dir / "study_report/arm_art_adhesion.png";
  ASSERT_TRUE(fs::is_regular_file(png));
  EXPECT_FALSE(fs::exists(dir / "study_report/arm_control_adhesion.png"));
  const Image img = read_png(png);
  EXPECT_EQ(img.width, 400);
  EXPECT_GT(distinct_colours(img), 20u);
  const std::string html = slurp(dir / "study_report/index.html");
  EXPECT_NE(html.find("session load"), std::string::npos);
  EXPECT_NE(html.find("Not selected"), std::string::npos);  // control and diverged
}

TEST(SinewVizErrors, UnknownFieldExitsWith2AndListsTheFields) {
  const fs::path dir = fresh_fixture("bad_field");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string(), "--field", "temperature"}, false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown field 'temperature'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fibre_damage"), std::string::npos) << r.err;
}

TEST(SinewVizErrors, UnknownArmAndSessionExitWith2) {
  const fs::path dir = fresh_fixture("bad_arm");
  RunResult r = run_viz(dir, {(dir / "study.h5").string(), "--arm", "nope"}, false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("control, art, diverged"), std::string::npos) << r.err;
  r = run_viz(dir, {(dir / "study.h5").string(), "--session", "7"}, false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("load, art"), std::string::npos) << r.err;
  r = run_viz(dir, {(dir / "study.h5").string(), "--size", "big"}, false);
  EXPECT_EQ(r.code, 2);
}

TEST(SinewVizErrors, UnreadableFileExitsWith2) {
  const fs::path dir = fresh_fixture("bad_file");
  std::ofstream(dir / "junk.h5") << "not hdf5";
  RunResult r = run_viz(dir, {(dir / "junk.h5").string()}, false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not an HDF5 file"), std::string::npos) << r.err;
  r = run_viz(dir, {(dir / "missing.h5").string()}, false);
  EXPECT_EQ(r.code, 2);
}

TEST(SinewVizErrors, UnreachableDisplayExitsWith2) {
  const fs::path dir = fresh_fixture("unreachable_display");
  // Display 4711 has no server: no socket, no lock file.
  ASSERT_FALSE(fs::exists("/tmp/.X11-unix/X4711"));
  const RunResult r = run_viz(dir, {(dir / "study.h5").string()}, false, "env DISPLAY=:4711 ");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot connect to the X display ':4711'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "study_report"));
}

TEST(SinewVizErrors, NoDisplayAsksForXvfbRun) {
  const fs::path dir = fresh_fixture("no_display");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string()}, false, "env -u DISPLAY ");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("xvfb-run -a"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "study_report"));
}

TEST(SinewVizReport, SummaryFirstWithNaForFailedArmsAndProbesOnlyRestArm) {
  REQUIRE_X();
  const fs::path dir = fs::path(SINEW_VIZ_TEST_DIR) / "sweep";
  fs::remove_all(dir);
  fs::create_directories(dir);
  test::write_sweep_study_fixture(dir / "study.h5");
  const RunResult r = run_viz(dir, {(dir / "study.h5").string(), "--size", "600x400"});
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  const fs::path report = dir / "study_report";
  const std::string html = slurp(report / "index.html");

  // Summary (table, evidence, change and sweep charts) before provenance and the arm sections.
  const auto summary = html.find("<section id=summary>");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, html.find("class=comparison"));
  EXPECT_LT(html.find("class=comparison"), html.find("Evidence notes"));
  EXPECT_LT(html.find("Evidence notes"), html.find("change_stiffness.png"));
  EXPECT_LT(html.find("change_stiffness.png"), html.find("<h2>Provenance"));
  EXPECT_LT(html.find("<h2>Provenance"), html.find("<section id=arms>"));
  EXPECT_LT(html.find("<section id=arms>"), html.find("Arm rest"));
  EXPECT_NE(html.find("fixture rest note"), std::string::npos);

  // Rest arm: probes only (stiffness 100 -> 110), never "stopped before its first step".
  EXPECT_NE(html.find("<td class=text>no load case: probes only</td>"), std::string::npos);
  EXPECT_NE(html.find("No picture: no load case: probes only, so no deformed step to show"),
            std::string::npos);
  EXPECT_NE(html.find("No picture: the arm failed before its first step"), std::string::npos);
  EXPECT_EQ(html.find("stopped before its first step"), std::string::npos);
  EXPECT_NE(html.find("100 &rarr; 110<br><span class=change>&Delta; +10 (+10.0 %)"),
            std::string::npos);
  // control at d = 0.5: 100 -> 100 + 10 * 3 * 0.5; art at d = 1: 100 -> 100 + 10 * 3 * 2.
  EXPECT_NE(html.find("100 &rarr; 115<br><span class=change>&Delta; +15 (+15.0 %)"),
            std::string::npos);
  EXPECT_NE(html.find("100 &rarr; 160<br><span class=change>&Delta; +60 (+60.0 %)"),
            std::string::npos);
  // The failed arm: n/a for its steps and every metric, no change of 0.
  const auto failed_row = html.find("<a href=\"#arm-art--adhesion_density_20\">art--<wbr>");
  ASSERT_NE(failed_row, std::string::npos);
  const std::string row = html.substr(failed_row, html.find("</tr>", failed_row) - failed_row);
  EXPECT_NE(row.find("n/a (failed before its first step)"), std::string::npos) << row;
  EXPECT_NE(row.find("<td class=na title=\"the arm failed\">n/a</td>"), std::string::npos) << row;
  EXPECT_EQ(row.find("+0"), std::string::npos) << row;
  EXPECT_EQ(row.find("&rarr;"), std::string::npos) << row;
  // The swept parameter is a column, and a chart per metric against it exists.
  EXPECT_NE(html.find(std::string("<th class=text title=\"") + test::kSweptParameter + "\">"),
            std::string::npos);
  for (const char* metric : {"stiffness", "gliding_resistance"}) {
    const std::string png = std::string("sweep_") + metric + "_" + test::kSweptParameter + ".png";
    SCOPED_TRACE(png);
    ASSERT_TRUE(fs::is_regular_file(report / png));
    EXPECT_NE(html.find("<img src=\"" + png + "\""), std::string::npos);
    const Image img = read_png(report / png);
    EXPECT_EQ(img.width, 600);
    EXPECT_GT(non_white_fraction(img), 0.02) << "almost all background";
  }
  // Every <img> has its file.
  const std::regex img(R"re(<img src="([^"]+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator();
       ++it)
    EXPECT_TRUE(fs::is_regular_file(report / std::string((*it)[1]))) << (*it)[1];
}
