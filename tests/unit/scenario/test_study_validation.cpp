// Validation of study files by load_study_text: one test per kind of mistake, each checking the
// file:line:column, the key path, the bad value and what is allowed; and that several mistakes
// in one file are reported together.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "study_test_support.hpp"

namespace sinew::scenario {
namespace {

using testing::column_of;
using testing::errors_of;
using testing::expect_error;
using testing::expect_single_error;
using testing::inline_model;
using testing::line_of;
using testing::TempDir;

const std::string kArms = R"(arms:
  - name: a
    sessions:
      - {intervention: active_release, thumb_force: 40}
)";

// A valid study with the inline model (the baseline every mistake is made in).
std::string valid_study() { return "description: baseline\n" + inline_model() + kArms; }

TEST(StudyValidation, BaselineStudyLoads) {
  const auto study = load_study_text(valid_study(), "study.yaml", testing::registries());
  ASSERT_EQ(study.arms.size(), 1u);
  EXPECT_EQ(study.arms[0].name, "a");
  EXPECT_EQ(study.description, "baseline");
  EXPECT_EQ(study.output.file, "results.h5");
}

TEST(StudyValidation, UnknownTopLevelKey) {
  const std::string text = valid_study() + "outputs: {file: r.h5}\n";
  expect_single_error(errors_of(text),
                      {"study.yaml",
                       line_of(text, "outputs:"),
                       1,
                       "outputs",
                       {"unknown key 'outputs'",
                        "allowed: description, model, loading, probes, arms, sweep, output"}});
}

TEST(StudyValidation, UnknownSessionParameter) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions:
      - {intervention: active_release, thumb_forse: 40}
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "thumb_forse"),
                                        column_of(text, "thumb_forse"),
                                        "arms[0].sessions[0].thumb_forse",
                                        {"unknown key 'thumb_forse'",
                                         "allowed: intervention, name, thumb_force, contact_length",
                                         "simulated_passes"}});
}

TEST(StudyValidation, StringWhereANumberIsExpected) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions:
      - intervention: active_release
        thumb_force: strong
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "thumb_force: strong"),
                                        column_of(text, "strong"),
                                        "arms[0].sessions[0].thumb_force",
                                        {"expected a number", "'strong'"}});
}

TEST(StudyValidation, InterventionParameterOutOfRange) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions:
      - {intervention: active_release, thumb_force: -5}
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "thumb_force: -5"),
                                        column_of(text, "-5"),
                                        "arms[0].sessions[0].thumb_force",
                                        {"value -5 is out of range", "allowed (0, 500] N"}});
}

TEST(StudyValidation, NonWholeCount) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions:
      - {intervention: active_release, passes: 2.5}
)";
  expect_single_error(errors_of(text),
                      {"study.yaml",
                       line_of(text, "passes: 2.5"),
                       column_of(text, "2.5"),
                       "arms[0].sessions[0].passes",
                       {"value 2.5 is out of range", "a whole number in [1, 10000]"}});
}

TEST(StudyValidation, UnknownInterventionListsTheAllowedNames) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions:
      - {intervention: massage, minutes: 10}
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "massage"),
                                        column_of(text, "massage"),
                                        "arms[0].sessions[0].intervention",
                                        {"'massage' is not allowed", "active_release", "eccentric",
                                         "instrument_mobilisation", "progressive_strengthening",
                                         "rest", "running", "static_stretch"}});
}

TEST(StudyValidation, UnknownPressSideListsTheAllowedSides) {
  const std::string text =
      inline_model() + "loading: {bed_stiffness: 0.02, press_side: up}\n" + kArms;
  expect_single_error(errors_of(text),
                      {"study.yaml",
                       line_of(text, "press_side: up"),
                       column_of(text, "up}"),
                       "loading.press_side",
                       {"'up' is not allowed", "auto", "scar", "+y", "-y", "+z", "-z"}});
}

