// Mesh refinement on a smooth problem (pressurised thick cylinder, Lame solution) converges at
// the expected second order in the displacement for hex8, with and without mean dilatation.
#include <gtest/gtest.h>

#include <cmath>

#include "lame_cylinder.hpp"

namespace sinew::testing {
namespace {

void expect_second_order(LameCase c) {
  std::vector<Real> errors;
  std::string table;
  for (int level = 0; level < 3; ++level) {
    c.n_radial = 2 << level;
    c.n_theta = 3 << level;
    const Real ur = c.solve_inner_ur();
    errors.push_back(std::abs(ur / c.exact_ur(c.a) - 1));
    table +=
        "  h/" + std::to_string(1 << level) + ": error " + std::to_string(errors.back()) + "\n";
  }
  for (size_t k = 1; k < errors.size(); ++k) {
    const Real rate = std::log2(errors[k - 1] / errors[k]);
    EXPECT_GT(rate, 1.7) << table;
    EXPECT_LT(rate, 2.5) << table;
  }
}

TEST(MeshConvergence, Hex8CompressibleIsSecondOrder) {
  LameCase c;
  c.bulk = 2.1667;  // nu = 0.3
  c.formulation = "standard";
  expect_second_order(c);
}

TEST(MeshConvergence, MeanDilatationNearlyIncompressibleIsSecondOrder) {
  LameCase c;
  expect_second_order(c);
}

}  // namespace
}  // namespace sinew::testing
