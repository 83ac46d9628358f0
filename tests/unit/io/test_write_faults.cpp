// Faults while writing a results file: a failed run never replaces earlier results or their
// views, a write refused by the system (here a file size limit, EFBIG) is named with the file
// and leaves no temporary file, and what a killed run left is removed by the next writer.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <map>

#include "core/file_checks.hpp"
#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

// Every file under `dir` (relative path -> contents).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_text(e.path());
  return files;
}

// Writes a completed run of the cube to dir/results.h5 (with views); `text` marks it.
void write_completed(const fs::path& dir, const std::string& text) {
  auto def = load_cube();
  io::RunInfo info = cube_info();
  info.model_text = text;
  io::ResultsWriter writer(dir / "results.h5", def, info);
  run_cube(def, &writer);
  writer.close(true);
}

TEST(WriteFaults, FailedRunKeepsTheEarlierResultsAndViews) {
  TempDir dir;
  write_completed(dir.path(), "first");
  const auto before = snapshot(dir.path());
  ASSERT_EQ(before.count("results.h5"), 1u);
  ASSERT_EQ(before.count("results_vtk/step_000002.hdf"), 1u);
  ASSERT_EQ(before.size(), 1u + kRows + 1u);  // results, 4 step views (t = 0 first), the series
  auto def = load_cube();
  {  // abandoned after 1 step (destroyed without close)
    io::ResultsWriter writer(dir.path() / "results.h5", def, cube_info());
    run_cube(def, &writer, 1);
    EXPECT_TRUE(fs::exists(dir.path() / "results_vtk.part" / "step_000000.hdf"));
  }
  EXPECT_EQ(snapshot(dir.path()), before);
  {  // closed as failed
    io::ResultsWriter writer(dir.path() / "results.h5", def, cube_info());
    run_cube(def, &writer, 2);
    writer.close(false, "no convergence");
    EXPECT_TRUE(writer.kept_existing());
  }
  EXPECT_EQ(snapshot(dir.path()), before);

  // A completed run replaces both.
  write_completed(dir.path(), "second");
  const auto after = snapshot(dir.path());
  EXPECT_EQ(after.size(), before.size());
  const H5 f = open_file(dir.path() / "results.h5");
  EXPECT_EQ(string_attr(f, "/", "model_text"), "second");
}

// A limit on the file size (RLIMIT_FSIZE, SIGXFSZ ignored) makes every write past it fail with
// EFBIG, as a full disk fails with ENOSPC: the same path through the writer, without a mount.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old_);
    rlimit now = old_;
    now.rlim_cur = bytes;
    ok_ = setrlimit(RLIMIT_FSIZE, &now) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  bool ok() const { return ok_; }

 private:
  rlimit old_{};
  void (*old_handler_)(int) = nullptr;
  bool ok_ = false;
};

// The child of the test below: earlier results, then a run under a file size limit of half
// their size. Reports "<errno>|<message, its folder as <dir>>|<earlier results intact or not>".
[[noreturn]] void refused_write_child(const fs::path& report) {
  TempDir dir;
  write_completed(dir.path(), "first");
  const auto before = snapshot(dir.path());
  std::string message = "no failure";
  int code = 0;
  {
    const FileSizeLimit limit(static_cast<rlim_t>(fs::file_size(dir.path() / "results.h5") / 2));
    auto def = load_cube();
    try {
      io::ResultsWriter writer(dir.path() / "results.h5", def, cube_info());
      run_cube(def, &writer);
      writer.close(true);
    } catch (const WriteFailure& e) {
      message = e.what();
      code = e.code();
    }
  }
  const auto at = message.find(dir.path().string());
  if (at != std::string::npos) message.replace(at, dir.path().string().size(), "<dir>");
  std::ofstream(report) << code << "|" << message << "|"
                        << (snapshot(dir.path()) == before ? "intact" : "changed");
  std::_Exit(0);
}

// In a child process of its own (a re-run of this test, so no OpenMP or BLAS threads are forked):
// HDF5 1.10 crashes at exit on a file whose write failed unless its clean-up at exit is off
// (io/hdf5_errors.hpp), which only `sinew` itself can ask for before HDF5 starts; the child ends
// with _Exit, past that clean-up.
TEST(WriteFaults, RefusedWriteNamesTheFileAndLeavesNothingBehind) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto report_of = [](pid_t pid) {
    return fs::temp_directory_path() / ("sinew_refused_write_" + std::to_string(pid) + ".txt");
  };
  EXPECT_EXIT(refused_write_child(report_of(getppid())), ::testing::ExitedWithCode(0), "");
  const fs::path report = report_of(getpid());
  EXPECT_EQ(read_text(report),
            std::to_string(EFBIG) +
                "|file size limit exceeded while writing <dir>/results.h5|intact");
  fs::remove(report);
}

TEST(WriteFaults, WhatAKilledRunLeftIsRemovedByTheNextWriter) {
  TempDir dir;
  std::ofstream(dir.path() / "results.h5.part") << "killed run";
  fs::create_directories(dir.path() / "results_vtk.part");
  std::ofstream(dir.path() / "results_vtk.part" / "step_000009.hdf") << "killed run";
  write_completed(dir.path(), "next");
  EXPECT_FALSE(fs::exists(dir.path() / "results.h5.part"));
  EXPECT_FALSE(fs::exists(dir.path() / "results_vtk.part"));
  EXPECT_FALSE(fs::exists(dir.path() / "results_vtk" / "step_000009.hdf"));
  EXPECT_TRUE(fs::exists(dir.path() / "results_vtk" / "step_000002.hdf"));
}

TEST(WriteFaults, SystemErrorsAreWordedWithTheFile) {
  EXPECT_EQ(write_failure_message(ENOSPC, "out/r.h5"),
            "no space left on device while writing out/r.h5");
  EXPECT_EQ(write_failure_message(EROFS, "out/r.h5"), "out is read-only (cannot write out/r.h5)");
  EXPECT_EQ(write_failure_message(EFBIG, "r.h5"), "file size limit exceeded while writing r.h5");
}

}  // namespace
}  // namespace sinew::io_test
