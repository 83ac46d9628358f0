// The material registry type and the function that fills it with every law of this folder.
#pragma once

#include "core/parameters.hpp"
#include "core/registry.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

/// Factories receive a ParameterSet already resolved against the entry's parameter specs
/// (resolve_parameters); constructors re-check ranges and cross-parameter constraints and throw
/// ParameterError(key, message).
using MaterialRegistry = Registry<Material, const ParameterSet&>;

/// Adds "neo-hookean", "mooney-rivlin", "hgo", "hgo-coupled" and "ti-mooney-rivlin".
void register_materials(MaterialRegistry& registry);

}  // namespace sinew::materials
