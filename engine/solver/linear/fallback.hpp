// SymmetricSolveWithFallback: runs a preferred backend on a symmetric tangent and, when it
// cannot handle the matrix (indefinite, singular, no convergence), switches to a more robust
// one and says so, so that the Newton solver can log it instead of failing the step.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// Owns backends created from a registry; one of them is active (at first the primary).
///
/// Fallback chain, taken by factorize() and solve():
///  - factorize() reports NotPositiveDefinite on an SPD-only backend -> "cholmod-ldlt";
///  - Singular or Failed (or NotPositiveDefinite from a backend that is not SPD-only) ->
///    "eigen-lu", the last resort; when that fails too, NumericalError(LinearSolverFailed);
///  - an iterative backend's solve() throws NumericalError(LinearSolverFailed) -> "cholmod",
///    then the chain above;
///  - an LDL^T solve leaves a relative residual above 1e-6 (unstable without pivoting) ->
///    "eigen-lu".
/// The backend fallen back to is analysed (once per pattern) and factorised with the same K.
/// The switch is sticky: later factorisations use the fallback backend until reset_to_primary()
/// (e.g. at the next load step), because retrying a failing Cholesky every Newton iteration
/// costs up to a full factorisation each time.
class SymmetricSolveWithFallback {
 public:
  /// Throws std::out_of_range when `primary` (or, later, a fallback) is not registered.
  SymmetricSolveWithFallback(const LinearSolverRegistry& registry, std::string primary);

  /// Forwarded to every backend, also the ones created later.
  void set_tolerance(Real relative);
  void set_block_size(int dofs_per_node);
  void set_max_iterations(int limit);
  /// Forwarded to the backends created so far only (n x 6 per copy): the primary is created
  /// with this object, and the fallbacks are direct solvers, which ignore the hint.
  void set_near_null_space(const MatX& modes);

  /// New sparsity pattern: analyses the active backend; the others analyse when switched to.
  void analyze(const SparseMatrix& K);

  /// Factorises K with the active backend, falling back as described above. Returns "" when
  /// the active backend succeeded, otherwise what happened, e.g.
  /// "tangent not positive definite: cholmod → cholmod-ldlt" (several steps joined by "; ").
  /// Throws NumericalError(NotANumber) when K has a NaN or infinite entry (no backend helps).
  std::string factorize(const SparseMatrix& K);

  /// Like factorize(), but keeps the active backend's preconditioner when it supports reuse.
  std::string update_matrix_keep_preconditioner(const SparseMatrix& K);

  /// Solves K x = b with the last factorisation. K must be the matrix last passed to
  /// factorize(): it is needed only when an iterative backend fails and a direct one takes
  /// over. Returns "" or the description of the fallback.
  std::string solve(const SparseMatrix& K, const VecX& b, VecX& x);

  /// Makes the primary backend active again (it must be factorised before the next solve).
  void reset_to_primary();

  LinearSolver& active();
  const LinearSolver& active() const;
  const std::string& active_name() const { return active_name_; }
  const std::string& primary_name() const { return primary_name_; }
  bool fell_back() const { return active_name_ != primary_name_; }

 private:
  struct Slot {
    std::unique_ptr<LinearSolver> solver;
    long analysed_generation = -1;  ///< generation_ of the pattern this backend analysed
  };

  /// Relative residual ||K x - b|| / ||b|| above which an LDL^T solve is redone with LU.
  static constexpr Real kLdltResidualLimit = 1e-6;

  Slot& slot(const std::string& name);
  void prepare(const SparseMatrix& K);
  void switch_to(const std::string& name, const SparseMatrix& K);
  std::string fall_back_until_ok(const SparseMatrix& K, FactorStatus status);

  const LinearSolverRegistry& registry_;
  std::string primary_name_;
  std::string active_name_;
  std::map<std::string, Slot> slots_;
  long generation_ = 0;  ///< counts analyze() calls (sparsity patterns)
  Real tolerance_ = 1e-8;
  int block_size_ = 1;
  int max_iterations_ = 0;  ///< 0: each backend's own default
};

}  // namespace sinew::solver
