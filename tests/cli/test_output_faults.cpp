// `sinew` facing faults of the files it reads and writes: special files refused by type (no
// hang), output paths checked before any work, a failed solve next to earlier results (results
// and views untouched), a full disk, a read-only folder and a file size limit (named, earlier
// results intact, no temporary file left), SIGINT (temporaries removed) and stale temporaries
// of a killed run (removed by the next one). Exit codes: 2 bad input, 1 failure.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <map>
#include <thread>

#include "cli_support.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

// A 2x2x2 hex8 cube pulled along x in `increments` steps.
std::string cube_model(int increments, const std::string& extra_solver = "") {
  return "mesh: {generator: box, size: [1, 1, 1], divisions: [2, 2, 2]}\n"
         "materials:\n  matrix: {type: neo-hookean, E: 1.0, nu: 0.3}\n"
         "regions:\n  - {elements: all, material: matrix}\n"
         "boundary:\n"
         "  - {type: fixed, nodes: x0, components: [x]}\n"
         "  - {type: fixed, nodes: y0, components: [y]}\n"
         "  - {type: fixed, nodes: z0, components: [z]}\n"
         "  - {type: displacement, nodes: x1, component: x, value: 0.1, curve: ramp}\n"
         "steps:\n  - {name: pull, increments: " +
         std::to_string(increments) + (extra_solver.empty() ? "" : ", adaptive: false") +
         "}\n"
         "solver: {" +
         (extra_solver.empty() ? std::string("residual_tolerance: 1.0e-10") : extra_solver) +
         "}\n"
         "output: {reactions: [x1]}\n";
}

// One Newton iteration with adaptive stepping off cannot converge: the solve fails (exit 1).
std::string failing_model() {
  return cube_model(1, "max_iterations: 1, residual_tolerance: 1.0e-12, residual_absolute: 0");
}

// `sinew <args>` after a shell prefix (a time limit, a file size limit), output captured.
RunResult run_with(const std::string& prefix, const std::vector<std::string>& args) {
  return run_sinew(args, prefix);
}

// Within 60 s whatever happens: a reader blocked on a FIFO ends as exit 124.
RunResult run_limited(const std::vector<std::string>& args) { return run_with("timeout 60", args); }

// Every file under `dir` (relative path -> contents).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_text(e.path());
  return files;
}

// Paths under `dir` with ".part" in their name.
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".part") != std::string::npos)
      found.push_back(e.path().string());
  return found;
}

bool has_hdf5_stack(const std::string& err) { return err.find("HDF5-DIAG") != std::string::npos; }

// ---- output paths, checked before any work ------------------------------------------------

TEST(OutputFaults, UnknownOutputExtensionIsRefused) {
  TempDir dir;
  const std::string model = dir.write("m.yaml", cube_model(2));
  const std::string out = dir.file("res.vtk");
  const RunResult r = run_sinew({"solve", model, "-o", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: output " + out + ": has the unknown extension '.vtk' (allowed: .h5, .csv)\n");
  EXPECT_EQ(snapshot(dir.path()).size(), 1u);  // nothing written
}

TEST(OutputFaults, DirectoryOrMissingFolderAsOutputIsRefusedBeforeTheSolve) {
  TempDir dir;
  const std::string model = dir.write("m.yaml", cube_model(2));
  fs::create_directories(dir.path() / "taken.h5");
  RunResult r = run_sinew({"solve", model, "-o", dir.file("taken.h5")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: output " + dir.file("taken.h5") + ": is a directory\n");
  r = run_sinew({"solve", model, "-o", dir.file("missing/r.h5")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: output " + dir.file("missing/r.h5") + ": folder " + dir.file("missing") +
                       " does not exist\n");
  EXPECT_EQ(r.out, "");  // no step table: nothing was solved
}

// ---- special files, refused by type -------------------------------------------------------

TEST(InputFaults, FifoOrDirectoryAsModelFileIsRefusedWithoutHanging) {
  TempDir dir;
  const std::string fifo = dir.file("model.yaml");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string command : {"check", "solve"}) {
    RunResult r = run_limited({command, fifo});
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    EXPECT_EQ(r.err, "error: " + fifo + ": is a FIFO (named pipe), not a regular file\n");
    r = run_limited({command, dir.path().string()});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, "error: " + dir.path().string() + ": is a directory\n");
  }
}

TEST(InputFaults, FifoOrDeviceAsMeshFileIsRefused) {
  TempDir dir;
  const std::string fifo = dir.file("pipe.msh");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string tail = cube_model(2);
  tail = tail.substr(tail.find('\n') + 1);  // without the mesh line
  const std::map<std::string, std::string> cases{
      {fifo, "is a FIFO (named pipe), not a regular file"},
      {"/dev/zero", "is a character device, not a regular file"}};
  for (const auto& [mesh, what] : cases) {
    const std::string model = dir.write("m.yaml", "mesh: {file: " + mesh + "}\n" + tail);
    const RunResult r = run_limited({"check", model});
    EXPECT_EQ(r.exit_code, 2) << mesh << ": " << r.err;
    EXPECT_NE(r.err.find(mesh + ": the mesh file " + what), std::string::npos) << r.err;
  }
}

TEST(InputFaults, FifoOrDirectoryAsStudyFileIsRefused) {
  TempDir dir;
  const std::string fifo = dir.file("study.yaml");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string command : {"validate", "run", "merge"}) {
    RunResult r = run_limited({command, fifo});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, "error: " + fifo + ": is a FIFO (named pipe), not a regular file\n");
    r = run_limited({command, dir.path().string()});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, "error: " + dir.path().string() + ": is a directory\n");
  }
}

