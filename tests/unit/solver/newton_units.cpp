// The Newton solver's units on constructed numbers: convergence test, forcing term, BFGS
// re-formation rule and two-loop recursion, line-search step, and the load-step controller.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "solver/bfgs_update.hpp"
#include "solver/convergence_test.hpp"
#include "solver/forcing_term.hpp"
#include "solver/line_search.hpp"
#include "solver/load_stepper.hpp"
#include "solver/step_controller.hpp"

namespace sinew::solver {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Norms that pass every default criterion: residual ratio 1e-9, displacement ratio 1e-9,
// energy ratio 1e-13.
ConvergenceNorms passing() {
  ConvergenceNorms n;
  n.residual = 1e-3;
  n.ref_residual = 1e6;
  n.displacement = 1e-9;
  n.movement = 1.0;
  n.energy = 1e-13;
  n.ref_energy = 1.0;
  return n;
}

TEST(ConvergenceTest, AllCriteriaMetConverges) {
  const ConvergenceTest test({});
  const ConvergenceCheck c = test.check(passing());
  EXPECT_TRUE(c.converged());
  EXPECT_EQ(test.describe(c),
            "residual 1.0e-03 N met (ratio 1.0e-09 <= 1.0e-08); displacement ratio 1.0e-09 met "
            "(<= 1.0e-08); energy ratio 1.0e-13 met (<= 1.0e-12)");
}

TEST(ConvergenceTest, ResidualAloneDecides) {
  const ConvergenceTest test({});
  ConvergenceNorms n = passing();
  n.residual = 1e-1;  // ratio 1e-7 > 1e-8, above the 1e-10 N floor
  const ConvergenceCheck c = test.check(n);
  EXPECT_FALSE(c.residual_ok);
  EXPECT_TRUE(c.displacement_ok);
  EXPECT_TRUE(c.energy_ok);
  EXPECT_FALSE(c.converged());
  EXPECT_TRUE(starts_with(test.describe(c),
                          "residual 1.0e-01 N > abs 1.0e-10 N, ratio 1.0e-07 > 1.0e-08; "))
      << test.describe(c);
  // Below the absolute floor it holds at any ratio.
  n.ref_residual = 0;
  n.residual = 5e-11;
  EXPECT_TRUE(test.check(n).converged());
  EXPECT_TRUE(starts_with(test.describe(test.check(n)), "residual 5.0e-11 N met (abs 1.0e-10 N)"));
}

TEST(ConvergenceTest, DisplacementAloneDecides) {
  const ConvergenceTest test({});
  ConvergenceNorms n = passing();
  n.displacement = 2e-7;
  const ConvergenceCheck c = test.check(n);
  EXPECT_TRUE(c.residual_ok);
  EXPECT_FALSE(c.displacement_ok);
  EXPECT_TRUE(c.energy_ok);
  EXPECT_TRUE(starts_with(test.describe(c), "displacement ratio 2.0e-07 > 1.0e-08; residual"))
      << test.describe(c);
  // A zero movement admits no update at all.
  n = passing();
  n.movement = 0;
  EXPECT_FALSE(test.check(n).displacement_ok);
  EXPECT_TRUE(starts_with(test.describe(test.check(n)), "displacement ratio inf > 1.0e-08"));
}

TEST(ConvergenceTest, AResidualAtTheFloorSatisfiesEveryCriterion) {
  // At round-off the update is noise: a displacement ratio of 1e-3 with ||r|| = 3e-11 N
  // converges (an increment is never rejected with its residual below the floor).
  const ConvergenceTest test({});
  ConvergenceNorms n = passing();
  n.residual = 3e-11;
  n.displacement = 1e-3;
  n.energy = 1.0;
  const ConvergenceCheck c = test.check(n);
  EXPECT_TRUE(c.converged());
  EXPECT_EQ(test.describe(c),
            "residual 3.0e-11 N met (abs 1.0e-10 N); displacement met (residual below abs "
            "1.0e-10 N); energy met (residual below abs 1.0e-10 N)");
  // Just above the floor the displacement criterion decides again.
  n.residual = 1.1e-10;
  EXPECT_FALSE(test.check(n).displacement_ok);
}

TEST(ConvergenceTest, EnergyAloneDecides) {
  const ConvergenceTest test({});
  ConvergenceNorms n = passing();
  n.energy = 3e-12;
  const ConvergenceCheck c = test.check(n);
  EXPECT_TRUE(c.residual_ok);
  EXPECT_TRUE(c.displacement_ok);
  EXPECT_FALSE(c.energy_ok);
  EXPECT_TRUE(starts_with(test.describe(c), "energy ratio 3.0e-12 > 1.0e-12; residual"))
      << test.describe(c);
  // A residual below the absolute floor satisfies the energy criterion too.
  n.residual = 1e-11;
  EXPECT_TRUE(test.check(n).energy_ok);
  EXPECT_NE(test.describe(test.check(n)).find("energy met (residual below abs 1.0e-10 N)"),
            std::string::npos);
}

// The load floor: the demo's heel drop stalled at |r| = 1.1e-3 N (ratio 1.4e-5 to the
// increment's first residual, displacement and energy ratios met) with 1717 N on the supports.
TEST(ConvergenceTest, LoadFloorScalesWithTheSupportLoad) {
  ConvergenceTolerances tol;
  tol.residual_absolute = 1e-3;
  tol.residual_load = 1e-6;
  const ConvergenceTest test(tol);
  ConvergenceNorms n;
  n.residual = 1.1e-3;
  n.ref_residual = 1.1e-3 / 1.4e-5;
  n.displacement = 1.3e-10;
  n.movement = 1.0;
  n.energy = 7e-13;
  n.ref_energy = 1.0;
  n.load = 1717.0;
  EXPECT_DOUBLE_EQ(test.floor(n), 1.717e-3);
  ConvergenceCheck c = test.check(n);
  EXPECT_TRUE(c.converged());
  EXPECT_EQ(test.describe(c).substr(0, 67),
            "residual 1.1e-03 N met (load floor 1.7e-03 N = 1.0e-06 x 1.7e+03 N)");
  // Half the load: the floor falls below |r| and the ratio criterion decides (it fails).
  n.load = 858.5;
  c = test.check(n);
  EXPECT_FALSE(c.residual_ok);
  EXPECT_FALSE(c.converged());
  // A small load never lowers the floor below the absolute one.
  n.load = 1.0;
  EXPECT_DOUBLE_EQ(test.floor(n), 1e-3);
  EXPECT_TRUE(starts_with(test.describe(test.check(n)), "residual 1.1e-03 N > abs 1.0e-03 N"));
  // Off by default.
  EXPECT_DOUBLE_EQ(ConvergenceTest({}).floor(n), 1e-10);
}

TEST(ConvergenceTest, ZeroToleranceDisablesACriterion) {
  ConvergenceTolerances tol;
  tol.displacement = 0;
  tol.energy = 0;
  const ConvergenceTest test(tol);
  ConvergenceNorms n = passing();
  n.displacement = 1e3;
  n.energy = 1e3;
  EXPECT_TRUE(test.check(n).converged());
  EXPECT_NE(test.describe(test.check(n)).find("displacement criterion off"), std::string::npos);
}

TEST(ForcingTerm, EisenstatWalkerChoiceTwoWithSafeguardAndBounds) {
  ForcingTerm eta(1e-10, 1e-2, 1e-8);
  EXPECT_EQ(eta.value(), 1e-2);
  // Residual ratio 0.01: 0.9 * 1e-4 = 9e-5; the safeguard 0.9 * 1e-4 is below 0.1 and so off;
  // the floor 0.5 * 1e-8 * 100 / 1 = 5e-7 is below.
  eta.update(1.0, 100.0, 100.0);
  EXPECT_DOUBLE_EQ(eta.value(), 9e-5);
  // Ratio 1e-6: 9e-13, raised to the Newton-tolerance floor 0.5 * 1e-8 * 100 / 1e-4 = 5e-3.
  eta.update(1e-4, 1e2, 100.0);
  EXPECT_DOUBLE_EQ(eta.value(), 5e-3);
  // Ratio 2: 3.6 is capped at forcing_max.
  eta.update(2.0, 1.0, 1.0);
  EXPECT_DOUBLE_EQ(eta.value(), 1e-2);
  // The safeguard acts once the previous term exceeds sqrt(0.1 / 0.9): with forcing_max 0.5,
  // 0.9 * 0.5^2 = 0.225 holds eta up although the ratio 1e-3 asks for 9e-7.
  ForcingTerm loose(1e-10, 0.5, 0.0);
  loose.update(1e-3, 1.0, 1.0);
  EXPECT_DOUBLE_EQ(loose.value(), 0.225);
}

TEST(BfgsUpdate, ReformsWhenTheResidualGrowsOrTheHistoryIsFull) {
  // Iteration 1 compares with the predictor's residual, later ones with the previous residual.
  EXPECT_TRUE(BfgsUpdate::should_reform(1, 2.0, 0.5, 1.0, 0, 10));
  EXPECT_FALSE(BfgsUpdate::should_reform(1, 0.9, 0.5, 1.0, 0, 10));
  EXPECT_TRUE(BfgsUpdate::should_reform(3, 0.6, 0.5, 1.0, 2, 10));
  EXPECT_FALSE(BfgsUpdate::should_reform(3, 0.4, 0.5, 1.0, 2, 10));
  EXPECT_FALSE(BfgsUpdate::should_reform(3, 0.5, 0.5, 1.0, 2, 10));  // equal is not growth
  EXPECT_TRUE(BfgsUpdate::should_reform(3, 0.4, 0.5, 1.0, 10, 10));
  EXPECT_FALSE(BfgsUpdate::should_reform(0, 5.0, 0.5, 1.0, 10, 10));  // iteration 0 never
}

TEST(BfgsUpdate, TwoLoopRecursionSatisfiesTheSecantEquation) {
  // H0 = diag(1/2, 1/4) (the "factorised" K0 = diag(2, 4)); after one update with step s and
  // residual change y, H y = s exactly (the secant equation), and H is symmetric.
  const auto base = [](const VecX& b, VecX& x) {
    x = VecX(2);
    x << b[0] / 2, b[1] / 4;
    return 0;
  };
  BfgsUpdate bfgs;
  VecX s(2), y(2);
  s << 1.0, 0.5;
  y << 3.0, 1.0;
  ASSERT_TRUE(bfgs.add(s, y));
  EXPECT_EQ(bfgs.updates(), 1);
  VecX Hy;
  bfgs.apply(y, base, Hy);
  EXPECT_NEAR(Hy[0], 1.0, 1e-15);
  EXPECT_NEAR(Hy[1], 0.5, 1e-15);
  VecX e0 = VecX::Unit(2, 0), e1 = VecX::Unit(2, 1), H0, H1;
  bfgs.apply(e0, base, H0);
  bfgs.apply(e1, base, H1);
  EXPECT_NEAR(H0[1], H1[0], 1e-15);
  // Negative curvature (y . s < 0) is refused and leaves the history unchanged.
  EXPECT_FALSE(bfgs.add(s, -y));
  EXPECT_EQ(bfgs.updates(), 1);
  bfgs.clear();
  EXPECT_EQ(bfgs.updates(), 0);
}

TEST(LineSearch, SecantStepIsBoundedAndAcceptsSmallSlopes) {
  const LineSearch ls({true, 0.9, 5});
  // s(0) = 1, s(1) = -3: the secant root alpha = 1 / 4.
  EXPECT_DOUBLE_EQ(ls.next_alpha(1.0, 1.0, -3.0).value(), 0.25);
  // s(1) = -99: the root 0.01 is kept at 0.1 of the trial.
  EXPECT_DOUBLE_EQ(ls.next_alpha(1.0, 1.0, -99.0).value(), 0.1);
  EXPECT_DOUBLE_EQ(ls.next_alpha(0.5, 1.0, -99.0).value(), 0.05);
  EXPECT_FALSE(ls.next_alpha(1.0, 1.0, 0.9));  // |s1| <= 0.9 |s0|: accepted
  EXPECT_FALSE(ls.next_alpha(1.0, 1.0, -0.9));
  EXPECT_FALSE(ls.next_alpha(1.0, -1.0, 5.0));  // not a descent direction
  EXPECT_FALSE(ls.next_alpha(1.0, 1.0, 0.95));  // the secant root (alpha = 20) lies beyond
  // s grows past s(0): the secant "root" is negative, so the trial backs off to 0.1 alpha.
  EXPECT_DOUBLE_EQ(ls.next_alpha(1.0, 1.0, 2.0).value(), 0.1);
}

TEST(LineSearch, RunsTrialsUntilAccepted) {
  // s(alpha) = 1 - 4 alpha (linear): the secant finds the root 1/4 in one step.
  const LineSearch ls({true, 0.9, 5});
  Real last = -1;
  int evaluations = 0;
  const Real alpha = ls.run(
      1.0, [&](Real a) { last = a, ++evaluations; }, [&] { return 1.0 - 4.0 * last; });
  EXPECT_DOUBLE_EQ(alpha, 0.25);
  EXPECT_EQ(evaluations, 2);
  // Switched off: alpha = 1 after one evaluation.
  const LineSearch off({false, 0.9, 5});
  evaluations = 0;
  EXPECT_EQ(off.run(
                1.0, [&](Real a) { last = a, ++evaluations; }, [&] { return -3.0; }),
            1.0);
  EXPECT_EQ(evaluations, 1);
}

TEST(LineSearch, AfterAnOvershootTheRootIsBracketedInsteadOfTakingATenth) {
  // s(alpha) = -du . r along a step that crosses a kink at alpha = 0.7 into a branch 50 times
  // stiffer (a point closing into contact): s(1) = -15.
  Real last = -1;
  std::vector<Real> tried;
  const auto evaluate = [&](Real a) { tried.push_back(last = a); };
  const auto slope = [&] { return last <= 0.7 ? 1.0 - last : -50.0 * (last - 0.7); };
  // Without the bracket: the secant root 1/16 is kept at 0.1, where s = 0.9 s(0) is accepted.
  LineSearchSettings unbracketed;
  unbracketed.bracket = false;
  EXPECT_DOUBLE_EQ(LineSearch(unbracketed).run(1.0, evaluate, slope), 0.1);
  EXPECT_EQ(tried, (std::vector<Real>{1.0, 0.1}));
  // Bracketed: 0.1 is short of the root (s > 0.5 s(0)), so regula falsi in [0.1, 1] goes on,
  // each trial at least 0.1 of the bracket above its low end and s(hi) halved once hi has been
  // kept twice (Illinois): 0.19, 0.271, then 0.2710 + 0.729^2 / 4.479 and the accepted
  // 0.3897 + 0.6103^2 / 2.4853 (s = 0.46 <= 0.5 s(0)).
  tried.clear();
  const Real alpha = LineSearch({}).run(1.0, evaluate, slope);
  const Real a4 = 0.271 + 0.729 * 0.729 / (0.729 + 3.75);
  const Real a5 = a4 + (1 - a4) * (1 - a4) / ((1 - a4) + 1.875);
  const std::vector<Real> expected{1.0, 0.1, 0.19, 0.271, a4, a5};
  ASSERT_EQ(tried.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(tried[i], expected[i], 1e-14) << i;
  EXPECT_NEAR(alpha, 0.53954017180394, 1e-12);
  // Every trial overshooting (s = -10): each is kept at 0.1 of the last, and the last one is
  // returned; out of trials after a point short of the root, the search steps back to it.
  tried.clear();
  EXPECT_DOUBLE_EQ(LineSearch({}).run(1.0, evaluate, [] { return -10.0; }), 1e-5);
  ASSERT_EQ(tried.size(), 6u);
  for (size_t i = 0; i < tried.size(); ++i) EXPECT_NEAR(tried[i], std::pow(0.1, i), 1e-18) << i;
  tried.clear();
  const std::vector<Real> slopes{-15.0, 0.9, -10.0, -10.0, -10.0, -10.0};
  const Real back = LineSearch({}).run(1.0, evaluate, [&] { return slopes[tried.size() - 1]; });
  EXPECT_EQ(tried.size(), 7u);  // 1, 0.1 (short), four overshoots in [0.1, 0.19], the step back
  EXPECT_DOUBLE_EQ(back, 0.1);
  EXPECT_DOUBLE_EQ(tried.back(), 0.1);
}

TEST(LineSearch, InvertedElementsAndOverflowsHalveAlphaOtherErrorsPropagate) {
  const LineSearch ls({true, 0.9, 5});
  // Trials beyond alpha = 0.3 invert an element: 1 and 0.5 fail, 0.25 is evaluated and accepted
  // (s(0.25) = 0.1 is small).
  std::vector<Real> tried;
  const auto inverting = [&](Real a) {
    tried.push_back(a);
    if (a > 0.3) throw NumericalError(NumericalError::Kind::InvertedElement, "inverted");
  };
  EXPECT_EQ(ls.run(1.0, inverting, [] { return 0.1; }), 0.25);
  EXPECT_EQ(tried, (std::vector<Real>{1.0, 0.5, 0.25}));
  // Inverted at every alpha: after max_halvings (10) halvings the error reaches the caller.
  tried.clear();
  const auto always = [&](Real a) {
    tried.push_back(a);
    throw NumericalError(NumericalError::Kind::InvertedElement, "inverted");
  };
  EXPECT_THROW(ls.run(1.0, always, [] { return 0.0; }), NumericalError);
  EXPECT_EQ(tried.size(), 11u);
  EXPECT_EQ(tried.back(), std::ldexp(1.0, -10));
  // A non-finite trial state (an overflowing exponential) halves alpha the same way.
  tried.clear();
  const auto overflowing = [&](Real a) {
    tried.push_back(a);
    if (a > 0.1) throw NumericalError(NumericalError::Kind::NotANumber, "overflow");
  };
  EXPECT_EQ(ls.run(1.0, overflowing, [] { return 0.1; }), 0.0625);
  EXPECT_EQ(tried, (std::vector<Real>{1.0, 0.5, 0.25, 0.125, 0.0625}));
  // Other errors propagate at once.
  const auto singular = [](Real) {
    throw NumericalError(NumericalError::Kind::LinearSolverFailed, "singular");
  };
  EXPECT_THROW(ls.run(1.0, singular, [] { return 0.0; }), NumericalError);
}

LoadStepSettings four_increments() {
  LoadStepSettings s;
  s.t_start = 0.0;
  s.t_end = 1.0;
  s.increments = 4;
  s.max_cutbacks = 2;
  s.easy_iterations = 5;
  s.growth = 1.5;
  return s;
}

TEST(StepController, FailureHalvesUntilTheCutBacksAreUsedUp) {
  StepController c(four_increments());
  StepAttempt a = c.next();
  EXPECT_EQ(a.t_to, 0.25);
  EXPECT_TRUE(a.reaches_mark);
  ASSERT_TRUE(c.cut_back(a));
  EXPECT_EQ(c.dt(), 0.125);
  a = c.next();
  EXPECT_EQ(a.t_to, 0.125);
  EXPECT_FALSE(a.reaches_mark);
  ASSERT_TRUE(c.cut_back(a));
  EXPECT_EQ(c.dt(), 0.0625);  // nominal / 2^max_cutbacks: the smallest allowed
  EXPECT_FALSE(c.cut_back(c.next()));
  EXPECT_EQ(c.failed_attempts(), 3);
  EXPECT_EQ(c.give_up_reason(), " (no cut-backs left)");
}

TEST(StepController, EasyStepsGrowTheIncrementBackToNominalAfterTheHold) {
  StepController c(four_increments());
  ASSERT_TRUE(c.cut_back(c.next()));
  ASSERT_TRUE(c.cut_back(c.next()));
  c.accept(c.next(), 5);  // easy, but held (kHoldAfterCutback = 2): dt kept
  EXPECT_EQ(c.t(), 0.0625);
  EXPECT_EQ(c.failed_attempts(), 0);
  EXPECT_EQ(c.dt(), 0.0625);
  c.accept(c.next(), 1);  // the second held step
  EXPECT_EQ(c.t(), 0.125);
  EXPECT_EQ(c.dt(), 0.0625);
  c.accept(c.next(), 5);  // easy: 0.0625 * 1.5
  EXPECT_EQ(c.t(), 0.1875);
  EXPECT_EQ(c.dt(), 0.09375);
  StepAttempt a = c.next();  // 0.25 is a nominal end point: the step stops there
  EXPECT_EQ(a.t_to, 0.25);
  EXPECT_TRUE(a.reaches_mark);
  c.accept(a, 6);  // not easy: dt kept
  EXPECT_EQ(c.t(), 0.25);
  EXPECT_EQ(c.dt(), 0.09375);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.t(), 0.34375);
  EXPECT_EQ(c.dt(), 0.140625);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.t(), 0.484375);
  EXPECT_EQ(c.dt(), 0.2109375);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.t(), 0.5);
  EXPECT_EQ(c.dt(), 0.25);  // 0.31640625 capped at the nominal increment
  EXPECT_FALSE(c.finished());
  c.accept(c.next(), 1);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.t(), 1.0);
  EXPECT_TRUE(c.finished());
}

