// Sweep expansion by load_study_text: grids (Cartesian product, order, names, overridden values,
// spec hashes) and Latin hypercubes (strata, seeds, zero-padded names).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "study_test_support.hpp"

namespace sinew::scenario {
namespace {

using testing::inline_model;

const std::string kArms = R"(arms:
  - name: art
    sessions:
      - {intervention: active_release, thumb_force: 50}
  - name: rest
    sessions:
      - {intervention: rest}
)";

StudySpec load(const std::string& text, bool check_models = true) {
  return load_study_text(text, "study.yaml", testing::registries(), check_models);
}

Real scar_adhesion(const ArmSpec& arm) { return arm.model.scars.at(0).properties.adhesion_density; }

const SessionPlan& session(const ArmSpec& arm, const std::string& name) {
  const auto it = std::find_if(arm.sessions.begin(), arm.sessions.end(),
                               [&](const SessionPlan& s) { return s.name == name; });
  if (it == arm.sessions.end()) throw std::runtime_error("no session " + name);
  return *it;
}

const std::string kGrid = inline_model() + kArms + R"(sweep:
  parameters:
    model.scars.midportion.adhesion_density: [0.5, 1.0]
    intervention.active_release.thumb_force: {from: 20, to: 60, count: 3}
)";

// The product of the values in file order; the thumb force multiplies only the arm with an
// active-release session (the rest arm gets the model parameter alone).
TEST(SweepExpansion, GridIsTheCartesianProductInFileOrder) {
  const auto study = load(kGrid);
  const std::vector<std::string> names{"art--adhesion_density_0.5--thumb_force_20",
                                       "art--adhesion_density_0.5--thumb_force_40",
                                       "art--adhesion_density_0.5--thumb_force_60",
                                       "art--adhesion_density_1--thumb_force_20",
                                       "art--adhesion_density_1--thumb_force_40",
                                       "art--adhesion_density_1--thumb_force_60",
                                       "rest--adhesion_density_0.5",
                                       "rest--adhesion_density_1"};
  ASSERT_EQ(study.arms.size(), names.size());
  const Real force[] = {20.0, 40.0, 60.0};
  for (size_t i = 0; i < names.size(); ++i) {
    const auto& arm = study.arms[i];
    SCOPED_TRACE(arm.name);
    EXPECT_EQ(arm.name, names[i]);
    EXPECT_EQ(arm.base_arm, i < 6 ? "art" : "rest");
    const Real d = i < 6 ? (i < 3 ? 0.5 : 1.0) : (i == 6 ? 0.5 : 1.0);
    EXPECT_DOUBLE_EQ(arm.sweep_values.at("model.scars.midportion.adhesion_density"), d);
    // The model override is in the arm's model and in the model it loads.
    EXPECT_DOUBLE_EQ(scar_adhesion(arm), d);
    // Other model values are untouched.
    EXPECT_EQ(arm.model.mesh.tendon_sheath.length, 20.0);
    ASSERT_EQ(arm.sessions.size(), 1u);
    if (i < 6) {
      ASSERT_EQ(arm.sweep_values.size(), 2u);
      const Real f = force[i % 3];
      EXPECT_DOUBLE_EQ(arm.sweep_values.at("intervention.active_release.thumb_force"), f);
      EXPECT_DOUBLE_EQ(session(arm, "active_release").parameters.at("thumb_force"), f);
    } else {
      EXPECT_EQ(arm.sweep_values.size(), 1u);
      EXPECT_EQ(arm.sessions[0].intervention, "rest");
    }
  }
  const auto def = study.arms[0].load_model(testing::material_registry());
  ASSERT_EQ(def.tissue.scars.size(), 1u);
  EXPECT_DOUBLE_EQ(def.tissue.scars[0].properties.adhesion_density, 0.5);
}

