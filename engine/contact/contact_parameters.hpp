// Parameters of node-to-rigid-surface contact: penalties and the Coulomb coefficient.
#pragma once

#include "core/types.hpp"

namespace sinew::contact {

struct ContactParameters {
  Real normal_penalty = 0.0;        ///< eps_N (MPa/mm): pressure per mm of penetration
  Real tangential_penalty = 0.0;    ///< eps_T (MPa/mm): friction traction per mm of elastic slip
  Real friction_coefficient = 0.0;  ///< mu (1); 0 = frictionless

  /// Throws std::invalid_argument unless eps_N > 0, eps_T > 0 and mu >= 0.
  void check() const;
};

}  // namespace sinew::contact
