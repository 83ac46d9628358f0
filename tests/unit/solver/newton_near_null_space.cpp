// The Newton solver hands the problem's near-null space to an iterative backend, restricted to
// the free dofs (zero rows at the prescribed ones), and keeps it from direct backends.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "solver/newton.hpp"

namespace sinew::solver {
namespace {

/// A backend that only records the hint it is given (Newton's constructor is all that runs).
class HintRecorder final : public LinearSolver {
 public:
  explicit HintRecorder(bool iterative, std::shared_ptr<MatX> seen)
      : iterative_(iterative), seen_(std::move(seen)) {}
  std::string name() const override { return "recorder"; }
  bool requires_spd() const override { return true; }
  bool is_iterative() const override { return iterative_; }
  void analyze(const SparseMatrix&) override {}
  FactorStatus factorize(const SparseMatrix&) override { return FactorStatus::Ok; }
  void solve(const VecX&, VecX&) override { throw std::logic_error("not used"); }
  void set_near_null_space(const MatX& modes) override { *seen_ = modes; }

 private:
  bool iterative_;
  std::shared_ptr<MatX> seen_;
};

/// Four unknowns, the second prescribed; the "modes" are two constant columns.
class ChainWithModes : public NonlinearProblem {
 public:
  ChainWithModes() {
    pattern_.resize(4, 4);
    for (Index i = 0; i < 4; ++i) pattern_.insert(i, i) = 1.0;
    pattern_.makeCompressed();
  }
  Index n_dofs() const override { return 4; }
  const SparseMatrix& pattern() const override { return pattern_; }
  const std::vector<Index>& constrained_dofs() const override { return constrained_; }
  void prescribed_values(Real, VecX& values) const override { values = VecX::Zero(1); }
  void evaluate(const VecX& u, Real, VecX& r, SparseMatrix* K) override {
    r = u;
    if (K) *K = pattern_;
  }
  MatX near_null_space() const override { return MatX::Constant(4, 2, 2.0); }

 private:
  SparseMatrix pattern_;
  std::vector<Index> constrained_{1};
};

std::shared_ptr<MatX> hint_seen_by(bool iterative) {
  auto seen = std::make_shared<MatX>();
  LinearSolverRegistry registry;
  registry.add("recorder", [=] { return std::make_unique<HintRecorder>(iterative, seen); });
  ChainWithModes problem;
  NewtonSettings settings;
  settings.linear_solver = "recorder";
  NewtonSolver newton(problem, registry, settings);
  return seen;
}

TEST(NewtonNearNullSpace, IterativeBackendGetsTheModesOnTheFreeDofs) {
  const MatX seen = *hint_seen_by(true);
  ASSERT_EQ(seen.rows(), 4);
  ASSERT_EQ(seen.cols(), 2);
  for (Index c = 0; c < 2; ++c) {
    EXPECT_EQ(seen(0, c), 2.0);
    EXPECT_EQ(seen(1, c), 0.0);  // the prescribed dof
    EXPECT_EQ(seen(2, c), 2.0);
    EXPECT_EQ(seen(3, c), 2.0);
  }
}

TEST(NewtonNearNullSpace, DirectBackendIsNotBothered) { EXPECT_EQ(hint_seen_by(false)->size(), 0); }

}  // namespace
}  // namespace sinew::solver
