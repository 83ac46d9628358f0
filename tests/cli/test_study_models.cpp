// A study's model: `boundary` and `steps` may be omitted (the sessions define the loading), and
// when present the user is told that studies do not use them. The same arm gives the same
// metrics either way.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "io/study_summary.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

// The small test model without its `boundary` and `steps` sections.
std::string model_without_loading() {
  const std::string text =
      read_text(fs::path(SINEW_SOURCE_DIR) / "tests/data/studies/small-model.yaml");
  const auto boundary = text.find("\nboundary:");
  EXPECT_NE(boundary, std::string::npos);
  return text.substr(0, boundary + 1);
}

const char* kStudy = R"(model: MODEL
arms:
  - name: stretch
    sessions:
      - {intervention: static_stretch, elongation: 0.3, increments: 3}
output:
  file: results.h5
)";

std::string study_on(const TempDir& dir, const std::string& model_file) {
  return dir.write("study.yaml", std::regex_replace(kStudy, std::regex("MODEL"), model_file));
}

TEST(StudyModels, ValidateNotesTheUnusedBoundaryAndSteps) {
  TempDir dir;
  fs::copy_file(fs::path(SINEW_SOURCE_DIR) / "tests/data/studies/small-model.yaml",
                dir.path() / "small-model.yaml");
  const auto r = run_sinew({"validate", study_on(dir, "small-model.yaml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("note: model.boundary is not used by studies"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: model.steps is not used by studies"), std::string::npos) << r.out;
}

TEST(StudyModels, AModelWithoutBoundaryAndStepsRunsWithTheSameMetrics) {
  TempDir with, without;
  fs::copy_file(fs::path(SINEW_SOURCE_DIR) / "tests/data/studies/small-model.yaml",
                with.path() / "small-model.yaml");
  without.write("bare-model.yaml", model_without_loading());
  const auto a = run_sinew({"run", study_on(with, "small-model.yaml"), "--quiet"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const auto check = run_sinew({"validate", study_on(without, "bare-model.yaml")});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out.find("note:"), std::string::npos) << check.out;
  const auto b = run_sinew({"run", without.file("study.yaml"), "--quiet"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const auto sa = io::read_study_summary(with.file("results.h5"));
  const auto sb = io::read_study_summary(without.file("results.h5"));
  ASSERT_EQ(sa.size(), 1u);
  ASSERT_EQ(sb.size(), 1u);
  ASSERT_EQ(sa[0].values.size(), sb[0].values.size());
  for (size_t m = 0; m < sa[0].values.size(); ++m) {
    ASSERT_EQ(sa[0].values[m].size(), sb[0].values[m].size());
    for (size_t p = 0; p < sa[0].values[m].size(); ++p) {
      const double x = sa[0].values[m][p], y = sb[0].values[m][p];
      if (std::isnan(x)) {
        EXPECT_TRUE(std::isnan(y)) << sa[0].metric_names[m];
      } else {
        EXPECT_EQ(x, y) << sa[0].metric_names[m];
      }
    }
  }
}

// The arms' spec hashes printed by `sinew validate` ("spec <16 hex digits>").
std::vector<std::string> spec_hashes(const std::string& out) {
  std::vector<std::string> hashes;
  const std::regex re("spec ([0-9a-f]{16})");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator();
       ++it)
    hashes.push_back((*it)[1]);
  return hashes;
}

TEST(StudyModels, PathsListsEveryValueAndSettingThemBackKeepsTheArmIdentity) {
  TempDir dir;
  const std::string model = dir.write("bare-model.yaml", model_without_loading());
  const auto paths = run_sinew({"paths", model});
  ASSERT_EQ(paths.exit_code, 0) << paths.err;
  // Every numeric value, set to itself through `model.set` (list items "[i]" written ".i").
  std::string set;
  int numbers = 0;
  std::istringstream lines(paths.out);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find(" = ");
    ASSERT_NE(eq, std::string::npos) << line;
    const std::string value = line.substr(eq + 3);
    if (value.empty() || value.find_first_not_of("0123456789.-e+") != std::string::npos) continue;
    const std::string key =
        std::regex_replace(line.substr(0, eq), std::regex("\\[(\\d+)\\]"), ".$1");
    set += "    " + key + ": " + value + "\n";
    ++numbers;
  }
  EXPECT_GT(numbers, 50) << paths.out;
  const auto plain = run_sinew({"validate", study_on(dir, "bare-model.yaml")});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const std::string with_set =
      std::regex_replace(kStudy, std::regex("model: MODEL\n"),
                         "model:\n  file: bare-model.yaml\n  set:\n" + set);
  const auto same = run_sinew({"validate", dir.write("study.yaml", with_set)});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  ASSERT_EQ(spec_hashes(plain.out).size(), 1u) << plain.out;
  EXPECT_EQ(spec_hashes(same.out), spec_hashes(plain.out));
  // One value changed by its last bit (0 to the smallest double) is another arm.
  const std::string nudged = std::regex_replace(
      kStudy, std::regex("model: MODEL\n"),
      "model:\n  file: bare-model.yaml\n  set: {interface.adhesion_density: 4.9e-324}\n");
  const auto other = run_sinew({"validate", dir.write("study.yaml", nudged)});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(spec_hashes(other.out), spec_hashes(plain.out));
}

TEST(StudyModels, SolveStillNeedsSteps) {
  TempDir dir;
  const auto r = run_sinew({"check", dir.write("bare-model.yaml", model_without_loading())});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("steps: missing required key"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sinew::cli_test
