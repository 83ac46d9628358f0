// Visco-hyperelastic HGO law (hgo_visco.hpp): energy, stress, tangent and the Maxwell commit.
//
// Relaxation time and weight of the tendon defaults: in 30 s constant-torque stretches of the
// human plantar flexors 84% of the creep occurred within the first 15-20 s (Ryan et al. 2011,
// Scand J Med Sci Sports 22:179; muscle-tendon unit in vivo, not isolated tendon). A linear fibre
// creeps with retardation time tau (1 + beta); tau (1 + beta) = 11.7 s puts 84% of the creep of a
// 30 s hold at 17.5 s (78% at 15 s, 89% at 20 s) [D]. beta = 0.3 (a 23% fibre stress
// relaxation, 1 - 1/(1 + beta)) is assumed, plausible range 0.1-0.5; tau = 11.7 / 1.3 = 9 s.
#include "materials/hgo_visco.hpp"

#include "materials/hgo.hpp"
#include "materials/hgo_fibre.hpp"
#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

std::string HgoVisco::description() {
  return "uncoupled Holzapfel-Gasser-Ogden solid (as hgo, without damage) with a Maxwell branch "
         "on the fibre term (Holzapfel & Gasser 2001; Simo 1987): the fibre stress dPsi_f/dE "
         "gains an overstress q, q' + q/tau = beta d(dPsi_f/dE)/dt, integrated per increment "
         "with the problem's time step; tendon defaults tau = 9 s, beta = 0.3";
}

std::vector<ParameterSpec> HgoVisco::parameter_specs() {
  std::vector<ParameterSpec> specs;
  for (auto& s : Hgo::parameter_specs())
    if (s.name == "c" || s.name == "k1" || s.name == "k2" || s.name == "kappa" || s.name == "k")
      specs.push_back(std::move(s));
  specs.push_back({.name = "tau",
                   .unit = "s",
                   .description = "relaxation time of the fibre Maxwell branch",
                   .default_value = 9.0,
                   .min = 0.0,
                   .min_exclusive = true});
  specs.push_back({.name = "beta",
                   .unit = "1",
                   .description = "weight of the fibre Maxwell branch (instantaneous / long-term "
                                  "fibre stiffness - 1)",
                   .default_value = 0.3,
                   .min = 0.0});
  return specs;
}

HgoVisco::HgoVisco(const ParameterSet& values) {
  check_parameters(parameter_specs(), values);
  c_ = values["c"];
  k1_ = values["k1"];
  k2_ = values["k2"];
  kappa_ = values["kappa"];
  k_ = values["k"];
  branch_ = {values["tau"], values["beta"]};
}

namespace {
Real fibre_strain(const Mat3& C, const PointFields& p) {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  return hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
}
}  // namespace

Real HgoVisco::fibre_stretch(const Mat3& C, const PointFields& p) const {
  return hgo_equivalent_stretch(fibre_strain(C, p));
}

std::vector<StateVariable> HgoVisco::state_variables() const {
  return {{.name = "fibre_overstress",
           .offset = FibreMaxwell::kOverstressSlot,
           .units = "MPa",
           .description = "non-equilibrium fibre stress q of the Maxwell branch (conjugate to "
                          "the generalised fibre strain E)",
           .initial = 0.0},
          {.name = "fibre_elastic_stress",
           .offset = FibreMaxwell::kElasticSlot,
           .units = "MPa",
           .description = "elastic fibre stress dPsi_f/dE at the last committed state",
           .initial = 0.0}};
}

void HgoVisco::update_state(const Mat3& C, PointFields& p) const {
  branch_.update(hgo_fibre_term(p.fibre_scale * k1_, k2_, fibre_strain(C, p)).dpsi, p);
}

PointFields HgoVisco::default_fields() const {
  PointFields p;
  p.dispersion = kappa_;
  return p;
}

Real HgoVisco::energy(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  const Real E = hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
  const FibreMaxwell::Weights w = branch_.weights(p.time_step, p);
  const Real fibre = hgo_fibre_term(p.fibre_scale * k1_, k2_, E).psi;
  return 0.5 * p.matrix_scale * c_ * (bar.I1 - 3.0) + (1.0 + w.b) * fibre +
         (E > 0.0 ? w.a * E : 0.0);
}

StressTangent HgoVisco::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const ModifiedInvariants bar = modified_invariants(inv);
  const Real E = hgo_fibre_strain(p.dispersion, bar.I1, bar.I4);
  const FibreMaxwell::Weights w = branch_.weights(p.time_step, p);
  const HgoFibreTerm t = hgo_fibre_term(p.fibre_scale * k1_, k2_, E);
  const Real d1 = (1.0 + w.b) * t.dpsi + (E > 0.0 ? w.a : 0.0);
  return hgo_decoupled_stress(C, p.fibre, inv, bar, 0.5 * p.matrix_scale * c_, d1,
                              (1.0 + w.b) * t.d2psi, p.dispersion);
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_hgo_visco(MaterialRegistry& registry) {
  add_law<HgoVisco>(
      registry, {{"c", 0.8}, {"k1", 20.0}, {"k2", 3.0}, {"k", 50.0}, {"tau", 5.0}, {"beta", 0.4}});
}

}  // namespace sinew::materials
