// Signal handlers that turn SIGINT/SIGTERM into a stop request.
#include "stop_signals.hpp"

#include <unistd.h>
#include <csignal>

namespace sinew::tools {

namespace {

std::atomic<bool> g_stop{false};  // written by the handler only
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_stop_signal(int sig) {
  if (g_stop.exchange(true)) {  // second signal: give up at once
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  const char msg[] = "\nsinew: stopping after the current step (send the signal again to abort)\n";
  [[maybe_unused]] auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
}

}  // namespace

const std::atomic<bool>& install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  return g_stop;
}

}  // namespace sinew::tools
