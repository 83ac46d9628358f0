// The linear-solver interface behind every backend (direct and iterative), the statistics they
// report, and the registry that creates them by name.
#pragma once

#include <functional>
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
  long iterations = 0;      ///< total Krylov iterations (iterative backends)
  int last_iterations = 0;  ///< Krylov iterations of the last solve
  Real last_relative_residual = 0.0;
  double analyze_seconds = 0.0, factorize_seconds = 0.0, solve_seconds = 0.0;
  /// update_matrix_keep_preconditioner() calls that kept an existing preconditioner
  /// (iterative backends; direct backends count a factorisation instead).
  int preconditioner_reuses = 0;
};

/// Result of factorize(): success, or why not (the caller may fall back to another backend).
enum class FactorStatus { Ok, NotPositiveDefinite, Singular, Failed };

/// A solver for K x = b with K sparse, square, symmetric unless requires_symmetric() says
/// otherwise. K is passed with both triangles stored. Usage: analyze() once per sparsity pattern,
/// then factorize() for each new set of values, then solve() any number of times.
/// Backends keep what solve() needs (a factor or a copy of K): K may change after factorize().
/// factorize() with a pattern other than the analysed one throws std::invalid_argument.
class LinearSolver {
 public:
  virtual ~LinearSolver() = default;
  virtual std::string name() const = 0;

  /// True for backends that need a symmetric positive-definite matrix.
  virtual bool requires_spd() const = 0;

  /// False for backends that accept a nonsymmetric K (LU); the others read one triangle only
  /// (or, for hypre, read columns as rows), so a nonsymmetric K gives a wrong answer.
  virtual bool requires_symmetric() const { return true; }

  /// True for iterative backends (their accuracy follows set_tolerance()).
  virtual bool is_iterative() const { return false; }

  /// Symbolic analysis (ordering, elimination tree, AMG needs nothing): once per pattern.
  virtual void analyze(const SparseMatrix& K) = 0;

  /// Numeric factorisation / preconditioner set-up for the values in K (same pattern as analyze).
  virtual FactorStatus factorize(const SparseMatrix& K) = 0;

  /// Solves K x = b with the last factorised K. Throws NumericalError on breakdown.
  /// Iterative backends start from x = 0 and throw NumericalError(LinearSolverFailed) when they
  /// do not reach the tolerance within the iteration limit.
  virtual void solve(const VecX& b, VecX& x) = 0;

  /// True when update_matrix_keep_preconditioner() is cheaper than factorize() (iterative
  /// backends whose preconditioner set-up dominates, e.g. AMG).
  virtual bool supports_preconditioner_reuse() const { return false; }

  /// Takes the values of K (same pattern) for the next solves but keeps the preconditioner built
  /// by the last factorize(): a Newton solver can skip the set-up when the tangent changed
  /// little. Backends without a reusable preconditioner simply factorise.
  virtual FactorStatus update_matrix_keep_preconditioner(const SparseMatrix& K) {
    return factorize(K);
  }

  /// Relative residual tolerance of iterative backends (ignored by direct ones).
  virtual void set_tolerance(Real /*relative*/) {}

  /// Iteration limit of iterative backends (ignored by direct ones).
  virtual void set_max_iterations(int /*limit*/) {}

  /// Degrees of freedom per node (AMG uses it to keep x/y/z unknowns apart). The dofs must be
  /// numbered node-major: dof = dofs_per_node * node + component.
  virtual void set_block_size(int /*dofs_per_node*/) {}

  /// Near-null space of the matrices to come, n x m (n = their size): vectors K nearly
  /// annihilates, e.g. the rigid-body motions of a solid with the prescribed dofs zeroed. A hint:
  /// algebraic multigrid builds interpolation that reproduces them; other backends ignore it.
  /// An empty matrix withdraws the hint. Takes effect at the next factorize().
  virtual void set_near_null_space(const MatX& /*modes*/) {}

  /// Floating-point operations of one factorize() of the analysed pattern, counted by the
  /// symbolic analysis (exact for the ordering chosen, independent of values, threads and
  /// machine); 0 when the backend cannot count them (iterative and LU backends).
  virtual Real estimated_factor_flops() const { return 0; }

  /// Floating-point operations of one solve() with the factor (forward and back substitution);
  /// 0 when the backend cannot count them.
  virtual Real estimated_solve_flops() const { return 0; }

  const LinearSolverStats& stats() const { return stats_; }

 protected:
  LinearSolverStats stats_;
};

using LinearSolverRegistry = Registry<LinearSolver>;

/// What backends need from the program. hypre (behind "amg-cg") is an MPI build: MPI and hypre
/// must be initialised once per process, by the executable, never by a solver. Starting MPI
/// costs about half a second, so a program passes a function that starts both on first use
/// (and finalises them at exit); without one, "amg-cg" requires them running already.
struct LinearSolverEnvironment {
  std::function<void()> start_parallel_runtime;
};

/// Adds every backend listed as REGISTERED in sinew_module(solver ...) of engine/CMakeLists.txt:
/// "cholmod" (supernodal Cholesky), "cholmod-ldlt" (simplicial LDL^T), "eigen-ldlt", "eigen-lu",
/// "umfpack" (multifrontal LU, for nonsymmetric tangents), "iccg", "amg-cg" (hypre
/// BoomerAMG-preconditioned CG). The file <stem>.cpp of each defines
/// `void add_<stem>(LinearSolverRegistry&, const LinearSolverEnvironment&)`.
void register_linear_solvers(LinearSolverRegistry& registry,
                             LinearSolverEnvironment environment = {});

/// The names a model file may give as `solver.linear`: "auto" and every registered backend.
std::vector<std::string> linear_solver_names();

/// Systems up to this many dofs go to "cholmod", larger ones to "amg-cg". Re-measured on real
/// tangents (benchmarks/RESULTS.md, HGO tendon cube, 2 vCPUs, OpenBLAS SkylakeX kernels): an
/// accurate (1e-8) solve takes CHOLMOD 0.06 / 0.59 / 3.8 s and BoomerAMG-PCG 0.09 / 2.4 / 9.7 s
/// at 4k / 28k / 89k dofs (stiff fibres cost AMG 44-67 iterations), and end to end the 89k-dof
/// HGO stretch took 46 s on CHOLMOD (BFGS) and over 300 s on AMG-CG. On the elastic cube of
/// design/solver-floor.md AMG wins at 202k dofs, where CHOLMOD also needs 2.8 GB; the switch sits
/// between the two measurements.
inline constexpr Index kDirectSolverMaxDofs = 150'000;

/// Default backend for a symmetric system of n dofs: "cholmod" below the measured crossover,
/// "amg-cg" above it (benchmarks/RESULTS.md).
std::string default_linear_solver(Index n_dofs);

}  // namespace sinew::solver
