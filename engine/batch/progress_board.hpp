// Progress of a study's arms: on a terminal, one redrawn line per arm (bar, session, ETA);
// otherwise plain log lines when an arm starts, changes session and ends, and every N seconds a
// line per running arm (so a batch system's log shows a long session advancing). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "batch/arm_runner.hpp"

namespace sinew::batch {

class ProgressBoard {
 public:
  /// `terminal`: redraw lines in place (ANSI); otherwise print log lines to `out`.
  /// `every_seconds` > 0 (not on a terminal): a status line per running arm at that period,
  /// from a thread of the board's own.
  ProgressBoard(std::FILE* out, bool terminal, std::vector<std::string> arm_names,
                double every_seconds = 0.0);
  ~ProgressBoard();
  ProgressBoard(const ProgressBoard&) = delete;
  ProgressBoard& operator=(const ProgressBoard&) = delete;
  void skipped(std::size_t arm, const std::string& why);
  void started(std::size_t arm);
  void update(std::size_t arm, const ArmProgress& p);
  void finished(std::size_t arm, const std::string& status, const std::string& failure);
  /// One line per running arm ("arm a: 40% session 's': activity, 1:05 elapsed, ETA 1:37");
  /// the periodic lines. Nothing when no arm is running.
  void print_status();

 private:
  using Clock = std::chrono::steady_clock;
  struct Line {
    std::string state = "waiting";  // waiting, running, done text
    ArmProgress progress;
    Clock::time_point start;
    std::string last_session;
  };
  std::string render(const Line& l, std::size_t arm) const;
  void tick(std::chrono::duration<double> every);
  void redraw(bool force);

  std::FILE* out_;
  bool terminal_;
  std::vector<std::string> names_;
  std::vector<Line> lines_;
  std::size_t drawn_ = 0;
  Clock::time_point last_draw_{};
  std::size_t width_ = 8;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool closing_ = false;
  std::thread ticker_;  // last: started after everything it reads
};

}  // namespace sinew::batch
