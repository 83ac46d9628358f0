// The interface's per-Gauss-point history (PointHistory, traction_law.hpp) declared as state
// variables: what the output-field table writes to /interface/state. A new history variable is
// declared here, next to the row it fills.
#include "interface/interface_set.hpp"

namespace sinew::interface {

std::vector<materials::StateVariable> InterfaceSet::state_variables() const {
  return {
      {"damage", 0, 1, "1", "rate-independent bond damage D in [0, 1] (irreversible)", 0.0},
      {"viscous_damage", 1, 1, "1",
       "bond damage D_v acting on the bond traction (= D without bond viscosity)", 0.0},
      {"max_separation", 2, 1, "mm", "largest effective separation delta reached", 0.0},
      {"slip_vector", 3, 3, "mm", "committed friction slip s in the global frame (x/y/z)", 0.0},
      {"bond_energy", 6, 1, "N/mm",
       "undamaged bond energy rho K delta^2/2 per reference area at the last commit", 0.0},
      {"damage_dissipation", 7, 1, "N/mm", "energy dissipated by bond damage per reference area",
       0.0},
      {"friction_dissipation", 8, 1, "N/mm",
       "energy dissipated by frictional slip per reference area", 0.0},
  };
}

std::vector<Real> InterfaceSet::state_values() const {
  constexpr size_t kWidth = 9;
  std::vector<Real> out(history_.size() * kWidth);
  for (size_t i = 0; i < history_.size(); ++i) {
    const PointHistory& h = history_[i];
    Real* row = out.data() + i * kWidth;
    row[0] = h.damage;
    row[1] = h.viscous_damage;
    row[2] = h.max_separation;
    for (int k = 0; k < 3; ++k) row[3 + k] = h.slip[k];
    row[6] = h.bond_energy;
    row[7] = h.damage_dissipation;
    row[8] = h.friction_dissipation;
  }
  return out;
}

}  // namespace sinew::interface
