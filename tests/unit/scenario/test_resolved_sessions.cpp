// Resolved arms: every intervention parameter filled in (defaults from the registry), session
// names, load cases and cycle counts of the created interventions, loading/probe/output
// settings, and the canonical spec text that identifies an arm.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "study_test_support.hpp"

namespace sinew::scenario {
namespace {

using testing::inline_model;

const std::string kAllInterventions = R"(loading:
  bed_stiffness: 0.02
arms:
  - name: all
    sessions:
      - {intervention: rest}
      - {intervention: running, body_mass: 60, simulated_cycles: 3}
      - {intervention: eccentric, simulated_repetitions: 4}
      - {intervention: static_stretch, simulated_repetitions: 2}
      - {intervention: active_release, simulated_passes: 2}
      - {intervention: instrument_mobilisation, simulated_passes: 3}
      - {intervention: progressive_strengthening, levels: 5}
      - {intervention: running, name: cool-down, duration: 10}
      - {intervention: running}
)";

StudySpec load_all() {
  return load_study_text(inline_model() + kAllInterventions, "study.yaml", testing::registries());
}

TEST(ResolvedSessions, NamesInterventionsAndEveryParameter) {
  const auto study = load_all();
  ASSERT_EQ(study.arms.size(), 1u);
  const auto& arm = study.arms[0];
  const std::vector<std::string> names{"rest",
                                       "running",
                                       "eccentric",
                                       "static_stretch",
                                       "active_release",
                                       "instrument_mobilisation",
                                       "progressive_strengthening",
                                       "cool-down",
                                       "running-2"};
  ASSERT_EQ(arm.sessions.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    const auto& s = arm.sessions[i];
    SCOPED_TRACE(s.name);
    EXPECT_EQ(s.name, names[i]);
    ASSERT_NE(s.impl, nullptr);
    // Exactly the declared parameters, each within its range.
    const auto& specs = testing::intervention_registry().entry(s.intervention).parameters;
    ASSERT_EQ(s.parameters.size(), specs.size());
    for (const auto& p : specs) {
      ASSERT_EQ(s.parameters.count(p.name), 1u) << p.name;
      EXPECT_TRUE(p.accepts(s.parameters.at(p.name))) << p.name;
    }
  }
  EXPECT_EQ(arm.sessions[7].intervention, "running");
  EXPECT_EQ(arm.sessions[8].intervention, "running");
  EXPECT_DOUBLE_EQ(arm.bed_stiffness, 0.02);
}

TEST(ResolvedSessions, DefaultsAreFilledIn) {
  const auto study = load_all();
  const auto& arm = study.arms[0];
  const auto& run = arm.sessions[1].parameters;
  EXPECT_DOUBLE_EQ(run.at("body_mass"), 60.0);  // given
  EXPECT_DOUBLE_EQ(run.at("cadence"), 170.0);   // defaults
  EXPECT_DOUBLE_EQ(run.at("force_multiple"), 6.0);
  EXPECT_DOUBLE_EQ(run.at("duration"), 30.0);
  EXPECT_DOUBLE_EQ(run.at("simulated_cycles"), 3.0);
  EXPECT_DOUBLE_EQ(run.at("increments"), 8.0);
  EXPECT_DOUBLE_EQ(arm.sessions[0].parameters.at("days"), 7.0);
  const auto& art = arm.sessions[4].parameters;
  EXPECT_DOUBLE_EQ(art.at("thumb_force"), 50.0);
  EXPECT_DOUBLE_EQ(art.at("passes"), 30.0);
  EXPECT_DOUBLE_EQ(art.at("position"), 0.0);
  const auto& iastm = arm.sessions[5].parameters;
  EXPECT_DOUBLE_EQ(iastm.at("stroke_start"), -15.0);
  EXPECT_DOUBLE_EQ(iastm.at("stroke_end"), 15.0);
  EXPECT_DOUBLE_EQ(arm.sessions[6].parameters.at("start_force"), 1000.0);
  EXPECT_DOUBLE_EQ(arm.sessions[7].parameters.at("duration"), 10.0);
  EXPECT_DOUBLE_EQ(arm.sessions[8].parameters.at("body_mass"), 70.0);
  // Everything not given is the registry default.
  for (const auto& s : arm.sessions)
    for (const auto& p : testing::intervention_registry().entry(s.intervention).parameters)
      if (s.name == "running-2") {
        EXPECT_DOUBLE_EQ(s.parameters.at(p.name), *p.default_value);
      }
}

TEST(ResolvedSessions, LoadCasesFollowTheSimulatedCounts) {
  const auto study = load_all();
  const auto& arm = study.arms[0];
  const std::vector<size_t> cases{0, 3, 4, 2, 2, 3, 5, 1, 1};
  ASSERT_EQ(arm.sessions.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto& s = arm.sessions[i];
    SCOPED_TRACE(s.name);
    const auto lc = s.impl->load_cases();
    EXPECT_EQ(lc.size(), cases[i]);
    const char* simulated = s.intervention == "running"                   ? "simulated_cycles"
                            : s.intervention == "eccentric"               ? "simulated_repetitions"
                            : s.intervention == "static_stretch"          ? "simulated_repetitions"
                            : s.intervention == "active_release"          ? "simulated_passes"
                            : s.intervention == "instrument_mobilisation" ? "simulated_passes"
                            : s.intervention == "progressive_strengthening" ? "levels"
                                                                            : nullptr;
    if (simulated) {
      EXPECT_EQ(static_cast<Real>(lc.size()), s.parameters.at(simulated));
    }
    for (const auto& c : lc)
      EXPECT_EQ(static_cast<Real>(c.increments), s.parameters.at("increments")) << c.name;
  }
  // Cycle counts from the parameters: cadence x duration / 2 for running, sets x repetitions.
  EXPECT_EQ(arm.sessions[0].impl->cycles(), 0);
  EXPECT_EQ(arm.sessions[1].impl->cycles(), 2550);  // 170 x 30 / 2
  EXPECT_EQ(arm.sessions[2].impl->cycles(), 45);    // 3 x 15
  EXPECT_EQ(arm.sessions[4].impl->cycles(), 30);
  EXPECT_EQ(arm.sessions[6].impl->cycles(), 75);   // 5 levels x 15
  EXPECT_EQ(arm.sessions[7].impl->cycles(), 850);  // 170 x 10 / 2
  // Peak force of a running session: body mass x g x multiple.
  EXPECT_NEAR(arm.sessions[1].impl->load_cases()[0].axial_force, 60 * 9.81 * 6, 1e-9);
}

// The `key = value` lines of an arm's canonical text.
std::map<std::string, std::string> spec_lines(const std::string& text) {
  std::map<std::string, std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find(" = ");
    EXPECT_NE(eq, std::string::npos) << line;
    if (eq != std::string::npos) {
      EXPECT_TRUE(lines.emplace(line.substr(0, eq), line.substr(eq + 3)).second) << line;
    }
  }
  return lines;
}

