// "cholmod-ldlt": CHOLMOD simplicial LDL^T for symmetric indefinite tangents (buckling, material
// softening), the first fallback when Cholesky reports a non-positive pivot.
#pragma once

#include <memory>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// Simplicial LDL^T of the lower triangle with a fill-reducing ordering fixed in analyze(). No
/// pivoting: negative pivots are fine, a zero pivot makes factorize() report Singular.
/// Simplicial (no BLAS), so much slower than "cholmod" on large 3-D problems.
class CholmodLdltSolver final : public LinearSolver {
 public:
  CholmodLdltSolver();
  ~CholmodLdltSolver() override;
  CholmodLdltSolver(const CholmodLdltSolver&) = delete;
  CholmodLdltSolver& operator=(const CholmodLdltSolver&) = delete;

  std::string name() const override { return "cholmod-ldlt"; }
  bool requires_spd() const override { return false; }
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
