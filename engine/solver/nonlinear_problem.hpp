// The abstract problem the Newton solver sees: residual and tangent of a discrete system with
// prescribed (Dirichlet) unknowns. The finite-element model implements it; the solver knows
// nothing about elements, materials or meshes.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

class NonlinearProblem {
 public:
  virtual ~NonlinearProblem() = default;

  virtual Index n_dofs() const = 0;

  /// Unknowns per node (3 in solid mechanics; algebraic multigrid uses it).
  virtual int dofs_per_node() const { return 3; }

  /// Vectors the tangent of the unconstrained problem (nearly) annihilates, n_dofs() x m, e.g.
  /// the six rigid-body motions of a solid; empty when unknown. A hint for algebraic multigrid
  /// (LinearSolver::set_near_null_space); computed on request, so it costs nothing unasked.
  virtual MatX near_null_space() const { return {}; }

  /// The sparsity pattern of the tangent (both triangles, fixed for the problem's life).
  virtual const SparseMatrix& pattern() const = 0;

  /// Indices of prescribed unknowns (sorted, unique; fixed for the problem's life).
  virtual const std::vector<Index>& constrained_dofs() const = 0;

  /// Values of the prescribed unknowns at load factor / time t, in constrained_dofs() order.
  virtual void prescribed_values(Real t, VecX& values) const = 0;

  /// Residual r = f_int(u) - f_ext(u, t) (N) and, when K != nullptr, its Jacobian dr/du
  /// (stored into K's existing pattern). Throws NumericalError (e.g. an inverted element).
  virtual void evaluate(const VecX& u, Real t, VecX& r, SparseMatrix* K) = 0;

  /// Accepts a converged state (irreversible history variables are updated here).
  virtual void commit(const VecX& /*u*/, Real /*t*/) {}

  /// False when the tangent is not symmetric (follower loads, friction): LU is then used.
  virtual bool is_symmetric() const { return true; }
};

}  // namespace sinew::solver
