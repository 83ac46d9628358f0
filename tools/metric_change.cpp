// Formatting of a metric's change for the comparison table.
#include "metric_change.hpp"

#include <fmt/format.h>

#include <cmath>

namespace sinew::tools {

std::string format_change(double before, double after, double resolution) {
  if (std::isnan(before) || std::isnan(after)) return "n/a";
  const std::string d = fmt::format("{:+.3g}", after - before);
  if (std::abs(before) > resolution)
    return fmt::format("{} ({:+.1f}%)", d, 100.0 * (after - before) / std::abs(before));
  return d;
}

}  // namespace sinew::tools
