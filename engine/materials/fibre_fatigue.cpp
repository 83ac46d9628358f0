// Parameter, declared state and output of the fibre fatigue damage (fibre_fatigue.hpp).
#include "materials/fibre_fatigue.hpp"

namespace sinew::materials {

std::vector<ParameterSpec> FibreFatigue::parameter_specs() {
  return {{.name = kUtsKey,
           .unit = "MPa",
           .description = "ultimate tensile strength that scales the tendon S-N line "
                          "S = 101.3 - 14.8 log10 N (S: peak fibre stress in % of it; Schechtman "
                          "& Bader 1997, J Biomech 30:829, UTS ~ 100 MPa); 0: no fatigue",
           .default_value = 0.0,
           .min = 0.0}};
}

FibreFatigue FibreFatigue::from_parameters(const ParameterSet& values) {
  return FibreFatigue(values[kUtsKey]);
}

std::vector<StateVariable> FibreFatigue::state_variables() const {
  if (!enabled()) return {};
  return {{.name = "fibre_stress_peak",
           .offset = kPeakSlot,
           .components = 1,
           .units = "MPa",
           .description = "largest nominal fibre stress of the current load case (the S of the "
                          "S-N line; reset when the case's cycles are counted)",
           .initial = 0.0},
          {.name = "fatigue_damage",
           .offset = kDamageSlot,
           .components = 1,
           .units = "1",
           .description = "Miner sum of n / N_f over the load cases so far, capped at 1; the "
                          "fibre stiffness is scaled by 1 - fatigue_damage",
           .initial = 0.0}};
}

}  // namespace sinew::materials
