// Parameters of the fibre damage function (declaration, validation) and its declared state and
// output; the damage itself is in fibre_damage.hpp.
#include "materials/fibre_damage.hpp"

#include <string>

namespace sinew::materials {

// The declared range is only "not negative": 0 switches damage off, and the constraint
// 1 < onset < full couples the two parameters, so from_parameters() checks it (as the
// Mooney-Rivlin laws check c1 + c2 > 0).
std::vector<ParameterSpec> FibreDamage::parameter_specs() {
  return {
      {.name = kOnsetKey,
       .unit = "1",
       .description = "equivalent fibre stretch at which irreversible fibre damage starts "
                      "(0: no damage; else 1 < onset < full). Tendon: 1.068, the lower end of the "
                      "patellar-tendon fascicle yield strain 6.8-8.7% (Haraldsson et al. 2005, "
                      "J Appl Physiol 98:1006)",
       .default_value = 0.0,
       .min = 0.0},
      {.name = kFullKey,
       .unit = "1",
       .description = "equivalent fibre stretch at which the fibres are fully damaged and carry "
                      "nothing (0: no damage). Tendon: 1.14, the middle of the Achilles failure "
                      "strain 12-16% (Wren et al. 2001, Clin Biomech 16:245)",
       .default_value = 0.0,
       .min = 0.0},
  };
}

FibreDamage FibreDamage::from_parameters(const ParameterSet& values) {
  const Real onset = values[kOnsetKey], full = values[kFullKey];
  FibreDamage d;
  if (onset == 0.0 && full == 0.0) return d;
  if (!(onset > 1.0))
    throw ParameterError(kOnsetKey, std::string(kOnsetKey) +
                                        " must be > 1 when fibre damage is on (0 with " + kFullKey +
                                        " = 0 switches it off)");
  if (!(full > onset))
    throw ParameterError(kFullKey, std::string(kFullKey) + " must be > " + kOnsetKey);
  d.onset_ = onset;
  d.full_ = full;
  return d;
}

std::vector<StateVariable> FibreDamage::state_variables() const {
  if (!enabled()) return {};
  return {{.name = "fibre_stretch_max",
           .offset = kStretchMaxSlot,
           .components = 1,
           .units = "1",
           .description = "largest equivalent fibre stretch lambda_m reached in the committed "
                          "states (the fibre damage history; 1 = virgin fibres)",
           .initial = 1.0}};
}

std::vector<PointOutput> FibreDamage::point_outputs() const {
  if (!enabled()) return {};
  const FibreDamage damage = *this;
  return {{.name = "fibre_damage",
           .components = 1,
           .units = "1",
           .description = "fibre damage D(lambda_m) in [0, 1] (0 intact, 1 the fibres carry "
                          "nothing) from the largest fibre stretch so far",
           .evaluate = [damage](const PointFields& p, Real* out) {
             out[0] = damage.at(fibre_stretch_max(p)).D;
           }}};
}

}  // namespace sinew::materials
