// A corner of the fibre-law grid of benchmarks/solver/auto_grid.sh: stiff exponential fibres
// (HGO, k2 = 1000, no dispersion) stretched along the load to 1.1 on a 6^3 cube (1,029 dofs),
// with strategy auto's BFGS threshold lowered to 0 so that it runs the BFGS-with-switching path
// it takes above kBfgsMinDofs. Auto must converge where newton does, with no more work than
// 1.25 times the better of newton and bfgs. Work counts iterations plus 10 per factorisation:
// where auto takes BFGS (above 20k dofs) a factorisation costs at least 10 BFGS iterations (about
// 40 at 89k dofs, benchmarks/RESULTS.md); counts, not times, so that the test is deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support.hpp"

namespace sinew::testing {
namespace {

simulation::RunResult stretch(const std::string& strategy, Index auto_bfgs_min_dofs) {
  auto def = load(R"(
mesh: {generator: box, size: [1, 1, 1], divisions: [6, 6, 6], cell: hex8}
materials: {m: {type: hgo, c: 1.0, k1: 141.0, k2: 1000.0, kappa: 0.0, k: 100.0}}
fibre: [1, 0, 0]
regions: [{elements: all, material: m, formulation: mean-dilatation}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1}
steps: [{increments: 10}]
solver: {strategy: )" +
                  strategy + "}\n");
  def.newton.auto_bfgs_min_dofs = auto_bfgs_min_dofs;
  return solve(def);
}

TEST(AutoStrategyGrid, StiffFibresConvergeWithinAQuarterOfTheBetterStrategy) {
  const auto newton = stretch("newton", 0);
  const auto bfgs = stretch("bfgs", 0);
  const auto automatic = stretch("auto", 0);
  ASSERT_TRUE(newton.completed) << newton.failure;
  ASSERT_TRUE(automatic.completed) << automatic.failure;
  const auto work = [](const simulation::RunResult& r) {
    return r.solver.newton_iterations + 10 * r.solver.factorizations;
  };
  const int better = bfgs.completed ? std::min(work(newton), work(bfgs)) : work(newton);
  // Measured: newton 40 iterations / 40 factorisations (work 440), bfgs 100 / 6 (160), auto
  // 92 / 10 (192).
  EXPECT_LE(work(automatic), 1.25 * better);
  EXPECT_EQ(automatic.solver.rejected, 0);
  // The same end state: the reaction of the stretched face.
  EXPECT_NEAR(automatic.u.maxCoeff(), newton.u.maxCoeff(), 1e-9);
}

}  // namespace
}  // namespace sinew::testing
