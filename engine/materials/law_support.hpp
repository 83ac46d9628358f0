// Helpers shared by the law implementations: re-validation of parameters in constructors.
#pragma once

#include <string>
#include <vector>

#include "core/parameters.hpp"

namespace sinew::materials {

/// Throws ParameterError(key, ...) for a declared parameter that is missing from `values` or out
/// of its declared range. Constructors call it so that a law built directly from a ParameterSet
/// (not through resolve_parameters) cannot hold out-of-range values.
inline void check_parameters(const std::vector<ParameterSpec>& specs, const ParameterSet& values) {
  for (const auto& s : specs) {
    if (!values.has(s.name))
      throw ParameterError(s.name, "required parameter '" + s.name + "' is missing");
    if (!s.accepts(values[s.name]))
      throw ParameterError(s.name, "parameter '" + s.name + "' is out of range; allowed " +
                                       s.allowed() + (s.unit.empty() ? "" : " " + s.unit));
  }
}

}  // namespace sinew::materials
