// The consistent linearised predictor of a load step: the increment of the prescribed unknowns
// from the current state to their values at t, applied through the tangent in the first Newton
// iteration (rhs = -r - K delta_c) and exactly on the prescribed unknowns themselves.
#pragma once

#include "core/types.hpp"
#include "solver/free_dofs.hpp"
#include "solver/nonlinear_problem.hpp"

namespace sinew::solver {

class NewtonPredictor {
 public:
  /// The prescribed increment from u to the problem's prescribed values at t.
  NewtonPredictor(const NonlinearProblem& problem, const FreeDofs& dofs, const VecX& u, Real t);

  /// delta_c: the prescribed increment on the constrained unknowns, zero elsewhere.
  const VecX& increment() const { return delta_c_; }
  bool has_increment() const { return has_increment_; }

  /// rhs -= K delta_c: the free unknowns' share of the prescribed increment.
  void add_tangent_term(const SparseMatrix& K, VecX& rhs) const;

  /// Sets the constrained rows of rhs to diagonal * delta_c, so that a solve with the
  /// constrained tangent (rows zeroed, `diagonal` kept) returns delta_c there.
  void set_constrained_rhs(const VecX& diagonal, VecX& rhs) const;

  /// Puts delta_c into the constrained entries of a step.
  void set_constrained_step(VecX& du) const;

  /// u + alpha du; in the first iteration (`first`) the prescribed part is applied in full.
  void trial_point(const VecX& u, const VecX& du, Real alpha, bool first, VecX& u_trial) const;

 private:
  const FreeDofs& dofs_;
  VecX delta_c_;
  bool has_increment_ = false;
};

}  // namespace sinew::solver
