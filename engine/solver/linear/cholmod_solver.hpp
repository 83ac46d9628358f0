// "cholmod": CHOLMOD supernodal Cholesky (through Eigen's CholmodSupport) for symmetric
// positive-definite tangents; the BLAS-bound workhorse for small and mid-size models.
#pragma once

#include <memory>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// Supernodal LL^T of the lower triangle. analyze() orders and builds the symbolic factor once
/// per pattern; factorize() reports NotPositiveDefinite (instead of throwing) when a pivot is
/// not positive, so the caller can fall back to an LDL^T backend.
class CholmodSolver final : public LinearSolver {
 public:
  CholmodSolver();
  ~CholmodSolver() override;
  CholmodSolver(const CholmodSolver&) = delete;
  CholmodSolver& operator=(const CholmodSolver&) = delete;

  std::string name() const override { return "cholmod"; }
  bool requires_spd() const override { return true; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;
  /// CHOLMOD's count for the analysed ordering (cholmod_common::fl, a simplicial LL^T).
  Real estimated_factor_flops() const override { return factor_flops_; }
  /// One multiply-add per entry of L in each of the two triangular solves: 4 nnz(L).
  Real estimated_solve_flops() const override { return 4 * factor_nonzeros_; }

 private:
  struct Impl;  // hides cholmod.h from the engine's other modules
  std::unique_ptr<Impl> impl_;
  detail::PatternSignature pattern_;
  bool factorized_ = false;
  Real factor_flops_ = 0, factor_nonzeros_ = 0;  ///< fl and lnz of the analysis
};

}  // namespace sinew::solver
