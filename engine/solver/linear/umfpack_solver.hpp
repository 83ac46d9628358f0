// "umfpack": UMFPACK multifrontal LU (SuiteSparse) for nonsymmetric tangents (follower pressure,
// friction); the Newton solver's choice whenever the problem says its tangent is not symmetric.
#pragma once

#include <memory>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// Unsymmetric-pattern multifrontal LU with threshold partial pivoting (Davis 2004, ACM TOMS
/// 30:196, Algorithm 832; the frontal matrices are dense and factorised with BLAS-3, so OpenBLAS
/// does the work).
/// analyze() takes the pattern; factorize() runs umfpack_di_symbolic (column pre-ordering and the
/// frontal structure) when the entries it needs are not yet analysed (the first time after
/// analyze(), and when stored zeros it had left out become non-zero: select_entries) and
/// umfpack_di_numeric for each new set of values, and reports Singular for an exactly singular
/// matrix; solve() runs umfpack_di_solve with
/// one step of iterative refinement, for which the backend keeps a copy of the factorised K (the
/// caller may change K after factorize()).
class UmfpackSolver final : public LinearSolver {
 public:
  UmfpackSolver();
  ~UmfpackSolver() override;
  UmfpackSolver(const UmfpackSolver&) = delete;
  UmfpackSolver& operator=(const UmfpackSolver&) = delete;

  std::string name() const override { return "umfpack"; }
  bool requires_spd() const override { return false; }
  bool requires_symmetric() const override { return false; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;

 private:
  void select_entries(const SparseMatrix& A);
  void analyze_entries(const SparseMatrix& A);

  struct Impl;  // hides umfpack.h from the engine's other modules
  std::unique_ptr<Impl> impl_;
  detail::PatternSignature pattern_;
  bool factorized_ = false;
};

}  // namespace sinew::solver
