// The change of one metric between two probes as the comparison table prints it: the difference,
// and the relative change only when the first value is resolved (a percentage of a numerically
// zero quantity, e.g. a residual friction force of 1e-8 N, reads as millions of percent).
#pragma once

#include <string>

namespace sinew::tools {

/// "after - before" with three significant digits and a sign, followed by " (+x.x%)" when
/// |before| exceeds `resolution` (the metric's resolution, in its unit); "n/a" when either
/// value is NaN.
std::string format_change(double before, double after, double resolution);

}  // namespace sinew::tools
