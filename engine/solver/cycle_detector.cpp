// Active-set cycle and creep detection over the residual norms of one Newton solve.
#include "solver/cycle_detector.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sinew::solver {

bool CycleDetector::same(Real a, Real b) const {
  return std::abs(a - b) <= s_.same * std::max(std::abs(a), std::abs(b));
}

bool CycleDetector::record(Real residual_norm, Real alpha) {
  if (!norms_.empty()) tiny_steps_ = alpha <= s_.tiny_alpha ? tiny_steps_ + 1 : 0;
  norms_.push_back(residual_norm);
  if (detected_) return true;
  if (tiny_steps_ >= s_.creep_steps) return detected_ = true;
  const auto n = static_cast<int>(norms_.size());
  for (int p = 2; p <= s_.max_period; ++p) {
    if (n < 2 * p) break;
    const Real* r = norms_.data() + n - 1;  // r[0] = the newest, r[-j] j iterations before
    // Two turns of the same cycle, which a monotone (converging or stagnating) sequence is not:
    // a stagnating one has all its norms equal, which period 1 (excluded here) describes.
    bool repeats = true;
    for (int j = 0; j < p && repeats; ++j) repeats = same(r[-j], r[-j - p]);
    if (repeats && !same(r[0], r[-1])) {
      period_ = p;
      return detected_ = true;
    }
  }
  return false;
}

std::string CycleDetector::describe() const {
  std::ostringstream s;
  if (period_ > 0)
    s << "cycle of period " << period_;
  else
    s << "creep (alpha <= " << s_.tiny_alpha << " for " << s_.creep_steps << " steps)";
  return s.str();
}

}  // namespace sinew::solver
