// "cholmod": CHOLMOD supernodal Cholesky through Eigen's CholmodSupport.
#include "solver/linear/cholmod_solver.hpp"

#include <Eigen/CholmodSupport>

#include "core/error.hpp"
#include "solver/linear/system_too_large.hpp"

namespace sinew::solver {

struct CholmodSolver::Impl {
  Eigen::CholmodSupernodalLLT<SparseMatrix, Eigen::Lower> llt;

  Impl() {
    // CHOLMOD prints its warnings ("not positive definite") to stdout by default; the engine
    // does no I/O, and the failure is reported through FactorStatus instead.
    llt.cholmod().print = 0;
  }
};

CholmodSolver::CholmodSolver() : impl_(std::make_unique<Impl>()) {}
CholmodSolver::~CholmodSolver() = default;

void CholmodSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  detail::StopWatch watch;
  impl_->llt.analyzePattern(K);
  // A negative status is an error (out of memory, invalid matrix); positive ones are warnings.
  // Too large (an index overflows CHOLMOD's 32-bit interface: at 1.07e6 dofs, benchmarks/
  // RESULTS.md) or out of memory depends on the pattern only: no load step can cure it.
  const int status = impl_->llt.cholmod().status;
  if (status == CHOLMOD_TOO_LARGE || status == CHOLMOD_OUT_OF_MEMORY)
    throw SystemTooLarge("cholmod: the factor of this " + std::to_string(K.rows()) +
                         "-unknown system is too large (CHOLMOD status " + std::to_string(status) +
                         (status == CHOLMOD_TOO_LARGE ? ": an index overflows"
                                                      : ": out of memory") +
                         "); use solver.linear: amg-cg (docs/model-reference.md)");
  if (status < 0)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "cholmod: symbolic analysis failed (CHOLMOD status " +
                             std::to_string(impl_->llt.cholmod().status) + ")");
  // The flop count and nnz(L) of the ordering CHOLMOD selected (cholmod_analyze sets them):
  // fixed by the pattern, so a cost model built on them is the same on every machine.
  factor_flops_ = impl_->llt.cholmod().fl;
  factor_nonzeros_ = impl_->llt.cholmod().lnz;
  pattern_ = detail::PatternSignature::of(K);
  factorized_ = false;
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus CholmodSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  impl_->llt.factorize(K);
  const int status = impl_->llt.cholmod().status;
  ++stats_.factorizations;
  stats_.factorize_seconds += watch.seconds();
  // Eigen's info() only says that CHOLMOD stopped before the last column (L->minor < n);
  // CHOLMOD's status says why: negative = error (out of memory, ...), CHOLMOD_NOT_POSDEF = a
  // pivot <= 0. Other positive statuses are harmless warnings (e.g. CHOLMOD_DSMALL).
  factorized_ = impl_->llt.info() == Eigen::Success && status >= 0 && status != CHOLMOD_NOT_POSDEF;
  if (factorized_) return FactorStatus::Ok;
  if (status < 0) return FactorStatus::Failed;
  return FactorStatus::NotPositiveDefinite;
}

void CholmodSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("cholmod: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  x = impl_->llt.solve(b);
  if (impl_->llt.info() != Eigen::Success)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed, "cholmod: solve failed");
  ++stats_.solves;
  stats_.solve_seconds += watch.seconds();
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_cholmod_solver(LinearSolverRegistry& registry,
                        const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "cholmod", [] { return std::make_unique<CholmodSolver>(); },
      "CHOLMOD supernodal Cholesky (SPD; BLAS-bound; default up to " +
          std::to_string(kDirectSolverMaxDofs) + " dofs)");
}

}  // namespace sinew::solver
