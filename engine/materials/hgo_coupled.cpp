// Coupled Holzapfel-Gasser-Ogden law with fibre dispersion: energy, stress and tangent.
//
// The fibre term of Gasser, Ogden & Holzapfel 2006 (J R Soc Interface 3:15) on the unmodified
// invariants: with I4_bar the fibres of a compressible solid do not resist purely volumetric
// deformation (a fibre-reinforced sphere under hydrostatic tension stays spherical), which is
// unphysical unless the solid is nearly incompressible (Nolan, Gower, Destrade, Ogden & McGarry
// 2014, J Mech Behav Biomed Mater 39:48).
#include "materials/hgo_coupled.hpp"

#include "materials/hgo.hpp"

#include <cmath>

#include "materials/hgo_fibre.hpp"
#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

std::string HgoCoupled::description() {
  return "compressible Holzapfel-Gasser-Ogden solid with fibre dispersion on the full "
         "invariants (Nolan et al. 2014): W = c/2 (I1-3) - c ln J + k/2 (ln J)^2 + k1/(2 k2) "
         "[exp(k2 E^2)-1] (E >= 0 only), E = kappa (I1-3) + (1-3 kappa)(I4-1); kappa per point; "
         "fibre_scale multiplies k1, matrix_scale multiplies c; optional irreversible fibre "
         "damage as for hgo (damage_onset_stretch, damage_full_stretch of sqrt(1 + E)) and fibre "
         "fatigue as for hgo (fatigue_uts)";
}

// Defaults as for "hgo" (hgo.cpp): the tendon fit and k = 100 MPa for conditioning.
std::vector<ParameterSpec> HgoCoupled::parameter_specs() {
  auto specs = Hgo::parameter_specs();
  for (auto& spec : specs)
    if (spec.name == "k")
      spec.description = "coefficient of k/2 (ln J)^2 (Lame lambda of the matrix)";
  return specs;
}

HgoCoupled::HgoCoupled(const ParameterSet& values) {
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

Real HgoCoupled::fibre_stress(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Real E = hgo_fibre_strain(p.dispersion, inv.I1, inv.I4);
  const DamagedSlopes t = hgo_fibre_slopes(k1_at(p), k2_, E, damage_, fibre_stretch_max(p));
  return 2.0 * hgo_equivalent_stretch(E) * t.d1;
}

Real HgoCoupled::fibre_stretch(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  return hgo_equivalent_stretch(hgo_fibre_strain(p.dispersion, inv.I1, inv.I4));
}

PointFields HgoCoupled::default_fields() const {
  PointFields p;
  p.dispersion = kappa_;
  return p;
}

// matrix_scale multiplies both c's (so that F = I stays stress free) but not k, as the bulk
// modulus of the uncoupled laws is not scaled either.
Real HgoCoupled::energy(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Real c = p.matrix_scale * c_, lnJ = std::log(inv.J);
  const Real E = hgo_fibre_strain(p.dispersion, inv.I1, inv.I4);
  return 0.5 * c * (inv.I1 - 3.0) - c * lnJ + 0.5 * k_ * lnJ * lnJ +
         hgo_fibre_energy(k1_at(p), k2_, E, damage_, fibre_stretch_max(p), damage_panels_);
}

StressTangent HgoCoupled::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const Real c = p.matrix_scale * c_, lnJ = std::log(inv.J);
  const Real E = hgo_fibre_strain(p.dispersion, inv.I1, inv.I4);
  const DamagedSlopes t = hgo_fibre_slopes(k1_at(p), k2_, E, damage_, fibre_stretch_max(p));
  const HgoInvariantTerms f = hgo_invariant_terms(t.d1, t.d2, p.dispersion);
  InvariantDerivatives w;
  w.first(kI1) = 0.5 * c + f.d1;
  w.first(kI4) = f.d4;
  w.first(kJ) = (k_ * lnJ - c) / inv.J;
  w.second(kI1, kI1) = f.d11;
  w.second(kI1, kI4) = w.second(kI4, kI1) = f.d14;
  w.second(kI4, kI4) = f.d44;
  w.second(kJ, kJ) = (c + k_ * (1.0 - lnJ)) / (inv.J * inv.J);
  return stress_tangent_from_invariants(C, p.fibre, inv, w);
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_hgo_coupled(MaterialRegistry& registry) {
  add_law<HgoCoupled>(registry, {{"c", 0.8}, {"k1", 20.0}, {"k2", 3.0}, {"k", 50.0}});
}

}  // namespace sinew::materials
