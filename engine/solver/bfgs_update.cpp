// Inverse BFGS two-loop recursion and the tangent re-formation rule.
#include "solver/bfgs_update.hpp"

namespace sinew::solver {

bool BfgsUpdate::should_reform(int k, Real residual, Real previous_residual, Real ref_residual,
                               int updates, int max_updates) {
  return k > 0 &&
         (updates >= max_updates || residual > (k == 1 ? ref_residual : previous_residual));
}

void BfgsUpdate::clear() {
  s_.clear();
  y_.clear();
  rho_.clear();
}

int BfgsUpdate::apply(const VecX& rhs, const BaseSolve& base_solve, VecX& du) const {
  VecX q = rhs;
  std::vector<Real> a(s_.size());
  for (size_t i = s_.size(); i-- > 0;) {
    a[i] = rho_[i] * s_[i].dot(q);
    q -= a[i] * y_[i];
  }
  const int iterations = base_solve(q, du);
  for (size_t i = 0; i < s_.size(); ++i) {
    const Real b = rho_[i] * y_[i].dot(du);
    du += (a[i] - b) * s_[i];
  }
  return iterations;
}

bool BfgsUpdate::add(VecX s, VecX y) {
  const Real ys = y.dot(s);
  if (!(ys > 1e-12 * y.norm() * s.norm())) return false;
  s_.push_back(std::move(s));
  y_.push_back(std::move(y));
  rho_.push_back(1.0 / ys);
  return true;
}

}  // namespace sinew::solver
