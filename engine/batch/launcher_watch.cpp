// LauncherWatch: a thread that ends the process when its parent (the MPI launcher) dies.
#include "batch/launcher_watch.hpp"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>

namespace sinew::batch {

LauncherWatch::LauncherWatch(int period_ms)
    : parent_(getppid()), thread_([this, period_ms] { watch(period_ms); }) {}

LauncherWatch::~LauncherWatch() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LauncherWatch::watch(int period_ms) {
  std::unique_lock lock(mutex_);
  while (!done_) {
    if (getppid() != parent_) {
      std::signal(SIGPIPE, SIG_IGN);  // stderr may have gone with the launcher
      char msg[96];
      const int n = std::snprintf(msg, sizeof msg,
                                  "sinew: the MPI launcher (pid %d) is gone; this rank ends\n",
                                  static_cast<int>(parent_));
      [[maybe_unused]] auto w = write(STDERR_FILENO, msg, static_cast<size_t>(n));
      // As if the launcher had passed its SIGKILL on: no clean-up that could wait for the
      // other ranks (collectives would never return); the flock and the part files are safe.
      _exit(128 + SIGKILL);
    }
    wake_.wait_for(lock, std::chrono::milliseconds(period_ms));
  }
}

}  // namespace sinew::batch
