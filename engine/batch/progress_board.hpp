// Progress of a study's arms: on a terminal, one redrawn line per arm (bar, session, ETA);
// otherwise plain log lines when an arm starts, changes session and ends. Thread-safe.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "batch/arm_runner.hpp"

namespace sinew::batch {

class ProgressBoard {
 public:
  /// `terminal`: redraw lines in place (ANSI); otherwise print log lines to `out`.
  ProgressBoard(std::FILE* out, bool terminal, std::vector<std::string> arm_names);
  void skipped(std::size_t arm, const std::string& why);
  void started(std::size_t arm);
  void update(std::size_t arm, const ArmProgress& p);
  void finished(std::size_t arm, const std::string& status, const std::string& failure);

 private:
  using Clock = std::chrono::steady_clock;
  struct Line {
    std::string state = "waiting";  // waiting, running, done text
    ArmProgress progress;
    Clock::time_point start;
    std::string last_session;
  };
  std::string render(const Line& l, std::size_t arm) const;
  void redraw(bool force);

  std::FILE* out_;
  bool terminal_;
  std::vector<std::string> names_;
  std::vector<Line> lines_;
  std::size_t drawn_ = 0;
  Clock::time_point last_draw_{};
  std::size_t width_ = 8;
  std::mutex mutex_;
};

}  // namespace sinew::batch
