// `sinew run` under other thread settings and signals: OMP_NUM_THREADS/OPENBLAS_NUM_THREADS do
// not change the metrics (to 1e-12) and are recorded in the part files; a killed mpirun leaves
// no rank running; a second SIGINT ends the run as killed by SIGINT (shell status 130).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "cli_support.hpp"
#include "core/thread_budget.hpp"
#include "io/study_summary.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Pids of the processes whose command line mentions `text` (other than this test process).
std::vector<pid_t> processes_mentioning(const std::string& text) {
  std::vector<pid_t> found;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "cmdline", std::ios::binary);
    const std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid != getpid() && cmd.find(text) != std::string::npos) found.push_back(pid);
  }
  return found;
}

// Waits until `path` exists (true) or `seconds` have passed (false).
bool wait_for(const fs::path& path, int seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  while (!fs::exists(path)) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// Starts `/bin/sh -c "exec <command>"` in the background: the pid is the command's own.
pid_t start(const std::string& command, const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    freopen(log.c_str(), "w", stderr);
    freopen("/dev/null", "w", stdout);
    execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(StudyRun, ThreadEnvironmentDoesNotChangeTheMetricsAndIsRecorded) {
  TempDir dir;
  ASSERT_EQ(std::system("/usr/bin/python3 -c 'import h5py' 2>/dev/null"), 0) << "needs h5py";
  const auto study = copy_study(dir, "small-study.yaml");
  // Two BLAS threads moved a stiffness by 0.42% (OpenBLAS's threaded Cholesky) before studies
  // kept BLAS at one thread; the reference runs with the test's own environment.
  const std::string cmd = "OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 " + quoted(sinew_exe()) +
                          " run " + quoted(study) + " --jobs 1 --quiet 2>" +
                          quoted(dir.file("run.err")) + " >/dev/null";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(dir.file("run.err"));
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
  // The settings are in each part and in its arm group of the results (provenance).
  const std::string py = "import h5py\nf = h5py.File('" + dir.file("results.h5") +
                         "')\na = f['arms/running--adhesion_density_0.5'].attrs\n"
                         "print(a['jobs'], a['openmp_threads'], a['blas_threads'], "
                         "a['mpi_ranks'], f.attrs['blas_threads'])\n";
  dir.write("attrs.py", py);
  const std::string read = "/usr/bin/python3 " + quoted(dir.file("attrs.py")) + " >" +
                           quoted(dir.file("attrs.txt")) + " 2>&1";
  ASSERT_EQ(std::system(read.c_str()), 0) << read_text(dir.file("attrs.txt"));
  const int threads = std::min(2, usable_cores());  // OMP_NUM_THREADS=2, never above the cores
  EXPECT_EQ(read_text(dir.file("attrs.txt")), "1 " + std::to_string(threads) + " 1 1 1\n");
}

// Starts the small study under `mpirun -n 2`, sends mpirun `sig` while the ranks solve, and
// expects no rank left 5 s later and a resume to the uninterrupted metrics.
void kill_mpirun_and_resume(int sig) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const pid_t mpirun = start(
      "env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe -n 2 " +
          quoted(sinew_exe()) + " run " + quoted(study) + " --quiet",
      dir.file("mpi.log"));
  // The ranks are running arms once the parts folder exists.
  ASSERT_TRUE(wait_for(dir.path() / "results_parts", 120)) << read_text(dir.file("mpi.log"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_FALSE(processes_mentioning(study).empty()) << "no rank was running";
  kill(mpirun, sig);
  int status = 0;
  waitpid(mpirun, &status, 0);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (!processes_mentioning(study).empty() && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto left = processes_mentioning(study);
  for (pid_t p : left) kill(p, SIGKILL);  // do not leave them behind if the test fails
  EXPECT_TRUE(left.empty()) << left.size() << " rank(s) still running 5 s after mpirun ended";
  // The killed run resumes to the uninterrupted metrics.
  const auto r = run_sinew({"run", study, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
}

TEST(StudyRun, MpirunKilledBySigkillLeavesNoRankRunning) {
  if (!have_mpirun()) GTEST_SKIP() << "mpirun not installed";
  kill_mpirun_and_resume(SIGKILL);
}

TEST(StudyRun, MpirunStoppedBySigtermLeavesNoRankRunning) {
  if (!have_mpirun()) GTEST_SKIP() << "mpirun not installed";
  kill_mpirun_and_resume(SIGTERM);
}

TEST(StudyRun, SecondSigintEndsTheRunAsKilledBySigint) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const std::string log = dir.file("run.log");
  const pid_t pid = start(quoted(sinew_exe()) + " run " + quoted(study) + " --jobs 1", log);
  ASSERT_TRUE(wait_for(dir.path() / "results_parts", 120)) << read_text(log);
  kill(pid, SIGINT);
  // The second signal once the first has been taken (its message is on stderr).
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (read_text(log).find("stopping after the current step") == std::string::npos &&
         Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
    GTEST_SKIP() << "the run stopped cleanly before the second signal arrived";
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status) << "\n"
                                   << read_text(log);
  EXPECT_EQ(128 + WTERMSIG(status), 130);  // what a shell reports
  // What was finished is kept: the run resumes to the uninterrupted metrics.
  const auto r = run_sinew({"run", study, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
}

}  // namespace
}  // namespace sinew::cli_test
