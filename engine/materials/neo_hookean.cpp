// Compressible neo-Hookean law: energy, stress and tangent.
//
// Bonet & Wood 2008, Nonlinear Continuum Mechanics for Finite Element Analysis, 2nd ed.,
// Cambridge UP, ch. 6.
#include "materials/neo_hookean.hpp"

#include <cmath>

#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

std::string NeoHookean::description() {
  return "compressible neo-Hookean solid W = mu/2 (I1-3) - mu ln J + lambda/2 (ln J)^2 "
         "(Bonet & Wood 2008); mu, lambda from E, nu; matrix_scale multiplies E";
}

std::vector<ParameterSpec> NeoHookean::parameter_specs() {
  return {
      {.name = "E",
       .unit = "MPa",
       .description = "small-strain Young's modulus",
       .default_value = std::nullopt,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "nu",
       .unit = "1",
       .description = "small-strain Poisson's ratio",
       .default_value = 0.3,
       .min = -1.0,
       .max = 0.5,
       .min_exclusive = true,
       .max_exclusive = true},
  };
}

NeoHookean::NeoHookean(const ParameterSet& values) {
  check_parameters(parameter_specs(), values);
  const Real E = values["E"], nu = values["nu"];
  mu_ = E / (2.0 * (1.0 + nu));
  lambda_ = E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
}

Real NeoHookean::energy(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Real mu = p.matrix_scale * mu_, lambda = p.matrix_scale * lambda_;
  const Real lnJ = std::log(inv.J);
  return 0.5 * mu * (inv.I1 - 3.0) - mu * lnJ + 0.5 * lambda * lnJ * lnJ;
}

// W_I1 = mu/2, W_J = (lambda ln J - mu)/J, W_JJ = (mu + lambda (1 - ln J))/J^2; which gives
// S = mu (I - C^{-1}) + lambda ln J C^{-1} and D = lambda C^{-1}(x)C^{-1} + 2 (mu - lambda ln J)
// I_{C^{-1}}.
StressTangent NeoHookean::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Real mu = p.matrix_scale * mu_, lambda = p.matrix_scale * lambda_;
  const Real lnJ = std::log(inv.J);
  InvariantDerivatives w;
  w.first(kI1) = 0.5 * mu;
  w.first(kJ) = (lambda * lnJ - mu) / inv.J;
  w.second(kJ, kJ) = (mu + lambda * (1.0 - lnJ)) / (inv.J * inv.J);
  return stress_tangent_from_invariants(C, p.fibre, inv, w);
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_neo_hookean(MaterialRegistry& registry) {
  add_law<NeoHookean>(registry, {{"E", 3.0}, {"nu", 0.35}});
}

}  // namespace sinew::materials
