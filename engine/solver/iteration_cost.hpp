// strategy auto's cost of a Newton iteration, counted instead of timed: the factorisation and
// the triangular solves in flops as the direct solver's symbolic analysis counts them, the
// residual and tangent evaluations in stored entries of K, the BFGS updates in vector entries.
// Weights convert each count to factorisation-flop equivalents; they were measured once
// (benchmarks/RESULTS.md, "strategy auto by counted cost") and are constants, so the switching
// decisions, and with them the iterates, are the same on every machine, thread count and run.
#pragma once

#include "core/types.hpp"

namespace sinew::solver {

/// Each count's cost in factorisation flops, measured once with BM_Assembly and BM_Linear of
/// benchmarks/micro/fem_benchmarks.cpp (HGO cube at 4k and 28k dofs, one thread, CPU time;
/// benchmarks/RESULTS.md): supernodal CHOLMOD ran 8.4-11.4 Gflop/s, its solves 2.4-2.5 Gflop/s,
/// residual and tangent took 33-39 ns per entry of K, the residual alone 9-10 ns. The weights
/// are rounded; they depend on the material law (up to 2x between laws) and on the BLAS, which
/// moves the switch point of the cost rule but not its reproducibility.
struct IterationCostWeights {
  /// A flop of a triangular solve or a BFGS vector operation (memory-bound, where the
  /// supernodal factorisation runs BLAS-3): 3.5-4.6 measured.
  static constexpr Real kSolveFlop = 4;
  /// An evaluation of residual and tangent, per stored entry of K (element kernels, material
  /// law at the quadrature points, scatter): 270-450 measured.
  static constexpr Real kTangentEntry = 350;
  /// An evaluation of the residual alone, per stored entry of K: 76-120 measured.
  static constexpr Real kResidualEntry = 100;
};

/// The counts of one problem and its factorisation; all zero costs where the linear solver
/// cannot count its flops (then strategy auto keeps its stall rule).
class IterationCost {
 public:
  IterationCost() = default;
  /// `factor_flops`, `solve_flops`: LinearSolver::estimated_factor_flops / _solve_flops;
  /// `matrix_entries`: stored entries of K; `n`: unknowns.
  IterationCost(Real factor_flops, Real solve_flops, Real matrix_entries, Real n)
      : factor_(factor_flops), solve_(solve_flops), entries_(matrix_entries), n_(n) {}

  /// Whether the solver counted its flops (the cost rule can be used).
  bool known() const { return factor_ > 0 && solve_ > 0; }

  /// An iteration with `factorisations` factorisations, `solves` triangular solves,
  /// `tangent_evaluations` evaluations of residual and tangent, `residual_evaluations` of the
  /// residual alone and `bfgs_updates` BFGS updates applied (two dot products and two
  /// updates of n entries each, Matthies & Strang 1979).
  Real iteration(int factorisations, int solves, int tangent_evaluations, int residual_evaluations,
                 int bfgs_updates) const;

 private:
  Real factor_ = 0, solve_ = 0, entries_ = 0, n_ = 0;
};

}  // namespace sinew::solver
