// The BFGS / full Newton switching rule of strategy auto.
#include "solver/auto_strategy.hpp"

#include <algorithm>

namespace sinew::solver {

bool AutoStrategy::start_increment() {
  newton_ = started_newton_ = enabled_ && (failed_ || newton_left_ > 0);
  // Pessimistic until converged() says otherwise: a failed attempt (also one ended by an
  // exception) is retried with full Newton.
  failed_ = enabled_;
  newton_iterations_ = 0;
  residuals_.clear();
  return enabled_ && !newton_;
}

bool AutoStrategy::should_switch(int k, Real residual, Real ref_residual, bool fresh) {
  if (!enabled_ || newton_ || k <= 0) return false;
  if (residuals_.empty()) residuals_.push_back(ref_residual);
  const Real previous = residuals_.back();
  residuals_.push_back(residual);
  if (fresh && residual > previous) return true;  // even the tangent's direction made it worse
  if (2 * k >= max_iterations_) return true;
  const size_t n = residuals_.size();
  return n > static_cast<size_t>(kWindow) &&
         residual > kWindowContraction * residuals_[n - 1 - kWindow];
}

void AutoStrategy::converged() {
  failed_ = false;
  if (!newton_) {
    switches_ = 0;  // BFGS throughout
  } else if (!started_newton_) {
    ++switches_;
    newton_left_ = 1 << std::min(switches_ - 1, 6);
  } else if (newton_iterations_ <= kFewIterations && newton_left_ > 0) {
    --newton_left_;
  }
}

}  // namespace sinew::solver
