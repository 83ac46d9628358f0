// Validation: the healthy Achilles model (scenarios/models/achilles-healthy.yaml) loaded to a
// running peak: it should carry 7 kN with no fibre damage.
#include <gtest/gtest.h>

#include <cstdio>

#include "achilles_models.hpp"

namespace sinew::testing {
namespace {

// Peak Achilles force in running reaches 98.7 N/kg at 4.47 m/s, 8.2-10.1 body weights (Reiter
// et al. 2024), about 7 kN for 70 kg; healthy tendons carry it every stride without damage
// (no stiffness loss after 1150-2600 hops, Peltonen et al. 2010). The model is ramped toward
// 7 kN in 0.5 kN increments and stopped at the first fibre damage; the case records the force
// at which damage begins (experiment: above 7 kN). The data conflict (docs/validation.md, open
// items): 7 kN on the sourced 57 mm^2 is 123 MPa, 1.4-1.7 x the in-vitro strength 71-86 MPa
// (Wren et al. 2001), and a 1.16 GPa tendon would strain 10.6% there, past the largest cited
// yield strain 8.7% (Haraldsson et al. 2005). On the fit, the onset strain 6.8% is 62 MPa
// (3.4 kN); the uncoupled law's volume change and the fixed end bring the first damage to
// 2.8-3 kN. The test asserts what holds by construction of the damage law and would catch a
// damage that starts early: none below 5% mean strain.
TEST(Validation, AchillesPeakLoadReiter2024) {
  const Real peak = 7000.0;
  const auto ramp = achilles_ramp("achilles-healthy", peak, 14, true);
  Real onset = peak;  // N; the peak when no damage appears
  for (const auto& p : ramp.points)
    if (p.max_damage > 0.0) {
      onset = p.force;
      break;
    }
  const auto& last = ramp.points.back();
  CaseRecord c;
  c.id = "achilles-7kN-damage";
  c.title = "Healthy Achilles model toward a 7 kN running peak";
  c.source = "Reiter et al. 2024; Peltonen et al. 2010";
  c.quantity = "force at the first fibre damage";
  c.unit = "kN";
  c.expected = "no fibre damage up to 7 kN";
  c.model = onset / 1000.0;
  c.pass = ramp.completed && last.force >= peak * (1.0 - 1e-9) && last.max_damage == 0.0;
  c.note = "ramp in 0.5 kN increments, stopped at the first damaged increment";
  add_ramp_series(c, ramp);
  std::vector<Real> damage;
  for (const auto& p : ramp.points) damage.push_back(p.max_damage);
  c.series.push_back({"max_damage", damage});
  write_record(c);
  std::printf("[ measured ] first fibre damage at %.0f N (largest %.4f, mean strain %.2f%%)\n",
              onset, last.max_damage, 100.0 * last.elongation / ramp.length);
  for (const auto& p : ramp.points) {
    if (p.elongation / ramp.length < 0.05) {
      EXPECT_EQ(p.max_damage, 0.0) << p.force << " N";
    }
  }
}

}  // namespace
}  // namespace sinew::testing
