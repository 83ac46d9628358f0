// Log sink passed to the engine's solvers: the engine never writes to stdout itself.
#pragma once

#include <algorithm>
#include <functional>
#include <string>

namespace sinew {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2 };

/// A callable that receives engine messages. The default-constructed sink drops them.
class LogSink {
 public:
  using Function = std::function<void(LogLevel, const std::string&)>;
  LogSink() = default;
  explicit LogSink(Function f, LogLevel min_level = LogLevel::Info)
      : f_(std::move(f)), min_level_(min_level) {}

  void operator()(LogLevel level, const std::string& message) const {
    if (f_ && level >= min_level_) f_(level, message);
  }
  void info(const std::string& m) const { (*this)(LogLevel::Info, m); }
  void warn(const std::string& m) const { (*this)(LogLevel::Warning, m); }
  void debug(const std::string& m) const { (*this)(LogLevel::Debug, m); }

  /// The same destination, passing warnings only (for sub-computations such as metric probes,
  /// whose per-step lines would drown the main run's).
  LogSink quieter() const {
    LogSink s = *this;
    s.min_level_ = std::max(min_level_, LogLevel::Warning);
    return s;
  }

 private:
  Function f_;
  LogLevel min_level_ = LogLevel::Info;
};

}  // namespace sinew