TEST(ResolvedSessions, SpecTextHoldsEveryParameter) {
  const auto study = load_all();
  const auto& arm = study.arms[0];
  const auto spec = spec_lines(arm.spec_text);
  EXPECT_EQ(spec.at("arm"), "all");
  EXPECT_EQ(spec.at("base_arm"), "all");
  EXPECT_EQ(std::stod(spec.at("loading.bed_stiffness")), 0.02);
  for (size_t i = 0; i < arm.sessions.size(); ++i) {
    const auto& s = arm.sessions[i];
    const std::string key = "sessions[" + std::to_string(i) + "].";
    SCOPED_TRACE(s.name);
    EXPECT_EQ(spec.at(key + "name"), s.name);
    EXPECT_EQ(spec.at(key + "intervention"), s.intervention);
    for (const auto& [k, v] : s.parameters) {
      ASSERT_TRUE(spec.count(key + k)) << k;
      EXPECT_EQ(std::stod(spec.at(key + k)), v) << k;  // shortest round trip: exact
    }
  }
  EXPECT_FALSE(spec.count("sessions[" + std::to_string(arm.sessions.size()) + "].name"));
  // The model is part of the identity, defaults written out.
  EXPECT_EQ(spec.at("model.mesh.generator"), "\"tendon_sheath\"");
  EXPECT_TRUE(spec.count("model.solver.residual_tolerance"));
  EXPECT_EQ(arm.spec_hash, fnv1a_hex(arm.spec_text));
}

