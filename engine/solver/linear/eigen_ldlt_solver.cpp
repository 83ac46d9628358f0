// "eigen-ldlt": Eigen SimplicialLDLT backend.
#include "solver/linear/eigen_ldlt_solver.hpp"

#include "core/error.hpp"

namespace sinew::solver {

void EigenLdltSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  detail::StopWatch watch;
  ldlt_.analyzePattern(K);
  pattern_ = detail::PatternSignature::of(K);
  factorized_ = false;
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus EigenLdltSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  ldlt_.factorize(K);
  ++stats_.factorizations;
  stats_.factorize_seconds += watch.seconds();
  // Eigen's only numerical failure here is a zero pivot (NumericalIssue).
  factorized_ = ldlt_.info() == Eigen::Success;
  return factorized_ ? FactorStatus::Ok : FactorStatus::Singular;
}

void EigenLdltSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("eigen-ldlt: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  x = ldlt_.solve(b);
  ++stats_.solves;
  stats_.solve_seconds += watch.seconds();
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_eigen_ldlt_solver(LinearSolverRegistry& registry,
                           const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "eigen-ldlt", [] { return std::make_unique<EigenLdltSolver>(); },
      "Eigen SimplicialLDLT (symmetric, small problems only)");
}

}  // namespace sinew::solver
