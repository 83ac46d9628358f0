// SymmetricSolveWithFallback: which backend takes over for indefinite, zero-pivot and
// unconverged systems, what it reports, and that the answer is still right.
#include <gtest/gtest.h>

#include <limits>

#include "core/error.hpp"
#include "linear_test_problems.hpp"
#include "solver/linear/fallback.hpp"
#include "test_parallel_runtime.hpp"

namespace sinew::solver {
namespace {

using testing::elasticity_matrix;
using testing::known_solution;
using testing::relative_error;

class Fallback : public ::testing::Test {
 protected:
  Fallback() { testing::register_test_linear_solvers(registry_); }
  LinearSolverRegistry registry_;
};

/// blockdiag(K, [[a, b], [b, c]]).
SparseMatrix with_block(const SparseMatrix& K, Real a, Real b, Real c) {
  const Index n = K.rows();
  std::vector<Eigen::Triplet<Real, int>> t;
  for (Index j = 0; j < K.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(K, j); it; ++it)
      t.emplace_back(int(it.row()), int(it.col()), it.value());
  t.emplace_back(int(n), int(n), a);
  t.emplace_back(int(n), int(n + 1), b);
  t.emplace_back(int(n + 1), int(n), b);
  t.emplace_back(int(n + 1), int(n + 1), c);
  SparseMatrix A(n + 2, n + 2);
  A.setFromTriplets(t.begin(), t.end());
  A.makeCompressed();
  return A;
}

TEST_F(Fallback, IndefiniteTangentGoesToLdlt) {
  const SparseMatrix K = elasticity_matrix(6);
  const SparseMatrix A = testing::shifted_indefinite(K, 3);
  SymmetricSolveWithFallback solver(registry_, "cholmod");
  EXPECT_EQ(solver.active_name(), "cholmod");
  solver.analyze(A);
  EXPECT_EQ(solver.factorize(A), "tangent not positive definite: cholmod → cholmod-ldlt");
  EXPECT_EQ(solver.active_name(), "cholmod-ldlt");
  EXPECT_TRUE(solver.fell_back());
  const VecX x_true = known_solution(A.rows());
  VecX x;
  EXPECT_EQ(solver.solve(A, A * x_true, x), "");
  EXPECT_LT(relative_error(x, x_true), 1e-8);
  EXPECT_EQ(solver.active().stats().analyses, 1);  // analysed when switched to

  // Sticky: the next tangent goes straight to LDL^T, silently.
  EXPECT_EQ(solver.factorize(K), "");
  EXPECT_EQ(solver.active_name(), "cholmod-ldlt");
  solver.solve(K, K * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-8);

  // Back to Cholesky on request (e.g. at a new load step).
  solver.reset_to_primary();
  EXPECT_EQ(solver.factorize(K), "");
  EXPECT_EQ(solver.active_name(), "cholmod");
  solver.solve(K, K * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-8);
}

TEST_F(Fallback, ZeroPivotGoesOnToLu) {
  // blockdiag(K, [[0, 1], [1, 0]]): nonsingular but with a zero pivot that LDL^T without
  // pivoting cannot pass.
  const SparseMatrix A = with_block(elasticity_matrix(5), 0.0, 1.0, 0.0);
  SymmetricSolveWithFallback solver(registry_, "cholmod");
  solver.analyze(A);
  const std::string what = solver.factorize(A);
  EXPECT_EQ(what,
            "tangent not positive definite: cholmod → cholmod-ldlt; "
            "zero pivot (singular, or LDL^T needs pivoting): cholmod-ldlt → eigen-lu");
  EXPECT_EQ(solver.active_name(), "eigen-lu");
  const VecX x_true = known_solution(A.rows());
  VecX x;
  solver.solve(A, A * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-8);
}

TEST_F(Fallback, InaccurateLdltIsRedoneWithLu) {
  // [[eps, 1], [1, eps]] with eps = 1e-13: LDL^T without pivoting takes the pivot eps, and
  // d2 = eps - 1/eps loses eps entirely, so the factors describe another matrix; no zero pivot
  // warns about it, only the residual does.
  const SparseMatrix A = with_block(elasticity_matrix(5), 1e-13, 1.0, 1e-13);
  SymmetricSolveWithFallback solver(registry_, "cholmod");
  solver.analyze(A);
  EXPECT_EQ(solver.factorize(A), "tangent not positive definite: cholmod → cholmod-ldlt");
  const VecX x_true = known_solution(A.rows());
  VecX x;
  const std::string what = solver.solve(A, A * x_true, x);
  RecordProperty("fallback", what);
  EXPECT_EQ(what.rfind("cholmod-ldlt residual ", 0), 0u) << what;
  EXPECT_NE(what.find("too large: cholmod-ldlt → eigen-lu"), std::string::npos) << what;
  EXPECT_EQ(solver.active_name(), "eigen-lu");
  EXPECT_LT(relative_error(x, x_true), 1e-8);
}

TEST_F(Fallback, SingularTangentFailsAfterLu) {
  SparseMatrix K = elasticity_matrix(5);
  for (Index j = 0; j < K.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(K, j); it; ++it)
      if (it.row() == 7 || it.col() == 7) it.valueRef() = 0.0;
  SymmetricSolveWithFallback solver(registry_, "cholmod");
  solver.analyze(K);
  try {
    solver.factorize(K);
    FAIL() << "expected NumericalError";
  } catch (const NumericalError& e) {
    EXPECT_EQ(e.kind(), NumericalError::Kind::LinearSolverFailed);
    EXPECT_NE(std::string(e.what()).find("cholmod-ldlt → eigen-lu"), std::string::npos) << e.what();
  }
}

TEST_F(Fallback, UnconvergedIterativeSolveGoesToDirect) {
  const SparseMatrix K = elasticity_matrix(8);
  SymmetricSolveWithFallback solver(registry_, "amg-cg");
  solver.set_block_size(3);
  solver.set_tolerance(1e-12);
  solver.set_max_iterations(1);  // AMG cannot reach 1e-12 in one iteration
  solver.analyze(K);
  EXPECT_EQ(solver.factorize(K), "");
  const VecX x_true = known_solution(K.rows());
  VecX x;
  const std::string what = solver.solve(K, K * x_true, x);
  RecordProperty("fallback", what);
  EXPECT_EQ(what.rfind("amg-cg did not converge", 0), 0u) << what;
  EXPECT_NE(what.find("amg-cg → cholmod"), std::string::npos) << what;
  EXPECT_EQ(solver.active_name(), "cholmod");
  EXPECT_LT(relative_error(x, x_true), 1e-10);
}

TEST_F(Fallback, KeepsPreconditionerThroughTheHelper) {
  const SparseMatrix K = elasticity_matrix(8);
  SymmetricSolveWithFallback solver(registry_, "amg-cg");
  solver.set_block_size(3);
  solver.set_tolerance(1e-10);
  solver.analyze(K);
  EXPECT_EQ(solver.factorize(K), "");
  const SparseMatrix K2 = 1.05 * K;
  EXPECT_EQ(solver.update_matrix_keep_preconditioner(K2), "");
  const VecX x_true = known_solution(K.rows());
  VecX x;
  EXPECT_EQ(solver.solve(K2, K2 * x_true, x), "");
  EXPECT_LT(relative_error(x, x_true), 1e-8);
  EXPECT_EQ(solver.active().stats().factorizations, 1);
  EXPECT_EQ(solver.active().stats().preconditioner_reuses, 1);
}

TEST_F(Fallback, NaNInTangentIsReportedAsSuch) {
  SparseMatrix K = elasticity_matrix(5);
  K.valuePtr()[3] = std::numeric_limits<Real>::quiet_NaN();
  SymmetricSolveWithFallback solver(registry_, "cholmod");
  solver.analyze(K);
  try {
    solver.factorize(K);
    FAIL() << "expected NumericalError";
  } catch (const NumericalError& e) {
    EXPECT_EQ(e.kind(), NumericalError::Kind::NotANumber);
  }
}

TEST_F(Fallback, UnknownPrimaryIsRejected) {
  EXPECT_THROW(SymmetricSolveWithFallback(registry_, "mumps"), std::out_of_range);
}

}  // namespace
}  // namespace sinew::solver
