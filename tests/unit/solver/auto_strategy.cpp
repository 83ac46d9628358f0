// strategy auto's switching rule (AutoStrategy) on given residual sequences: growth on a fresh
// tangent, a stall and used-up iterations switch to full Newton; the doubling back-off before
// BFGS is tried again.
#include <gtest/gtest.h>

#include "solver/auto_strategy.hpp"

namespace sinew::solver {
namespace {

TEST(AutoStrategy, DisabledNeverUsesBfgsOrSwitches) {
  AutoStrategy a(false);
  EXPECT_FALSE(a.start_increment());
  EXPECT_FALSE(a.should_switch(1, 1e9, 1.0, true));
}

TEST(AutoStrategy, GrowthSwitchesOnlyAfterAFreshTangent) {
  AutoStrategy a(true);
  EXPECT_TRUE(a.start_increment());
  EXPECT_FALSE(a.should_switch(1, 0.5, 1.0, false));
  EXPECT_FALSE(a.should_switch(2, 0.6, 1.0, false));  // BFGS re-forms its tangent for that
  EXPECT_TRUE(a.should_switch(3, 0.7, 1.0, true));    // growth again, on the new tangent
}

TEST(AutoStrategy, AStallOverFiveIterationsSwitches) {
  AutoStrategy a(true);
  a.start_increment();
  // 1, 0.9, 0.8, 0.7, 0.6, 0.55: 0.55 > 0.5 * 1 after five iterations.
  const Real r[] = {0.9, 0.8, 0.7, 0.6};
  for (int k = 1; k <= 4; ++k) EXPECT_FALSE(a.should_switch(k, r[k - 1], 1.0, false)) << k;
  EXPECT_TRUE(a.should_switch(5, 0.55, 1.0, false));
  // Slow but steady linear convergence (factor 0.8, 0.33 over five) does not switch.
  AutoStrategy b(true);
  b.start_increment();
  Real residual = 1.0;
  for (int k = 1; k <= 11; ++k) EXPECT_FALSE(b.should_switch(k, residual *= 0.8, 1.0, false));
  // Half the iterations (25) used up does.
  EXPECT_TRUE(b.should_switch(13, residual *= 0.8, 1.0, false));
}

// One increment that starts with BFGS and has to switch, converging after `newton_its`.
void switching_increment(AutoStrategy& a, int newton_its) {
  ASSERT_TRUE(a.start_increment());
  ASSERT_TRUE(a.should_switch(1, 2.0, 1.0, true));
  a.switch_to_newton();
  for (int i = 0; i < newton_its; ++i) a.count_newton_iteration();
  a.converged();
}

// One increment that starts with full Newton and converges after `newton_its`.
void newton_increment(AutoStrategy& a, int newton_its) {
  ASSERT_FALSE(a.start_increment());
  for (int i = 0; i < newton_its; ++i) a.count_newton_iteration();
  a.converged();
}

TEST(AutoStrategy, BackOffDoublesWhileBfgsKeepsFailing) {
  AutoStrategy a(true);
  switching_increment(a, 3);  // first switch: one fast Newton increment before BFGS again
  newton_increment(a, 3);
  switching_increment(a, 3);  // second in a row: two
  newton_increment(a, 3);
  newton_increment(a, 3);
  switching_increment(a, 3);  // third: four, and slow ones do not count
  newton_increment(a, 9);
  for (int k = 0; k < 4; ++k) newton_increment(a, 4);
  // BFGS succeeds: the back-off is forgotten.
  ASSERT_TRUE(a.start_increment());
  a.converged();
  switching_increment(a, 3);
  newton_increment(a, 3);
  EXPECT_TRUE(a.start_increment());
}

TEST(AutoStrategy, AFailedAttemptIsRetriedWithFullNewton) {
  AutoStrategy a(true);
  ASSERT_TRUE(a.start_increment());  // fails: converged() is never called
  EXPECT_FALSE(a.start_increment());
  a.converged();
  EXPECT_TRUE(a.start_increment());
}

}  // namespace
}  // namespace sinew::solver
