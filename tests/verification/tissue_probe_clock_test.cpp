// Metric probes run on a clock of their own (t from 0 to 1) on a copy of the history. With
// rate-dependent bond damage (interface viscosity) a history committed at a later time, as after
// an intervention's load cases, must give exactly the probe results of the same history
// committed at t = 0: a probe step must not see a negative time step.
#include <gtest/gtest.h>

#include <cmath>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

TEST(TissueProbeClock, ProbesOfAHistoryCommittedLaterAreTheSame) {
  TendonModel m;
  // Fully bonded, no scar; the next test shows the viscosity acts in this model's probes.
  m.interface = "{adhesion_density: 1.0, friction_coefficient: 0.0, viscosity: 0.05}";
  const auto def = load(m.text());
  fem::MechanicsProblem problem(def.model);
  const auto at_zero =
      tissue::measure_metrics(problem, def.tissue, def.newton, registries().linear);
  ASSERT_TRUE(std::isfinite(at_zero[tissue::kGlidingResistance]));
  ASSERT_GT(at_zero[tissue::kGlidingResistance], 0.0);

  // The same (virgin) history, committed at t = 7 s: nothing moved, nothing broke.
  problem.commit(VecX::Zero(problem.n_dofs()), 7.0);
  const auto later = tissue::measure_metrics(problem, def.tissue, def.newton, registries().linear);
  for (int k = 0; k < tissue::kMetricCount; ++k) {
    SCOPED_TRACE(tissue::metric_table()[k].name);
    if (std::isnan(at_zero[k])) {
      EXPECT_TRUE(std::isnan(later[k]));
    } else {
      EXPECT_EQ(later[k], at_zero[k]);
    }
  }
}

// The viscosity does act in the probe: the bonds of a rate-dependent interface hold longer, so
// the peak gliding force is larger than without viscosity (the comparison above is not vacuous).
TEST(TissueProbeClock, ViscosityActsInTheGlidingProbe) {
  TendonModel m;
  m.interface = "{adhesion_density: 1.0, friction_coefficient: 0.0}";
  const auto plain = initial_metrics(load(m.text()));
  m.interface = "{adhesion_density: 1.0, friction_coefficient: 0.0, viscosity: 0.05}";
  const auto viscous = initial_metrics(load(m.text()));
  EXPECT_GT(viscous[tissue::kGlidingResistance], 1.01 * plain[tissue::kGlidingResistance]);
}

}  // namespace
}  // namespace sinew::testing
