// The Achilles model files (scenarios/models/achilles-*.yaml) as the validation tests run
// them: a coarser mesh (10 axial cells, 2 tendon rings; the section keeps core = 4, whose
// polygon is 2.55% short of pi a b) and a ramp to a chosen force.
#pragma once

#include <string>

#include "validation_support.hpp"

namespace sinew::testing {

inline constexpr Real kAchillesLength = 50.0;  ///< mm, the models' segment

/// The model `name` with the coarse mesh and a ramp to `force` (N) in `increments` increments.
inline std::string coarse_achilles(const std::string& name, Real force, int increments) {
  auto text = model_text(name);
  text = substitute(text, R"(divisions: \{[^}]*\})",
                    "divisions: {axial: 10, core: 4, tendon_radial: 2, sheath_radial: 1}");
  text = substitute(text, R"(total_force: \[[0-9.]+, 0, 0\])",
                    "total_force: [" + num(force) + ", 0, 0]");
  text = substitute(text, R"(increments: [0-9]+)", "increments: " + std::to_string(increments));
  return text;
}

/// Force-elongation ramp of an Achilles model to `force` (run_ramp).
inline Ramp achilles_ramp(const std::string& name, Real force, int increments,
                          bool stop_at_damage = false) {
  return run_ramp(coarse_achilles(name, force, increments), "tendon", "tendon_distal",
                  "tendon_proximal", kAchillesLength, stop_at_damage);
}

}  // namespace sinew::testing
