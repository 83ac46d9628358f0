// Newton converges quadratically on a 3-D large-deformation problem (a cantilever block bent by
// a 30% end deflection in one step): the ratio log(r_{k+1}/r_k) / log(r_k/r_{k-1}) approaches 2.
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"

namespace sinew::testing {
namespace {

TEST(NewtonConvergence, QuadraticOnLargeDeformationBending) {
  auto def = load(R"(
mesh: {generator: box, size: [10, 2, 2], divisions: [10, 2, 2], cell: hex8}
materials: {m: {type: neo-hookean, E: 1.0, nu: 0.3}}
regions: [{elements: all, material: m}]
boundary:
  - {type: fixed, nodes: x0, components: [x, y, z]}
  - {type: displacement, nodes: x1, component: z, value: 3.0}
steps: [{increments: 1, adaptive: false}]
solver: {residual_tolerance: 1.0e-13, residual_absolute: 1.0e-14, max_iterations: 30, line_search: false}
)");
  const auto result = solve(def);
  ASSERT_TRUE(result.completed) << result.failure;
  const auto& its = result.outputs.back().record.iterations;
  std::vector<Real> r;
  for (const auto& it : its) r.push_back(it.residual_norm);
  // Keep iterates above round-off (1e-12 of the first non-zero residual).
  const Real r0 = r.size() > 1 ? r[1] : 1.0;
  std::vector<Real> useful;
  for (size_t k = 1; k < r.size(); ++k)
    if (r[k] > 1e-11 * r0) useful.push_back(r[k]);
  ASSERT_GE(useful.size(), 4u) << "too few iterations to see a rate";
  std::string table;
  for (size_t k = 0; k < r.size(); ++k)
    table += "  |r_" + std::to_string(k) + "| = " + std::to_string(r[k]) + "\n";
  const size_t n = useful.size();
  const Real order =
      std::log(useful[n - 1] / useful[n - 2]) / std::log(useful[n - 2] / useful[n - 3]);
  EXPECT_GT(order, 1.8) << table;
  EXPECT_LT(useful[n - 1], useful[n - 2] * useful[n - 2] / useful[0] * 100) << table;
}

}  // namespace
}  // namespace sinew::testing
