// Norms over the free unknowns (summed in index order, so results do not depend on how many
// unknowns are prescribed elsewhere).
#include "solver/free_dofs.hpp"

#include <cmath>

namespace sinew::solver {

FreeDofs::FreeDofs(Index n_dofs, const std::vector<Index>& constrained)
    : is_constrained_(static_cast<size_t>(n_dofs), 0), constrained_(constrained) {
  for (Index d : constrained_) is_constrained_[static_cast<size_t>(d)] = 1;
}

Real FreeDofs::norm(const VecX& v) const {
  Real s = 0;
  for (Index i = 0; i < size(); ++i)
    if (!is_constrained_[static_cast<size_t>(i)]) s += v[i] * v[i];
  return std::sqrt(s);
}

Real FreeDofs::dot(const VecX& a, const VecX& b) const {
  Real s = 0;
  for (Index i = 0; i < size(); ++i)
    if (!is_constrained_[static_cast<size_t>(i)]) s += a[i] * b[i];
  return s;
}

void FreeDofs::zero_constrained(VecX& v) const {
  for (Index d : constrained_) v[d] = 0.0;
}

}  // namespace sinew::solver
