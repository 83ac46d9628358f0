// Uncoupled Holzapfel-Gasser-Ogden law with fibre dispersion: energy, stress and tangent.
//
// Gasser, Ogden & Holzapfel 2006, J R Soc Interface 3:15 (dispersion); Holzapfel, Gasser &
// Ogden 2000, J Elasticity 61:1 (the exponential fibre term). The fibre term acts on the
// modified invariants, as in those papers; hgo_coupled.cpp has the unmodified variant.
#include "materials/hgo.hpp"

#include "materials/hgo_fibre.hpp"
#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

std::string Hgo::description() {
  return "uncoupled Holzapfel-Gasser-Ogden solid with fibre dispersion (Gasser, Ogden & "
         "Holzapfel 2006): W = c/2 (I1_bar-3) + k1/(2 k2) [exp(k2 E^2)-1] (E >= 0 only) + "
         "k/2 (ln J)^2, E = kappa (I1_bar-3) + (1-3 kappa)(I4_bar-1); kappa per point; "
         "fibre_scale multiplies k1, matrix_scale multiplies c; optional irreversible fibre "
         "damage D of the largest equivalent fibre stretch sqrt(1 + E) reached (smoothstep from "
         "damage_onset_stretch to damage_full_stretch; tendon 1.068 and 1.14) scales the fibre "
         "term by 1 - D; optional fatigue: Miner's sum D_f of load-case cycles over the tendon "
         "S-N line (fatigue_uts, Schechtman & Bader 1997) scales k1 by 1 - D_f";
}

// Tendon defaults: c = 1 MPa, k1 = 141 MPa, k2 = 19.1 with kappa = 0 reproduce uniaxial tension
// up to the ~1 GPa linear region (project fit). k = 100 MPa (100x the matrix shear modulus, a
// matrix Poisson's ratio of 0.495) rather than the customary 1000x: a stiffer penalty changes the
// fibre-dominated response little but degrades the conditioning of the tangent.
std::vector<ParameterSpec> Hgo::parameter_specs() {
  std::vector<ParameterSpec> specs = {
      {.name = "c",
       .unit = "MPa",
       .description = "neo-Hookean matrix shear modulus",
       .default_value = 1.0,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "k1",
       .unit = "MPa",
       .description = "fibre stiffness",
       .default_value = 141.0,
       .min = 0.0,
       .fibre_term = true},
      {.name = "k2",
       .unit = "1",
       .description = "fibre exponential stiffening",
       .default_value = 19.1,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "kappa",
       .unit = "1",
       .description = "fibre dispersion (0: aligned, 1/3: isotropic); per-point field default",
       .default_value = 0.0,
       .min = 0.0,
       .max = 1.0 / 3.0},
      {.name = "k",
       .unit = "MPa",
       .description = "bulk modulus of U(J) = k/2 (ln J)^2",
       .default_value = 100.0,
       .min = 0.0,
       .min_exclusive = true},
  };
  for (auto& s : FibreDamage::parameter_specs()) specs.push_back(std::move(s));
  for (auto& s : FibreFatigue::parameter_specs()) specs.push_back(std::move(s));
  return specs;
}

Hgo::Hgo(const ParameterSet& values) {
  check_parameters(parameter_specs(), values);
  c_ = values["c"];
  k1_ = values["k1"];
  k2_ = values["k2"];
  kappa_ = values["kappa"];
  k_ = values["k"];
  damage_ = FibreDamage::from_parameters(values);
  damage_panels_ = hgo_damage_panels(k2_, damage_);
  fatigue_ = FibreFatigue::from_parameters(values);
}

Real Hgo::fibre_stretch(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  return hgo_equivalent_stretch(hgo_fibre_strain(p.dispersion, bar.I1, bar.I4));
}

Real Hgo::fibre_stress(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  const Real E = hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
  const DamagedSlopes t = hgo_fibre_slopes(k1_at(p), k2_, E, damage_, fibre_stretch_max(p));
  // dPsi/dlambda with lambda = sqrt(1 + E): dE/dlambda = 2 lambda.
  return 2.0 * hgo_equivalent_stretch(E) * t.d1;
}

void Hgo::update_state(const Mat3& C, PointFields& p) const {
  // The fatigue peak is read with the history of the increment (before the damage update).
  fatigue_.update_state(fibre_stress(C, p), p);
  damage_.update_state(fibre_stretch(C, p), p);
}

PointFields Hgo::default_fields() const {
  PointFields p;
  p.dispersion = kappa_;
  return p;
}

Real Hgo::energy(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  const Real E = hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
  return 0.5 * p.matrix_scale * c_ * (bar.I1 - 3.0) +
         hgo_fibre_energy(k1_at(p), k2_, E, damage_, fibre_stretch_max(p), damage_panels_);
}

StressTangent Hgo::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const ModifiedInvariants bar = modified_invariants(inv);
  const Real E = hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
  const DamagedSlopes t = hgo_fibre_slopes(k1_at(p), k2_, E, damage_, fibre_stretch_max(p));
  return hgo_decoupled_stress(C, p.fibre, inv, bar, 0.5 * p.matrix_scale * c_, t.d1, t.d2,
                              p.dispersion);
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_hgo(MaterialRegistry& registry) {
  add_law<Hgo>(registry, {{"c", 0.8}, {"k1", 20.0}, {"k2", 3.0}, {"k", 50.0}});
}

}  // namespace sinew::materials
