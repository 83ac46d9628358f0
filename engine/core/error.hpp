// Error types: user-input errors (with source location, exit code 2), numerical failures the
// load stepper turns into cut-backs, and the debug-only internal assertion macro.
#pragma once

#include <cassert>
#include <stdexcept>
#include <string>
#include <vector>

namespace sinew {

/// Where in an input file a value came from (line and column are 1-based; 0 = unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string str() const {
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) s.append(":").append(std::to_string(line));
    if (column > 0) s.append(":").append(std::to_string(column));
    return s;
  }
};

/// Bad user input (model file, mesh file, command line). Reported as
/// "file:line:col: key path: message" and exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string key_path, std::string message)
      : std::runtime_error(format(where, key_path, message)),
        where_(std::move(where)),
        key_path_(std::move(key_path)),
        message_(std::move(message)) {}

  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const SourceLocation& w, const std::string& key, const std::string& m) {
    std::string s = w.str();
    s.append(": ");
    if (!key.empty()) s.append(key).append(": ");
    s.append(m);
    return s;
  }
  SourceLocation where_;
  std::string key_path_;
  std::string message_;
};

/// Every problem found in one input file (validation reports them all at once).
class InputErrors : public std::runtime_error {
 public:
  explicit InputErrors(std::vector<InputError> errors)
      : std::runtime_error(join(errors)), errors_(std::move(errors)) {}
  const std::vector<InputError>& errors() const { return errors_; }

 private:
  static std::string join(const std::vector<InputError>& errors) {
    std::string s;
    for (const auto& e : errors) {
      if (!s.empty()) s += '\n';
      s += e.what();
    }
    return s;
  }
  std::vector<InputError> errors_;
};

/// A failure of the numerics that a smaller load step may cure (inverted element, NaN,
/// linear solver breakdown, Newton divergence).
class NumericalError : public std::runtime_error {
 public:
  enum class Kind { InvertedElement, NotANumber, LinearSolverFailed, Diverged };
  NumericalError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace sinew

/// Internal invariant (programmer error); compiled out in Release builds.
#define SINEW_ASSERT(cond) assert(cond)