// ---- results replaced only by complete ones -----------------------------------------------

TEST(OutputFaults, FailedSolveLeavesEarlierResultsAndViewsUntouched) {
  TempDir dir;
  const std::string out = dir.file("old.h5");
  RunResult r = run_sinew({"solve", dir.write("good.yaml", cube_model(2)), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::remove(dir.path() / "good.yaml");
  const auto before = snapshot(dir.path());
  ASSERT_EQ(before.size(), 5u);  // old.h5, 3 step views (t = 0 first), steps.hdf.series

  // Fails in the solve (no convergence): exit 1.
  r = run_sinew({"solve", dir.write("fail.yaml", failing_model()), "-o", out});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("note: the earlier results in " + out + " are kept"), std::string::npos)
      << r.err;
  fs::remove(dir.path() / "fail.yaml");
  EXPECT_EQ(snapshot(dir.path()), before);

  // Fails validation: exit 2.
  std::string bad = cube_model(2);
  bad.replace(bad.find("nu: 0.3"), 7, "nu: 0.7");
  r = run_sinew({"solve", dir.write("bad.yaml", bad), "-o", out});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  fs::remove(dir.path() / "bad.yaml");
  EXPECT_EQ(snapshot(dir.path()), before);

  // Passes `check` but fails in `solve`.
  std::string huge = cube_model(2);
  huge.replace(huge.find("size: [1, 1, 1]"), 15, "size: [1e308, 1, 1]");
  r = run_sinew({"solve", dir.write("huge.yaml", huge), "-o", out});
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.error_lines().empty()) << r.err;
  fs::remove(dir.path() / "huge.yaml");
  EXPECT_EQ(snapshot(dir.path()), before);

  // A successful solve replaces the results and the views (3 steps now).
  r = run_sinew({"solve", dir.write("three.yaml", cube_model(3)), "-o", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  fs::remove(dir.path() / "three.yaml");
  const auto after = snapshot(dir.path());
  EXPECT_EQ(after.size(), 6u);  // old.h5, t = 0 and 3 step views, steps.hdf.series
  EXPECT_EQ(after.count("old_vtk/step_000003.hdf"), 1u);  // the last step
  EXPECT_NE(after.at("old.h5"), before.at("old.h5"));
}

TEST(OutputFaults, StaleTemporariesOfAKilledRunAreRemovedByTheNextRun) {
  TempDir dir;
  std::ofstream(dir.path() / "r.h5.part") << "killed";
  fs::create_directories(dir.path() / "r_vtk.part");
  std::ofstream(dir.path() / "r_vtk.part" / "step_000005.hdf") << "killed";
  const RunResult r =
      run_sinew({"solve", dir.write("m.yaml", cube_model(2)), "-o", dir.file("r.h5")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(temporaries(dir.path()).empty());
  EXPECT_TRUE(fs::exists(dir.path() / "r_vtk" / "step_000001.hdf"));
  EXPECT_FALSE(fs::exists(dir.path() / "r_vtk" / "step_000005.hdf"));
}

// ---- writes the system refuses ------------------------------------------------------------

// A file size limit (EFBIG with SIGXFSZ ignored) takes the path of a full disk without a mount.
TEST(WriteRefused, FileSizeLimitIsNamedWithoutHdf5StacksAndLeavesNothing) {
  TempDir dir;
  const std::string out = dir.file("r.h5");
  RunResult r = run_sinew({"solve", dir.write("m.yaml", cube_model(2)), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto before = snapshot(dir.path());
  const auto limit = std::to_string(fs::file_size(out) / 2);
  const std::string prefix = "trap '' XFSZ; prlimit --fsize=" + limit;
  r = run_with(prefix, {"solve", dir.file("m.yaml"), "-o", out});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.error_lines(),
            std::vector<std::string>{"error: file size limit exceeded while writing " + out});
  EXPECT_FALSE(has_hdf5_stack(r.err)) << r.err;
  EXPECT_EQ(snapshot(dir.path()), before);

  r = run_with(prefix, {"solve", dir.file("m.yaml"), "-o", out, "--verbose"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has_hdf5_stack(r.err)) << r.err;  // asked for
  EXPECT_EQ(snapshot(dir.path()), before);
}

// A 3 MB tmpfs, mounted by the test (skipped where mounting is not permitted).
class SmallFilesystem {
 public:
  SmallFilesystem() : dir_(dir_holder_.path() / "fs") {
    fs::create_directories(dir_);
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=3m") == 0;
  }
  ~SmallFilesystem() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;
  bool mounted() const { return mounted_; }
  const fs::path& path() const { return dir_; }
  bool remount_read_only() {
    return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=3m") == 0;
  }

 private:
  TempDir dir_holder_;
  fs::path dir_;
  bool mounted_ = false;
};

TEST(WriteRefused, FullDiskAndReadOnlyFolderAreNamedAndEarlierResultsStayIntact) {
  SmallFilesystem small;
  if (!small.mounted()) GTEST_SKIP() << "mounting a tmpfs is not permitted here";
  TempDir models;
  const fs::path out = small.path() / "r.h5";
  RunResult r = run_sinew({"solve", models.write("m.yaml", cube_model(2)), "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Fill the disk but for a few kB.
  const std::string fill = "dd if=/dev/zero of=" + quoted((small.path() / "filler").string()) +
                           " bs=4k 2>/dev/null; rm -f " + quoted((small.path() / "room").string());
  std::ofstream(small.path() / "room") << std::string(16 * 1024, 'x');
  ASSERT_NE(std::system(fill.c_str()), -1);
  const auto before = snapshot(small.path());

  r = run_sinew({"solve", models.write("m8.yaml", cube_model(8)), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.error_lines(), std::vector<std::string>{
                                 "error: no space left on device while writing " + out.string()});
  EXPECT_FALSE(has_hdf5_stack(r.err)) << r.err;
  EXPECT_EQ(snapshot(small.path()), before);
  EXPECT_TRUE(temporaries(small.path()).empty());

  ASSERT_TRUE(small.remount_read_only());
  r = run_sinew({"solve", models.file("m8.yaml"), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "error: output " + out.string() + ": folder " + small.path().string() +
                       " is read-only\n");
  EXPECT_EQ(snapshot(small.path()), before);
}

// ---- SIGINT -------------------------------------------------------------------------------

TEST(OutputFaults, SigintRemovesTheTemporariesAndKeepsEarlierResults) {
  TempDir dir;
  const std::string out = dir.file("r.h5");
  RunResult r = run_sinew({"solve", dir.write("m.yaml", cube_model(2)), "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto before = snapshot(dir.path());
  const std::string model = dir.write("long.yaml", cube_model(100000));
  const std::string err = dir.file("stderr.txt");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string exe = sinew_exe();
    if (!freopen(err.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(99);
    execl(exe.c_str(), exe.c_str(), "solve", model.c_str(), "-o", out.c_str(), "-t", "1",
          static_cast<char*>(nullptr));
    _exit(98);
  }
  // Wait for the first step's view, then interrupt.
  const fs::path first = dir.path() / "r_vtk.part" / "step_000000.hdf";
  for (int i = 0; i < 600 && !fs::exists(first); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(fs::exists(first));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << read_text(err);
  EXPECT_EQ(WEXITSTATUS(status), 130) << read_text(err);
  fs::remove(model);
  fs::remove(err);
  EXPECT_EQ(snapshot(dir.path()), before);
}

// ---- studies ------------------------------------------------------------------------------

TEST(OutputFaults, StudyRunRemovesStalePartTemporaries) {
  TempDir dir;
  const std::string study = copy_study(dir, "two-arm-study.yaml");
  fs::create_directories(dir.path() / "results_parts");
  std::ofstream(dir.path() / "results_parts" / "gone.h5.part") << "killed";
  std::ofstream(dir.path() / "results.h5.part") << "killed";
  const RunResult r = run_sinew({"run", study, "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(temporaries(dir.path()).empty());
  EXPECT_TRUE(fs::exists(dir.path() / "results.h5"));
}

}  // namespace
}  // namespace sinew::cli_test
