// One key of an input section (a mesh generator's or a boundary condition's): name, unit,
// default, allowed values and meaning, as its row in docs/model-reference.md shows them, plus
// the numeric range a scalar value must lie in.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace sinew {

struct KeySpec {
  std::string name;
  std::string unit;          ///< "" for names, flags and sets
  std::string default_text;  ///< "required" when the key must be given
  std::string allowed;       ///< allowed values, as the docs state them
  std::string description;
  Real min = -std::numeric_limits<Real>::infinity();  ///< range of a scalar (or each component)
  Real max = std::numeric_limits<Real>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;

  bool required() const { return default_text == "required"; }
};

/// The names of `keys`, in order, with `extra` in front.
inline std::vector<std::string> key_names(const std::vector<KeySpec>& keys,
                                          std::vector<std::string> extra = {}) {
  for (const auto& k : keys) extra.push_back(k.name);
  return extra;
}

/// The docs row prefix of a key: "| `name` | unit | default | allowed |".
inline std::string key_row(const KeySpec& k) {
  auto cell = [](const std::string& s) { return s.empty() ? std::string("| ") : "| " + s + " "; };
  return cell("`" + k.name + "`") + cell(k.unit) + cell(k.default_text) + cell(k.allowed) + "|";
}

}  // namespace sinew
