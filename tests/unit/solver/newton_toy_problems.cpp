// NewtonSolver and run_load_steps on closed-form toy problems: quadratic convergence of full
// Newton and superlinear convergence of BFGS on a cubic spring, the line search on an arctan
// spring, and a limit point under force control (clean failure after the cut-backs) and under
// displacement control (traversed); strategy auto's cost rule at given factorisation/BFGS cost
// ratios; extrapolated starts and steps over several increments where the response is linear;
// a system too large for its backend stops the stepping without cut-backs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "solver/linear/system_too_large.hpp"
#include "solver/load_stepper.hpp"
#include "solver/newton.hpp"
#include "toy_problems.hpp"

namespace sinew::solver {
namespace {

using testing::ArctanSpring;
using testing::CubicSpring;
using testing::ExponentialBundle;
using testing::ExponentialSpring;
using testing::SofteningBarDisplacement;
using testing::SofteningBarForce;
using testing::SofteningLaw;
using testing::toy_registry;
using testing::TripleRootSpring;

NewtonSettings toy_settings(NewtonStrategy strategy = NewtonStrategy::Full) {
  NewtonSettings s;
  s.strategy = strategy;
  s.linear_solver = "eigen-ldlt";
  return s;
}

std::vector<Real> residuals(const NewtonResult& r) {
  std::vector<Real> out;
  for (const auto& it : r.iterations) out.push_back(it.residual_norm);
  return out;
}

// The observed order log(r_{k+1} / r_k) / log(r_k / r_{k-1}) of the last triple whose newest
// residual is still above rounding (1e-13 N here).
Real observed_order(const std::vector<Real>& r) {
  Real order = 0;
  for (size_t k = 1; k + 1 < r.size(); ++k)
    if (r[k + 1] > 1e-13) order = std::log(r[k + 1] / r[k]) / std::log(r[k] / r[k - 1]);
  return order;
}

TEST(NewtonToy, CubicSpringConvergesQuadraticallyToTheCardanoRoot) {
  CubicSpring spring(1.0, 1.0, 10.0);  // u + u^3 = 10: root 2
  NewtonSettings s = toy_settings();
  s.residual_tolerance = 1e-15;
  s.residual_absolute = 1e-13;
  NewtonSolver newton(spring, toy_registry(), s);
  VecX u = VecX::Zero(1);
  const NewtonResult r = newton.solve(u, 1.0);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(spring.root(1.0), 2.0, 1e-14);
  EXPECT_NEAR(u[0], spring.root(1.0), 1e-12);
  EXPECT_GE(observed_order(residuals(r)), 1.8);
  EXPECT_EQ(r.factorizations, static_cast<int>(r.iterations.size()) - 1);  // one per iteration
}

TEST(NewtonToy, BfgsConvergesSuperlinearlyWithOneFactorisation) {
  CubicSpring spring(1.0, 1.0, 10.0);
  NewtonSettings s = toy_settings(NewtonStrategy::Bfgs);
  s.residual_tolerance = 1e-15;
  s.residual_absolute = 1e-13;
  NewtonSolver newton(spring, toy_registry(), s);
  VecX u = VecX::Constant(1, 1.5);
  const NewtonResult r = newton.solve(u, 1.0);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(u[0], 2.0, 1e-12);
  EXPECT_EQ(r.factorizations, 1);
  EXPECT_EQ(r.reformations, 0);
  // Superlinear: the contraction factor r_{k+1} / r_k falls towards zero (a fixed tangent
  // would keep it near 1 - K(u0) / K(u*) = 0.35 here); the secant method's order is 1.6.
  const std::vector<Real> res = residuals(r);
  std::vector<Real> factor;
  for (size_t k = 0; k + 1 < res.size(); ++k)
    if (res[k + 1] > 1e-13) factor.push_back(res[k + 1] / res[k]);
  ASSERT_GE(factor.size(), 3u);
  for (size_t k = 2; k < factor.size(); ++k) EXPECT_LT(factor[k], factor[k - 1]) << k;
  EXPECT_LT(factor.back(), 1e-2);
  EXPECT_GE(observed_order(res), 1.4);
}

TEST(NewtonToy, BfgsReformsWhenTheResidualGrows) {
  // From u = 0 the tangent 1 sends the first step to u = 10 where r = 1000 > r0 = 10: without a
  // line search to catch it, the grown residual must re-form the tangent (the history limit is
  // set out of reach, so growth is the only reason to re-form here).
  CubicSpring spring(1.0, 1.0, 10.0);
  NewtonSettings s = toy_settings(NewtonStrategy::Bfgs);
  s.line_search = false;
  s.bfgs_max_updates = 100;
  s.max_iterations = 100;
  NewtonSolver newton(spring, toy_registry(), s);
  VecX u = VecX::Zero(1);
  const NewtonResult r = newton.solve(u, 1.0);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(u[0], 2.0, 1e-8);
  ASSERT_GE(r.iterations.size(), 2u);
  EXPECT_EQ(r.iterations[1].residual_norm, 1000.0);
  EXPECT_GE(r.reformations, 1);
  EXPECT_EQ(r.factorizations, r.reformations + 1);
}

TEST(NewtonToy, LineSearchTamesTheArctanOvershoot) {
  ArctanSpring spring(1.0);  // atan(u) = 1: root tan(1)
  NewtonSolver with(spring, toy_registry(), toy_settings());
  VecX u = VecX::Constant(1, 10.0);
  const NewtonResult r = with.solve(u, 1.0);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(u[0], std::tan(1.0), 1e-12);
  EXPECT_LT(r.iterations[0].alpha, 0.2);  // the full step would land at u = -37.6

  // Without it the iterates run away: u_{k+1} ~ -(pi/2 - 1 sign) u_k^2.
  NewtonSettings off = toy_settings();
  off.line_search = false;
  off.max_iterations = 3;
  NewtonSolver without(spring, toy_registry(), off);
  VecX v = VecX::Constant(1, 10.0);
  const NewtonResult d = without.solve(v, 1.0);
  EXPECT_FALSE(d.converged);
  EXPECT_GT(std::abs(v[0]), 1e6);
  for (size_t k = 1; k < d.iterations.size(); ++k)
    EXPECT_GT(d.iterations[k].displacement_norm, d.iterations[k - 1].displacement_norm);
}

TEST(NewtonToy, FailureNamesTheCriterionThatFailed) {
  // Two iterations cannot bring the cubic spring from 0 to its root: the residual criterion
  // fails, and the message says so with the numbers.
  CubicSpring spring(1.0, 1.0, 10.0);
  NewtonSettings s = toy_settings();
  s.max_iterations = 2;
  NewtonSolver newton(spring, toy_registry(), s);
  VecX u = VecX::Zero(1);
  const NewtonResult r = newton.solve(u, 1.0);
  ASSERT_FALSE(r.converged);
  EXPECT_EQ(r.failure.rfind("no convergence in 2 iterations: residual ", 0), 0u) << r.failure;
  EXPECT_NE(r.failure.find(" > abs 1.0e-10 N, ratio "), std::string::npos) << r.failure;
}

TEST(NewtonToy, ResidualAtRoundOffConvergesWhereTheUpdateIsStillLarge) {
  // (u - 1)^3 = 0 from u = 0: e_k = (2/3)^k, ||r_k|| = e_k^3 <= 1e-10 first at k = 19
  // (3 k log10(1.5) >= 10), when the update ratio e_k / 3 is still 1.5e-4. Before the floor
  // ended the increment, the displacement criterion failed it after 25 iterations with
  // ||r|| = 6e-14 N.
  TripleRootSpring spring(1.0);
  NewtonSolver newton(spring, toy_registry(), toy_settings());
  VecX u = VecX::Zero(1);
  const NewtonResult r = newton.solve(u, 1.0);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_EQ(r.iterations.size(), 20u);
  EXPECT_LE(r.final_residual_norm, 1e-10);
  EXPECT_GT(r.iterations[18].residual_norm, 1e-10);
  EXPECT_NEAR(u[0], 1.0 - std::pow(2.0 / 3.0, 19), 1e-12);
  EXPECT_GT(r.iterations[18].displacement_norm, 1e-4);  // far above 1e-8 |u|
}

TEST(NewtonToy, AnOverflowingTrialStateHalvesTheStepInsteadOfFailing) {
  // exp(100 u) - 1 = 1000: the tangent at rest (100) sends the first step to u = 10, where
  // exp(1000) overflows. Alpha 1/2 gives a finite state (exp(500)) with a huge residual, the
  // secant rule then cuts twice by the factor 0.1: alpha = 0.005, u = 0.05, r = exp(5) - 1001,
  // |s| = 8.5e3 <= 0.9 |s(0)| = 9e3, accepted by BFGS. Full Newton's bracketed search goes on
  // in [0.005, 0.05] (s = 8.5e3 > 0.5 s(0)): 0.0095 overshoots, 0.00545 falls short, and the
  // last trial 0.00545 + 0.1 (0.0095 - 0.00545) = 0.005855 is kept. Before overflows were
  // halved, the increment failed there.
  for (NewtonStrategy strategy : {NewtonStrategy::Full, NewtonStrategy::Bfgs}) {
    ExponentialSpring spring(1.0, 100.0, 1000.0);
    NewtonSolver newton(spring, toy_registry(), toy_settings(strategy));
    VecX u = VecX::Zero(1);
    const NewtonResult r = newton.solve(u, 1.0);
    ASSERT_TRUE(r.converged) << r.failure;
    EXPECT_NEAR(u[0], spring.root(1.0), 1e-10);  // |r| <= 1e-5 N on a tangent of 1e5 N
    EXPECT_NEAR(r.iterations[0].alpha, strategy == NewtonStrategy::Full ? 0.005855 : 0.005, 1e-15);
  }
}

TEST(NewtonToy, AutoSwitchesToFullNewtonWhereBfgsStagnates) {
  // Twenty exponential fibres under forces 10..1000 from rest: the tangent at rest is wrong by
  // factors 11..1001 in twenty directions, and BFGS, one direction per update, needs 22
  // iterations and 3 factorisations; full Newton needs 8 (10 before its line search bracketed
  // the overshooting first steps). Auto (BFGS, as above kBfgsMinDofs) sees the residual stall
  // (less than halved in five iterations) and finishes with full Newton from the increment's
  // start (BFGS got nowhere near a tenth of the starting residual, AutoStrategy::
  // kRestartFraction): 5 BFGS iterations and the 8 of full Newton alone. Going on from the BFGS
  // state would save one iteration here, but on the fibre-law grid it cost 7-9 full Newton
  // iterations with indefinite tangents against 3-4 from the start (benchmarks/RESULTS.md). (The
  // stall rule alone: the cost rule, which replaces it once costs are measured, is switched off;
  // see the AutoCost tests below.)
  const auto solve = [](NewtonStrategy strategy) {
    ExponentialBundle bundle(20, 1.0, 100.0, 10.0, 1000.0);
    NewtonSettings s = toy_settings(strategy);
    s.auto_bfgs_min_dofs = 0;
    s.auto_cost_ratio = -1;
    NewtonSolver newton(bundle, toy_registry(), s);
    VecX u = VecX::Zero(20);
    NewtonResult r = newton.solve(u, 1.0);
    for (Index i = 0; i < 20; ++i) EXPECT_NEAR(u[i], bundle.root(i, 1.0), 1e-12) << i;
    return r;
  };
  const NewtonResult full = solve(NewtonStrategy::Full);
  const NewtonResult bfgs = solve(NewtonStrategy::Bfgs);
  const NewtonResult automatic = solve(NewtonStrategy::Auto);
  ASSERT_TRUE(full.converged && bfgs.converged && automatic.converged);
  const auto its = [](const NewtonResult& r) { return static_cast<int>(r.iterations.size()) - 1; };
  EXPECT_EQ(its(full), 8);
  EXPECT_EQ(its(bfgs), 22);
  EXPECT_EQ(bfgs.full_newton_from, -1);
  EXPECT_EQ(automatic.full_newton_from, 5);
  EXPECT_EQ(its(automatic), 13);
  EXPECT_EQ(its(automatic), automatic.full_newton_from + its(full));  // the stall, then Newton
  EXPECT_EQ(automatic.factorizations, 9);  // the first, then one per full Newton iteration
}

// Cost of a run in units of a BFGS iteration when a factorising iteration costs `ratio`.
Real cost(int iterations, int factorizations, Real ratio) {
  return (iterations - factorizations) + ratio * factorizations;
}

// A spring solved over `increments` load steps with a given cost ratio; returns the totals and
// the iterations at which each converged step's auto switched (-1: never, 0: began so).
template <class Spring>
LoadStepResult stepped(Spring spring, NewtonStrategy strategy, Real ratio, int increments) {
  NewtonSettings s = toy_settings(strategy);
  s.auto_bfgs_min_dofs = 0;
  s.auto_cost_ratio = ratio;
  NewtonSolver newton(spring, toy_registry(), s);
  LoadStepSettings steps;
  steps.increments = increments;
  steps.adaptive = false;
  VecX u = VecX::Zero(1);
  LoadStepResult r = run_load_steps(spring, newton, u, steps);
  EXPECT_NEAR(u[0], spring.root(1.0), 1e-9);
  return r;
}

// The twenty-fibre bundle of the test above solved in one increment with a given cost ratio.
NewtonResult solve_bundle(NewtonStrategy strategy, Real ratio) {
  ExponentialBundle bundle(20, 1.0, 100.0, 10.0, 1000.0);
  NewtonSettings s = toy_settings(strategy);
  s.auto_bfgs_min_dofs = 0;
  s.auto_cost_ratio = ratio;
  NewtonSolver newton(bundle, toy_registry(), s);
  VecX u = VecX::Zero(20);
  NewtonResult r = newton.solve(u, 1.0);
  for (Index i = 0; i < 20; ++i) EXPECT_NEAR(u[i], bundle.root(i, 1.0), 1e-12) << i;
  return r;
}

// Cost of a run of load steps in BFGS iterations.
Real cost(const LoadStepResult& r, Real ratio) {
  return cost(r.totals.newton_iterations, r.totals.factorizations, ratio);
}

TEST(AutoCost, DearFactorisationsKeepBfgsOnStiffeningSprings) {
  // Cubic and exponential springs from rest in five increments: BFGS (secant updates) needs one
  // factorisation for the whole run, full Newton one per iteration. At a cost ratio of 20 or
  // more auto never switches: the same iterations as BFGS.
  for (const Real ratio : {20.0, 50.0}) {
    const auto cubic = stepped(CubicSpring(1.0, 1.0, 1000.0), NewtonStrategy::Auto, ratio, 5);
    EXPECT_EQ(cubic.totals.newton_iterations, 30) << ratio;
    EXPECT_EQ(cubic.totals.factorizations, 1) << ratio;
    const auto exp = stepped(ExponentialSpring(1.0, 10.0, 1000.0), NewtonStrategy::Auto, ratio, 5);
    EXPECT_EQ(exp.totals.newton_iterations, 35) << ratio;
    EXPECT_EQ(exp.totals.factorizations, 1) << ratio;
    const auto bfgs = stepped(CubicSpring(1.0, 1.0, 1000.0), NewtonStrategy::Bfgs, ratio, 5);
    EXPECT_EQ(cost(cubic, ratio), cost(bfgs, ratio));
  }
}

TEST(AutoCost, CheapFactorisationsSwitchEarlyWhereBfgsCrawls) {
  // The twenty-fibre bundle: BFGS needs 22 iterations and 3 factorisations, full Newton 10
  // iterations. With factorisations at 2 BFGS iterations (Newton 20, BFGS 25) auto projects
  // the slow contraction of its first three BFGS iterations and finishes with full Newton from
  // the increment's start, for no more than either.
  const NewtonResult automatic = solve_bundle(NewtonStrategy::Auto, 2.0);
  ASSERT_TRUE(automatic.converged);
  EXPECT_EQ(automatic.full_newton_from, 3);
  const int its = static_cast<int>(automatic.iterations.size()) - 1;
  EXPECT_EQ(cost(its, automatic.factorizations, 2.0), 20);
  // On a unit spring (exponential, tangent at rest 1000 times too soft) in five increments at
  // ratio 1 auto stays within 1.25 of full Newton (26 iterations; BFGS 35).
  const auto exp = stepped(ExponentialSpring(1.0, 10.0, 1000.0), NewtonStrategy::Auto, 1.0, 5);
  EXPECT_LE(cost(exp, 1.0), 1.25 * 26);
  // ... and it stays with full Newton: more than half of its iterations factorise.
  EXPECT_GT(2 * exp.totals.factorizations, exp.totals.newton_iterations);
}

TEST(LoadStepsToy, ForceControlStopsCleanlyPastTheLimitPoint) {
  // The limit load is reached at t* = 0.55. Two nominal increments, four cut-backs, no growth:
  // 0 -> 0.5 converges; 1, 0.75, 0.625, 0.5625 fail; 0.53125 (dt = 0.5 / 2^4) converges;
  // 0.5625 fails again and a fifth halving is not allowed.
  const SofteningLaw law;
  SofteningBarForce bar(law, law.peak() / 0.55);
  NewtonSolver newton(bar, toy_registry(), toy_settings());
  LoadStepSettings steps;
  steps.increments = 2;
  steps.max_cutbacks = 4;
  steps.easy_iterations = 0;
  VecX u = VecX::Zero(1);
  std::vector<std::string> warnings;
  const LogSink log([&](LogLevel level, const std::string& m) {
    if (level == LogLevel::Warning) warnings.push_back(m);
  });
  const LoadStepResult r = run_load_steps(bar, newton, u, steps, {}, log);
  EXPECT_FALSE(r.completed);
  // Each cut-back's warning ends with the norms of its 25 iterations and their alphas.
  ASSERT_EQ(warnings.size(), 5u);  // 4 cut-backs, then the failure
  for (size_t i = 0; i < 4; ++i) {
    const std::string& w = warnings[i];
    const size_t norms = w.find("; cutting back to dt = ");
    const size_t history = w.find(" (|r|: ", norms), alphas = w.find("; alpha: ", history);
    ASSERT_NE(alphas, std::string::npos) << w;
    EXPECT_EQ(w.back(), ')') << w;
    const std::string list = w.substr(history + 7, alphas - history - 7);
    EXPECT_EQ(std::count(list.begin(), list.end(), 'e'), 25) << list;  // 25 numbers, 1.00e+00
  }
  // dt as a number with its significant digits (0.5 / 2^4 = 0.03125), not fixed six decimals.
  EXPECT_NE(warnings[3].find("; cutting back to dt = 0.03125 (|r|: "), std::string::npos)
      << warnings[3];
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[0].t, 0.5);
  EXPECT_EQ(r.steps[0].cutbacks, 0);
  EXPECT_EQ(r.steps[1].t, 0.53125);
  EXPECT_EQ(r.steps[1].cutbacks, 4);
  EXPECT_FALSE(r.steps[1].nominal);
  // The state is that of the last converged step, on the rising branch below the limit point.
  EXPECT_NEAR(law.force(u[0]), law.peak() / 0.55 * 0.53125, 1e-10);
  EXPECT_LT(u[0], law.w0);
  EXPECT_EQ(r.failure.rfind("step to t = 0.5625 failed: no convergence in 25 iterations: ", 0), 0u)
      << r.failure;
  const std::string tail = " (no cut-backs left)";
  ASSERT_GE(r.failure.size(), tail.size());
  EXPECT_EQ(r.failure.substr(r.failure.size() - tail.size()), tail) << r.failure;
}

TEST(LoadStepsToy, DisplacementControlTraversesTheLimitPoint) {
  // Pulling the bar through a spring k_s = 1 > e^-2 to v = 5 in 10 increments: the reaction
  // rises to F_max = 1/e at the limit point and falls on the softening branch beyond.
  const SofteningLaw law;
  SofteningBarDisplacement bar(law, 1.0, 5.0);
  NewtonSolver newton(bar, toy_registry(), toy_settings());
  LoadStepSettings steps;
  std::vector<Real> reaction, w;
  VecX u = VecX::Zero(2);
  const auto record = [&](const StepRecord&, const VecX& x) {
    reaction.push_back(newton.residual()[1]);
    w.push_back(x[0]);
  };
  const LoadStepResult r = run_load_steps(bar, newton, u, steps, record);
  ASSERT_TRUE(r.completed) << r.failure;
  ASSERT_EQ(r.steps.size(), 10u);
  for (const StepRecord& step : r.steps) EXPECT_EQ(step.cutbacks, 0);
  for (size_t i = 0; i < w.size(); ++i) {
    EXPECT_NEAR(reaction[i], law.force(w[i]), 1e-10) << i;  // equilibrium of the bar
    if (i > 0) {
      EXPECT_GT(w[i], w[i - 1]) << i;
    }
  }
  const auto peak = std::max_element(reaction.begin(), reaction.end());
  EXPECT_LT(*peak, law.peak());
  EXPECT_GT(*peak, 0.9 * law.peak());
  EXPECT_LT(w[static_cast<size_t>(peak - reaction.begin()) - 1], law.w0);
  EXPECT_GT(w.back(), 3 * law.w0);  // well past the limit point
  EXPECT_LT(reaction.back(), 0.5 * law.peak());
}

// r(u) = k u + c <u - u*>^3 - f t: linear up to u* = 1, stiffening beyond (one unknown).
class KinkedSpring : public testing::DenseToyProblem {
 public:
  KinkedSpring() : DenseToyProblem(1) {}
  static constexpr Real k = 2.0, c = 50.0, f = 4.0, u_star = 1.0;

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    const Real x = std::max(0.0, u[0] - u_star);
    r[0] = k * u[0] + c * x * x * x - f * t;
    K(0, 0) = k + 3 * c * x * x;
  }
};