TEST(StudyValidation, PressSideIsReadIntoEveryArm) {
  for (const std::string side : {"-y", "scar"}) {
    const std::string text = inline_model() + "loading: {press_side: '" + side + "'}\n" + kArms;
    const auto study = load_study_text(text, "study.yaml", testing::registries());
    ASSERT_EQ(study.arms.size(), 1u);
    EXPECT_EQ(study.arms[0].press_side, side);
    // Part of the arm's identity when set, absent (the earlier hashes) by default.
    EXPECT_NE(study.arms[0].spec_text.find("loading.press_side = " + side), std::string::npos);
  }
  const auto plain = load_study_text(valid_study(), "study.yaml", testing::registries());
  EXPECT_EQ(plain.arms[0].press_side, "auto");
  EXPECT_EQ(plain.arms[0].spec_text.find("press_side"), std::string::npos);
}

TEST(StudyValidation, MissingArms) {
  const std::string text = "description: no arms\n" + inline_model();
  // A missing key is reported where its parent (the document) starts.
  expect_single_error(errors_of(text), {"study.yaml", 1, 1, "arms", {"missing required key"}});
}

TEST(StudyValidation, EmptyArmsList) {
  const std::string text = inline_model() + "arms: []\n";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "arms: []"),
                                        column_of(text, "[]"),
                                        "arms",
                                        {"at least one arm"}});
}

TEST(StudyValidation, DuplicateArmName) {
  const std::string text = inline_model() + R"(arms:
  - name: a
    sessions: [{intervention: rest}]
  - name: b
    sessions: [{intervention: rest}]
  - name: a
    sessions: [{intervention: running}]
)";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u) << testing::all_messages(errors);
  // The second "  - name: a" line: the 6th line after the model.
  const int line = line_of(text, "name: b") + 2;
  expect_error(
      errors[0],
      {"study.yaml", line, 11, "arms[2].name", {"value 'a'", "another arm has this name"}});
}

TEST(StudyValidation, InvalidArmNameCharacters) {
  const std::string text = inline_model() + R"(arms:
  - name: "bad name/1"
    sessions: [{intervention: rest}]
)";
  expect_single_error(errors_of(text),
                      {"study.yaml",
                       line_of(text, "bad name/1"),
                       column_of(text, "\"bad"),
                       "arms[0].name",
                       {"value 'bad name/1'", "letters, digits, '_', '.' and '-' only"}});
}

TEST(StudyValidation, MissingModelFile) {
  TempDir dir;
  const std::string text = "model:\n  file: models/none.yaml\n" + kArms;
  const std::string file = (dir.path() / "study.yaml").string();
  const auto errors = errors_of(text, file);
  const std::string missing = (dir.path() / "models/none.yaml").string();
  expect_single_error(errors, {file, 2, 9, "model.file", {"'" + missing + "'", "does not exist"}});
}

TEST(StudyValidation, ModelFileIsResolvedAgainstTheStudyFolder) {
  TempDir dir;
  dir.write("models/m.yaml", testing::kModel);
  const std::string text = "model: models/m.yaml\n" + kArms;
  const std::string file = dir.write("study.yaml", text);
  const auto study = load_study(file, testing::registries());
  ASSERT_EQ(study.arms.size(), 1u);
  EXPECT_EQ(study.arms[0].model.source, (dir.path() / "models/m.yaml").string());
  EXPECT_EQ(study.arms[0].model.mesh.generator, "tendon_sheath");
}

TEST(StudyValidation, ErrorInsideTheInlineModel) {
  const std::string text = inline_model("E: 0.5", "E: -2") + kArms;
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u) << testing::all_messages(errors);
  expect_error(errors[0], {"study.yaml",
                           line_of(text, "E: -2"),
                           column_of(text, "-2"),
                           "model.materials.paratenon.E",
                           {"-2", "> 0"}});
}

TEST(StudyValidation, ErrorInsideAModelFileNamesTheModelFile) {
  TempDir dir;
  std::string model = testing::kModel;
  model.replace(model.find("nu: 0.45"), 8, "nu: 0.7");
  const std::string model_file = dir.write("m.yaml", model);
  const std::string text = "model: m.yaml\n" + kArms;
  const auto errors = errors_of(text, (dir.path() / "study.yaml").string());
  expect_single_error(errors, {model_file,
                               line_of(model, "nu: 0.7"),
                               column_of(model, "0.7"),
                               "materials.paratenon.nu",
                               {"0.7", "0.5"}});
}

