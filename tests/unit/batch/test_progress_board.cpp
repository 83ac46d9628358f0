// ProgressBoard off a terminal: the log lines of starts, sessions and ends, and the periodic
// status lines (print_status) naming every running arm with its progress and session.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "batch/progress_board.hpp"

namespace sinew::batch {
namespace {

// Everything written to `f` so far.
std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string s;
  for (int c; (c = std::fgetc(f)) != EOF;) s += static_cast<char>(c);
  return s;
}

TEST(ProgressBoard, StatusLinesNameEveryRunningArmOnly) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBoard board(f, false, {"rest", "art--density_0.5", "iastm"});
    board.started(0);
    board.started(1);
    board.update(1, {0.4, "art 1", "load case 'press'"});
    board.finished(0, "completed", "");
    const auto before = contents(f).size();
    board.print_status();
    const std::string status = contents(f).substr(before);
    // One line: arm 1 runs; arm 0 has finished and arm 2 has not started.
    EXPECT_EQ(std::count(status.begin(), status.end(), '\n'), 1) << status;
    EXPECT_EQ(status.rfind("arm art--density_0.5: 40% session 'art 1': load case 'press', ", 0), 0u)
        << status;
    EXPECT_NE(status.find(" elapsed, ETA "), std::string::npos) << status;
  }
  const std::string all = contents(f);
  EXPECT_NE(all.find("arm rest: started\n"), std::string::npos) << all;
  EXPECT_NE(all.find("arm art--density_0.5: session 'art 1' (40%)\n"), std::string::npos) << all;
  EXPECT_NE(all.find("arm rest: completed in "), std::string::npos) << all;
  std::fclose(f);
}

TEST(ProgressBoard, NoStatusLinesWhileNoArmRuns) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    // A period of an hour: the ticker thread is started and stopped without printing.
    ProgressBoard board(f, false, {"a"}, 3600.0);
    board.print_status();
  }
  EXPECT_EQ(contents(f), "");
  std::fclose(f);
}

}  // namespace
}  // namespace sinew::batch