TEST(ResolvedSessions, ProbeSettingsReachTheModel) {
  // The inline model has no `tissue` section: the probe settings create it.
  const auto study = load_study_text(inline_model() + R"(probes:
  force: 300
  excursion: 0.25
  increments: 4
arms:
  - name: a
    sessions: [{intervention: rest}]
)",
                                     "study.yaml", testing::registries());
  ASSERT_EQ(study.arms.size(), 1u);
  const auto& m = study.arms[0].model;
  EXPECT_EQ(m.tissue.probes.force, 300.0);
  EXPECT_EQ(m.tissue.probes.excursion, 0.25);
  EXPECT_EQ(m.tissue.probes.force_increments, 4);
  EXPECT_EQ(m.tissue.probes.excursion_increments, 4);
  const auto def = study.arms[0].load_model(testing::material_registry());
  EXPECT_DOUBLE_EQ(def.tissue.probes.force, 300.0);
  EXPECT_DOUBLE_EQ(def.tissue.probes.excursion, 0.25);
}

TEST(ResolvedSessions, TheGlidingProbeCountsItsOwnIncrements) {
  // excursion_increments overrides the shared count for the gliding probe alone, whichever
  // of the two keys comes first in the file.
  for (const char* probes : {"probes: {increments: 3, excursion_increments: 20}\n",
                             "probes: {excursion_increments: 20, increments: 3}\n"}) {
    const auto study = load_study_text(inline_model() + probes + R"(arms:
  - name: a
    sessions: [{intervention: rest}]
)",
                                       "study.yaml", testing::registries());
    ASSERT_EQ(study.arms.size(), 1u);
    const auto def = study.arms[0].load_model(testing::material_registry());
    EXPECT_EQ(def.tissue.probes.force_increments, 3) << probes;
    EXPECT_EQ(def.tissue.probes.excursion_increments, 20) << probes;
  }
}

TEST(ResolvedSessions, ModelSetOverridesAndOutputPath) {
  testing::TempDir dir;
  dir.write("models/m.yaml", testing::kModel);
  const std::string file = dir.write("studies/s.yaml", R"(model:
  file: ../models/m.yaml
  set:
    mesh.divisions.axial: 6
    scars.midportion.falloff: 0.25
arms:
  - name: a
    sessions: [{intervention: rest}]
output: {file: ../out/run.h5, every: 2, vtk: false}
)");
  const auto study = load_study(file, testing::registries());
  ASSERT_EQ(study.arms.size(), 1u);
  const auto& m = study.arms[0].model;
  EXPECT_EQ(m.mesh.tendon_sheath.axial_divisions, 6);
  EXPECT_EQ(m.scars.at(0).falloff, 0.25);
  EXPECT_EQ(m.mesh.tendon_sheath.core_divisions, 2);
  EXPECT_EQ(study.output.file, "../out/run.h5");
  EXPECT_EQ(study.output.every, 2);
  EXPECT_FALSE(study.output.vtk);
  EXPECT_EQ(study.results_path, (dir.path() / "out/run.h5").string());
}

}  // namespace
}  // namespace sinew::scenario
