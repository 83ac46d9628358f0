// "eigen-lu": Eigen SparseLU (COLAMD) backend.
#include "solver/linear/eigen_lu_solver.hpp"

#include "core/error.hpp"

namespace sinew::solver {

void EigenLuSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  detail::StopWatch watch;
  // SparseLU reads the compressed arrays directly: an uncompressed K (after insert()) would be
  // misread, so compress a copy in that case.
  if (K.isCompressed()) {
    lu_.analyzePattern(K);
  } else {
    SparseMatrix compressed = K;
    compressed.makeCompressed();
    lu_.analyzePattern(compressed);
  }
  pattern_ = detail::PatternSignature::of(K);
  factorized_ = false;
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus EigenLuSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  if (K.isCompressed()) {
    lu_.factorize(K);
  } else {
    SparseMatrix compressed = K;
    compressed.makeCompressed();
    lu_.factorize(compressed);
  }
  ++stats_.factorizations;
  stats_.factorize_seconds += watch.seconds();
  factorized_ = lu_.info() == Eigen::Success;
  if (factorized_) return FactorStatus::Ok;
  // NumericalIssue = a structurally or numerically zero pivot column; anything else (invalid
  // input) is a plain failure.
  return lu_.info() == Eigen::NumericalIssue ? FactorStatus::Singular : FactorStatus::Failed;
}

void EigenLuSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("eigen-lu: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  x = lu_.solve(b);
  if (lu_.info() != Eigen::Success)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "eigen-lu: solve failed: " + lu_.lastErrorMessage());
  ++stats_.solves;
  stats_.solve_seconds += watch.seconds();
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_eigen_lu_solver(LinearSolverRegistry& registry,
                         const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "eigen-lu", [] { return std::make_unique<EigenLuSolver>(); },
      "Eigen SparseLU with COLAMD ordering (nonsymmetric)");
}

}  // namespace sinew::solver
