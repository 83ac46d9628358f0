// Verifies the `tendon_modulus` metric against the closed-form uniaxial response of a
// neo-Hookean bar with nu = 0.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// Nominal stress of the compressible neo-Hookean law with lambda = 0 (nu = 0) in uniaxial
// tension: S = mu (I - C^-1) gives no lateral stretch at zero lateral stress, so
// P = mu (l - 1/l) along the bar. The clamp at the fixed end then restrains nothing and the
// deformation is homogeneous (trilinear cells represent it exactly): the probe's secant modulus
// must equal (P(F) - P(F/2)) / (l(F) - l(F/2)).
Real stretch_at(Real P, Real mu) {
  const Real q = P / mu;  // l^2 - q l - 1 = 0
  return 0.5 * (q + std::sqrt(q * q + 4.0));
}

TEST(TissueModulus, NeoHookeanBarMatchesClosedForm) {
  const Real E = 100.0, force = 200.0;  // ~16% strain: the curve is visibly nonlinear
  TendonModel t;
  t.tendon_material = "{type: neo-hookean, E: " + num(E) + ", nu: 0.0}";
  t.tissue = "{probe_force: " + num(force) + ", probe_increments: 3}";
  // A coupled law: the standard formulation (mean dilatation needs an uncoupled one; the
  // deformation is homogeneous, so the two would agree anyway).
  std::string text = t.text();
  const std::string md = "formulation: mean-dilatation";
  text.replace(text.find(md), md.size(), "formulation: standard");
  auto def = load(text);
  const auto values = initial_metrics(def);

  const Real A = set_volume(def.model.mesh, "tendon") / t.length;  // the meshed section
  const Real mu = 0.5 * E;
  const Real P1 = force / A, Ph = 0.5 * force / A;
  const Real expected = (P1 - Ph) / (stretch_at(P1, mu) - stretch_at(Ph, mu));
  const Real got = values[tissue::kTendonModulus];
  std::printf(
      "[ measured ] tendon_modulus %.8g MPa, closed form %.8g MPa (rel. %.2e); "
      "small-strain E %.4g MPa, strain at F %.4f\n",
      got, expected, got / expected - 1.0, E, stretch_at(P1, mu) - 1.0);
  // The secant is exact up to Newton's tolerance (measured 3e-12).
  EXPECT_NEAR(got / expected, 1.0, 1e-8);
  // The secant of the upper half is not the small-strain modulus (the law softens in P).
  EXPECT_LT(got, 0.95 * E);
}

}  // namespace
}  // namespace sinew::testing
