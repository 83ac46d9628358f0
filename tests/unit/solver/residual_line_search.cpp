// The residual-norm line search: its backtracking step in closed form, its zoom towards a kink
// against the secant rule on the same function, and a one-unknown spring that stiffens past a
// gap (a contact or slip-to-stick switch) on which full Newton with the unbracketed secant line
// search crept by 10% of the step per iteration (more than 25 iterations), while the bracketed
// secant rule and the residual line search converge.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "solver/line_search.hpp"
#include "solver/newton.hpp"
#include "solver/residual_line_search.hpp"
#include "toy_problems.hpp"

namespace sinew::solver {
namespace {

TEST(ResidualLineSearch, BacktrackIsTheQuadraticMinimiserKeptInItsBounds) {
  // phi(a) = 1 - 2 a + q a^2 through phi(1) = r^2: q = r^2 + 1, minimiser 1 / q.
  EXPECT_DOUBLE_EQ(ResidualLineSearch::backtrack(1.0, 1.0, 2.0), 0.2);
  EXPECT_DOUBLE_EQ(ResidualLineSearch::backtrack(1.0, 1.0, 10.0), 0.1);  // 1/101, kept at 0.1
  EXPECT_DOUBLE_EQ(ResidualLineSearch::backtrack(1.0, 1.0, 1.0), 0.5);   // 1/2
  EXPECT_DOUBLE_EQ(ResidualLineSearch::backtrack(0.5, 1.0, 1.0), 0.25);  // q = 4: 1/4, at 0.5 a
  EXPECT_DOUBLE_EQ(ResidualLineSearch::backtrack(1.0, 1.0, std::numeric_limits<Real>::infinity()),
                   0.5);
}

/// ||r(alpha)|| along a Newton direction that crosses a kink at alpha = 0.7 into a branch 50
/// times stiffer: the linear model (1 - alpha) holds up to the kink.
Real kinked_norm(Real a) { return a <= 0.7 ? 1.0 - a : 0.3 + 50.0 * (a - 0.7); }

TEST(ResidualLineSearch, ZoomsTowardsTheKinkWhereTheSecantRuleStopsAtATenth) {
  std::vector<Real> tried;
  Real last = 0;
  const Real alpha = ResidualLineSearch().run(
      1.0, [&](Real a) { tried.push_back(last = a); }, [&] { return kinked_norm(last); });
  // 1 rejected (15.3), backtrack to 0.1 (accepted, agreement 1), then bisection of [lo, hi].
  const std::vector<Real> expected{1.0, 0.1, 0.55, 0.775, 0.6625, 0.71875, 0.690625};
  ASSERT_EQ(tried.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(tried[i], expected[i], 1e-15) << i;
  EXPECT_NEAR(alpha, 0.690625, 1e-15);

  // The secant rule on s(alpha) = -du . r (du = 1, r = -(1 - alpha) before the kink) takes 0.1
  // without its bracket (the bracketed search: tests/unit/solver/newton_units.cpp).
  const auto slope = [&] { return last <= 0.7 ? 1.0 - last : -50.0 * (last - 0.7); };
  LineSearchSettings unbracketed;
  unbracketed.bracket = false;
  EXPECT_DOUBLE_EQ(LineSearch(unbracketed)
                       .run(
                           1.0, [&](Real a) { last = a; }, slope),
                   0.1);
}

TEST(ResidualLineSearch, FullStepAcceptedOnSufficientDecreaseAndBadStatesBacktrack) {
  std::vector<Real> tried;
  Real last = 0;
  // A smooth residual that follows the linear model: one evaluation.
  EXPECT_EQ(ResidualLineSearch().run(
                2.0, [&](Real a) { tried.push_back(last = a); },
                [&] { return 2.0 * (1.0 - last) * (1.0 - last); }),
            1.0);
  EXPECT_EQ(tried.size(), 1u);
  // Inverted beyond 0.3: 1 and 0.5 fail and halve, 0.25 decreases as the model says (zoom
  // between 0.25 and 0.5 next: 0.375 fails, then 0.3125 fails, then 0.28125 is kept).
  tried.clear();
  const Real a = ResidualLineSearch().run(
      1.0,
      [&](Real x) {
        tried.push_back(last = x);
        if (x > 0.3) throw NumericalError(NumericalError::Kind::InvertedElement, "inverted");
      },
      [&] { return 1.0 - last; });
  EXPECT_EQ(tried, (std::vector<Real>{1.0, 0.5, 0.25, 0.375, 0.3125, 0.28125}));
  EXPECT_DOUBLE_EQ(a, 0.28125);
  // Other errors reach the caller.
  EXPECT_THROW(ResidualLineSearch().run(
                   1.0,
                   [](Real) {
                     throw NumericalError(NumericalError::Kind::LinearSolverFailed, "solver");
                   },
                   [] { return 0.0; }),
               NumericalError);
}

/// r(u) = u + 1000 <u - 0.95>_+ - t (N): soft up to a gap of 0.95 mm, then 1000 times stiffer,
/// like a point that closes into contact or sticks again after slipping. Root at t = 1:
/// u = 0.95 + 0.05 / 1001.
class GapSpring : public testing::DenseToyProblem {
 public:
  GapSpring() : DenseToyProblem(1) {}
  static constexpr Real kGap = 0.95, kStiff = 1000.0;

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    const bool closed = u[0] > kGap;
    r[0] = u[0] + (closed ? kStiff * (u[0] - kGap) : 0.0) - t;
    K(0, 0) = 1.0 + (closed ? kStiff : 0.0);
  }
};

NewtonSettings gap_settings(bool residual_line_search) {
  NewtonSettings s;
  s.strategy = NewtonStrategy::Full;
  s.linear_solver = "eigen-ldlt";
  s.residual_line_search = residual_line_search;
  return s;
}

TEST(ResidualLineSearch, NewtonCrossesTheStiffeningKinkWhereTheSecantRuleCreeps) {
  GapSpring spring;
  // Secant rule without its bracket: every step overshoots the gap and alpha = 0.1 is accepted
  // (s(0.1) = 0.9 s(0)), so u_k = 1 - 0.9^k would reach the gap only after 29 iterations. With
  // the bracket (the default) the search goes on towards the kink inside the step.
  NewtonSolver secant(spring, testing::toy_registry(), gap_settings(false));
  VecX u = VecX::Zero(1);
  const NewtonResult bracketed = secant.solve(u, 1.0);
  ASSERT_TRUE(bracketed.converged) << bracketed.failure;
  EXPECT_NEAR(u[0], GapSpring::kGap + 0.05 / 1001.0, 1e-12);
  // 9 iterations (updates), against more than 25: five steps of alpha = 1 - 0.9^5 (the fifth
  // bracketed trial, still short of the gap with s <= 0.5 s(0)), ||r|| falling 41% each.
  EXPECT_EQ(bracketed.iterations.size() - 1, 9u);
  EXPECT_NEAR(bracketed.iterations[0].alpha, 1.0 - std::pow(0.9, 5), 1e-12);

  NewtonSolver residual(spring, testing::toy_registry(), gap_settings(true));
  VecX v = VecX::Zero(1);
  const NewtonResult res = residual.solve(v, 1.0);
  ASSERT_TRUE(res.converged) << res.failure;
  EXPECT_NEAR(v[0], GapSpring::kGap + 0.05 / 1001.0, 1e-12);
  EXPECT_EQ(res.iterations.size() - 1, 7u);  // iterations (updates), against 9 and more than 25
}

}  // namespace
}  // namespace sinew::solver
