// Near incompressibility (nu = 0.4999): the mean-dilatation hex8 reproduces the Lame solution of
// a pressurised thick cylinder, while the plain (fully integrated) hex8 locks.
#include <gtest/gtest.h>

#include "lame_cylinder.hpp"

namespace sinew::testing {
namespace {

TEST(Locking, MeanDilatationHex8MatchesLameSolution) {
  LameCase c;
  Real worst = 0;
  const Real ur = c.solve_inner_ur(&worst);
  EXPECT_NEAR(c.nu(), 0.4999, 1e-4);
  EXPECT_NEAR(ur / c.exact_ur(c.a), 1.0, 0.02) << "u_r(a) = " << ur << " exact " << c.exact_ur(c.a);
  EXPECT_LT(worst, 0.03);
}

TEST(Locking, PlainHex8LocksVisibly) {
  LameCase c;
  c.formulation = "standard";
  const Real ur = c.solve_inner_ur();
  // A locked element is far too stiff: well under half the true displacement.
  EXPECT_LT(ur / c.exact_ur(c.a), 0.5) << "u_r(a) = " << ur << " exact " << c.exact_ur(c.a);
}

}  // namespace
}  // namespace sinew::testing
