// Norms and dot products over the free (not prescribed) unknowns: the Newton convergence
// criteria and the line search measure only the part of a vector the solver is free to change.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

class FreeDofs {
 public:
  /// `constrained` lists the prescribed unknowns among `n_dofs`.
  FreeDofs(Index n_dofs, const std::vector<Index>& constrained);

  Index size() const { return static_cast<Index>(is_constrained_.size()); }
  bool is_constrained(Index i) const { return is_constrained_[static_cast<size_t>(i)] != 0; }
  const std::vector<Index>& constrained() const { return constrained_; }

  Real norm(const VecX& v) const;
  Real dot(const VecX& a, const VecX& b) const;
  void zero_constrained(VecX& v) const;

 private:
  std::vector<char> is_constrained_;
  std::vector<Index> constrained_;
};

}  // namespace sinew::solver
