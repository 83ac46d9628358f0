// strategy auto's switching rule (AutoStrategy) on given residual sequences: growth on a fresh
// tangent, a stall and used-up iterations switch to full Newton; the doubling back-off before
// BFGS is tried again; the cost rule (projected BFGS iterations against full Newton's, weighed
// by the recorded cost ratio).
#include <gtest/gtest.h>

#include "solver/auto_strategy.hpp"
#include "solver/iteration_cost.hpp"

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

TEST(AutoStrategy, RestartsFromTheStartUnlessBfgsGotWellBelowIt) {
  // ||r_0|| = 1 (the predictor's), then BFGS residuals. The start is ||r_0|| at k = 1 and the
  // smaller of ||r_0|| and ||r_1|| from k = 2 on.
  AutoStrategy a(true);
  a.start_increment();
  EXPECT_FALSE(a.should_restart(5.0));  // no BFGS iteration seen yet
  EXPECT_FALSE(a.should_switch(1, 2.0, 1.0, false));
  EXPECT_TRUE(a.should_restart(2.0));  // the first step went above the start: re-formation there
  AutoStrategy b(true);
  b.start_increment();
  EXPECT_FALSE(b.should_switch(1, 0.9, 1.0, false));
  EXPECT_FALSE(b.should_switch(2, 0.8, 1.0, false));
  // 0.8 is below the start 0.9 but above a tenth of it: a switch here restarts (measured on the
  // fibre-law grid: from such a state full Newton needed 7-9 iterations against 3-4).
  EXPECT_FALSE(b.should_restart(0.8));
  EXPECT_TRUE(b.should_restart(0.8, AutoStrategy::kRestartFraction));
  AutoStrategy c(true);
  c.start_increment();
  EXPECT_FALSE(c.should_switch(1, 0.5, 1.0, false));
  EXPECT_FALSE(c.should_switch(2, 0.04, 1.0, false));
  // BFGS got below a tenth of the start (0.04 < 0.05): Newton goes on from there.
  EXPECT_FALSE(c.should_restart(0.04, AutoStrategy::kRestartFraction));
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

// Records `ratio` : 1 costs (one factorising and one BFGS iteration).
void record_ratio(AutoStrategy& a, Real ratio) {
  a.record_cost(true, ratio);
  a.record_cost(false, 1.0);
}

TEST(AutoStrategy, CostRatioIsTheRatioOfTheMeanCosts) {
  AutoStrategy a(true);
  EXPECT_EQ(a.cost_ratio(), 0.0);  // nothing recorded: the cost rule is off
  a.record_cost(true, 2.0);
  EXPECT_EQ(a.cost_ratio(), 0.0);
  a.record_cost(true, 4.0);
  a.record_cost(false, 0.5);
  a.record_cost(false, 1.5);
  EXPECT_DOUBLE_EQ(a.cost_ratio(), 3.0);  // mean 3 over mean 1
  AutoStrategy off(false);
  record_ratio(off, 10);
  EXPECT_EQ(off.cost_ratio(), 0.0);
}

// Three BFGS iterations halving the residual from ||r_0|| = 1; whether the third switches.
bool halving(AutoStrategy& a) {
  a.start_increment();
  EXPECT_FALSE(a.should_switch(1, 0.5, 1.0, false));  // too few iterations to project
  EXPECT_FALSE(a.should_switch(2, 0.25, 1.0, false));
  return a.should_switch(3, 0.125, 1.0, false);
}

TEST(AutoStrategy, CostRuleSwitchesWhenProjectedBfgsCostsMoreThanNewton) {
  // Contraction 0.5 over the last two iterations: the target 1e-8 lies
  // log(1e-8 / 0.125) / log(0.5) = 23.6 iterations below ||r_3||. Full Newton (3 iterations,
  // the prior) costs 3 * ratio: it wins below ratio 7.86.
  for (const Real ratio : {5.0, 7.8}) {
    AutoStrategy a(true);
    record_ratio(a, ratio);
    EXPECT_TRUE(halving(a)) << ratio;
  }
  AutoStrategy dear(true);
  record_ratio(dear, 7.9);
  EXPECT_FALSE(halving(dear));
  // Contraction 0.1: five iterations from ||r_3|| = 1e-3 to 1e-8, against 3 * 2.1 = 6.3 for
  // full Newton: BFGS stays.
  AutoStrategy fast(true);
  record_ratio(fast, 2.1);
  fast.start_increment();
  EXPECT_FALSE(fast.should_switch(1, 0.1, 1.0, false));
  EXPECT_FALSE(fast.should_switch(2, 0.01, 1.0, false));
  EXPECT_FALSE(fast.should_switch(3, 0.001, 1.0, false));
  // The absolute floor shortens the projection: target 1e-4 is 10.3 halvings below 0.125, so
  // ratio 5 (15 for full Newton) keeps BFGS.
  AutoStrategy floor(true, 25, 1e-8, 1e-4);
  record_ratio(floor, 5);
  EXPECT_FALSE(halving(floor));
  // With costs known the first step's growth (the predictor's) does not switch.
  AutoStrategy grows(true);
  record_ratio(grows, 5);
  grows.start_increment();
  EXPECT_FALSE(grows.should_switch(1, 2.0, 1.0, true));
  EXPECT_TRUE(grows.should_switch(2, 3.0, 1.0, true));
}

TEST(AutoStrategy, CostRuleUsesTheObservedNewtonIterationsAfterASwitch) {
  // After a switch that needed 6 full Newton iterations, Newton is projected at 6, not 3:
  // with ratio 5, 23.6 BFGS iterations (contraction 0.5) now cost less than 30.
  AutoStrategy a(true);
  record_ratio(a, 5);
  ASSERT_TRUE(a.start_increment());
  a.switch_to_newton();  // as after a failed line search: backs off one increment
  for (int i = 0; i < 6; ++i) a.count_newton_iteration();
  a.converged();
  newton_increment(a, 3);
  EXPECT_FALSE(halving(a));
}

TEST(AutoStrategy, ACostRuleSwitchTriesBfgsAgainAtOnceASafetyNetBacksOff) {
  // Ratio 5 (Newton 15) and ratio 3 (Newton 9, projected BFGS 23.6 more than twice that): both
  // switches are the cost rule's, and the next increment starts with BFGS again.
  for (const Real ratio : {5.0, 3.0}) {
    AutoStrategy a(true);
    record_ratio(a, ratio);
    ASSERT_TRUE(halving(a)) << ratio;
    a.switch_to_newton();
    a.converged();
    EXPECT_TRUE(a.start_increment()) << ratio;
  }
  // Growth on a fresh tangent (a safety net) backs off for one increment.
  AutoStrategy net(true);
  record_ratio(net, 5);
  ASSERT_TRUE(net.start_increment());
  EXPECT_FALSE(net.should_switch(1, 0.5, 1.0, false));
  ASSERT_TRUE(net.should_switch(2, 0.7, 1.0, true));
  net.switch_to_newton();
  net.converged();
  EXPECT_FALSE(net.start_increment());
}

TEST(IterationCost, CountsWeighedInFactorisationFlops) {
  // F = 1e9 flops, S = 1e7, 2e5 entries of K, 1e4 unknowns.
  const IterationCost cost(1e9, 1e7, 2e5, 1e4);
  ASSERT_TRUE(cost.known());
  using W = IterationCostWeights;
  // Full Newton: one factorisation and solve, one evaluation with the tangent.
  EXPECT_DOUBLE_EQ(cost.iteration(1, 1, 1, 0, 0),
                   1e9 + W::kSolveFlop * 1e7 + W::kTangentEntry * 2e5);
  // BFGS with 3 updates and two residuals in the line search: 8 n flops per update.
  EXPECT_DOUBLE_EQ(cost.iteration(0, 1, 0, 2, 3),
                   W::kSolveFlop * (1e7 + 8 * 1e4 * 3) + 2 * W::kResidualEntry * 2e5);
  // A solver that cannot count (0 flops) leaves the cost rule off.
  EXPECT_FALSE(IterationCost(0, 1e7, 2e5, 1e4).known());
  EXPECT_FALSE(IterationCost().known());
}

}  // namespace
}  // namespace sinew::solver
