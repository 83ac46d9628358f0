// Every registered linear-solver backend on the same elasticity systems: accuracy, statistics,
// repeated factorisation on one analysis, pattern checks, and the matrices each one must reject.
#include <gtest/gtest.h>

#include <random>

#include "core/error.hpp"
#include "linear_test_problems.hpp"
#include "solver/linear/linear_solver.hpp"
#include "test_parallel_runtime.hpp"

namespace sinew::solver {
namespace {

using testing::elasticity_matrix;
using testing::known_solution;
using testing::relative_error;

LinearSolverRegistry make_registry() {
  LinearSolverRegistry registry;
  testing::register_test_linear_solvers(registry);
  return registry;
}

std::unique_ptr<LinearSolver> make_backend(const std::string& name) {
  auto solver = make_registry().create(name);
  solver->set_block_size(3);
  solver->set_tolerance(1e-10);  // iterative ones: tight enough for a 1e-8 solution error
  return solver;
}

TEST(LinearSolverRegistry, HasEveryBackend) {
  const auto names = make_registry().names();
  EXPECT_EQ(names, (std::vector<std::string>{"amg-cg", "cholmod", "cholmod-ldlt", "eigen-ldlt",
                                             "eigen-lu", "iccg", "umfpack"}));
}

class EachBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(EachBackend, RecoversKnownSolution) {
  const SparseMatrix K = elasticity_matrix(10);  // 8^3 free nodes, 1536 dofs
  const VecX x_true = known_solution(K.rows());
  const VecX b = K * x_true;
  auto solver = make_backend(GetParam());
  EXPECT_EQ(solver->name(), GetParam());
  solver->analyze(K);
  ASSERT_EQ(solver->factorize(K), FactorStatus::Ok);
  VecX x;
  solver->solve(b, x);
  EXPECT_LT(relative_error(x, x_true), 1e-8);
  const auto& stats = solver->stats();
  EXPECT_EQ(stats.analyses, 1);
  EXPECT_EQ(stats.factorizations, 1);
  EXPECT_EQ(stats.solves, 1);
  EXPECT_GE(stats.factorize_seconds, 0.0);
  if (solver->is_iterative()) {
    EXPECT_GT(stats.last_iterations, 0);
    EXPECT_EQ(stats.iterations, stats.last_iterations);
    EXPECT_GT(stats.last_relative_residual, 0.0);
    EXPECT_LE(stats.last_relative_residual, 1e-10);
  }
  // The relative residual is what every backend promises, whatever its accuracy on x.
  EXPECT_LT((K * x - b).norm() / b.norm(), 1e-10);
}

TEST_P(EachBackend, RefactorizesNewValuesWithoutNewAnalysis) {
  const SparseMatrix K1 = elasticity_matrix(8);
  std::mt19937 rng(7);
  std::uniform_real_distribution<Real> scale(0.2, 5.0);  // a strongly heterogeneous material
  std::vector<Real> factors(7 * 7 * 7);
  for (auto& f : factors) f = scale(rng);
  const SparseMatrix K2 = elasticity_matrix(8, 0.45, [&](Index e) { return factors[e]; });
  const SparseMatrix K3 = 3.0 * K1;
  ASSERT_EQ(K2.nonZeros(), K1.nonZeros());

  auto solver = make_backend(GetParam());
  solver->analyze(K1);
  for (const SparseMatrix* K : {&K1, &K2, &K3, &K1}) {
    ASSERT_EQ(solver->factorize(*K), FactorStatus::Ok);
    const VecX x_true = known_solution(K->rows(), unsigned(solver->stats().factorizations));
    VecX x;
    solver->solve(*K * x_true, x);
    EXPECT_LT(relative_error(x, x_true), 1e-8)
        << "after factorisation " << solver->stats().factorizations;
  }
  EXPECT_EQ(solver->stats().analyses, 1);
  EXPECT_EQ(solver->stats().factorizations, 4);
  EXPECT_EQ(solver->stats().solves, 4);
}

TEST_P(EachBackend, SolvesSeveralRightHandSidesWithOneFactorization) {
  const SparseMatrix K = elasticity_matrix(7);
  auto solver = make_backend(GetParam());
  solver->analyze(K);
  ASSERT_EQ(solver->factorize(K), FactorStatus::Ok);
  for (unsigned seed : {1u, 2u, 3u}) {
    const VecX x_true = known_solution(K.rows(), seed);
    VecX x;
    solver->solve(K * x_true, x);
    EXPECT_LT(relative_error(x, x_true), 1e-8);
  }
  EXPECT_EQ(solver->stats().factorizations, 1);
  EXPECT_EQ(solver->stats().solves, 3);
}

TEST_P(EachBackend, RejectsMisuse) {
  const SparseMatrix K = elasticity_matrix(6);
  const SparseMatrix other = elasticity_matrix(7);
  auto solver = make_backend(GetParam());
  EXPECT_THROW(solver->factorize(K), std::logic_error);  // before analyze()
  solver->analyze(K);
  EXPECT_THROW(solver->factorize(other), std::invalid_argument);  // another pattern
  VecX x;
  EXPECT_THROW(solver->solve(VecX::Ones(K.rows()), x), std::logic_error);  // not factorised
  ASSERT_EQ(solver->factorize(K), FactorStatus::Ok);
  EXPECT_THROW(solver->solve(VecX::Ones(K.rows() + 1), x), std::invalid_argument);
  EXPECT_THROW(solver->analyze(SparseMatrix(3, 4)), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Linear, EachBackend,
                         ::testing::Values("cholmod", "cholmod-ldlt", "eigen-ldlt", "eigen-lu",
                                           "iccg", "amg-cg", "umfpack"),
                         [](const auto& param_info) {
                           std::string s = param_info.param;
                           for (char& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });

TEST(LinearSolverIndefinite, CholeskyReportsNotPositiveDefiniteAndLdltSolves) {
  const SparseMatrix A = testing::shifted_indefinite(elasticity_matrix(6), 5);  // 192 dofs
  const VecX x_true = known_solution(A.rows());
  const VecX b = A * x_true;

  auto cholmod = make_backend("cholmod");
  cholmod->analyze(A);
  EXPECT_EQ(cholmod->factorize(A), FactorStatus::NotPositiveDefinite);  // reported, not thrown
  VecX x;
  EXPECT_THROW(cholmod->solve(b, x), std::logic_error);

  for (const char* name : {"cholmod-ldlt", "eigen-ldlt", "eigen-lu", "umfpack"}) {
    auto solver = make_backend(name);
    EXPECT_FALSE(solver->requires_spd()) << name;
    solver->analyze(A);
    ASSERT_EQ(solver->factorize(A), FactorStatus::Ok) << name;
    solver->solve(b, x);
    EXPECT_LT(relative_error(x, x_true), 1e-8) << name;
  }
}

TEST(LinearSolverIndefinite, IterativeBackendsRejectNegativeDiagonal) {
  SparseMatrix A = elasticity_matrix(6);
  A.coeffRef(10, 10) = -1.0;
  for (const char* name : {"iccg", "amg-cg"}) {
    auto solver = make_backend(name);
    solver->analyze(A);
    EXPECT_EQ(solver->factorize(A), FactorStatus::NotPositiveDefinite) << name;
  }
}

TEST(LinearSolverNonsymmetric, LuSolvesWhatCholeskyCannot) {
  const SparseMatrix K = elasticity_matrix(8);
  // K + 0.3 (U - U^T) with U the strict upper triangle: same pattern, nonsymmetric, and
  // nonsingular (x^T A x = x^T K x > 0).
  const SparseMatrix U = K.triangularView<Eigen::StrictlyUpper>();
  const SparseMatrix Ut = U.transpose();
  SparseMatrix A = K + 0.3 * (U - Ut);
  A.makeCompressed();
  ASSERT_GT((SparseMatrix(A.transpose()) - A).norm(), 0.1 * K.norm());
  const VecX x_true = known_solution(A.rows());
  const VecX b = A * x_true;

  VecX x;
  for (const char* name : {"eigen-lu", "umfpack"}) {
    auto lu = make_backend(name);
    EXPECT_FALSE(lu->requires_symmetric()) << name;
    lu->analyze(A);
    ASSERT_EQ(lu->factorize(A), FactorStatus::Ok) << name;
    lu->solve(b, x);
    EXPECT_LT(relative_error(x, x_true), 1e-8) << name;
  }

  // The symmetric backends read one triangle: their answer must be wrong, which is why the
  // Newton solver has to route nonsymmetric tangents to LU.
  auto cholmod = make_backend("cholmod");
  EXPECT_TRUE(cholmod->requires_symmetric());
  cholmod->analyze(A);
  ASSERT_EQ(cholmod->factorize(A), FactorStatus::Ok);
  cholmod->solve(b, x);
  EXPECT_GT(relative_error(x, x_true), 1e-3);
}

TEST(LinearSolverSingular, LuReportsSingular) {
  SparseMatrix K = elasticity_matrix(5);
  // Zero a whole row and column (values only: the pattern stays).
  for (Index j = 0; j < K.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(K, j); it; ++it)
      if (it.row() == 4 || it.col() == 4) it.valueRef() = 0.0;
  for (const char* name : {"eigen-lu", "eigen-ldlt", "cholmod-ldlt", "umfpack"}) {
    auto solver = make_backend(name);
    solver->analyze(K);
    EXPECT_EQ(solver->factorize(K), FactorStatus::Singular) << name;
  }
  auto cholmod = make_backend("cholmod");
  cholmod->analyze(K);
  EXPECT_EQ(cholmod->factorize(K), FactorStatus::NotPositiveDefinite);
}

}  // namespace
}  // namespace sinew::solver