// A spring whose evaluation past t = 0.5 throws a NumericalError of the given kind, as a linear
// backend does when it cannot analyse the system.
class FailingSpring : public testing::DenseToyProblem {
 public:
  explicit FailingSpring(bool too_large) : DenseToyProblem(1), too_large_(too_large) {}

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    if (t > 0.5) {
      if (too_large_) throw SystemTooLarge("backend cannot take it");
      throw NumericalError(NumericalError::Kind::LinearSolverFailed, "backend cannot take it");
    }
    r[0] = 2.0 * u[0] - t;
    K(0, 0) = 2.0;
  }

 private:
  bool too_large_;
};

TEST(LoadStepsToy, ASystemTooLargeForTheBackendIsNotRetriedByCutBacks) {
  LoadStepSettings steps;
  steps.increments = 2;
  steps.max_cutbacks = 4;
  FailingSpring too_large(true);
  NewtonSolver newton(too_large, toy_registry(), toy_settings());
  VecX u = VecX::Zero(1);
  const LoadStepResult r = run_load_steps(too_large, newton, u, steps);
  EXPECT_FALSE(r.completed);
  EXPECT_EQ(r.totals.cutbacks, 0);
  EXPECT_EQ(r.totals.rejected, 1);
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_NEAR(u[0], 0.25, 1e-14);  // the state of t = 0.5 is kept
  EXPECT_NE(r.failure.find("backend cannot take it (not retried"), std::string::npos) << r.failure;
  // The same failure of a kind a smaller step may cure is retried until no cut-back is left.
  FailingSpring breakdown(false);
  NewtonSolver other(breakdown, toy_registry(), toy_settings());
  u.setZero();
  const LoadStepResult b = run_load_steps(breakdown, other, u, steps);
  EXPECT_FALSE(b.completed);
  EXPECT_EQ(b.totals.cutbacks, 4);
  EXPECT_NE(b.failure.find("(no cut-backs left)"), std::string::npos) << b.failure;
}