TEST(StepController, ACutBackDuringTheHoldStartsItAgain) {
  StepController c(four_increments());
  ASSERT_TRUE(c.cut_back(c.next()));  // dt 0.125
  c.accept(c.next(), 1);              // held (1 of 2)
  ASSERT_TRUE(c.cut_back(c.next()));  // dt 0.0625, hold 2 again
  c.accept(c.next(), 1);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.t(), 0.25);
  EXPECT_EQ(c.dt(), 0.0625);
  c.accept(c.next(), 1);
  EXPECT_EQ(c.dt(), 0.09375);
}

TEST(StepController, OneIterationStepsDoubleTheIncrementsSpannedUpToTheLimit) {
  LoadStepSettings s = four_increments();
  s.increments = 16;
  s.max_marks_per_step = 4;
  StepController c(s);
  StepAttempt a = c.next();
  EXPECT_EQ(a.marks, 1);
  c.accept(a, 1);
  a = c.next();  // two increments: 1/16 -> 3/16
  EXPECT_EQ(a.marks, 2);
  EXPECT_DOUBLE_EQ(a.t_target, 3.0 / 16);
  EXPECT_TRUE(a.reaches_mark);
  EXPECT_FALSE(c.repeat_over_one_mark(a, 1));
  c.accept(a, 1);
  a = c.next();  // four: 3/16 -> 7/16
  EXPECT_EQ(a.marks, 4);
  EXPECT_DOUBLE_EQ(a.t_target, 7.0 / 16);
  c.accept(a, 1);
  a = c.next();  // still four (the limit)
  EXPECT_EQ(a.marks, 4);
  EXPECT_TRUE(c.repeat_over_one_mark(a, 2));  // two iterations: not linear, repeat over one
  a = c.next();
  EXPECT_EQ(a.marks, 1);
  EXPECT_DOUBLE_EQ(a.t_target, 8.0 / 16);
  c.accept(a, 3);  // not linear: stays at one
  a = c.next();
  EXPECT_EQ(a.marks, 1);
  c.accept(a, 1);
  EXPECT_EQ(c.next().marks, 2);
  // A cut-back returns to one increment, and the hold after it keeps it there.
  ASSERT_TRUE(c.cut_back(c.next()));
  EXPECT_EQ(c.next().marks, 1);
  // The last step stops at the end of the interval.
  LoadStepSettings e = four_increments();
  e.max_marks_per_step = 8;
  StepController d(e);
  d.accept(d.next(), 1);
  d.accept(d.next(), 1);  // 0.25 -> 0.75
  a = d.next();
  EXPECT_EQ(a.marks, 1);  // 0.75 -> 1: only one increment left
  EXPECT_DOUBLE_EQ(a.t_target, 1.0);
  d.accept(a, 1);
  EXPECT_TRUE(d.finished());
}

TEST(StepController, NonAdaptiveSteppingGivesUpAtOnce) {
  LoadStepSettings s = four_increments();
  s.adaptive = false;
  StepController c(s);
  EXPECT_FALSE(c.cut_back(c.next()));
  EXPECT_EQ(c.give_up_reason(), " (adaptive stepping off)");
}

}  // namespace
}  // namespace sinew::solver
