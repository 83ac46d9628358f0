// Detection of a Newton iteration that has stopped making progress on a piecewise-smooth
// residual: an active-set cycle, where the iterates return to the same residual norms every p
// iterations (p = 2 or 3: a friction point switching stick -> slip -> stick, a bond between
// loading and elastic unloading, an interface opening and closing), or a creep, where the line
// search accepts only tiny steps because s(alpha) = -du . r changes sign right at the current
// point (a kink there). With alpha = 1 accepted at every turn of a cycle the secant line search
// on s(alpha) never notices: |s(1)| is within its tolerance on each side of the kink
// (benchmarks/RESULTS.md, "Cut-backs of the demo study"). Newton then switches the rest of the
// increment to the residual-norm line search (residual_line_search.hpp), which is a descent
// method on ||r|| whatever the branches do and so cannot return to a norm it has left.
#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"

namespace sinew::solver {

struct CycleDetectorSettings {
  /// Two norms are "the same" within this relative difference (round-off is far smaller; a
  /// converging sequence changes by more).
  Real same = 1e-2;
  /// Periods looked for (the norms at k and k - p, and at k - 1 and k - 1 - p, agree).
  int max_period = 3;
  /// Creep: this many consecutive accepted steps with alpha at most `tiny_alpha` ...
  int creep_steps = 3;
  Real tiny_alpha = 1e-3;
};

class CycleDetector {
 public:
  explicit CycleDetector(CycleDetectorSettings settings = {}) : s_(settings) {}

  /// Records iteration k's residual norm at its start and the step alpha of the previous
  /// iteration (1 at k = 0). Returns true once a cycle or a creep is seen (and from then on).
  bool record(Real residual_norm, Real alpha);

  /// The period of the cycle found (0: none, or a creep).
  int period() const { return period_; }
  bool detected() const { return detected_; }
  /// "cycle of period p" or "creep (alpha <= 1e-3 for 3 steps)", for the log.
  std::string describe() const;

 private:
  bool same(Real a, Real b) const;

  CycleDetectorSettings s_;
  std::vector<Real> norms_;
  int tiny_steps_ = 0;
  int period_ = 0;
  bool detected_ = false;
};

}  // namespace sinew::solver
