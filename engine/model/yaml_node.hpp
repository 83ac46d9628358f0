// A YAML node that knows its key path and source location and reports every problem it finds
// (missing or unknown keys, wrong types, values out of range) into a shared list, so a whole
// file is checked before anything runs. The only place besides its .cpp that sees yaml-cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/diagnostics.hpp"

namespace sinew::model {

class YamlNode {
 public:
  YamlNode(YAML::Node node, std::string path, std::string file, Diagnostics* diag);

  bool defined() const { return node_.IsDefined() && !node_.IsNull(); }
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  size_t size() const { return node_.size(); }
  const std::string& path() const { return path_; }
  const SourceLocation& location() const { return loc_; }
  const YAML::Node& raw() const { return node_; }

  YamlNode operator[](const std::string& key) const;
  YamlNode operator[](size_t i) const;
  /// Keys of a mapping in file order.
  std::vector<std::string> keys() const;

  /// Reports an error at this node.
  void error(const std::string& message) const;

  /// Checks the node is a mapping whose keys are all in `allowed`.
  bool expect_map(const std::vector<std::string>& allowed) const;
  bool expect_sequence() const;
  /// Reports "missing required key" when undefined; returns defined().
  bool require() const;

  std::optional<Real> real(Range range = {}) const;
  std::optional<long> integer(long min = std::numeric_limits<long>::min(),
                              long max = std::numeric_limits<long>::max()) const;
  std::optional<bool> boolean() const;
  std::optional<std::string> string(const std::vector<std::string>& allowed = {}) const;
  std::optional<Vec3> vec3(Range range = {}) const;
  std::optional<std::vector<Real>> reals(Range range = {}) const;
  std::optional<std::vector<std::string>> strings(
      const std::vector<std::string>& allowed = {}) const;

  template <class T>
  T value_or(std::optional<T> v, T fallback) const {
    return v ? *v : fallback;
  }

  /// Reads an optional number within `range` into `out`; an absent key keeps `out` (its default).
  void read_real(Real& out, Range range = {}) const {
    if (defined()) out = value_or(real(range), out);
  }

 private:
  YAML::Node node_;
  std::string path_;
  std::string file_;
  SourceLocation loc_;
  Diagnostics* diag_;
};

/// Parses YAML text; a syntax error is reported as an InputError with its line and column.
YAML::Node parse_yaml(const std::string& text, const std::string& file_name);

/// Reads and parses a YAML file (missing file: InputError).
YAML::Node load_yaml_file(const std::string& path);

}  // namespace sinew::model
