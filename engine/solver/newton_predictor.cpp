// Prescribed increments through the consistent linearised predictor.
#include "solver/newton_predictor.hpp"

namespace sinew::solver {

NewtonPredictor::NewtonPredictor(const NonlinearProblem& problem, const FreeDofs& dofs,
                                 const VecX& u, Real t)
    : dofs_(dofs), delta_c_(VecX::Zero(problem.n_dofs())) {
  VecX target;
  problem.prescribed_values(t, target);
  const auto& cdofs = dofs_.constrained();
  for (size_t i = 0; i < cdofs.size(); ++i)
    delta_c_[cdofs[i]] = target[static_cast<Index>(i)] - u[cdofs[i]];
  has_increment_ = delta_c_.squaredNorm() > 0;
}

void NewtonPredictor::add_tangent_term(const SparseMatrix& K, VecX& rhs) const {
  if (has_increment_) rhs -= K * delta_c_;
}

void NewtonPredictor::set_constrained_rhs(const VecX& diagonal, VecX& rhs) const {
  const auto& cdofs = dofs_.constrained();
  for (size_t i = 0; i < cdofs.size(); ++i)
    rhs[cdofs[i]] = diagonal[static_cast<Index>(i)] * delta_c_[cdofs[i]];
}

void NewtonPredictor::set_constrained_step(VecX& du) const {
  for (Index d : dofs_.constrained()) du[d] = delta_c_[d];
}

void NewtonPredictor::trial_point(const VecX& u, const VecX& du, Real alpha, bool first,
                                  VecX& u_trial) const {
  u_trial = u + alpha * du;
  if (first)
    for (Index d : dofs_.constrained()) u_trial[d] = u[d] + du[d];
}

}  // namespace sinew::solver