// The times of the converged steps and their Newton iterations.
std::vector<std::pair<Real, int>> steps_of(const LoadStepResult& r) {
  std::vector<std::pair<Real, int>> out;
  for (const StepRecord& s : r.steps) out.emplace_back(s.t, s.newton_iterations);
  return out;
}

TEST(LoadStepsToy, ExtrapolatedStartsSolveALinearResponseInOneIteration) {
  // Linear up to t = 0.5 (u = 2 t): from the given rate u' = 2 the first step starts on the
  // solution and so does every later one, extrapolated from the last.
  KinkedSpring spring;
  NewtonSolver newton(spring, toy_registry(), toy_settings());
  LoadStepSettings steps;
  steps.t_end = 0.5;
  steps.increments = 5;
  steps.extrapolate = true;
  steps.first_rate = VecX::Constant(1, 2.0);
  VecX u = VecX::Zero(1);
  const LoadStepResult r = run_load_steps(spring, newton, u, steps);
  ASSERT_TRUE(r.completed) << r.failure;
  ASSERT_EQ(r.steps.size(), 5u);
  for (const StepRecord& s : r.steps) {
    EXPECT_LE(s.newton_iterations, 1) << s.t;
    EXPECT_LT(s.iterations.front().residual_norm, 1e-12) << s.t;  // started on the solution
  }
  EXPECT_NEAR(u[0], 1.0, 1e-12);
  // Without it each step starts from the last state, out of balance by the load step f dt.
  steps.extrapolate = false;
  u.setZero();
  NewtonSolver plain(spring, toy_registry(), toy_settings());
  const LoadStepResult p = run_load_steps(spring, plain, u, steps);
  ASSERT_TRUE(p.completed);
  for (const StepRecord& s : p.steps)
    EXPECT_NEAR(s.iterations.front().residual_norm, KinkedSpring::f * 0.1, 1e-12) << s.t;
}

