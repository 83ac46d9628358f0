// The problems found so far in one input, and where each key of it was written, so a whole
// file is checked (read and built) before anything runs and every message names file:line.
#pragma once

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/key_spec.hpp"
#include "core/types.hpp"

namespace sinew::model {

class Diagnostics {
 public:
  void add(const SourceLocation& where, const std::string& path, const std::string& message) {
    errors_.emplace_back(where, path, message);
  }
  bool empty() const { return errors_.empty(); }
  const std::vector<InputError>& errors() const { return errors_; }
  size_t size() const { return errors_.size(); }
  void throw_if_any() const {
    if (!errors_.empty()) throw InputErrors(errors_);
  }
  /// Records where the key at `path` was written (the first place, for repeated reads).
  void note(const std::string& path, const SourceLocation& where) { origins_.emplace(path, where); }
  const std::map<std::string, SourceLocation>& origins() const { return origins_; }

 private:
  std::vector<InputError> errors_;
  std::map<std::string, SourceLocation> origins_;
};

struct Range {
  Real min = -std::numeric_limits<Real>::infinity();
  Real max = std::numeric_limits<Real>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
  static Range positive() { return {0, std::numeric_limits<Real>::infinity(), true, false}; }
  static Range non_negative() { return {0, std::numeric_limits<Real>::infinity(), false, false}; }
  bool contains(Real v) const;
  std::string describe() const;
};

/// The range a key's declaration allows.
inline Range key_range(const KeySpec& k) {
  return {k.min, k.max, k.min_exclusive, k.max_exclusive};
}

}  // namespace sinew::model
