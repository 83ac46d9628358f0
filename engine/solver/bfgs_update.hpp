// Inverse BFGS updates of a factorised tangent (Matthies & Strang 1979, IJNME 14:1613): the
// history of steps and residual changes, the two-loop recursion that applies the updated inverse
// (Nocedal & Wright 2006, Alg. 7.4, with H0 = the factorised tangent), and the decision to
// re-form the tangent.
#pragma once

#include <functional>
#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

class BfgsUpdate {
 public:
  /// Solves H0 b = x with the factorised tangent; returns the linear iterations it took.
  using BaseSolve = std::function<int(const VecX& rhs, VecX& x)>;

  /// Whether iteration k (> 0) must re-form the tangent: the history holds `max_updates`
  /// updates, or the residual grew. The first iteration compares with the predictor's
  /// residual ||r_0|| (`ref_residual`), later ones with the previous iteration's residual.
  static bool should_reform(int k, Real residual, Real previous_residual, Real ref_residual,
                            int updates, int max_updates);

  int updates() const { return static_cast<int>(s_.size()); }
  void clear();

  /// du = H rhs by the two-loop recursion; returns the linear iterations of the base solve.
  int apply(const VecX& rhs, const BaseSolve& base_solve, VecX& du) const;

  /// Adds the update for step s and residual change y (free unknowns only). Returns false,
  /// adding nothing, when the step shows no positive curvature (y . s <= 0, up to rounding):
  /// the update would break the positive definiteness of H, so the tangent must be re-formed.
  bool add(VecX s, VecX y);

 private:
  std::vector<VecX> s_, y_;
  std::vector<Real> rho_;  ///< 1 / (y_i . s_i)
};

}  // namespace sinew::solver
