// The VTKHDF step views beside the results file: external links and virtual datasets resolve to
// the right step (also after moving the folder), the .series file lists real times, a missing
// results file is not read as plausible data, and VTK 9.1's own reader opens a view.
#include <gtest/gtest.h>

#include <cstring>
#include <regex>

#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

struct ViewRun {
  model::ModelDefinition def = load_cube();
  Recorded rec;
  fs::path file, vtk;
  explicit ViewRun(const fs::path& dir) : file(dir / "results.h5"), vtk(dir / "results_vtk") {
    io::ResultsWriter writer(file, def, cube_info());
    EXPECT_EQ(writer.vtk_folder(), vtk);
    rec = run_cube(def, &writer);
    writer.close(true);
  }
};

fs::path step_file(const fs::path& vtk, int s) {
  char name[32];
  std::snprintf(name, sizeof name, "step_%06d.hdf", s);
  return vtk / name;
}

TEST(VtkViews, StepFilesReadTheirStepThroughLinksAndVirtualDatasets) {
  TempDir dir;
  const ViewRun run(dir.path());
  const auto& mesh = run.def.model.mesh;
  const H5 results = open_file(run.file);
  const auto stress = read<double>(results, "/fields/cauchy_stress").values;
  const auto fibre = read<double>(results, "/fields/fibre_stretch").values;
  ASSERT_EQ(stress.size(), static_cast<size_t>(kRows * 8 * 6));

  for (int s = 0; s < kRows; ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const H5 f = open_file(step_file(run.vtk, s));
    ASSERT_TRUE(f.valid());
    EXPECT_EQ(numeric_attr<std::int64_t>(f, "/VTKHDF", "Version"),
              (std::vector<std::int64_t>{1, 0}));
    EXPECT_EQ(string_attr(f, "/VTKHDF", "Type"), "UnstructuredGrid");
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfPoints").values,
              std::vector<std::int64_t>{27});
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfCells").values, std::vector<std::int64_t>{8});
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfConnectivityIds").values,
              std::vector<std::int64_t>{64});

    // The mesh: relative external links, read through.
    const H5 root(H5Gopen2(f, "/VTKHDF", H5P_DEFAULT), H5Gclose);
    EXPECT_EQ(external_target(root, "Points"),
              (std::pair<std::string, std::string>{"../results.h5", "/mesh/points"}));
    EXPECT_EQ(external_target(root, "Types").second, "/mesh/types");
    const auto points = read<double>(f, "/VTKHDF/Points");
    ASSERT_EQ(points.dims, (std::vector<hsize_t>{27, 3}));
    EXPECT_EQ(points.values[3 * 26 + 2], mesh.points[26].z());
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/Connectivity").values, mesh.connectivity);
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/Offsets").values, mesh.offsets);
    EXPECT_EQ(read<std::uint8_t>(f, "/VTKHDF/Types").values.size(), 8u);

    // The fields: virtual datasets on row s.
    {
      H5 ds(H5Dopen2(f, "/VTKHDF/PointData/displacement [mm]", H5P_DEFAULT), H5Dclose);
      ASSERT_TRUE(ds.valid());
      H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
      EXPECT_EQ(H5Pget_layout(dcpl), H5D_VIRTUAL);
    }
    const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
    ASSERT_EQ(u.dims, (std::vector<hsize_t>{27, 3}));
    EXPECT_EQ(std::memcmp(u.values.data(), run.rec.u[s].data(), 81 * sizeof(double)), 0);
    if (s == 0)  // the undeformed state at t = 0
      EXPECT_EQ(run.rec.u[s].norm(), 0.0);
    else
      EXPECT_NE(run.rec.u[s].norm(), 0.0);

    const auto sv = read<double>(f, "/VTKHDF/CellData/cauchy_stress [MPa]");
    ASSERT_EQ(sv.dims, (std::vector<hsize_t>{8, 6}));
    EXPECT_EQ(std::memcmp(sv.values.data(), stress.data() + s * 48, 48 * sizeof(double)), 0);
    const auto fv = read<double>(f, "/VTKHDF/CellData/fibre_stretch [1]");
    ASSERT_EQ(fv.dims, (std::vector<hsize_t>{8}));
    EXPECT_EQ(std::memcmp(fv.values.data(), fibre.data() + s * 8, 8 * sizeof(double)), 0);
    EXPECT_EQ(read<double>(f, "/VTKHDF/CellData/max_principal_green_lagrange_strain [1]").dims,
              (std::vector<hsize_t>{8}));
    EXPECT_EQ(read<double>(f, "/VTKHDF/FieldData/TimeValue").values,
              std::vector<double>{run.rec.outputs[s].record.t});
  }
  EXPECT_FALSE(fs::exists(step_file(run.vtk, kRows)));
}

TEST(VtkViews, SeriesFileListsEveryStepWithItsTime) {
  TempDir dir;
  const ViewRun run(dir.path());
  const std::string text = read_text(run.vtk / "steps.hdf.series");
  EXPECT_NE(text.find("\"file-series-version\": \"1.0\""), std::string::npos) << text;
  const std::regex entry(R"re(\{"name": "([^"]+)", "time": ([^}]+)\})re");
  std::vector<std::pair<std::string, double>> entries;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry);
       it != std::sregex_iterator(); ++it)
    entries.emplace_back((*it)[1].str(), std::stod((*it)[2].str()));
  ASSERT_EQ(entries.size(), static_cast<size_t>(kRows)) << text;
  EXPECT_EQ(entries[0].second, 0.0);  // the undeformed state first
  for (int s = 0; s < kRows; ++s) {
    EXPECT_EQ(entries[s].first, step_file(run.vtk, s).filename().string());
    EXPECT_EQ(entries[s].second, run.rec.outputs[s].record.t);  // shortest round-trip digits
    EXPECT_TRUE(fs::exists(run.vtk / entries[s].first));
  }
  EXPECT_EQ(text.find(".part"), std::string::npos);
  EXPECT_FALSE(fs::exists(run.vtk / "steps.hdf.series.part"));
}

