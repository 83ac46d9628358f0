// strategy auto's counted cost of a Newton iteration (iteration_cost.hpp).
#include "solver/iteration_cost.hpp"

namespace sinew::solver {

Real IterationCost::iteration(int factorisations, int solves, int tangent_evaluations,
                              int residual_evaluations, int bfgs_updates) const {
  using W = IterationCostWeights;
  const Real vector_flops = 8 * n_ * bfgs_updates;
  return factorisations * factor_ + W::kSolveFlop * (solves * solve_ + vector_flops) +
         entries_ *
             (W::kTangentEntry * tangent_evaluations + W::kResidualEntry * residual_evaluations);
}

}  // namespace sinew::solver
