// "iccg": conjugate gradients preconditioned by Eigen's incomplete Cholesky, a light iterative
// backend without external libraries (degrades with mesh size and near-incompressibility).
#pragma once

#include <Eigen/IterativeLinearSolvers>

#include "solver/linear/backend_support.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

/// CG on the full matrix (both triangles: the product runs multithreaded) with IC(0)-like
/// preconditioning on an AMD ordering. factorize() builds the incomplete factor; solve() throws
/// NumericalError(LinearSolverFailed) when ||r|| / ||b|| does not reach the tolerance.
class IccgSolver final : public LinearSolver {
 public:
  std::string name() const override { return "iccg"; }
  bool requires_spd() const override { return true; }
  bool is_iterative() const override { return true; }
  void analyze(const SparseMatrix& K) override;
  FactorStatus factorize(const SparseMatrix& K) override;
  void solve(const VecX& b, VecX& x) override;
  bool supports_preconditioner_reuse() const override { return true; }
  FactorStatus update_matrix_keep_preconditioner(const SparseMatrix& K) override;
  void set_tolerance(Real relative) override;
  void set_max_iterations(int limit) override;

 private:
  using Preconditioner = Eigen::IncompleteCholesky<Real, Eigen::Lower, Eigen::AMDOrdering<int>>;
  using Cg = Eigen::ConjugateGradient<SparseMatrix, Eigen::Lower | Eigen::Upper, Preconditioner>;

  void copy_values(const SparseMatrix& K);

  // Eigen's CG keeps a reference to the matrix it was given, and the caller may overwrite K
  // after factorize() (Newton re-assembles in place): keep our own copy.
  SparseMatrix K_;
  Cg cg_;
  Real tolerance_ = 1e-8;
  int max_iterations_ = 5000;  // ~10x what the solver floor needed at 86k dofs, nu 0.45
  detail::PatternSignature pattern_;
  bool factorized_ = false;
};

}  // namespace sinew::solver
