// Every registered softening law, over the registry's names: in pure mode I with the default
// parameters the traction K (1 - d) delta rises to the strength at the onset, falls to half the
// strength at the separation the table states for the law, and the work of separation equals
// G_Ic. A law without a row in the table fails.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "interface/bond_dissipation.hpp"
#include "interface/cohesive_law.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/traction_law.hpp"

namespace sinew::interface {
namespace {

/// Separation (mm) at which the mode I traction has fallen to half the strength.
using HalfTraction = std::function<Real(const InterfaceParameters&)>;

const std::map<std::string, HalfTraction>& half_traction_separations() {
  static const std::map<std::string, HalfTraction> table = {
      // Linear fall from (delta_0, sigma) to (delta_f = 2 G_c / sigma, 0): halfway between.
      {"bilinear",
       [](const InterfaceParameters& p) {
         const Real d0 = p.normal_strength / p.bond_stiffness;
         return 0.5 * (d0 + 2.0 * p.mode_I_energy / p.normal_strength);
       }},
      // sigma exp(-(delta - delta_0)/delta_c) = sigma/2 at delta_0 + delta_c ln 2.
      {"exponential",
       [](const InterfaceParameters& p) {
         const Real d0 = p.normal_strength / p.bond_stiffness;
         const Real dc = p.mode_I_energy / p.normal_strength - 0.5 * d0;
         return d0 + dc * std::log(2.0);
       }},
  };
  return table;
}

std::vector<std::string> law_names() {
  CohesiveLawRegistry r;
  register_cohesive_laws(r);
  return r.names();
}

Real traction(Real delta, const InterfaceParameters& p) {
  return p.bond_stiffness * (1.0 - damage_from_separation(delta, 0.0, p)) * delta;
}

class EachSofteningLaw : public ::testing::TestWithParam<std::string> {};

TEST_P(EachSofteningLaw, ModeITractionAndWorkOfSeparation) {
  const auto it = half_traction_separations().find(GetParam());
  ASSERT_NE(it, half_traction_separations().end()) << "no test case for law " << GetParam();
  CohesiveLawRegistry registry;
  register_cohesive_laws(registry);
  InterfaceParameters p;
  p.softening = registry.entry(GetParam()).law;
  EXPECT_FALSE(registry.entry(GetParam()).description.empty());
  const Real d0 = p.normal_strength / p.bond_stiffness;
  EXPECT_NEAR(traction(d0, p), p.normal_strength, 1e-15);
  EXPECT_NEAR(traction(it->second(p), p), 0.5 * p.normal_strength, 1e-12);
  // Work of separation by the trapezoidal rule out to delta_0 + 30 delta_c (the exponential
  // tail beyond holds e^-30 of the work; the bilinear law ends before, at 80 delta_0).
  const Real end = d0 + 30.0 * (p.mode_I_energy / p.normal_strength - 0.5 * d0);
  const int n = 400000;
  const Real h = end / n;
  Real work = 0.5 * (traction(0.0, p) + traction(end, p)) * h;
  for (int i = 1; i < n; ++i) work += traction(i * h, p) * h;
  EXPECT_NEAR(work, p.mode_I_energy, 1e-5 * p.mode_I_energy);
}

// A Gauss point sheared (pure mode II) in n equal increments to delta_end far along the softening
// branch: the committed damage dissipation is the work of separation minus the energy still
// stored, whatever the increment (the envelope integral of bond_dissipation.hpp). The
// dissipation rate psi_0 dD with psi_0 at the current separation, averaged over each increment,
// overshoots whenever an increment ends beyond delta_f or the increments are coarse; its value
// is printed for comparison.
TEST_P(EachSofteningLaw, ShearDamageDissipationIsExactForAnyIncrement) {
  CohesiveLawRegistry registry;
  register_cohesive_laws(registry);
  InterfaceParameters p;
  p.softening = registry.entry(GetParam()).law;
  p.mode_I_energy = 0.005;
  p.friction_coefficient = 0.0;
  const Real K = p.bond_stiffness, d0 = p.shear_strength / K, Gc = p.mode_II_energy;
  const bool bilinear = p.softening == SofteningLaw::Bilinear;
  const Real dc = Gc / (K * d0) - 0.5 * d0;
  const Real end = bilinear ? 1.5 * 2.0 * Gc / (K * d0) : d0 + 5.0 * dc;
  // Work of monotonic separation to `end`, less the energy the damaged bond still stores.
  auto shear_traction = [&](Real d) { return K * (1.0 - damage_from_separation(d, 1.0, p)) * d; };
  const int m = 200000;
  Real work = 0.5 * (shear_traction(0.0) + shear_traction(end)) * end / m;
  for (int i = 1; i < m; ++i) work += shear_traction(i * end / m) * end / m;
  const Real expected = work - 0.5 * shear_traction(end) * end;
  if (bilinear) {
    EXPECT_NEAR(expected, Gc, 1e-6 * Gc);
  }
  for (int n : {1, 3, 20, 200}) {
    PointHistory h;
    Real trapezoid = 0.0;
    for (int i = 1; i <= n; ++i) {
      const PointResponse r =
          evaluate_point(Vec3(end * i / n, 0, 0), Vec3(0, 0, 1), h, 1.0, p, 0.1, false);
      trapezoid += 0.5 * (h.bond_energy + r.updated.bond_energy) * (r.updated.damage - h.damage);
      h = r.updated;
    }
    EXPECT_NEAR(h.damage_dissipation, expected, 1e-6 * Gc) << n << " increments";
    std::printf(
        "%s, %d increments to %.3f mm: dissipation %.6f N/mm (G_IIc %.3f); trapezoidal "
        "psi_0 dD %.4f = %.2f G_IIc\n",
        GetParam().c_str(), n, end, h.damage_dissipation, Gc, trapezoid, trapezoid / Gc);
  }
  EXPECT_NEAR(envelope_dissipation(1.0, 1.0, p), Gc, 1e-9 * Gc);
  EXPECT_EQ(damage_dissipation_increment(0.5, 0.4, 1.0, p), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Registry, EachSofteningLaw, ::testing::ValuesIn(law_names()),
                         [](const auto& param_info) { return std::string(param_info.param); });

}  // namespace
}  // namespace sinew::interface
