// The summary at the top of a sinew-viz report: what a reader needs to compare the arms at a
// glance. A comparison table (one row per arm: status, steps, sweep values, each metric before,
// after and its change, n/a for failed arms) with the interventions' evidence notes beside it,
// then a chart per metric of its change by arm and one per metric and swept parameter.
#pragma once

#include <ostream>

#include "html_report.hpp"

namespace sinew::viz {

void write_summary_section(std::ostream& os, const ReportInput& in);

}  // namespace sinew::viz
