// Verifies the gliding probe's force at the bonds' failure separation and its excursion at the
// peak on a fully bonded tendon with a stiff bed and no friction.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// Bonds everywhere (rho = 1), bilinear, K = 10 MPa/mm, tau_t = 0.05 MPa, G_IIc = 0.01 N/mm:
// onset at delta_0 = tau_t / K = 0.005 mm, failure at delta_f = 2 G_IIc / tau_t = 0.4 mm. A stiff
// sheath (E 500 MPa, so its shear under 0.05 MPa is < 1 um) makes the interface slip follow the
// excursion; no friction, and the tendon does not contract laterally enough to touch. Probe:
// 1 mm in 10 increments, so 0.4 mm is an increment's end. The softening branch falls from
// e' = delta_0, so the largest force is at the first increment (0.1 mm). At e' = delta_f every
// bond is broken (the tendon, unloaded once its bonds soften, barely stretches) and nothing else
// resists: the force there is zero up to Newton's tolerance (measured 3e-14 of the peak).
TEST(TissueGlidingMetrics, ForceAtBondFailureAndPeakExcursion) {
  TendonModel t;
  t.interface =
      "{adhesion_density: 1.0, friction_coefficient: 0.0, bond_stiffness: 10.0, "
      "shear_strength: 0.05, normal_strength: 0.05, mode_I_fracture_energy: 0.01, "
      "mode_II_fracture_energy: 0.01}";
  t.tissue = "{probe_force: 5, probe_excursion: 1.0, probe_increments: 10}";
  std::string text = t.text();
  const std::string soft = "{type: neo-hookean, E: 0.5, nu: 0.45}";
  text.replace(text.find(soft), soft.size(), "{type: neo-hookean, E: 500, nu: 0.45}");
  const auto values = initial_metrics(load(text));

  const Real peak = values[tissue::kGlidingResistance];
  const Real at_failure = values[tissue::kGlidingForceAtBondFailure];
  const Real peak_excursion = values[tissue::kGlidingPeakExcursion];
  std::printf(
      "[ measured ] gliding_resistance %.6g N at %.6g mm; force at delta_f = 0.4 mm: "
      "%.6g N (%.3e of the peak)\n",
      peak, peak_excursion, at_failure, std::abs(at_failure) / peak);
  EXPECT_NEAR(peak_excursion, 0.1, 1e-12);
  ASSERT_TRUE(std::isfinite(at_failure));
  EXPECT_LT(std::abs(at_failure), 1e-8 * peak);
  EXPECT_GT(peak, 1.0);  // N: 0.038 MPa at 0.1 mm of slip over ~250 mm^2 of bonded surface
}

}  // namespace
}  // namespace sinew::testing
