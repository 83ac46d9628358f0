// Closed-form uniaxial tension of the compressible neo-Hookean solid, shared by the tests that
// check solver output against it.
#pragma once

#include <cmath>

namespace sinew::testing {

/// Lateral stretch l from S22 = 0, mu (l^2 - 1) + lam ln(lambda l^2) = 0 (bisection), then
/// the nominal stress P11 = mu (lambda - 1/lambda) + lam ln J / lambda with J = lambda l^2.
struct Uniaxial {
  double lateral, P11;
};

inline Uniaxial neo_hookean_uniaxial(double E, double nu, double lambda) {
  const double mu = E / (2 * (1 + nu)), lam = E * nu / ((1 + nu) * (1 - 2 * nu));
  double lo = 0.5, hi = 1.0;
  for (int i = 0; i < 200; ++i) {
    const double l = 0.5 * (lo + hi);
    (mu * (l * l - 1) + lam * std::log(lambda * l * l) > 0 ? hi : lo) = l;
  }
  const double l = 0.5 * (lo + hi), J = lambda * l * l;
  return {l, mu * (lambda - 1 / lambda) + lam * std::log(J) / lambda};
}

}  // namespace sinew::testing
