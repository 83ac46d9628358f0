// Validation: the tendinopathic Achilles model against the healthy one (scenarios/models/
// achilles-tendinopathic.yaml, achilles-healthy.yaml): the signs of the in-vivo differences.
#include <gtest/gtest.h>

#include <cstdio>

#include "achilles_models.hpp"

namespace sinew::testing {
namespace {

// Arya & Kulig 2010 (J Appl Physiol 108:670) and the meta-analysis of Obst et al. 2018 (Sports
// Med 48:2179): tendinopathic Achilles tendons have a larger cross-section, a lower modulus and
// a higher strain than healthy ones. Both models are ramped to the same force, 1.75 kN (50%
// MVC, the tendinopathic model's load); modulus as in the Maganaris & Paul case (upper half of
// the ramp, x L / A of each model's own section), strain at 1.75 kN.
TEST(Validation, TendinopathySignsAryaKulig2010Obst2018) {
  const Real force = 1750.0;
  const auto healthy = achilles_ramp("achilles-healthy", force, 8);
  const auto sick = achilles_ramp("achilles-tendinopathic", force, 8);
  ASSERT_TRUE(healthy.completed) << healthy.failure;
  ASSERT_TRUE(sick.completed) << sick.failure;
  const Real area_ratio = sick.area / healthy.area;
  const Real modulus_ratio = upper_region_modulus(sick, 0.5) / upper_region_modulus(healthy, 0.5);
  const Real strain_ratio = strain_at(sick, force) / strain_at(healthy, force);

  const struct {
    const char* id;
    const char* quantity;
    Real ratio;
    bool up;
  } signs[] = {
      {"tendinopathy-csa", "CSA, tendinopathic / healthy", area_ratio, true},
      {"tendinopathy-modulus", "modulus, tendinopathic / healthy", modulus_ratio, false},
      {"tendinopathy-strain", "strain at 1.75 kN, tendinopathic / healthy", strain_ratio, true}};
  for (const auto& s : signs) {
    CaseRecord c;
    c.id = s.id;
    c.title = "Tendinopathy: " + std::string(s.quantity);
    c.source = "Arya & Kulig 2010; Obst et al. 2018";
    c.quantity = s.quantity;
    c.unit = "ratio";
    c.expected = s.up ? "> 1 (higher in tendinopathy)" : "< 1 (lower in tendinopathy)";
    c.model = s.ratio;
    c.pass = s.up ? s.ratio > 1.0 : s.ratio < 1.0;
    add_ramp_series(c, healthy, "healthy ");
    add_ramp_series(c, sick, "tendinopathic ");
    write_record(c);
  }
  std::printf("[ measured ] CSA ratio %.3f, modulus ratio %.3f, strain ratio %.3f\n", area_ratio,
              modulus_ratio, strain_ratio);
  EXPECT_GT(area_ratio, 1.0);
  EXPECT_LT(modulus_ratio, 1.0);
  EXPECT_GT(strain_ratio, 1.0);
}

}  // namespace
}  // namespace sinew::testing
