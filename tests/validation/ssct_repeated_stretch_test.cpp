// Validation: repeated ramp stretches of the loose connective tissue layer (subsynovial
// connective tissue) against the energy ratios of Vanhees et al. 2012, with the paratenon bond
// of the healthy Achilles model as the layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "achilles_models.hpp"
#include "fem/mechanics_problem.hpp"
#include "interface/traction_law.hpp"

namespace sinew::testing {
namespace {

// Vanhees et al. 2012 (J Orthop Res 30:1732): FDS 3 tendons of eight cadaver wrists pulled
// through the carpal tunnel to 40, 60, 90 and 120% of their physiological excursion, two ramp
// stretches per level (three at 120%); the energy absorbed in the second ramp over that in the
// first, E2/E1, was 0.94 +- 0.07 (60%), 0.84 +- 0.11 (90%) and 0.68 +- 0.11 (120%).
constexpr Real kLevels[] = {0.4, 0.6, 0.9, 1.2};
constexpr int kCycles[] = {2, 2, 2, 3};
constexpr Real kMean[] = {0.94, 0.84, 0.68};  // 60, 90, 120%
constexpr Real kSd[] = {0.07, 0.11, 0.11};

/// The bond of achilles-healthy.yaml (normal SSCT of Osamura et al. 2007: K = G / 1 mm,
/// strength 23 kPa, G_c 0.2 N/mm assumed).
interface::InterfaceParameters healthy_bond() {
  auto def = load(coarse_achilles("achilles-healthy", 1.0, 1));
  fem::MechanicsProblem problem(def.model);
  const auto* set = interface_of(problem);
  if (set == nullptr) throw std::runtime_error("achilles-healthy has no interface");
  return set->parameters();
}

/// E2/E1 at 40, 60, 90, 120% of an excursion `scale` (mm): the experiment's protocol on the
/// layer in uniform shear slip (the slip of interface_shear_test.cpp, here at one point of the
/// fully bonded layer, which that test's uniform slip reduces to). The slip equals the tendon's
/// excursion (the layer's outer side held: an assumption of the mapping). Ramps of 1 s per
/// increment, the quasi-static limit of the numerical viscosity (0.05 s).
std::vector<Real> energy_ratios(const interface::InterfaceParameters& p, Real scale) {
  constexpr int kSteps = 100;
  const Vec3 n = Vec3::UnitZ();
  interface::PointHistory h;
  std::vector<Real> ratios;
  for (size_t level = 0; level < 4; ++level) {
    std::vector<Real> energy;
    for (int cycle = 0; cycle < kCycles[level]; ++cycle) {
      Real e = 0.0, t_old = 0.0;
      const Real peak = kLevels[level] * scale;
      for (int i = 1; i <= 2 * kSteps; ++i) {  // up, then back to zero slip
        const Real s = peak * (i <= kSteps ? i : 2 * kSteps - i) / kSteps;
        const auto r = interface::evaluate_point(Vec3(s, 0, 0), n, h, 1.0, p, 1.0, false);
        if (i <= kSteps) e += 0.5 * (r.traction.x() + t_old) * peak / kSteps;
        t_old = r.traction.x();
        h = r.updated;
      }
      energy.push_back(e);
    }
    // A layer broken before the level absorbs nothing in either ramp: counted as ratio 0.
    ratios.push_back(energy[0] > 0.0 ? energy[1] / energy[0] : 0.0);
  }
  return ratios;
}

/// Largest distance of the model's ratios at 60, 90, 120% from the experiment, in SDs.
Real misfit(const std::vector<Real>& r) {
  Real worst = 0.0;
  for (int i = 0; i < 3; ++i) worst = std::max(worst, std::abs(r[i + 1] - kMean[i]) / kSd[i]);
  return worst;
}

// The physiological excursion of the paper was not found (the abstract gives none), so the
// case scans the excursion scale X from 1 to 40 mm and keeps the best fit. The bond is elastic up
// to its onset slip tau / K = 8.5 mm and then softens linearly: below the onset E2/E1 = 1; past
// it the first ramp damages and the ratio falls. No X puts all three ratios within one SD
// (best 1.03 SD at X = 9.7 mm: 1.00, 0.95, 0.57): the bilinear bond loses energy too late and
// then too fast, and it has no viscoelastic or progressive damage below its onset. Open.
TEST(Validation, SsctRepeatedStretchVanhees2012) {
  const auto p = healthy_bond();
  Real best_x = 0.0, best = 1e9;
  std::vector<Real> best_r;
  std::vector<Real> xs, r90, r120;
  for (int k = 10; k <= 400; ++k) {
    const Real x = 0.1 * k;
    const auto r = energy_ratios(p, x);
    xs.push_back(x);
    r90.push_back(r[2]);
    r120.push_back(r[3]);
    if (misfit(r) < best) {
      best = misfit(r);
      best_x = x;
      best_r = r;
    }
  }
  const Real onset = p.shear_strength / p.bond_stiffness;
  const char* label[] = {"60", "90", "120"};
  for (int i = 0; i < 3; ++i) {
    CaseRecord c;
    c.id = std::string("ssct-energy-ratio-") + label[i];
    c.title = std::string("SSCT energy ratio E2/E1 at ") + label[i] +
              "% excursion (bond of achilles-healthy, best excursion scale)";
    c.source = "Vanhees et al. 2012";
    c.quantity = "E2 / E1";
    c.unit = "ratio";
    c.mean = kMean[i];
    c.spread = kSd[i];
    c.model = best_r[i + 1];
    c.pass = best <= 1.0;
    c.note = "uniform slip = excursion; X scanned 1-40 mm, best " + num(best_x) + " mm (misfit " +
             num(best) + " SD); bond onset " + num(onset) + " mm";
    c.series = {{"scale_mm", xs},
                {"ratio_90", r90},
                {"ratio_120", r120},
                {"best_scale_mm", {best_x}},
                {"best_ratios", {best_r[1], best_r[2], best_r[3]}}};
    write_record(c);
  }
  std::printf(
      "[ measured ] SSCT E2/E1 at X = %.1f mm: %.3f %.3f %.3f (misfit %.2f SD; onset %.2f "
      "mm)\n",
      best_x, best_r[1], best_r[2], best_r[3], best, onset);
  // Below the onset the bond is elastic: no loss between the two ramps at 40 and 60%.
  EXPECT_NEAR(best_r[0], 1.0, 1e-9);
  EXPECT_NEAR(best_r[1], 1.0, 1e-9);
  // The best scale puts the 90% level just past the onset and 60% below it.
  EXPECT_GT(0.9 * best_x, onset);
  EXPECT_LT(0.6 * best_x, onset);
  // Open: the best fit is outside one SD (measured 1.03 SD).
  EXPECT_GT(best, 1.0);
  EXPECT_LT(best, 1.2);
}

}  // namespace
}  // namespace sinew::testing
