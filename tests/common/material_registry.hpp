// The registered material laws, built once per test executable (tests that load model files).
#pragma once

#include "materials/register.hpp"

namespace sinew::testing {

inline const materials::MaterialRegistry& registered_materials() {
  static const materials::MaterialRegistry registry = [] {
    materials::MaterialRegistry r;
    materials::register_materials(r);
    return r;
  }();
  return registry;
}

}  // namespace sinew::testing
