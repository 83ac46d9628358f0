// Eisenstat-Walker forcing terms: how accurately an iterative linear solver must solve each
// Newton system (Eisenstat & Walker 1996, SIAM J Sci Comput 17:16, choice 2 with gamma = 0.9,
// alpha = 2), bounded, and never tighter than the Newton residual tolerance needs.
#pragma once

#include "core/types.hpp"

namespace sinew::solver {

class ForcingTerm {
 public:
  /// Starts at `forcing_max`; `residual_tolerance` is the Newton relative residual tolerance.
  ForcingTerm(Real forcing_min, Real forcing_max, Real residual_tolerance)
      : min_(forcing_min),
        max_(forcing_max),
        residual_tolerance_(residual_tolerance),
        value_(forcing_max) {}

  /// The relative tolerance for the next linear solve.
  Real value() const { return value_; }

  /// Updates the forcing term from ||r_k|| and ||r_{k-1}|| (ref_residual: ||r_0||).
  void update(Real residual, Real previous_residual, Real ref_residual);

 private:
  Real min_, max_, residual_tolerance_;
  Real value_;
};

}  // namespace sinew::solver
