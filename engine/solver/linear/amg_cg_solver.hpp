// "amg-cg": conjugate gradients preconditioned by one hypre BoomerAMG V-cycle, the backend for
// large models (its cost grows about linearly with the number of dofs, a direct solver's does not).
#pragma once

#include <functional>
#include <memory>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// BoomerAMG-PCG on MPI_COMM_SELF (one process). Debian's hypre is an MPI build: the
/// constructor calls `start_parallel_runtime` (the program's MPI_Init + HYPRE_Init, run once) when
/// given, and throws std::logic_error when MPI is not running afterwards.
///
/// analyze() copies the pattern into a hypre matrix; factorize() writes the values and builds the
/// AMG hierarchy; update_matrix_keep_preconditioner() only writes the values, so the next solves
/// use the new K with the hierarchy of the last factorize(). factorize() reports
/// NotPositiveDefinite when a diagonal entry is <= 0 (the only indefiniteness AMG set-up can see
/// cheaply); other indefinite matrices surface as a failed solve().
///
/// K must be symmetric: hypre is given K's columns as its rows. Not thread-safe (hypre keeps a
/// global error flag): use amg-cg backends from one thread at a time.
class AmgCgSolver final : public LinearSolver {
 public:
  explicit AmgCgSolver(const std::function<void()>& start_parallel_runtime = {});
  ~AmgCgSolver() override;
  AmgCgSolver(const AmgCgSolver&) = delete;
  AmgCgSolver& operator=(const AmgCgSolver&) = delete;

  std::string name() const override { return "amg-cg"; }
  bool requires_spd() const override { return true; }
  bool is_iterative() const override { return true; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;
  bool supports_preconditioner_reuse() const override { return true; }
  FactorStatus update_matrix_keep_preconditioner(const SparseMatrix& K) override;
  void set_tolerance(Real relative) override;
  void set_max_iterations(int limit) override;
  void set_block_size(int dofs_per_node) override;
  /// Keeps the modes for use_near_null_space(true). Throws std::invalid_argument on a row
  /// count that does not match the matrices already analysed.
  void set_near_null_space(const MatX& modes) override;
  /// Off by default: measured on the benchmark cubes, nodal coarsening with the rigid-body
  /// rotations in the interpolation did not cut the iterations, and it costs more set-up time
  /// and memory (benchmarks/RESULTS.md, "AMG for elasticity"). On (with block size > 1 and
  /// modes given), the next factorize() uses them.
  void use_near_null_space(bool on) { use_near_null_space_ = on; }
  /// How many near-null-space vectors the last set-up's interpolation used (the rotations).
  int interpolation_vectors() const;

 private:
  struct Impl;  // hides HYPRE.h / mpi.h from the engine's other modules
  std::unique_ptr<Impl> impl_;
  Real tolerance_ = 1e-8;
  int max_iterations_ = 500;
  int block_size_ = 1;
  detail::PatternSignature pattern_;
  bool factorized_ = false;
  bool use_near_null_space_ = false;
};

}  // namespace sinew::solver