TEST(StudyValidation, ModelSetPathThatDoesNotExist) {
  TempDir dir;
  dir.write("m.yaml", testing::kModel);
  const std::string text = R"(model:
  file: m.yaml
  set:
    mesh.divisions.axial: 6
    mesh.divisons.core: 3
)" + kArms;
  const std::string file = (dir.path() / "study.yaml").string();
  expect_single_error(errors_of(text, file),
                      {file,
                       5,
                       25,
                       "model.set.mesh.divisons.core",
                       {"cannot set 'mesh.divisons.core'", "no key 'divisons' in 'mesh'",
                        "keys there:", "divisions"}});
}

// A value the model rejects (a key it does not have, a value out of range) is reported at the `set`
// entry of the study, not at the model file's line of the value it replaced.
TEST(StudyValidation, ModelSetValueTheModelRejectsIsReportedAtTheSetEntry) {
  TempDir dir;
  dir.write("m.yaml", testing::kModel);
  const std::string file = (dir.path() / "study.yaml").string();
  const std::string out_of_range = R"(model:
  file: m.yaml
  set:
    scars.midportion.adhesion_density: 2
)" + kArms;
  expect_single_error(errors_of(out_of_range, file),
                      {file,
                       4,
                       40,
                       "model.set.scars.midportion.adhesion_density",
                       {"value 2 is out of range", "allowed [0, 1]"}});
  const std::string new_key = R"(model:
  file: m.yaml
  set:
    mesh.divisions.axiel: 6
)" + kArms;
  expect_single_error(errors_of(new_key, file),
                      {file, 4, 27, "model.set.mesh.divisions.axiel", {"no key 'axiel'", "axial"}});
}

// 1000 x 1000 x 1000 grid points are refused before any arm is made (not after using all memory).
TEST(StudyValidation, ASweepOfTooManyArmsIsRefusedUpFront) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    model.scars.midportion.adhesion_density: {from: 0, to: 1, count: 1000}
    model.scars.midportion.falloff: {from: 0.1, to: 1, count: 1000}
    model.interface.adhesion_density: {from: 0, to: 1, count: 1000}
)";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u) << testing::all_messages(errors);
  EXPECT_EQ(errors[0].key_path(), "sweep");
  EXPECT_NE(errors[0].message().find("the sweep makes 1e+09 points"), std::string::npos)
      << errors[0].message();
  EXPECT_NE(errors[0].message().find("at most 100000"), std::string::npos) << errors[0].message();
}

TEST(StudyValidation, SweepPathWithABadPrefix) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    scars.midportion.adhesion_density: [0.5, 1.0]
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "scars.midportion.adhesion_density:"),
                                        column_of(text, "[0.5, 1.0]"),
                                        "sweep.parameters.scars.midportion.adhesion_density",
                                        {"'scars.midportion.adhesion_density'",
                                         "must start with 'model.' or 'intervention.<name>.'"}});
}

TEST(StudyValidation, SweepPathIntoTheModelThatDoesNotExist) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    model.scars.apical.adhesion_density: [0.5, 1.0]
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "model.scars.apical"),
                                        column_of(text, "[0.5, 1.0]"),
                                        "sweep.parameters.model.scars.apical.adhesion_density",
                                        {"cannot set 'model.scars.apical.adhesion_density'",
                                         "no key 'apical' in 'scars' (keys there: midportion)"}});
}

TEST(StudyValidation, SweepValueOutOfRangeForTheModelNamesTheArm) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    model.scars.midportion.adhesion_density: [0.5, 1.5]
)";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "model.scars.midportion"),
                                        column_of(text, "[0.5, 1.5]"),
                                        "sweep.parameters.model.scars.midportion.adhesion_density",
                                        {"arm 'a--adhesion_density_1.5'",
                                         "value 1.5 is out of range", "allowed [0, 1]"}});
}

