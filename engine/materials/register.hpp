// The material registry type and the function that fills it with every law of this folder.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/parameters.hpp"
#include "core/registry.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

/// Factories receive a ParameterSet already resolved against the entry's parameter specs
/// (resolve_parameters); constructors re-check ranges and cross-parameter constraints and throw
/// ParameterError(key, message).
using MaterialRegistry = Registry<Material, const ParameterSet&>;

/// Adds every law listed as REGISTERED in sinew_module(materials ...) of engine/CMakeLists.txt,
/// in that order: "neo-hookean", "mooney-rivlin", "hgo", "hgo-coupled", "ti-mooney-rivlin",
/// "hgo-visco".
/// The file <stem>.cpp of each defines `void add_<stem>(MaterialRegistry&)` (usually one call of
/// add_law below), so a new law is one file plus its line in the list.
void register_materials(MaterialRegistry& registry);

/// Registers `Law` under Law::kName with its description and parameter specs, and `example`, a
/// representative parameter set with which every parameterised material test runs it.
template <class Law>
void add_law(MaterialRegistry& registry, std::map<std::string, Real> example) {
  registry.add(
      Law::kName,
      [](const ParameterSet& values) -> std::unique_ptr<Material> {
        return std::make_unique<Law>(values);
      },
      Law::description(), Law::parameter_specs(), std::move(example));
}

}  // namespace sinew::materials