// `sweep.arms` limits the sweep to the arms it names; an unknown name is an error.
TEST(SweepExpansion, SweepArmsLimitsTheSweepToTheNamedArms) {
  const auto study = load(inline_model() + kArms + R"(sweep:
  arms: [rest]
  parameters:
    model.scars.midportion.adhesion_density: [0.5, 1.0]
)");
  ASSERT_EQ(study.arms.size(), 3u);
  EXPECT_EQ(study.arms[0].name, "art");
  EXPECT_TRUE(study.arms[0].sweep_values.empty());
  EXPECT_EQ(study.arms[1].name, "rest--adhesion_density_0.5");
  EXPECT_EQ(study.arms[2].name, "rest--adhesion_density_1");
  EXPECT_EQ(scar_adhesion(study.arms[2]), 1.0);
  try {
    load(inline_model() + kArms +
         "sweep:\n  arms: [rest, walk]\n  parameters:\n"
         "    model.scars.midportion.adhesion_density: [0.5]\n");
    FAIL() << "an unknown arm in sweep.arms was accepted";
  } catch (const InputErrors& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].key_path(), "sweep.arms");
    EXPECT_NE(e.errors()[0].message().find("unknown arm 'walk' (arms: art, rest)"),
              std::string::npos)
        << e.errors()[0].message();
  }
}

TEST(SweepExpansion, GridArmsHaveUniqueNamesAndStableDistinctHashes) {
  const auto first = load(kGrid);
  const auto second = load(kGrid);
  ASSERT_EQ(first.arms.size(), second.arms.size());
  std::set<std::string> names, hashes;
  for (size_t i = 0; i < first.arms.size(); ++i) {
    const auto& a = first.arms[i];
    names.insert(a.name);
    hashes.insert(a.spec_hash);
    EXPECT_EQ(a.spec_hash.size(), 16u);
    EXPECT_EQ(a.spec_hash.find_first_not_of("0123456789abcdef"), std::string::npos) << a.spec_hash;
    EXPECT_EQ(a.spec_hash, fnv1a_hex(a.spec_text));
    EXPECT_EQ(a.spec_text, second.arms[i].spec_text);
    EXPECT_EQ(a.spec_hash, second.arms[i].spec_hash);
  }
  EXPECT_EQ(names.size(), first.arms.size());
  EXPECT_EQ(hashes.size(), first.arms.size());
  // The hash follows the content: another thumb force gives another hash for the same name.
  std::string changed = kGrid;
  changed.replace(changed.find("thumb_force: 50"), 15, "thumb_force: 51");
  const auto third = load(changed);
  // The swept force overrides the arm's own value, so the art arms keep their hashes...
  EXPECT_EQ(third.arms[0].spec_hash, first.arms[0].spec_hash);
  // ... while a change of the model changes every hash.
  std::string remodelled = kGrid;
  remodelled.replace(remodelled.find("falloff: 0.5"), 12, "falloff: 0.6");
  const auto fourth = load(remodelled);
  for (size_t i = 0; i < first.arms.size(); ++i)
    EXPECT_NE(fourth.arms[i].spec_hash, first.arms[i].spec_hash) << first.arms[i].name;
}

// Names with 6 significant digits unless the values need more to stay apart; the model gets each
// value exactly as given.
TEST(SweepExpansion, ValuesThatPrintAlikeGetEnoughDigitsAndTheModelTheExactValue) {
  const auto study = load(inline_model() + R"(arms:
  - name: rest
    sessions: [{intervention: rest}]
sweep:
  parameters:
    model.scars.midportion.adhesion_density: [0.5000001, 0.5000002, 0.30000000000000004, 0.3]
)");
  ASSERT_EQ(study.arms.size(), 4u);
  EXPECT_EQ(study.arms[0].name, "rest--adhesion_density_0.5000001");
  EXPECT_EQ(study.arms[1].name, "rest--adhesion_density_0.5000002");
  EXPECT_EQ(study.arms[2].name, "rest--adhesion_density_0.30000000000000004");
  EXPECT_EQ(study.arms[3].name, "rest--adhesion_density_0.3");
  EXPECT_EQ(scar_adhesion(study.arms[0]), 0.5000001);
  EXPECT_EQ(scar_adhesion(study.arms[1]), 0.5000002);
  EXPECT_EQ(scar_adhesion(study.arms[2]), 0.30000000000000004);
  EXPECT_EQ(scar_adhesion(study.arms[3]), 0.3);
  // A range whose values are inexact in binary still gets short names, and exact values.
  const auto range = load(inline_model() + R"(arms:
  - name: rest
    sessions: [{intervention: rest}]
sweep:
  parameters:
    model.scars.midportion.adhesion_density: {from: 0.1, to: 0.7, count: 4}
)");
  ASSERT_EQ(range.arms.size(), 4u);
  EXPECT_EQ(range.arms[1].name, "rest--adhesion_density_0.3");
  EXPECT_EQ(scar_adhesion(range.arms[1]), 0.1 + (0.7 - 0.1) * 1 / 3);
}

