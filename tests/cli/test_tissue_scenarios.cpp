// The tissue model files of scenarios/models are valid: `sinew check` accepts each of them.
// (They are not solved here: a solve with its metrics probes takes minutes.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace sinew::cli_test {
namespace {

std::string models_dir() { return std::string(SINEW_SOURCE_DIR) + "/scenarios/models"; }

void expect_valid(const std::string& path) {
  SCOPED_TRACE("sinew check " + path);
  const RunResult r = run_sinew({"check", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.error_lines().empty()) << r.err;
  EXPECT_NE(r.out.find(path + ": ok ("), std::string::npos) << r.out;
}

TEST(CliTissueScenarios, AchillesMidportionScarIsValid) {
  expect_valid(models_dir() + "/achilles-midportion-scar.yaml");
}

TEST(CliTissueScenarios, PatellarProximalScarIsValid) {
  expect_valid(models_dir() + "/patellar-proximal-scar.yaml");
}

TEST(CliTissueScenarios, PlantarFasciaCalcanealScarIsValid) {
  expect_valid(models_dir() + "/plantar-fascia-calcaneal-scar.yaml");
}

// Every model file in the folder, including ones added later.
TEST(CliTissueScenarios, EveryModelFileIsValid) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(models_dir()))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 3u);
  for (const auto& f : files) expect_valid(f);
}

}  // namespace
}  // namespace sinew::cli_test
