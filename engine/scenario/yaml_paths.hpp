// Dotted key paths into a YAML tree ("interface.adhesion_density", "scars.midportion.falloff",
// "steps.0.increments"): how sweeps and overrides address a value of the model section.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sinew::scenario {

/// The segments of a dotted path ("a.b.0" -> a, b, 0); empty segments are kept.
std::vector<std::string> split_key_path(const std::string& path);

/// Sets the scalar at `path` below `root` to `value` (text). A segment selects a mapping key, a
/// list index, or the list item whose `name` equals the segment. The last key may be new (the
/// model's own validation then checks it). Returns an empty string, or what is wrong.
std::string set_at_path(YAML::Node root, const std::string& path, const std::string& value);

}  // namespace sinew::scenario