TEST(SweepExpansion, EqualValuesGiveOneNameTwiceWhichIsAnError) {
  try {
    load(inline_model() + R"(arms:
  - name: rest
    sessions: [{intervention: rest}]
sweep:
  parameters:
    model.scars.midportion.adhesion_density: [0.5, 0.7, 0.5]
)");
    FAIL() << "equal sweep values must be an error";
  } catch (const InputErrors& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_NE(std::string(e.errors()[0].what())
                  .find("arm name 'rest--adhesion_density_0.5' is given to two arms"),
              std::string::npos)
        << e.errors()[0].what();
  }
}

TEST(SweepExpansion, NoSweepGivesOneArmPerArmWithThePlainName) {
  const auto study = load(inline_model() + kArms);
  ASSERT_EQ(study.arms.size(), 2u);
  EXPECT_EQ(study.arms[0].name, "art");
  EXPECT_EQ(study.arms[1].name, "rest");
  for (const auto& a : study.arms) {
    EXPECT_EQ(a.base_arm, a.name);
    EXPECT_TRUE(a.sweep_values.empty());
    EXPECT_DOUBLE_EQ(scar_adhesion(a), 1.0);
  }
  EXPECT_DOUBLE_EQ(session(study.arms[0], "active_release").parameters.at("thumb_force"), 50.0);
  EXPECT_NE(study.arms[0].spec_hash, study.arms[1].spec_hash);
}

TEST(SweepExpansion, ClashingLabelsUseTheWholePath) {
  const auto study = load(inline_model() + kArms + R"(sweep:
  parameters:
    model.interface.adhesion_density: [0, 0.25]
    model.scars.midportion.adhesion_density: [0.5]
)");
  ASSERT_EQ(study.arms.size(), 4u);
  EXPECT_EQ(study.arms[0].name,
            "art--interface.adhesion_density_0--scars.midportion.adhesion_density_0.5");
  EXPECT_EQ(study.arms[1].name,
            "art--interface.adhesion_density_0.25--scars.midportion.adhesion_density_0.5");
  EXPECT_EQ(study.arms[1].model.interface.adhesion_density, 0.25);
}

std::string lhs_study(int samples, int seed) {
  return inline_model() + kArms +
         "sweep:\n  mode: latin_hypercube\n  samples: " + std::to_string(samples) +
         "\n  seed: " + std::to_string(seed) + R"(
  parameters:
    model.scars.midportion.adhesion_density: {from: 0.2, to: 0.8}
    intervention.active_release.thumb_force: {from: 20, to: 60}
)";
}

// Each of the n strata [from + k (to - from)/n, from + (k+1) (to - from)/n) holds one value.
void expect_one_per_stratum(const std::vector<Real>& values, Real from, Real to) {
  const int n = static_cast<int>(values.size());
  std::vector<int> hits(static_cast<size_t>(n), 0);
  for (Real v : values) {
    int k = -1;
    for (int j = 0; j < n; ++j)
      if (v >= from + j * (to - from) / n && v < from + (j + 1) * (to - from) / n) k = j;
    ASSERT_GE(k, 0) << v << " lies outside [" << from << ", " << to << ")";
    ++hits[static_cast<size_t>(k)];
  }
  for (int j = 0; j < n; ++j) EXPECT_EQ(hits[static_cast<size_t>(j)], 1) << "stratum " << j;
}

TEST(SweepExpansion, LatinHypercubeHitsEveryStratumOnce) {
  const int n = 5;
  const auto study = load(lhs_study(n, 42));
  ASSERT_EQ(study.arms.size(), 2u * n);
  std::vector<Real> density, force;
  for (int i = 0; i < n; ++i) {
    const auto& arm = study.arms[static_cast<size_t>(i)];
    SCOPED_TRACE(arm.name);
    EXPECT_EQ(arm.name, "art--lhs" + std::to_string(i));
    EXPECT_EQ(study.arms[static_cast<size_t>(n + i)].name, "rest--lhs" + std::to_string(i));
    // Both base arms see the same sample points (the rest arm has no thumb force to sweep).
    auto shared = arm.sweep_values;
    shared.erase("intervention.active_release.thumb_force");
    EXPECT_EQ(study.arms[static_cast<size_t>(n + i)].sweep_values, shared);
    const Real d = arm.sweep_values.at("model.scars.midportion.adhesion_density");
    const Real f = arm.sweep_values.at("intervention.active_release.thumb_force");
    density.push_back(d);
    force.push_back(f);
    EXPECT_NEAR(scar_adhesion(arm), d, 1e-9);
    EXPECT_DOUBLE_EQ(session(arm, "active_release").parameters.at("thumb_force"), f);
  }
  expect_one_per_stratum(density, 0.2, 0.8);
  expect_one_per_stratum(force, 20.0, 60.0);
}

