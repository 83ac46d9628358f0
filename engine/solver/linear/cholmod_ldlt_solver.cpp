// "cholmod-ldlt": CHOLMOD simplicial LDL^T through Eigen's CholmodSupport.
#include "solver/linear/cholmod_ldlt_solver.hpp"

#include <Eigen/CholmodSupport>

#include "core/error.hpp"

namespace sinew::solver {

struct CholmodLdltSolver::Impl {
  Eigen::CholmodSimplicialLDLT<SparseMatrix, Eigen::Lower> ldlt;

  Impl() {
    // Silence CHOLMOD's stdout warnings: the engine does no I/O; failures go through
    // FactorStatus.
    ldlt.cholmod().print = 0;
  }
};

CholmodLdltSolver::CholmodLdltSolver() : impl_(std::make_unique<Impl>()) {}
CholmodLdltSolver::~CholmodLdltSolver() = default;

void CholmodLdltSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  detail::StopWatch watch;
  impl_->ldlt.analyzePattern(K);
  if (impl_->ldlt.cholmod().status < 0)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "cholmod-ldlt: symbolic analysis failed (CHOLMOD status " +
                             std::to_string(impl_->ldlt.cholmod().status) + ")");
  // The flop count and nnz(L) of the ordering CHOLMOD selected (cholmod_analyze sets them):
  // fixed by the pattern, so a cost model built on them is the same on every machine.
  factor_flops_ = impl_->ldlt.cholmod().fl;
  factor_nonzeros_ = impl_->ldlt.cholmod().lnz;
  pattern_ = detail::PatternSignature::of(K);
  factorized_ = false;
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus CholmodLdltSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  impl_->ldlt.factorize(K);
  const int status = impl_->ldlt.cholmod().status;
  ++stats_.factorizations;
  stats_.factorize_seconds += watch.seconds();
  // In LDL^T mode CHOLMOD accepts negative pivots and only stops at a zero one (it still calls
  // that CHOLMOD_NOT_POSDEF): for this backend that means a singular matrix.
  factorized_ = impl_->ldlt.info() == Eigen::Success && status >= 0 && status != CHOLMOD_NOT_POSDEF;
  if (factorized_) return FactorStatus::Ok;
  if (status < 0) return FactorStatus::Failed;
  return FactorStatus::Singular;
}

void CholmodLdltSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_)
    throw std::logic_error("cholmod-ldlt: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  x = impl_->ldlt.solve(b);
  if (impl_->ldlt.info() != Eigen::Success)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed, "cholmod-ldlt: solve failed");
  ++stats_.solves;
  stats_.solve_seconds += watch.seconds();
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_cholmod_ldlt_solver(LinearSolverRegistry& registry,
                             const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "cholmod-ldlt", [] { return std::make_unique<CholmodLdltSolver>(); },
      "CHOLMOD simplicial LDL^T (symmetric indefinite; no BLAS, slow on large 3-D problems)");
}

}  // namespace sinew::solver
