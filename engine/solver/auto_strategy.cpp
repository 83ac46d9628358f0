// The BFGS / full Newton switching rule of strategy auto: the cost rule and its safety nets.
#include "solver/auto_strategy.hpp"

#include <algorithm>
#include <cmath>

namespace sinew::solver {

bool AutoStrategy::start_increment() {
  newton_ = started_newton_ = enabled_ && (failed_ || newton_left_ > 0);
  // Pessimistic until converged() says otherwise: a failed attempt (also one ended by an
  // exception) is retried with full Newton.
  failed_ = enabled_;
  newton_iterations_ = 0;
  back_off_ = true;
  residuals_.clear();
  return enabled_ && !newton_;
}

bool AutoStrategy::should_restart(Real residual, Real fraction) const {
  // residuals_ ends with the current ||r_k||: compare with ||r_0|| and, from k = 2 on, ||r_1||.
  if (residuals_.size() < 2) return false;
  const Real start = residuals_.size() > 2 ? std::min(residuals_[0], residuals_[1]) : residuals_[0];
  return residual > fraction * start;
}

bool AutoStrategy::should_switch(int k, Real residual, Real ref_residual, bool fresh) {
  if (!enabled_ || newton_ || k <= 0) return false;
  if (residuals_.empty()) residuals_.push_back(ref_residual);
  const Real previous = residuals_.back();
  residuals_.push_back(residual);
  // Even the tangent's direction made it worse. With known costs not after the first step: that
  // one is the predictor's, which full Newton takes as well.
  if (fresh && residual > previous && (k > 1 || !costs_)) return true;
  if (2 * k >= max_iterations_) return true;
  // Once both costs are known the cost rule judges slow contraction; before, the stall rule.
  if (cost_ratio() > 0) return bfgs_costs_more(k, residual, ref_residual);
  const size_t n = residuals_.size();
  return n > static_cast<size_t>(kWindow) &&
         residual > kWindowContraction * residuals_[n - 1 - kWindow];
}

bool AutoStrategy::bfgs_costs_more(int k, Real residual, Real ref_residual) {
  const Real ratio = cost_ratio();
  if (ratio <= 0 || k < kCostMinIterations) return false;
  const Real target = std::max(relative_tolerance_ * ref_residual, absolute_tolerance_);
  if (residual <= target) return false;
  // Mean contraction over the last (up to kWindow) BFGS iterations: recent enough to see BFGS
  // slow down, long enough to average out single steps. A residual that has not fallen over a
  // full window is a stall; over a shorter one it is left to the re-formation and the growth
  // rule (the first steps after the predictor are often the hardest).
  const int window = std::min(k, kCostWindow);
  const Real q = std::pow(residual / residuals_[residuals_.size() - 1 - window], 1.0 / window);
  if (!(q < 1)) return k >= kWindow;
  const Real bfgs_iterations = std::log(target / residual) / std::log(q);
  const Real newton_iterations = switched_increments_ > 0
                                     ? Real(newton_after_switch_) / switched_increments_
                                     : kNewtonIterationsPrior;
  const bool loses = bfgs_iterations > newton_iterations * ratio;
  if (loses) back_off_ = false;
  return loses;
}

void AutoStrategy::record_cost(bool factorised, Real cost) {
  if (!enabled_) return;
  costs_ = true;
  if (factorised) {
    factorised_cost_ += cost;
    ++factorised_count_;
  } else {
    plain_cost_ += cost;
    ++plain_count_;
  }
}

Real AutoStrategy::cost_ratio() const {
  if (factorised_count_ == 0 || plain_count_ == 0 || !(plain_cost_ > 0)) return 0;
  return (factorised_cost_ / factorised_count_) / (plain_cost_ / plain_count_);
}

void AutoStrategy::converged() {
  failed_ = false;
  if (!newton_) {
    switches_ = 0;  // BFGS throughout
  } else if (!started_newton_) {
    // A switch by the cost rule tries BFGS again at once: backing off after it cost more full
    // Newton increments than the BFGS probes it saved (the 6^3 AutoStrategyGrid corner: 205
    // work units with the back-off, 189 without). A safety net backs off, doubling in a row.
    ++switches_;
    newton_left_ = back_off_ ? 1 << std::min(switches_ - 1, 6) : 0;
    ++switched_increments_;
    newton_after_switch_ += newton_iterations_;
  } else {
    ++newton_increments_;
    newton_whole_ += newton_iterations_;
  }
  if (started_newton_ && newton_left_ > 0 &&
      (newton_iterations_ <= kFewIterations || cost_ratio() > 0)) {
    // With measured costs every increment counts: the probe of BFGS after the back-off is
    // itself cut short by the cost rule, so it costs a few BFGS iterations at most.
    --newton_left_;
  }
}

}  // namespace sinew::solver
