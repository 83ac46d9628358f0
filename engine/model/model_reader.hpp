// Reading a model section from YAML into a ModelSpec: keys, types and ranges checked, every
// problem listed with file:line:column, nothing built yet (load_model builds and reports the
// reading's problems together with the building's).
#pragma once

#include <string>

#include "materials/register.hpp"
#include "model/model_spec.hpp"

namespace YAML {
class Node;
}

namespace sinew::model {

/// Reads a model mapping; key paths of messages start with `key_prefix` ("" or "model").
/// `steps_required`: a model solved on its own needs steps, a study's model does not.
ModelReading read_model_node(const YAML::Node& root, const std::string& file_name,
                             const std::string& key_prefix,
                             const materials::MaterialRegistry& materials, bool steps_required);

/// Reads model text (YAML); `file_name` names it in messages and resolves relative paths. A
/// YAML syntax error is an InputError.
ModelReading read_model_text(const std::string& text, const std::string& file_name,
                             const materials::MaterialRegistry& materials);

/// Reads a model file (missing file or YAML syntax error: InputError); `steps_required` as for
/// read_model_node.
ModelReading read_model_file(const std::string& path, const materials::MaterialRegistry& materials,
                             bool steps_required = true);

}  // namespace sinew::model
