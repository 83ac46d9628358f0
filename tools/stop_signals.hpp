// SIGINT/SIGTERM during `sinew run`: the first signal asks the run to stop after the step being
// written (parts stay consistent, finished arms are merged); a second one ends the process.
#pragma once

#include <atomic>

namespace sinew::tools {

/// Installs the handlers and returns the flag they set. The flag is the one piece of global
/// state of the program: a signal handler can reach nothing else.
const std::atomic<bool>& install_stop_handlers();

}  // namespace sinew::tools
