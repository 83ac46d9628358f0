// "iccg": Eigen ConjugateGradient + IncompleteCholesky backend.
#include "solver/linear/iccg_solver.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/error.hpp"

namespace sinew::solver {

void IccgSolver::set_tolerance(Real relative) {
  if (!(relative > 0.0)) throw std::invalid_argument("iccg: tolerance must be > 0");
  tolerance_ = relative;
}

void IccgSolver::set_max_iterations(int limit) {
  if (limit < 1) throw std::invalid_argument("iccg: iteration limit must be >= 1");
  max_iterations_ = limit;
}

void IccgSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  detail::StopWatch watch;
  K_ = K;
  K_.makeCompressed();
  cg_.analyzePattern(K_);
  pattern_ = detail::PatternSignature::of(K);
  factorized_ = false;
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

void IccgSolver::copy_values(const SparseMatrix& K) {
  // Same pattern (checked by the caller): overwrite the values in place so the reference CG
  // holds to K_ stays valid; an uncompressed K has gaps, so it is copied whole instead.
  if (K.isCompressed()) {
    std::copy(K.valuePtr(), K.valuePtr() + K.nonZeros(), K_.valuePtr());
  } else {
    K_ = K;
    K_.makeCompressed();
  }
}

FactorStatus IccgSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  copy_values(K);
  ++stats_.factorizations;
  // CG needs an SPD matrix; a non-positive diagonal proves it is not, and Eigen's incomplete
  // Cholesky would hide that by shifting the diagonal until its factor exists.
  if (!detail::has_positive_diagonal(K_)) {
    factorized_ = false;
    stats_.factorize_seconds += watch.seconds();
    return FactorStatus::NotPositiveDefinite;
  }
  cg_.factorize(K_);  // also re-binds CG to K_ (needed after a whole-matrix copy)
  stats_.factorize_seconds += watch.seconds();
  // The incomplete factor fails only when ten doubled diagonal shifts did not make it exist:
  // not a proof of indefiniteness, but CG would not get a usable preconditioner either.
  factorized_ = cg_.preconditioner().info() == Eigen::Success;
  return factorized_ ? FactorStatus::Ok : FactorStatus::NotPositiveDefinite;
}

FactorStatus IccgSolver::update_matrix_keep_preconditioner(const SparseMatrix& K) {
  if (!factorized_ || !K.isCompressed()) return factorize(K);
  detail::require_same_pattern(pattern_, K, name());
  copy_values(K);  // in place: CG sees the new values, the incomplete factor stays
  ++stats_.preconditioner_reuses;
  if (!detail::has_positive_diagonal(K_)) {
    factorized_ = false;
    return FactorStatus::NotPositiveDefinite;
  }
  return FactorStatus::Ok;
}

void IccgSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("iccg: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  cg_.setTolerance(tolerance_);
  cg_.setMaxIterations(max_iterations_);
  x = cg_.solve(b);  // initial guess 0
  ++stats_.solves;
  stats_.last_iterations = static_cast<int>(cg_.iterations());
  stats_.iterations += cg_.iterations();
  stats_.last_relative_residual = cg_.error();
  stats_.solve_seconds += watch.seconds();
  if (cg_.info() != Eigen::Success || !std::isfinite(cg_.error()))
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "iccg: no convergence in " + std::to_string(cg_.iterations()) +
                             " iterations (relative residual " +
                             detail::format_number(cg_.error()) + ", tolerance " +
                             detail::format_number(tolerance_) + ")");
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_iccg_solver(LinearSolverRegistry& registry,
                     const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "iccg", [] { return std::make_unique<IccgSolver>(); },
      "conjugate gradients with incomplete Cholesky (SPD; iterative)");
}

}  // namespace sinew::solver
