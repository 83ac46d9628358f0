// The command-line programs' log: warnings prefixed "warning: " and every line on stderr, so
// stdout keeps only what a command prints as its result.
#pragma once

#include <iostream>
#include <string>

#include "core/log.hpp"

namespace sinew::tools {

/// A sink writing lines at `threshold` and above to stderr.
inline LogSink console_log(LogLevel threshold) {
  return LogSink(
      [](LogLevel level, const std::string& m) {
        std::cerr << (level == LogLevel::Warning ? "warning: " : "") << m << "\n";
      },
      threshold);
}

}  // namespace sinew::tools
