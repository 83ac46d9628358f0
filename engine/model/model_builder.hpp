// Building the finite-element model from a ModelSpec: meshes generated or read, materials
// created, named sets, curves and materials looked up, scars placed and the interface joined.
// Every problem is reported at once with the key path and file:line of the value (InputErrors).
#pragma once

#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "model/model_spec.hpp"
#include "model/spec_visit.hpp"

namespace sinew::model {

ModelDefinition build_model(const ModelSpec& spec, const materials::MaterialRegistry& materials);

/// The parameter declarations of every registered law (for spec paths and canonical text).
LawParameters law_parameters(const materials::MaterialRegistry& materials);

}  // namespace sinew::model
