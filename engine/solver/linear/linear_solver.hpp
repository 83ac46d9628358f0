// The linear-solver interface behind every backend (direct and iterative), the statistics they
// report, and the registry that creates them by name.
#pragma once

#include <memory>
#include <string>

#include "core/registry.hpp"
#include "core/types.hpp"

namespace sinew::solver {

/// Counters a backend keeps over its lifetime (for logs and benchmarks).
struct LinearSolverStats {
  int analyses = 0;        ///< symbolic analyses (new sparsity pattern)
  int factorizations = 0;  ///< numeric factorisations (direct) or preconditioner set-ups
  int solves = 0;
  long iterations = 0;        ///< total Krylov iterations (iterative backends)
  int last_iterations = 0;    ///< Krylov iterations of the last solve
  Real last_relative_residual = 0.0;
  double analyze_seconds = 0.0, factorize_seconds = 0.0, solve_seconds = 0.0;
};

/// Result of factorize(): success, or why not (the caller may fall back to another backend).
enum class FactorStatus { Ok, NotPositiveDefinite, Singular, Failed };

/// A solver for K x = b with K sparse, square, symmetric unless symmetric() says otherwise.
/// K is passed with both triangles stored. Usage: analyze() once per sparsity pattern, then
/// factorize() for each new set of values, then solve() any number of times.
class LinearSolver {
 public:
  virtual ~LinearSolver() = default;
  virtual std::string name() const = 0;

  /// True for backends that need a symmetric positive-definite matrix.
  virtual bool requires_spd() const = 0;

  /// True for iterative backends (their accuracy follows set_tolerance()).
  virtual bool is_iterative() const { return false; }

  /// Symbolic analysis (ordering, elimination tree, AMG needs nothing): once per pattern.
  virtual void analyze(const SparseMatrix& K) = 0;

  /// Numeric factorisation / preconditioner set-up for the values in K (same pattern as analyze).
  virtual FactorStatus factorize(const SparseMatrix& K) = 0;

  /// Solves K x = b with the last factorised K. Throws NumericalError on breakdown.
  virtual void solve(const VecX& b, VecX& x) = 0;

  /// Relative residual tolerance of iterative backends (ignored by direct ones).
  virtual void set_tolerance(Real /*relative*/) {}

  /// Degrees of freedom per node (AMG uses it to keep x/y/z unknowns apart).
  virtual void set_block_size(int /*dofs_per_node*/) {}

  const LinearSolverStats& stats() const { return stats_; }

 protected:
  LinearSolverStats stats_;
};

using LinearSolverRegistry = Registry<LinearSolver>;

/// Adds every backend: "cholmod" (supernodal Cholesky), "cholmod-ldlt" (simplicial LDL^T),
/// "amg-cg" (hypre BoomerAMG-preconditioned CG), "eigen-ldlt", "eigen-lu", "iccg".
void register_linear_solvers(LinearSolverRegistry& registry);

/// Default backend for a symmetric system of n dofs: "cholmod" below the measured crossover,
/// "amg-cg" above it (benchmarks/RESULTS.md).
std::string default_linear_solver(Index n_dofs);

}  // namespace sinew::solver