TEST(LoadStepsToy, StepsSpanSeveralIncrementsOnlyWhereTheResponseIsLinear) {
  // 16 increments to t = 1 (u* = 1 is reached at t = 0.5); up to 4 increments per step.
  KinkedSpring spring;
  NewtonSolver newton(spring, toy_registry(), toy_settings());
  LoadStepSettings steps;
  steps.increments = 16;
  steps.extrapolate = true;
  steps.first_rate = VecX::Constant(1, 2.0);
  steps.max_marks_per_step = 4;
  VecX u = VecX::Zero(1);
  const LoadStepResult r = run_load_steps(spring, newton, u, steps);
  ASSERT_TRUE(r.completed) << r.failure;
  const auto got = steps_of(r);
  ASSERT_GE(got.size(), 4u);
  // Linear: 1/16, then two increments (3/16), then four (7/16), each in one iteration.
  EXPECT_DOUBLE_EQ(got[0].first, 1.0 / 16);
  EXPECT_DOUBLE_EQ(got[1].first, 3.0 / 16);
  EXPECT_DOUBLE_EQ(got[2].first, 7.0 / 16);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got[static_cast<size_t>(i)].second, 1) << i;
  // The next four (to 11/16) cross the kink: not linear, so repeated over one increment, and
  // from there on every end point is reported (the stiffening needs several iterations).
  EXPECT_DOUBLE_EQ(got[3].first, 8.0 / 16);
  for (size_t i = 4; i < got.size(); ++i)
    EXPECT_NEAR(got[i].first - got[i - 1].first, 1.0 / 16, 1e-12) << i;
  EXPECT_EQ(got.size(), 3u + 9u);  // 3 linear steps, then 8/16 ... 16/16 one by one
  EXPECT_EQ(r.totals.rejected, 0);
  EXPECT_EQ(r.totals.cutbacks, 0);
  const Real x = u[0] - KinkedSpring::u_star;
  EXPECT_NEAR(KinkedSpring::k * u[0] + KinkedSpring::c * x * x * x, KinkedSpring::f, 1e-8);
}

}  // namespace
}  // namespace sinew::solver
