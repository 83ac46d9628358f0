// Runs that do not finish: a writer destroyed without close() (an exception left the run), a
// run closed as failed, and a process killed between steps all leave a readable file with the
// steps written so far.
#include <gtest/gtest.h>

#include <csignal>
#include <cstring>

#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

void expect_steps(hid_t f, const Recorded& rec, size_t steps, bool bitwise) {
  const auto time = read<double>(f, "/time");
  ASSERT_EQ(time.dims, (std::vector<hsize_t>{steps}));
  const auto u = read<double>(f, "/fields/displacement");
  ASSERT_EQ(u.dims, (std::vector<hsize_t>{steps, 27, 3}));
  for (size_t s = 0; s < steps; ++s) {
    EXPECT_EQ(time.values[s], rec.outputs[s].record.t);
    for (int i = 0; i < 81; ++i) {
      if (bitwise)
        EXPECT_EQ(u.values[81 * s + i], rec.u[s][i]);
      else
        EXPECT_NEAR(u.values[81 * s + i], rec.u[s][i], 1e-12);
    }
  }
  EXPECT_EQ(read<double>(f, "/reactions/x1").dims, (std::vector<hsize_t>{steps, 3}));
  EXPECT_EQ(read<double>(f, "/fields/cauchy_stress").dims, (std::vector<hsize_t>{steps, 8, 6}));
}

// The .series file names exactly `steps` step files, which exist.
void expect_series(const fs::path& vtk, size_t steps) {
  const std::string text = read_text(vtk / "steps.hdf.series");
  size_t entries = 0;
  for (auto p = text.find("\"name\""); p != std::string::npos; p = text.find("\"name\"", p + 1))
    ++entries;
  EXPECT_EQ(entries, steps) << text;
  for (size_t s = 0; s < steps; ++s)
    EXPECT_TRUE(fs::exists(vtk / ("step_00000" + std::to_string(s) + ".hdf"))) << s;
  EXPECT_FALSE(fs::exists(vtk / ("step_00000" + std::to_string(steps) + ".hdf")));
}

TEST(InterruptedRun, WriterDestroyedWithoutCloseKeepsTheStepsWritten) {
  TempDir dir;
  const fs::path file = dir.path() / "results.h5";
  auto def = load_cube();
  Recorded rec;
  {
    io::ResultsWriter writer(file, def, cube_info());
    rec = run_cube(def, &writer, 2);  // StopRun thrown out of run_model after 2 steps
    ASSERT_EQ(rec.u.size(), 2u);
  }
  ASSERT_TRUE(fs::exists(file));
  EXPECT_FALSE(fs::exists(dir.path() / "results.h5.part"));
  const H5 f = open_file(file);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(string_attr(f, "/", "status"), "failed");
  const auto reason = string_attr(f, "/", "failure_reason");
  EXPECT_NE(reason.find("interrupted"), std::string::npos) << reason;
  EXPECT_NE(reason.find("2 step(s)"), std::string::npos) << reason;
  EXPECT_FALSE(string_attr(f, "/", "end_time").empty());
  expect_steps(f, rec, 2, true);
  expect_series(dir.path() / "results_vtk", 2);
}

TEST(InterruptedRun, FailedRunRecordsItsReason) {
  TempDir dir;
  const fs::path file = dir.path() / "results.h5";
  auto def = load_cube();
  io::ResultsWriter writer(file, def, cube_info());
  const auto rec = run_cube(def, &writer, 2);
  writer.close(false, "step 'pull': step to t = 1 failed: no convergence");
  const H5 f = open_file(file);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(string_attr(f, "/", "status"), "failed");
  EXPECT_EQ(string_attr(f, "/", "failure_reason"),
            "step 'pull': step to t = 1 failed: no convergence");
  expect_steps(f, rec, 2, true);
}

// The child process of KilledProcessLeavesAReadablePartFile: this test program started again
// with SINEW_IO_CRASH_FILE set. Before any test runs, it writes two steps to that file and kills
// itself with SIGKILL (no destructors, no atexit, nothing flushed by an exit). A global test
// environment rather than a test, so that normal runs list no skipped helper test.
class CrashChild : public ::testing::Environment {
 public:
  void SetUp() override {
    const char* file = std::getenv("SINEW_IO_CRASH_FILE");
    if (!file) return;
    auto def = load_cube();
    io::ResultsWriter writer(file, def, cube_info());
    int steps = 0;
    simulation::run_model(def, linear_registry(), {},
                          [&](const simulation::StepOutput& o, const VecX& u) {
                            writer.write_step(o, u);
                            if (++steps == 2) std::raise(SIGKILL);
                          });
    std::_Exit(3);  // not reached unless the run stopped early
  }
};
[[maybe_unused]] ::testing::Environment* const crash_child =
    ::testing::AddGlobalTestEnvironment(new CrashChild);

TEST(InterruptedRun, KilledProcessLeavesAReadablePartFile) {
  TempDir dir;
  const fs::path file = dir.path() / "results.h5";
  const fs::path exe = fs::read_symlink("/proc/self/exe");
  const fs::path log = dir.path() / "child.log";
  const int rc = shell("SINEW_IO_CRASH_FILE=" + quoted(file.string()) + " " + quoted(exe.string()) +
                       " --gtest_filter=InterruptedRun.KilledProcessLeavesAReadablePartFile >" +
                       quoted(log.string()) + " 2>&1");
  // sh reports a child killed by SIGKILL as 137, or is replaced by it (no normal exit: -1).
  EXPECT_TRUE(rc == 137 || rc == -1) << rc << "\n" << read_text(log);

  // The same run in this process, for the expected numbers.
  auto def = load_cube();
  const auto rec = run_cube(def, nullptr);

  EXPECT_FALSE(fs::exists(file));
  const fs::path part = dir.path() / "results.h5.part";
  ASSERT_TRUE(fs::exists(part)) << read_text(log);
  {
    const H5 f = open_file(part);
    ASSERT_TRUE(f.valid());
    EXPECT_EQ(string_attr(f, "/", "status"), "running");
    EXPECT_EQ(string_attr(f, "/", "end_time"), "");
    expect_steps(f, rec, 2, false);
  }
  // The views wait beside the earlier ones until the run completes.
  EXPECT_FALSE(fs::exists(dir.path() / "results_vtk"));
  expect_series(dir.path() / "results_vtk.part", 2);

  // Recovery as documented: give the part file and the views folder their final names and the
  // views read it.
  fs::rename(part, file);
  fs::rename(dir.path() / "results_vtk.part", dir.path() / "results_vtk");
  const H5 view = open_file(dir.path() / "results_vtk" / "step_000001.hdf");
  const auto u = read<double>(view, "/VTKHDF/PointData/displacement [mm]");
  ASSERT_EQ(u.values.size(), 81u);
  for (int i = 0; i < 81; ++i) EXPECT_NEAR(u.values[i], rec.u[1][i], 1e-12);
}

}  // namespace
}  // namespace sinew::io_test
