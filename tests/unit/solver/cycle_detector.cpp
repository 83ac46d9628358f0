// The Newton cycle detector on residual-norm sequences of the kinds the demo study's rejected
// increments showed (benchmarks/RESULTS.md, "Cut-backs of the demo study"): a period-2 cycle at
// alpha = 1, a period-3 cycle, a creep of tiny line-search steps, and sequences that must not
// trigger it (quadratic convergence, a plateau, a noisy decrease).
#include <gtest/gtest.h>

#include <vector>

#include "solver/cycle_detector.hpp"

namespace sinew::solver {
namespace {

/// The index of the first norm at which the detector fires (-1: never), all steps at `alpha`.
int first_detection(CycleDetector& d, const std::vector<Real>& norms, Real alpha = 1.0) {
  for (size_t k = 0; k < norms.size(); ++k)
    if (d.record(norms[k], k == 0 ? 1.0 : alpha)) return static_cast<int>(k);
  return -1;
}

TEST(CycleDetector, PeriodTwoCycleFoundOnItsSecondTurn) {
  // Running arm, increment to t = 0.53125: 9.69e-2 2.29 9.34e-2 2.29 9.34e-2 ... The first
  // turn's 9.69e-2 differs from 9.34e-2 by 3.6%: two full turns are needed, at index 6.
  CycleDetector d;
  EXPECT_EQ(first_detection(d, {1.29e2, 1.37e1, 9.69e-2, 2.29, 9.34e-2, 2.29, 9.34e-2}), 6);
  EXPECT_EQ(d.period(), 2);
  EXPECT_EQ(d.describe(), "cycle of period 2");
  EXPECT_TRUE(d.record(1.0, 1.0));  // stays detected
}

TEST(CycleDetector, PeriodThreeCycleFound) {
  CycleDetector d;
  EXPECT_EQ(first_detection(d, {10.0, 3.0, 0.5, 1.2, 3.0, 0.5, 1.2, 3.0}), 6);
  EXPECT_EQ(d.period(), 3);
}

TEST(CycleDetector, CreepOfTinyStepsFound) {
  // Running arm, t = 1: alpha 1e-3, 1e-3, 1e-4 ... while |r| stays at 1.99.
  CycleDetector d;
  const std::vector<Real> norms{4.65e1, 1.36e1, 5.76, 2.0, 1.99, 1.99, 1.99};
  const std::vector<Real> alphas{1.0, 1.0, 1.0, 1.0, 1e-3, 1e-3, 1e-4};
  int found = -1;
  for (size_t k = 0; k < norms.size() && found < 0; ++k)
    if (d.record(norms[k], alphas[k])) found = static_cast<int>(k);
  EXPECT_EQ(found, 6);  // the third tiny step in a row
  EXPECT_EQ(d.period(), 0);
  EXPECT_EQ(d.describe(), "creep (alpha <= 0.001 for 3 steps)");
}

TEST(CycleDetector, ConvergingPlateauAndNoisySequencesAreNotCycles) {
  CycleDetector quadratic;
  EXPECT_EQ(first_detection(quadratic, {1e2, 1e0, 1e-4, 1e-8, 1e-16}), -1);
  // A plateau: equal norms are a stagnation (period 1), which the line search is not the
  // remedy for and the convergence report already names.
  CycleDetector plateau;
  EXPECT_EQ(first_detection(plateau, {5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0}), -1);
  // Decreasing with ups and downs of more than 1%: a cycle needs two turns of the same norms.
  CycleDetector noisy;
  EXPECT_EQ(first_detection(noisy, {10.0, 12.0, 8.0, 9.0, 6.0, 7.0, 4.0, 5.0, 3.0}), -1);
  // Tiny steps that do not follow each other are no creep.
  CycleDetector interrupted;
  const std::vector<Real> alphas{1.0, 1e-3, 1e-3, 0.5, 1e-3, 1e-3, 0.5};
  for (size_t k = 0; k < alphas.size(); ++k)
    EXPECT_FALSE(interrupted.record(10.0 - static_cast<Real>(k), alphas[k])) << k;
}

}  // namespace
}  // namespace sinew::solver
