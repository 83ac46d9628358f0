// Study behind docs/validation.md open items 1-2: the healthy Achilles model's strain at 3.5 kN,
// modulus and first fibre damage toward 7 kN under the alternative tendon laws and sourced
// parameter choices of the open items' table. Disabled (about 4 min of one core); run with
//   tests/validation --gtest_also_run_disabled_tests --gtest_filter='*AchillesAlternatives*'
#include <gtest/gtest.h>

#include <cstdio>
#include <utility>
#include <vector>

#include "achilles_models.hpp"

namespace sinew::testing {
namespace {

using Edits = std::vector<std::pair<std::string, std::string>>;

struct Alternative {
  const char* name;
  Edits edits;        ///< regex -> replacement on the model text
  Real strain;        ///< % at 3.5 kN, as measured (docs/validation.md)
  Real modulus;       ///< MPa over 1.75-3.5 kN
  Real first_damage;  ///< kN, first damaged 0.5 kN increment; 0 = none up to 7 kN
};

// hgo-coupled is not uncoupled, so it runs on standard elements (mean dilatation needs the split).
const Edits kCoupled = {{R"(type: hgo\n)", "type: hgo-coupled\n"},
                        {R"(formulation: mean-dilatation)", "formulation: standard"}};

Edits with(Edits base, const Edits& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

std::string edited(std::string text, const Edits& edits) {
  for (const auto& [pattern, replacement] : edits) text = substitute(text, pattern, replacement);
  return text;
}

// k1 is scaled by the target linear-region modulus over the fit's 1 GPa (Maganaris & Paul 1999):
// 1.16 +- 0.15 GPa (Maganaris & Paul 2002), 788 MPa (free Achilles tendon, Magnusson et al.
// 2003); the 73 mm^2 section is Magnusson et al. 2003's (semi-axes x sqrt(73 / 57)); the onset
// 1.087 is the top of the yield strain 6.8-8.7% (Haraldsson et al. 2005).
std::vector<Alternative> alternatives() {
  const Edits k1_116 = {{R"(k1: 141\.0)", "k1: 163.6"}};
  const Edits k1_131 = {{R"(k1: 141\.0)", "k1: 184.7"}};
  const Edits k1_079 = {{R"(k1: 141\.0)", "k1: 111.1"}};
  const Edits a73 = {{R"(semi_axes: \[7\.35, 2\.45\])", "semi_axes: [8.318, 2.773]"}};
  const Edits onset = {{R"(damage_onset_stretch: 1\.068)", "damage_onset_stretch: 1.087"}};
  const Edits k100 = {{R"(k: 1000\.0)", "k: 100.0"}};
  const Edits k10000 = {{R"(k: 1000\.0)", "k: 10000.0"}};
  return {
      {"hgo, k 1000 (shipped)", {}, 7.69, 1110, 3.0},
      {"hgo, k 10000", k10000, 6.88, 1306, 2.5},
      {"hgo-coupled, k 100", with(kCoupled, k100), 6.87, 1311, 3.5},
      {"hgo-coupled, k 1000", kCoupled, 6.79, 1312, 3.5},
      {"hgo-coupled, k 10000", with(kCoupled, k10000), 6.39, 1360, 3.5},
      {"coupled, k1 x 1.16", with(kCoupled, k1_116), 6.26, 1357, 4.0},
      {"coupled, k1 x 1.31", with(kCoupled, k1_131), 5.83, 1404, 4.5},
      {"coupled, k1 x 0.788", with(kCoupled, k1_079), 7.82, 1199, 3.0},
      {"coupled, 73 mm^2", with(kCoupled, a73), 5.89, 1091, 4.5},
      {"coupled, onset 1.087", with(kCoupled, onset), 6.78, 1313, 6.0},
      {"coupled, 73 mm^2, k1 x 1.31, onset 1.087", with(with(kCoupled, a73), with(k1_131, onset)),
       4.97, 1204, 0.0},
  };
}

TEST(Validation, DISABLED_AchillesAlternatives) {
  for (const auto& a : alternatives()) {
    const auto mvc = run_ramp(edited(coarse_achilles("achilles-healthy", 3500.0, 10), a.edits),
                              "tendon", "tendon_distal", "tendon_proximal", kAchillesLength);
    ASSERT_TRUE(mvc.completed) << a.name << ": " << mvc.failure;
    const auto peak = run_ramp(edited(coarse_achilles("achilles-healthy", 7000.0, 14), a.edits),
                               "tendon", "tendon_distal", "tendon_proximal", kAchillesLength, true);
    Real first = 0.0;  // kN; 0 when no increment up to 7 kN is damaged
    for (const auto& p : peak.points)
      if (p.max_damage > 0.0) {
        first = p.force / 1000.0;
        break;
      }
    const Real strain = 100.0 * strain_at(mvc, 3500.0);
    const Real modulus = upper_region_modulus(mvc, 0.5);
    std::printf("[ measured ] %-42s strain %.2f%%, modulus %.0f MPa, first damage %.1f kN\n",
                a.name, strain, modulus, first);
    EXPECT_NEAR(strain, a.strain, 0.01) << a.name;
    EXPECT_NEAR(modulus, a.modulus, 1.0) << a.name;
    EXPECT_NEAR(first, a.first_damage, 1e-3) << a.name;
    if (a.first_damage == 0.0) {
      EXPECT_NEAR(peak.points.back().force, 7000.0, 1.0) << a.name;
    }
  }
}

}  // namespace
}  // namespace sinew::testing