std::vector<std::map<std::string, Real>> lhs_values(int samples, int seed) {
  std::vector<std::map<std::string, Real>> out;
  for (const auto& a : load(lhs_study(samples, seed), false).arms) out.push_back(a.sweep_values);
  return out;
}

TEST(SweepExpansion, LatinHypercubeSeedDecidesTheSamples) {
  const auto a = lhs_values(8, 7), b = lhs_values(8, 7), c = lhs_values(8, 8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // Not merely reordered: the values themselves differ.
  std::set<Real> va, vc;
  const std::string force = "intervention.active_release.thumb_force";  // the art arms only
  for (const auto& m : a)
    if (m.count(force)) va.insert(m.at(force));
  for (const auto& m : c)
    if (m.count(force)) vc.insert(m.at(force));
  EXPECT_EQ(va.size(), 8u);
  EXPECT_NE(va, vc);
}

TEST(SweepExpansion, LatinHypercubeNamesArePaddedToTheLargestIndex) {
  {
    const auto study = load(lhs_study(12, 1), false);
    ASSERT_EQ(study.arms.size(), 24u);
    EXPECT_EQ(study.arms[0].name, "art--lhs00");
    EXPECT_EQ(study.arms[9].name, "art--lhs09");
    EXPECT_EQ(study.arms[11].name, "art--lhs11");
    EXPECT_EQ(study.arms[12].name, "rest--lhs00");
    std::vector<Real> force;
    for (size_t i = 0; i < 12; ++i)
      force.push_back(study.arms[i].sweep_values.at("intervention.active_release.thumb_force"));
    expect_one_per_stratum(force, 20.0, 60.0);
  }
  {
    // Ten samples: the largest index (9) has one digit, so no padding.
    const auto study = load(lhs_study(10, 1), false);
    ASSERT_EQ(study.arms.size(), 20u);
    EXPECT_EQ(study.arms[0].name, "art--lhs0");
    EXPECT_EQ(study.arms[9].name, "art--lhs9");
  }
  {
    const auto study = load(lhs_study(101, 3), false);
    ASSERT_EQ(study.arms.size(), 202u);
    EXPECT_EQ(study.arms[0].name, "art--lhs000");
    EXPECT_EQ(study.arms[100].name, "art--lhs100");
  }
}

TEST(SweepExpansion, TheExampleStudyExpandsToTwelveArms) {
  const std::string file = std::string(SINEW_SOURCE_DIR) + "/scenarios/achilles-interventions.yaml";
  const auto study = load_study(file, testing::registries());
  const std::vector<std::string> base{"rest",           "running", "eccentric",
                                      "static-stretch", "art",     "iastm"};
  ASSERT_EQ(study.arms.size(), 12u);
  for (size_t i = 0; i < study.arms.size(); ++i) {
    const auto& arm = study.arms[i];
    EXPECT_EQ(arm.name, base[i / 2] + (i % 2 ? "--adhesion_density_1" : "--adhesion_density_0.5"));
    EXPECT_DOUBLE_EQ(scar_adhesion(arm), i % 2 ? 1.0 : 0.5);
    const auto& m = arm.model;
    EXPECT_EQ(m.mesh.tendon_sheath.axial_divisions, 12);  // model.set
    EXPECT_EQ(m.tissue.probes.force, 500.0);              // probes.force
    EXPECT_EQ(m.tissue.probes.force_increments, 3);
  }
  EXPECT_EQ(study.results_path,
            (std::filesystem::path(SINEW_SOURCE_DIR) / "out/achilles-interventions.h5")
                .lexically_normal()
                .string());
}

TEST(Fnv1a, KnownValues) {
  EXPECT_EQ(fnv1a_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a_hex("foobar"), "85944171f73967e8");
}

}  // namespace
}  // namespace sinew::scenario
