// The "umfpack" backend on nonsymmetric systems: accuracy, one symbolic analysis for many
// factorisations, stored zeros left out of the factorisation, singular matrices, uncompressed
// input, and the Newton solver routing a nonsymmetric problem to it.
#include <gtest/gtest.h>

#include <random>

#include "core/error.hpp"
#include "linear_test_problems.hpp"
#include "solver/linear/backend_support.hpp"
#include "solver/linear/fallback.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/newton.hpp"
#include "test_parallel_runtime.hpp"

namespace sinew::solver {
namespace {

using testing::elasticity_matrix;
using testing::known_solution;
using testing::relative_error;

const LinearSolverRegistry& registry() {
  static const LinearSolverRegistry r = [] {
    LinearSolverRegistry reg;
    testing::register_test_linear_solvers(reg);
    return reg;
  }();
  return r;
}

/// K + s (U - U^T), U the strict upper triangle of K: the pattern of K, nonsymmetric, and
/// nonsingular for SPD K (x^T A x = x^T K x > 0). A stand-in for a tangent with follower-load
/// or friction terms.
SparseMatrix nonsymmetric(const SparseMatrix& K, Real s) {
  const SparseMatrix U = K.triangularView<Eigen::StrictlyUpper>();
  const SparseMatrix Ut = U.transpose();
  SparseMatrix A = K + s * (U - Ut);
  A.makeCompressed();
  return A;
}

TEST(Umfpack, SolvesNonsymmetricSystemTo1e12) {
  const SparseMatrix A = nonsymmetric(elasticity_matrix(10), 0.5);  // 1536 dofs
  ASSERT_GT((SparseMatrix(A.transpose()) - A).norm(), 0.2 * A.norm());
  const VecX x_true = known_solution(A.rows());
  const VecX b = A * x_true;
  auto lu = registry().create("umfpack");
  EXPECT_EQ(lu->name(), "umfpack");
  EXPECT_FALSE(lu->requires_spd());
  EXPECT_FALSE(lu->requires_symmetric());
  EXPECT_FALSE(lu->is_iterative());
  lu->analyze(A);
  ASSERT_EQ(lu->factorize(A), FactorStatus::Ok);
  VecX x;
  lu->solve(b, x);
  const Real error = relative_error(x, x_true), residual = (A * x - b).norm() / b.norm();
  EXPECT_LT(error, 1e-12);
  EXPECT_LT(residual, 1e-14);
  RecordProperty("relative_error", detail::format_number(error));
  RecordProperty("relative_residual", detail::format_number(residual));
}

// One symbolic analysis serves every factorisation on the pattern: new nonsymmetric values,
// a heterogeneous material, a scaled matrix, and the first matrix again.
TEST(Umfpack, ReusesTheAnalysisAcrossFactorisations) {
  const SparseMatrix K1 = elasticity_matrix(8);
  std::mt19937 rng(3);
  std::uniform_real_distribution<Real> scale(0.2, 5.0);
  std::vector<Real> factors(7 * 7 * 7);
  for (auto& f : factors) f = scale(rng);
  const SparseMatrix K2 = elasticity_matrix(8, 0.45, [&](Index e) { return factors[e]; });
  const SparseMatrix A1 = nonsymmetric(K1, 0.3), A2 = nonsymmetric(K2, 0.7);
  const SparseMatrix A3 = 3.0 * A1;
  ASSERT_EQ(A2.nonZeros(), A1.nonZeros());

  auto lu = registry().create("umfpack");
  lu->analyze(A1);
  int k = 0;
  for (const SparseMatrix* A : {&A1, &A2, &A3, &A1}) {
    ASSERT_EQ(lu->factorize(*A), FactorStatus::Ok);
    for (unsigned seed : {1u, 2u}) {  // several right-hand sides per factorisation
      const VecX x_true = known_solution(A->rows(), seed + 10u * unsigned(k));
      VecX x;
      lu->solve(*A * x_true, x);
      EXPECT_LT(relative_error(x, x_true), 1e-12) << "factorisation " << k;
    }
    ++k;
  }
  EXPECT_EQ(lu->stats().analyses, 1);
  EXPECT_EQ(lu->stats().factorizations, 4);
  EXPECT_EQ(lu->stats().solves, 8);
  EXPECT_GT(lu->stats().factorize_seconds, 0.0);
}

// The factorisation keeps what solve() needs: changing K afterwards changes nothing.
TEST(Umfpack, SolveDoesNotReadTheCallersMatrix) {
  SparseMatrix A = nonsymmetric(elasticity_matrix(7), 0.4);
  const VecX x_true = known_solution(A.rows());
  const VecX b = A * x_true;
  auto lu = registry().create("umfpack");
  lu->analyze(A);
  ASSERT_EQ(lu->factorize(A), FactorStatus::Ok);
  A *= 5.0;
  VecX x;
  lu->solve(b, x);
  EXPECT_LT(relative_error(x, x_true), 1e-12);
}

TEST(Umfpack, ReportsSingularAndRecovers) {
  const SparseMatrix A = nonsymmetric(elasticity_matrix(5), 0.3);
  auto lu = registry().create("umfpack");
  lu->analyze(A);
  VecX x;
  // A zero row alone (values only; the pattern stays) makes the nonsymmetric matrix singular.
  SparseMatrix zero_row = A;
  for (Index j = 0; j < zero_row.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(zero_row, j); it; ++it)
      if (it.row() == 7) it.valueRef() = 0.0;
  EXPECT_EQ(lu->factorize(zero_row), FactorStatus::Singular);
  EXPECT_THROW(lu->solve(VecX::Ones(A.rows()), x), std::logic_error);
  // A zero column likewise.
  SparseMatrix zero_column = A;
  for (SparseMatrix::InnerIterator it(zero_column, 11); it; ++it) it.valueRef() = 0.0;
  EXPECT_EQ(lu->factorize(zero_column), FactorStatus::Singular);
  // The same analysis still serves a regular matrix afterwards.
  ASSERT_EQ(lu->factorize(A), FactorStatus::Ok);
  const VecX x_true = known_solution(A.rows());
  lu->solve(A * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-12);
  EXPECT_EQ(lu->stats().analyses, 1);
}

// Entries a coupling reserves but leaves at zero (a sliding contact reserves every candidate
// facet within its reach) stay out of the factorisation: the solution is that of the matrix
// without them, one analysis serves every factorisation with the same non-zeros, and a new set of
// non-zeros is analysed anew.
TEST(Umfpack, LeavesStoredZerosOutOfTheFactorisation) {
  const SparseMatrix A = nonsymmetric(elasticity_matrix(6), 0.3);
  const Index n = A.rows();
  // A: every entry within 40 rows of the diagonal reserved, the ones not in A stored as zeros.
  std::vector<Eigen::Triplet<Real, int>> reserved;
  for (Index j = 0; j < n; ++j)
    for (Index i = std::max<Index>(0, j - 40); i < std::min<Index>(n, j + 41); ++i)
      reserved.emplace_back(static_cast<int>(i), static_cast<int>(j), 0.0);
  SparseMatrix band(n, n);
  band.setFromTriplets(reserved.begin(), reserved.end());
  SparseMatrix padded = A + band;  // A's values on the union of both patterns
  padded.makeCompressed();
  ASSERT_GT(padded.nonZeros(), A.nonZeros() + n);
  auto lu = registry().create("umfpack");
  lu->analyze(padded);
  VecX x;
  for (Real scale : {1.0, 2.0}) {  // new values, same non-zeros: the analysis is kept
    const SparseMatrix B = scale * padded;
    ASSERT_EQ(lu->factorize(B), FactorStatus::Ok);
    const VecX x_true = known_solution(n, static_cast<unsigned>(scale));
    lu->solve(B * x_true, x);
    EXPECT_LT(relative_error(x, x_true), 1e-12);
  }
  EXPECT_EQ(lu->stats().analyses, 1);
  // One reserved entry becomes non-zero (a contact pair comes into touch): a new analysis.
  SparseMatrix touched = padded;
  for (SparseMatrix::InnerIterator it(touched, 3); it; ++it)
    if (it.value() == 0.0 && it.row() != 3) {
      it.valueRef() = 1e-3;
      break;
    }
  ASSERT_EQ(lu->factorize(touched), FactorStatus::Ok);
  const VecX x_true = known_solution(n, 5u);
  lu->solve(touched * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-12);
  EXPECT_EQ(lu->stats().analyses, 2);
  EXPECT_EQ(lu->stats().factorizations, 3);
}

TEST(Umfpack, AcceptsUncompressedMatrices) {
  const SparseMatrix A = nonsymmetric(elasticity_matrix(6), 0.3);
  SparseMatrix B = A;
  B.uncompress();
  ASSERT_FALSE(B.isCompressed());
  const VecX x_true = known_solution(A.rows());
  auto lu = registry().create("umfpack");
  lu->analyze(B);
  ASSERT_EQ(lu->factorize(B), FactorStatus::Ok);
  VecX x;
  lu->solve(A * x_true, x);
  EXPECT_LT(relative_error(x, x_true), 1e-12);
}

TEST(Umfpack, RejectsMisuse) {
  auto lu = registry().create("umfpack");
  const SparseMatrix A = nonsymmetric(elasticity_matrix(5), 0.3);
  EXPECT_THROW(lu->factorize(A), std::logic_error);  // before analyze()
  EXPECT_THROW(lu->analyze(SparseMatrix(3, 4)), std::invalid_argument);
  // Same size and number of entries, other positions: UMFPACK's own check catches it.
  SparseMatrix P(3, 3), Q(3, 3);
  std::vector<Eigen::Triplet<Real, int>> p{{0, 0, 2}, {1, 1, 2}, {2, 2, 2}, {0, 1, 1}};
  std::vector<Eigen::Triplet<Real, int>> q{{0, 0, 2}, {1, 1, 2}, {2, 2, 2}, {1, 0, 1}};
  P.setFromTriplets(p.begin(), p.end());
  Q.setFromTriplets(q.begin(), q.end());
  lu->analyze(P);
  EXPECT_THROW(lu->factorize(Q), std::invalid_argument);
  ASSERT_EQ(lu->factorize(P), FactorStatus::Ok);
  VecX x;
  EXPECT_THROW(lu->solve(VecX::Ones(4), x), std::invalid_argument);
}

// In the fallback wrapper a nonsymmetric solve is taken as it is (no LDL^T residual check
// applies to an LU), and a singular matrix falls back to the other LU before giving up.
TEST(Umfpack, InTheFallbackChain) {
  const SparseMatrix A = nonsymmetric(elasticity_matrix(6), 0.5);
  SymmetricSolveWithFallback solver(registry(), "umfpack");
  solver.analyze(A);
  EXPECT_EQ(solver.factorize(A), "");
  const VecX x_true = known_solution(A.rows());
  VecX x;
  EXPECT_EQ(solver.solve(A, A * x_true, x), "");
  EXPECT_LT(relative_error(x, x_true), 1e-12);
  EXPECT_EQ(solver.active_name(), "umfpack");

  SparseMatrix singular = A;
  for (Index j = 0; j < singular.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(singular, j); it; ++it)
      if (it.row() == 2) it.valueRef() = 0.0;
  try {
    solver.factorize(singular);
    ADD_FAILURE() << "a singular matrix was factorised";
  } catch (const NumericalError& e) {
    EXPECT_NE(std::string(e.what()).find("umfpack → eigen-lu"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------------
// The Newton solver sends a problem that declares a nonsymmetric tangent to UMFPACK.

/// r(u) = A u - t f with a constant nonsymmetric A: Newton converges in one iteration.
class NonsymmetricLinearProblem final : public NonlinearProblem {
 public:
  explicit NonsymmetricLinearProblem(SparseMatrix A) : A_(std::move(A)) {
    f_ = A_ * known_solution(A_.rows());
  }
  Index n_dofs() const override { return A_.rows(); }
  const SparseMatrix& pattern() const override { return A_; }
  const std::vector<Index>& constrained_dofs() const override { return none_; }
  void prescribed_values(Real /*t*/, VecX& values) const override { values.resize(0); }
  void evaluate(const VecX& u, Real t, VecX& r, SparseMatrix* K) override {
    r = A_ * u - t * f_;
    if (K) *K = A_;
  }
  bool is_symmetric() const override { return false; }

 private:
  SparseMatrix A_;
  VecX f_;
  std::vector<Index> none_;
};

TEST(Umfpack, NewtonUsesItForNonsymmetricTangents) {
  for (const std::string requested : {"auto", "cholmod", "amg-cg", "umfpack", "eigen-lu"}) {
    SCOPED_TRACE(requested);
    NonsymmetricLinearProblem problem(nonsymmetric(elasticity_matrix(6), 0.5));
    NewtonSettings settings;
    settings.linear_solver = requested;
    NewtonSolver newton(problem, registry(), settings);
    // An explicit request for Eigen's LU is honoured; every other choice becomes UMFPACK.
    EXPECT_EQ(newton.linear_solver_name(), requested == "eigen-lu" ? "eigen-lu" : "umfpack");
    VecX u = VecX::Zero(problem.n_dofs());
    const NewtonResult result = newton.solve(u, 1.0);
    EXPECT_TRUE(result.converged) << result.failure;
    EXPECT_LT(relative_error(u, known_solution(problem.n_dofs())), 1e-10);
  }
}

}  // namespace
}  // namespace sinew::solver
