// Checks of a mesh generator's specification: lengths finite and positive, division counts at
// least one. The message names the generator, the key and the value so a model file's error
// says what to change.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/types.hpp"

namespace sinew::mesh {

inline void require_positive_length(Real v, const char* generator, const char* what) {
  if (!(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(std::string(generator) + " mesh: " + what +
                                " must be a finite number > 0 (mm), got " + std::to_string(v));
}

inline void require_divisions(int v, const char* generator, const char* what) {
  if (v < 1)
    throw std::invalid_argument(std::string(generator) + " mesh: " + what + " must be >= 1, got " +
                                std::to_string(v));
}

}  // namespace sinew::mesh
