// The comparison table's change column (tools/metric_change.hpp): percentages only from a
// resolved first value, on the demo study's own numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "metric_change.hpp"

namespace sinew::tools {
namespace {

TEST(MetricChange, ResolvedFirstValueGetsAPercentage) {
  // Stiffness of the demo's running arm, N/mm, resolution 1e-3.
  EXPECT_EQ(format_change(584.7, 549.7, 1e-3), "-35 (-6.0%)");
  EXPECT_EQ(format_change(1.0, 1.0, 1e-9), "+0 (+0.0%)");
  // A negative first value: the percentage is of its magnitude.
  EXPECT_EQ(format_change(-2.0, -1.0, 1e-3), "+1 (+50.0%)");
}

TEST(MetricChange, NumericallyZeroFirstValueGetsOnlyTheDifference) {
  // gliding_force_at_bond_failure of the demo's ART arm: -4.07e-8 N -> 3.445e-6 N, a residual
  // friction force far below the 1e-3 N resolution; the ratio would read +8563%.
  EXPECT_EQ(format_change(-4.07e-8, 3.445e-6, 1e-3), "+3.49e-06");
  EXPECT_EQ(format_change(0.0, 0.25, 1e-9), "+0.25");
  // The boundary: a first value equal to the resolution is not resolved, just above it is.
  EXPECT_EQ(format_change(1e-3, 2e-3, 1e-3), "+0.001");
  EXPECT_EQ(format_change(1.1e-3, 2.2e-3, 1e-3), "+0.0011 (+100.0%)");
}

TEST(MetricChange, MissingValuesAreNotApplicable) {
  EXPECT_EQ(format_change(NAN, 1.0, 1e-3), "n/a");
  EXPECT_EQ(format_change(1.0, NAN, 1e-3), "n/a");
}

}  // namespace
}  // namespace sinew::tools
