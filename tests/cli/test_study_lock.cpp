// One writer per study output: the study lock itself (exclusive for a run or merge, shared plus
// a lock of its own for a shard, stale lock files taken over), and a second `sinew run` and
// `sinew merge` on the output of a running study refused with exit 2, the first unharmed.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "batch/study_lock.hpp"
#include "cli_support.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;
using batch::StudyLock;

TEST(StudyLock, ARunExcludesAnotherRunAShardAndAMergeAndNamesItself) {
  TempDir dir;
  const fs::path results = dir.path() / "results.h5";
  StudyLock run = StudyLock::acquire(results, "sinew run first.yaml");
  ASSERT_TRUE(run.held());
  const std::string text = read_text(StudyLock::study_lock_path(results));
  EXPECT_NE(text.find("pid=" + std::to_string(getpid()) + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("command=sinew run first.yaml\n"), std::string::npos) << text;
  EXPECT_NE(text.find("since=20"), std::string::npos) << text;
  EXPECT_NE(text.find("host="), std::string::npos) << text;

  for (int shards : {1, 2}) {
    const StudyLock second = StudyLock::acquire(results, "sinew run again.yaml", 0, shards);
    EXPECT_FALSE(second.held());
    ASSERT_EQ(second.holders().size(), 1u);
    EXPECT_EQ(second.holders()[0].pid, std::to_string(getpid()));
    EXPECT_NE(second.holders()[0].describe().find("(sinew run first.yaml; lock file "),
              std::string::npos)
        << second.holders()[0].describe();
  }
  // The refused shard left no lock of its own behind.
  EXPECT_FALSE(fs::exists(StudyLock::shard_lock_path(results, 0, 2)));
  run = StudyLock();  // released: the lock file is gone
  EXPECT_FALSE(fs::exists(StudyLock::study_lock_path(results)));
  EXPECT_TRUE(StudyLock::acquire(results, "sinew merge s.yaml").held());
}

TEST(StudyLock, ShardsShareTheStudyButNotTheirOwnLockAndBlockAMerge) {
  TempDir dir;
  const fs::path results = dir.path() / "results.h5";
  const StudyLock s0 = StudyLock::acquire(results, "sinew run s.yaml --shard 0/2", 0, 2);
  const StudyLock s1 = StudyLock::acquire(results, "sinew run s.yaml --shard 1/2", 1, 2);
  EXPECT_TRUE(s0.held());
  EXPECT_TRUE(s1.held());
  const StudyLock again = StudyLock::acquire(results, "sinew run s.yaml --shard 0/2", 0, 2);
  EXPECT_FALSE(again.held());
  ASSERT_EQ(again.holders().size(), 1u);
  EXPECT_EQ(again.holders()[0].command_line, "sinew run s.yaml --shard 0/2");
  // A merge (or a whole run) waits for both shards and names them.
  const StudyLock merge = StudyLock::acquire(results, "sinew merge s.yaml");
  EXPECT_FALSE(merge.held());
  ASSERT_EQ(merge.holders().size(), 2u);
  std::vector<std::string> commands;
  for (const auto& h : merge.holders()) commands.push_back(h.command_line);
  std::sort(commands.begin(), commands.end());
  EXPECT_EQ(commands[0], "sinew run s.yaml --shard 0/2");
  EXPECT_EQ(commands[1], "sinew run s.yaml --shard 1/2");
}

TEST(StudyLock, AStaleLockFileOfADeadHolderIsTakenOverWithFreshDetails) {
  TempDir dir;
  const fs::path results = dir.path() / "results.h5";
  // What a run killed with SIGKILL leaves: the file, but no flock (the kernel dropped it).
  dir.write("results.h5.lock",
            "host=elsewhere\npid=999999\nsince=2020-01-01T00:00:00Z\n"
            "command=sinew run old.yaml\n");
  const StudyLock lock = StudyLock::acquire(results, "sinew run new.yaml");
  ASSERT_TRUE(lock.held());
  const std::string text = read_text(StudyLock::study_lock_path(results));
  EXPECT_EQ(text.find("999999"), std::string::npos) << text;
  EXPECT_NE(text.find("command=sinew run new.yaml\n"), std::string::npos) << text;
}

// Starts `sinew run <study> --jobs 1 --quiet` in the background (stderr to `log`).
pid_t start_run(const std::string& study, const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(log.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
    execl(sinew_exe().c_str(), "sinew", "run", study.c_str(), "--jobs", "1", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(StudyLock, SecondRunAndMergeOnTheSameOutputExit2AndTheFirstCompletes) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const pid_t first = start_run(study, dir.file("first.log"));
  ASSERT_GT(first, 0);
  // Wait until the first run holds the lock and has written who it is.
  const fs::path lock_file = dir.path() / "results.h5.lock";
  const std::string mine = "pid=" + std::to_string(first) + "\n";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (read_text(lock_file).find(mine) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_NE(read_text(lock_file).find(mine), std::string::npos) << read_text(dir.file("first.log"));

  for (const std::vector<std::string>& args : {std::vector<std::string>{"run", study, "--quiet"},
                                               std::vector<std::string>{"merge", study}}) {
    SCOPED_TRACE(args[0]);
    const auto second = run_sinew(args);
    EXPECT_EQ(second.exit_code, 2) << second.err;
    ASSERT_EQ(second.error_lines().size(), 1u) << second.err;
    EXPECT_NE(second.err.find("pid " + std::to_string(first) + " on host "), std::string::npos)
        << second.err;
    EXPECT_NE(second.err.find("since "), std::string::npos) << second.err;
  }
  int status = 0;
  ASSERT_EQ(waitpid(first, &status, 0), first);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(dir.file("first.log"));
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 0.0);
  EXPECT_FALSE(fs::exists(lock_file));
}

}  // namespace
}  // namespace sinew::cli_test
