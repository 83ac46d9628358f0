// LauncherWatch: a process runs while its parent lives and ends itself (status 128 + SIGKILL)
// soon after the parent dies.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "batch/launcher_watch.hpp"

namespace sinew::batch {
namespace {

using namespace std::chrono_literals;

// This process adopts orphaned descendants, so the watched grandchild can be waited for.
struct Subreaper {
  Subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }
  ~Subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 0); }
};

// Whether `pid` runs: exists and is not a zombie (the launcher never reaps the rank).
bool running(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const auto close = stat.rfind(") ");
  return close != std::string::npos && stat.size() > close + 2 && stat[close + 2] != 'Z';
}

struct Started {
  pid_t launcher = -1, rank = -1;
};

// Forks a "launcher" whose child (the "rank") watches it and sleeps 30 s, then exits 0; the
// launcher sends the rank's pid through a pipe and exits after `launcher_life`.
Started start_launcher(std::chrono::milliseconds launcher_life) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  Started s;
  s.launcher = fork();
  if (s.launcher == 0) {
    const pid_t rank = fork();
    if (rank == 0) {
      LauncherWatch watch(20);
      std::this_thread::sleep_for(30s);
      _exit(0);
    }
    [[maybe_unused]] auto n = write(fds[1], &rank, sizeof rank);
    std::this_thread::sleep_for(launcher_life);
    _exit(0);
  }
  if (read(fds[0], &s.rank, sizeof s.rank) != sizeof s.rank) s.rank = -1;
  close(fds[0]);
  close(fds[1]);
  return s;
}

TEST(LauncherWatch, RankRunsWhileItsLauncherLivesAndEndsSoonAfterItDies) {
  Subreaper adopt;
  const auto start = std::chrono::steady_clock::now();
  const Started s = start_launcher(1500ms);
  ASSERT_GT(s.rank, 0);
  // Half-way through the launcher's life the rank still runs (25 watch periods have passed).
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(running(s.rank)) << "the rank ended while its launcher lived";
  waitpid(s.launcher, nullptr, 0);
  int status = 0;
  ASSERT_EQ(waitpid(s.rank, &status, 0), s.rank);
  // Ended by the watch (not after its 30 s sleep), with the status of a killed process.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGKILL);
}

}  // namespace
}  // namespace sinew::batch
