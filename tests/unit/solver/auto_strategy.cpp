// strategy auto's switching rule (AutoStrategy) on given residual sequences: growth and
// stagnation switch to full Newton, and the doubling back-off before BFGS is tried again.
#include <gtest/gtest.h>

#include "solver/auto_strategy.hpp"

namespace sinew::solver {
namespace {

TEST(AutoStrategy, DisabledNeverUsesBfgsOrSwitches) {
  AutoStrategy a(false);
  EXPECT_FALSE(a.start_increment());
  EXPECT_FALSE(a.should_switch(1, 1e9, 1.0));
}

TEST(AutoStrategy, GrowthSwitchesAtOnce) {
  AutoStrategy a(true);
  EXPECT_TRUE(a.start_increment());
  EXPECT_FALSE(a.should_switch(1, 0.5, 1.0));
  EXPECT_TRUE(a.should_switch(2, 0.6, 1.0));  // 0.6 > 0.5
}

TEST(AutoStrategy, StagnationOverThreeIterationsSwitches) {
  AutoStrategy a(true);
  a.start_increment();
  // 1 -> 0.6 -> 0.4 -> 0.2: 0.2 > 0.125 * 1 after three iterations.
  EXPECT_FALSE(a.should_switch(1, 0.6, 1.0));
  EXPECT_FALSE(a.should_switch(2, 0.4, 1.0));
  EXPECT_TRUE(a.should_switch(3, 0.2, 1.0));
  // Superlinear progress does not: 1 -> 0.5 -> 0.1 -> 0.01.
  AutoStrategy b(true);
  b.start_increment();
  EXPECT_FALSE(b.should_switch(1, 0.5, 1.0));
  EXPECT_FALSE(b.should_switch(2, 0.1, 1.0));
  EXPECT_FALSE(b.should_switch(3, 0.01, 1.0));
}

// One increment that starts with BFGS and has to switch, converging after `newton_its`.
void switching_increment(AutoStrategy& a, int newton_its) {
  ASSERT_TRUE(a.start_increment());
  a.should_switch(1, 2.0, 1.0);
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
