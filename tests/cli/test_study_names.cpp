// Arm names are unique and safe file names by construction: sweep values that print alike at 6
// digits get as many digits as tell them apart; equal values, names that collide after the
// sweep suffix, and unsafe names ('.', '..', '/', control characters, over 100 characters) are
// validation errors (exit 2) with file:line, and `run` refuses them before running anything.
#include <gtest/gtest.h>

#include "cli_support.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

// A study of one arm named `name` (YAML scalar as written) over `sweep` (a YAML flow list, or
// "" for no sweep).
std::string study_text(const std::string& name, const std::string& sweep) {
  std::string text = "model: small-model.yaml\narms:\n  - name: " + name +
                     "\n    sessions:\n      - {intervention: static_stretch, elongation: 0.2}\n";
  if (!sweep.empty())
    text += "sweep:\n  parameters:\n    model.scars.scar.adhesion_density: " + sweep + "\n";
  return text;
}

TEST(StudyNames, SweepValuesThatPrintAlikeAtSixDigitsGetDistinctNames) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const auto study = dir.write("close.yaml", study_text("a", "[0.5000001, 0.5000002, 0.7, 0.8]"));
  const auto r = run_sinew({"validate", study});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid; 4 arm(s)"), std::string::npos) << r.out;
  for (const char* name : {"a--adhesion_density_0.5000001 ", "a--adhesion_density_0.5000002 ",
                           "a--adhesion_density_0.7 ", "a--adhesion_density_0.8 "})
    EXPECT_NE(r.out.find(name), std::string::npos) << name << "\n" << r.out;
  // Values apart only in the 17th digit: the shortest text that reads back as each value.
  const auto fine = dir.write("fine.yaml", study_text("a", "[0.1, 0.10000000000000002]"));
  const auto f = run_sinew({"validate", fine});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_NE(f.out.find("a--adhesion_density_0.1 "), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("a--adhesion_density_0.10000000000000002 "), std::string::npos) << f.out;
}

TEST(StudyNames, EqualSweepValuesAreAnErrorNamingBothSweepPoints) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const auto study = dir.write("equal.yaml", study_text("a", "[0.5, 0.7, 0.50]"));
  for (const char* command : {"validate", "run"}) {
    SCOPED_TRACE(command);
    const auto r = run_sinew({command, study});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    ASSERT_EQ(r.error_lines().size(), 1u) << r.err;
    const std::string e = r.error_lines()[0];
    EXPECT_NE(e.find("equal.yaml:3:"), std::string::npos) << e;
    EXPECT_NE(e.find("'a--adhesion_density_0.5' is given to two arms"), std::string::npos) << e;
    EXPECT_NE(e.find("at sweep point {model.scars.scar.adhesion_density: 0.5} and 'a' at sweep "
                     "point {model.scars.scar.adhesion_density: 0.5}"),
              std::string::npos)
        << e;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "results_parts")) << "run must refuse before running";
}

TEST(StudyNames, UnsafeArmNamesAreRejectedWithTheAllowedPattern) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const std::string long_name(101, 'x');
  for (const std::string name :
       {"'.'", "'..'", "a/b", "\"a\\tb\"", "\"a\\nb\"", long_name.c_str()}) {
    SCOPED_TRACE(name);
    const auto study = dir.write("unsafe.yaml", study_text(name, ""));
    const auto r = run_sinew({"validate", study});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    ASSERT_EQ(r.error_lines().size(), 1u) << r.err;
    EXPECT_NE(r.error_lines()[0].find("unsafe.yaml:3:"), std::string::npos) << r.err;
    EXPECT_NE(r.error_lines()[0].find("[A-Za-z0-9_.-]{1,100}"), std::string::npos) << r.err;
  }
  // 100 characters are allowed.
  const auto ok = dir.write("ok.yaml", study_text(std::string(100, 'x'), ""));
  EXPECT_EQ(run_sinew({"validate", ok}).exit_code, 0);
}

TEST(StudyNames, ANameTooLongWithItsSweepSuffixIsRejectedOnce) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const auto study = dir.write("long.yaml", study_text(std::string(90, 'x'), "[0.5, 1.0]"));
  const auto r = run_sinew({"validate", study});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  ASSERT_EQ(r.error_lines().size(), 1u) << r.err;
  EXPECT_NE(r.error_lines()[0].find("long.yaml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.error_lines()[0].find("(112 characters with its sweep suffix)"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace sinew::cli_test
