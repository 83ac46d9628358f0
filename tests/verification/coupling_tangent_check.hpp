// Finite-difference check of a coupling's assembled tangent (contact and interface sets): the
// largest difference between each column of K and the central difference of the residual.
#pragma once

#include <algorithm>

#include "core/types.hpp"
#include "fem/assembly_plan.hpp"

namespace sinew::testing {

/// max_ij |K_ij - (r_i(u + h e_j) - r_i(u - h e_j)) / 2h| for the set's residual at `state`.
template <class CouplingSet>
Real coupling_tangent_error(CouplingSet& set, const VecX& state, const MatX& Kd,
                            const fem::AssemblyPlan& plan, Real h = 1e-7) {
  const Index n = state.size();
  Real worst = 0.0;
  for (Index j = 0; j < n; ++j) {
    VecX up = state, um = state, rp = VecX::Zero(n), rm = VecX::Zero(n);
    up[j] += h;
    um[j] -= h;
    set.add(up, 0.0, rp, nullptr, plan);
    set.add(um, 0.0, rm, nullptr, plan);
    worst = std::max(worst, (Kd.col(j) - (rp - rm) / (2 * h)).cwiseAbs().maxCoeff());
  }
  return worst;
}

}  // namespace sinew::testing
