// Total (isochoric + volumetric) energy, stress and tangent of a material at a point.
#include "materials/material.hpp"

#include <stdexcept>

#include "materials/invariants.hpp"
#include "materials/voigt.hpp"

namespace sinew::materials {

// Uncoupled laws add U(J) = K/2 (ln J)^2 (one of the volumetric functions reviewed by Doll &
// Schweizerhof 2000, J Appl Mech 67:17; it grows without bound both as J -> 0 and J -> inf).
// With dJ/dC = J/2 C^{-1} and dC^{-1}/dC = -I_{C^{-1}}:
//   S_vol = J U'(J) C^{-1},
//   D_vol = J (U' + J U'') C^{-1} (x) C^{-1} - 2 J U' I_{C^{-1}}
// (for this U, J U' = K ln J and J (U' + J U'') = K).
StressTangent total_stress_tangent(const Material& m, const Mat3& C, const PointFields& p) {
  StressTangent st = m.stress_tangent(C, p);
  if (!m.is_uncoupled()) return st;
  const Invariants inv = compute_invariants(C, p.fibre);
  const Volumetric v = volumetric(m.bulk_modulus(), inv.J);
  st.S += (inv.J * v.dU) * inv.C_inv;
  add_outer_and_symmetric_product(st.D, inv.C_inv, inv.J * (v.dU + inv.J * v.d2U),
                                  -2.0 * inv.J * v.dU);
  return st;
}

Real total_energy(const Material& m, const Mat3& C, const PointFields& p) {
  const Real W = m.energy(C, p);
  if (!m.is_uncoupled()) return W;
  const Invariants inv = compute_invariants(C, p.fibre);
  return W + volumetric(m.bulk_modulus(), inv.J).U;
}

void initialise_state(const Material& m, PointFields& p) {
  for (const auto& v : m.state_variables()) {
    if (v.offset < 0 || v.components < 1 || v.offset + v.components > kStateCapacity)
      throw std::invalid_argument("material '" + m.name() + "': state variable '" + v.name +
                                  "' does not fit in the " + std::to_string(kStateCapacity) +
                                  " per-point state slots");
    for (int k = 0; k < v.components; ++k) p.state[static_cast<size_t>(v.offset + k)] = v.initial;
  }
}

}  // namespace sinew::materials
