// Short constructors for the parameter declarations of interventions.
#pragma once

#include <string>

#include "core/parameters.hpp"

namespace sinew::interventions {

/// A value in [min, max] (min excluded when `above_min`).
inline ParameterSpec quantity(std::string name, std::string unit, std::string description,
                              Real fallback, Real min, Real max, bool above_min = false) {
  ParameterSpec s{std::move(name), std::move(unit), std::move(description), fallback, min, max};
  s.min_exclusive = above_min;
  return s;
}

/// A value > 0 and <= max.
inline ParameterSpec positive(std::string name, std::string unit, std::string description,
                              Real fallback, Real max) {
  return quantity(std::move(name), std::move(unit), std::move(description), fallback, 0.0, max,
                  true);
}

/// A whole number in [min, max].
inline ParameterSpec count(std::string name, std::string description, Real fallback, Real min,
                           Real max) {
  ParameterSpec s{std::move(name), "1", std::move(description), fallback, min, max};
  s.whole = true;
  return s;
}

inline int as_int(Real v) { return static_cast<int>(v); }

}  // namespace sinew::interventions