TEST(StudyValidation, SweepOverAnInterventionParameterOutOfRange) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    intervention.active_release.thumb_force: [20, 600]
)";
  expect_single_error(errors_of(text),
                      {"study.yaml",
                       line_of(text, "intervention.active_release"),
                       column_of(text, "[20, 600]"),
                       "sweep.parameters.intervention.active_release.thumb_force",
                       {"value 600 is out of range", "'thumb_force'", "allowed (0, 500] N"}});
}

TEST(StudyValidation, SweepOverAnUnknownInterventionOrParameter) {
  const std::string text = valid_study() + R"(sweep:
  parameters:
    intervention.massage.minutes: [5, 10]
    intervention.active_release.thumb_forse: [20, 30]
)";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 2u) << testing::all_messages(errors);
  expect_error(errors[0], {"study.yaml",
                           line_of(text, "massage"),
                           column_of(text, "[5, 10]"),
                           "sweep.parameters.intervention.massage.minutes",
                           {"'massage'", "active_release", "static_stretch"}});
  expect_error(errors[1], {"study.yaml",
                           line_of(text, "thumb_forse"),
                           column_of(text, "[20, 30]"),
                           "sweep.parameters.intervention.active_release.thumb_forse",
                           {"no parameter 'thumb_forse'", "thumb_force"}});
}

TEST(StudyValidation, OutputFileNotEndingInH5) {
  const std::string text = valid_study() + "output:\n  file: results.hdf\n";
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "results.hdf"),
                                        9,
                                        "output.file",
                                        {"value 'results.hdf'", "must end in .h5"}});
}

TEST(StudyValidation, LatinHypercubeWithoutSamples) {
  const std::string text = valid_study() + R"(sweep:
  mode: latin_hypercube
  parameters:
    model.scars.midportion.adhesion_density: {from: 0, to: 1}
)";
  // Missing: reported at its parent, the sweep mapping (its first key).
  expect_single_error(errors_of(text), {"study.yaml",
                                        line_of(text, "mode: latin_hypercube"),
                                        3,
                                        "sweep.samples",
                                        {"missing required key"}});
}

TEST(StudyValidation, SeveralMistakesAreAllReportedAtOnce) {
  const std::string text = "descriptoin: typo\n" + inline_model("E: 0.5", "E: 0") + R"(arms:
  - name: a
    sessions:
      - {intervention: running, cadence: 0}
      - {intervention: eccentric, sets: 2.5, tempo: 3}
  - name: a
    sessions: [{intervention: rest}]
  - name: c
    sessions: []
output: {file: out.txt, every: 0}
)";
  const auto errors = errors_of(text);
  const std::string all = testing::all_messages(errors);
  struct Want {
    std::string key, needle;
  };
  const std::vector<Want> want{
      {"descriptoin", "descriptoin:"},
      {"model.materials.paratenon.E", "E: 0"},
      {"arms[0].sessions[0].cadence", "cadence: 0"},
      {"arms[0].sessions[1].sets", "sets: 2.5"},
      {"arms[0].sessions[1].tempo", "tempo: 3"},
      {"arms[1].name", "  - name: a\n    sessions: [{intervention: rest}]"},
      {"arms[2].sessions", "sessions: []"},
      {"output.file", "out.txt"},
      {"output.every", "every: 0"},
  };
  EXPECT_EQ(errors.size(), want.size()) << all;
  for (const auto& w : want) {
    SCOPED_TRACE(w.key);
    const auto it = std::find_if(errors.begin(), errors.end(),
                                 [&](const InputError& e) { return e.key_path() == w.key; });
    ASSERT_NE(it, errors.end()) << all;
    EXPECT_EQ(it->where().file, "study.yaml");
    const auto at = text.find(w.needle);
    ASSERT_NE(at, std::string::npos);
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    EXPECT_EQ(it->where().line, line) << it->what();
  }
}

}  // namespace
}  // namespace sinew::scenario
