// Key paths into a ModelSpec ("interface.adhesion_density", "scars.midportion.falloff",
// "mesh.divisions.axial"): setting a typed value by path (sweeps, `set:` overrides, probes),
// the canonical text of a spec (an arm's identity) and the list of paths a spec has.
#pragma once

#include <string>
#include <vector>

#include "model/spec_visit.hpp"

namespace sinew::model {

/// What setting a value did: `error` is empty on success; `key_path` is the value's key path as
/// messages write it ("scars[0].falloff", below the model section).
struct SetOutcome {
  std::string error;
  std::string key_path;
};

/// Sets the value at the dotted `path` (a segment names a section or key, a list index, or the
/// list item whose `name` it is) from `text` as a user would write it ("12", "0.25", "true",
/// "cg"). Numbers are checked against their range and whole numbers for being whole.
SetOutcome set_spec_value(ModelSpec& spec, const std::string& path, const std::string& text,
                          const LawParameters& laws);

/// The same with a number (a sweep value), kept to the last bit.
SetOutcome set_spec_number(ModelSpec& spec, const std::string& path, Real value,
                           const LawParameters& laws);

/// Sets a list: the names of a list-of-names value (output.reactions, boundary components), or
/// every number of a vector (scars.0.centre, mesh.size: as many values as it has).
SetOutcome set_spec_list(ModelSpec& spec, const std::string& path,
                         const std::vector<std::string>& items, const LawParameters& laws);

/// One line "key.path = value" per value, in the walk's fixed order, numbers written with the
/// shortest text that reads back to the same double: two specs are the same model exactly when
/// their canonical texts are equal (defaults written out, so giving a default changes nothing).
std::string canonical_text(const ModelSpec& spec, const LawParameters& laws);

/// Every key path of the spec's values (dotted, list items by index).
std::vector<std::string> spec_paths(const ModelSpec& spec, const LawParameters& laws);

/// The segments of a dotted path ("a.b.0" -> a, b, 0); empty segments are kept.
std::vector<std::string> split_key_path(const std::string& path);

}  // namespace sinew::model
