// Uncoupled Mooney-Rivlin law: energy, stress and tangent.
//
// Mooney 1940, J Appl Phys 11:582; Rivlin 1948, Phil Trans R Soc A 241:379; in the
// isochoric/volumetric split of Simo, Taylor & Pister 1985, CMAME 51:177.
#include "materials/mooney_rivlin.hpp"

#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

std::string MooneyRivlin::description() {
  return "uncoupled Mooney-Rivlin solid W = c1 (I1_bar-3) + c2 (I2_bar-3) + k/2 (ln J)^2 "
         "(Mooney 1940; Rivlin 1948); small-strain shear modulus 2 (c1 + c2); "
         "matrix_scale multiplies c1 and c2";
}

// c1 is left unbounded on its own (fits with c1 < 0 < c2 exist); only c1 + c2 > 0, the positive
// small-strain shear modulus, is required. k has no default: no one value suits every use.
std::vector<ParameterSpec> MooneyRivlin::parameter_specs() {
  return {
      {.name = "c1",
       .unit = "MPa",
       .description = "coefficient of I1_bar - 3 (c1 + c2 must be > 0)",
       .default_value = std::nullopt},
      {.name = "c2",
       .unit = "MPa",
       .description = "coefficient of I2_bar - 3",
       .default_value = 0.0,
       .min = 0.0},
      {.name = "k",
       .unit = "MPa",
       .description = "bulk modulus of U(J) = k/2 (ln J)^2",
       .default_value = std::nullopt,
       .min = 0.0,
       .min_exclusive = true},
  };
}

MooneyRivlin::MooneyRivlin(const ParameterSet& values) {
  check_parameters(parameter_specs(), values);
  c1_ = values["c1"];
  c2_ = values["c2"];
  k_ = values["k"];
  if (!(c1_ + c2_ > 0.0))
    throw ParameterError("c1", "c1 + c2 must be > 0 (it is twice the shear modulus)");
}

Real MooneyRivlin::energy(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  return p.matrix_scale * (c1_ * (bar.I1 - 3.0) + c2_ * (bar.I2 - 3.0));
}

StressTangent MooneyRivlin::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Vec3 first(p.matrix_scale * c1_, p.matrix_scale * c2_, 0.0);
  return stress_tangent_from_invariants(
      C, p.fibre, inv, from_modified(inv, modified_invariants(inv), first, Mat3::Zero()));
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_mooney_rivlin(MaterialRegistry& registry) {
  add_law<MooneyRivlin>(registry, {{"c1", 0.4}, {"c2", 0.15}, {"k", 20.0}});
}

}  // namespace sinew::materials
