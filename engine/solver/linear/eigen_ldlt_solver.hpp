// "eigen-ldlt": Eigen's SimplicialLDLT, a dependency-free LDL^T for small problems (it has no
// supernodes and no BLAS: unusable beyond ~30k dofs, see the solver-floor measurements).
#pragma once

#include <Eigen/SparseCholesky>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// LDL^T of the lower triangle with Eigen's AMD ordering; accepts indefinite matrices (no
/// pivoting), reports Singular on a zero pivot.
class EigenLdltSolver final : public LinearSolver {
 public:
  std::string name() const override { return "eigen-ldlt"; }
  bool requires_spd() const override { return false; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;

 private:
  Eigen::SimplicialLDLT<SparseMatrix, Eigen::Lower, Eigen::AMDOrdering<int>> ldlt_;
  detail::PatternSignature pattern_;
  bool factorized_ = false;
};

}  // namespace sinew::solver
