// A rank started by mpirun (or srun) ends when its launcher is gone. When mpirun is killed with
// SIGKILL it cannot forward any signal, and its ranks, reparented to init, would keep solving
// (and holding cores) for the rest of their arms. Each rank therefore watches its parent process
// and ends itself as soon as the parent changes: what it was writing stays an unfinished part
// file, which a resumed run does not trust and runs again (as after a SIGKILL of the rank).
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace sinew::batch {

class LauncherWatch {
 public:
  /// Starts watching the current parent (checked every `period_ms`).
  explicit LauncherWatch(int period_ms = 250);
  ~LauncherWatch();  ///< stops watching (a normal end of the rank)
  LauncherWatch(const LauncherWatch&) = delete;
  LauncherWatch& operator=(const LauncherWatch&) = delete;

 private:
  void watch(int period_ms);

  pid_t parent_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace sinew::batch
