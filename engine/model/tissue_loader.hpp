// Loading of the tissue parts of a model file: the tendon-sheath and fascia-band mesh
// generators, fascicle twist, scar regions, the adhesion interface and the tissue roles and probe
// settings used by the metrics. Every problem goes to the same diagnostics as the rest of the
// model file.
#pragma once

#include <string>

#include "model/model_definition.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

/// After the point fields exist: fascicle twist, `scars`, `interface` and `tissue` sections.
void load_tissue_sections(const YamlNode& root, ModelDefinition& def);

}  // namespace sinew::model
