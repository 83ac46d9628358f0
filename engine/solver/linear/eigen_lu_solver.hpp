// "eigen-lu": Eigen's SparseLU with COLAMD ordering, the backend for nonsymmetric tangents
// (follower loads, friction) and the last resort of the symmetric fallback chain.
#pragma once

#include <Eigen/SparseLU>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// Supernodal LU with partial pivoting (threshold 1, Eigen's default); the column ordering is
/// computed once in analyze(). Reports Singular when a column has no usable pivot.
class EigenLuSolver final : public LinearSolver {
 public:
  std::string name() const override { return "eigen-lu"; }
  bool requires_spd() const override { return false; }
  bool requires_symmetric() const override { return false; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;

 private:
  Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>> lu_;
  detail::PatternSignature pattern_;
  bool factorized_ = false;
};

}  // namespace sinew::solver