// Links and virtual datasets name "../results.h5" relative to the step file, so the pair can
// be moved (here: to another folder, the original removed) and read from anywhere.
TEST(VtkViews, MovingTheRunFolderKeepsTheLinks) {
  TempDir dir;
  fs::create_directories(dir.path() / "run");
  Recorded rec;
  {
    const ViewRun run(dir.path() / "run");
    rec = run.rec;
  }
  fs::create_directories(dir.path() / "elsewhere" / "deeper");
  const fs::path moved = dir.path() / "elsewhere" / "deeper" / "moved_run";
  fs::rename(dir.path() / "run", moved);
  ASSERT_FALSE(fs::exists(dir.path() / "run"));

  const H5 f = open_file(moved / "results_vtk" / "step_000002.hdf");
  ASSERT_TRUE(f.valid());
  const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
  ASSERT_EQ(u.values.size(), 81u);
  EXPECT_EQ(std::memcmp(u.values.data(), rec.u[2].data(), 81 * sizeof(double)), 0);
  EXPECT_EQ(read<double>(f, "/VTKHDF/Points").values.size(), 81u);
}

// HDF5 reads a virtual dataset whose source file is missing as its fill value: NaN here, not
// zeros that look like an undeformed body. The external links fail outright.
TEST(VtkViews, MissingResultsFileIsNotReadAsData) {
  TempDir dir;
  const ViewRun run(dir.path());
  fs::remove(run.file);
  const H5 f = open_file(step_file(run.vtk, 1));
  ASSERT_TRUE(f.valid());
  const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
  ASSERT_EQ(u.values.size(), 81u);
  for (double v : u.values) EXPECT_TRUE(std::isnan(v));
  H5E_BEGIN_TRY {
    const H5 points(H5Dopen2(f, "/VTKHDF/Points", H5P_DEFAULT), H5Dclose);
    EXPECT_FALSE(points.valid());
  }
  H5E_END_TRY;
}

TEST(VtkViews, ViewsOfAnEarlierRunAreReplaced) {
  TempDir dir;
  const fs::path vtk = dir.path() / "results_vtk";
  fs::create_directories(vtk);
  std::ofstream(vtk / "step_000007.hdf") << "stale";
  std::ofstream(vtk / "notes.txt") << "the user's";
  const ViewRun run(dir.path());
  EXPECT_FALSE(fs::exists(vtk / "step_000007.hdf"));
  EXPECT_TRUE(fs::exists(vtk / "notes.txt"));
  EXPECT_TRUE(fs::exists(step_file(vtk, kRows - 1)));  // the last step
}

TEST(VtkViews, NoViewsWhenSwitchedOff) {
  TempDir dir;
  auto def = load_cube();
  io::ResultsOptions options;
  options.vtk_views = false;
  io::ResultsWriter writer(dir.path() / "r.h5", def, cube_info(), options);
  run_cube(def, &writer);
  writer.close(true);
  EXPECT_TRUE(fs::exists(dir.path() / "r.h5"));
  EXPECT_FALSE(fs::exists(dir.path() / "r_vtk"));
}

// The consumer itself: VTK 9.1's vtkHDFReader (python3-vtk9), run from another working
// directory so that only the step file's own location can resolve "../results.h5".
TEST(VtkViews, Vtk91ReaderOpensAStepFile) {
  if (shell("/usr/bin/python3 -c 'import vtkmodules.vtkIOHDF' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import vtkmodules.vtkIOHDF (Debian: python3-vtk9)";
  TempDir dir;
  const ViewRun run(dir.path());
  const fs::path script = dir.path() / "read.py";
  std::ofstream(script) << R"(import sys
from vtkmodules.vtkIOHDF import vtkHDFReader
r = vtkHDFReader()
r.SetFileName(sys.argv[1])
r.Update()
g = r.GetOutput()
u = g.GetPointData().GetArray("displacement [mm]")
s = g.GetCellData().GetArray("cauchy_stress [MPa]")
t = g.GetFieldData().GetArray("TimeValue")
print(g.GetNumberOfPoints(), g.GetNumberOfCells(), g.GetCellType(0), u.GetNumberOfComponents(),
      s.GetNumberOfComponents(), repr(u.GetRange(0)[1]), repr(t.GetValue(0)))
)";
  const fs::path out = dir.path() / "out.txt";
  const int rc =
      shell("cd / && /usr/bin/python3 " + quoted(script.string()) + " " +
            quoted(step_file(run.vtk, 2).string()) + " >" + quoted(out.string()) + " 2>&1");
  const std::string text = read_text(out);
  ASSERT_EQ(rc, 0) << text;
  std::istringstream in(text);
  long points = 0, cells = 0, type = 0, ucomp = 0, scomp = 0;
  double umax = 0, t = 0;
  in >> points >> cells >> type >> ucomp >> scomp >> umax >> t;
  EXPECT_EQ(points, 27) << text;
  EXPECT_EQ(cells, 8);
  EXPECT_EQ(type, 12);
  EXPECT_EQ(ucomp, 3);
  EXPECT_EQ(scomp, 6);
  double ux_max = 0;
  for (Index n = 0; n < 27; ++n) ux_max = std::max(ux_max, run.rec.u[2][3 * n]);
  EXPECT_EQ(umax, ux_max);
  EXPECT_EQ(t, run.rec.outputs[2].record.t);
}

}  // namespace
}  // namespace sinew::io_test
