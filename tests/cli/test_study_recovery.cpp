// Nothing lost, nothing crashes: `run` exits 1 naming the arms that failed or are missing, even
// with --quiet; `merge` never replaces a results file with one holding fewer arms (damaged or
// missing parts keep the arm from the earlier file, an unreadable earlier file is left alone);
// a resumed run sets truncated or bit-flipped parts aside and runs their arms again.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli_support.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void truncate_to_half(const fs::path& file) {
  const auto size = fs::file_size(file);
  ASSERT_GT(size, 1000u);
  fs::resize_file(file, size / 2);
}

// Flips one bit in the middle of the file (raw data or metadata, HDF5 has no checksum of either).
void flip_bit(const fs::path& file) {
  std::string bytes = bytes_of(file);
  ASSERT_GT(bytes.size(), 1000u);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

const char* const kArms[] = {"stretch--adhesion_density_0.5", "stretch--adhesion_density_1"};

fs::path part(const TempDir& dir, int arm) {
  return dir.path() / "results_parts" / (std::string(kArms[arm]) + ".h5");
}

// Runs the two-arm study in `dir`; its results.
std::vector<io::ArmSummary> run_two_arms(const TempDir& dir, const std::string& study) {
  const auto r = run_sinew({"run", study, "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("failed"), std::string::npos) << r.err;
  return io::read_study_summary(dir.path() / "results.h5");
}

TEST(StudyExit, RunWithAFailedArmExits1AndSaysWhichEvenWhenQuiet) {
  TempDir dir;
  const auto r = run_sinew({"run", copy_study(dir, "failing-study.yaml"), "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("\n1 of 3 arms failed: impossible\n"), std::string::npos) << r.err;
}

TEST(StudyExit, MergeOfHalfTheShardsExits1NamingTheMissingArms) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  const auto shard = run_sinew({"run", study, "--shard", "1/2", "--quiet"});
  ASSERT_EQ(shard.exit_code, 0) << shard.err;
  const auto m = run_sinew({"merge", study});
  EXPECT_EQ(m.exit_code, 1) << m.err;
  EXPECT_NE(m.err.find("1 of 2 arms failed: stretch--adhesion_density_0.5 (missing from the "
                       "results)"),
            std::string::npos)
      << m.err;
  EXPECT_NE(
      m.err.find("arm 'stretch--adhesion_density_0.5': no part file; it is not in the results"),
      std::string::npos)
      << m.err;
  EXPECT_EQ(io::read_study_summary(dir.path() / "results.h5").size(), 1u);
}

TEST(StudyMerge, ATruncatedPartKeepsTheArmFromTheEarlierResults) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  const auto lone = run_two_arms(dir, study);
  ASSERT_EQ(lone.size(), 2u);
  truncate_to_half(part(dir, 0));
  const auto m = run_sinew({"merge", study});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.err.find("warning: arm 'stretch--adhesion_density_0.5': its part file is damaged ("),
            std::string::npos)
      << m.err;
  EXPECT_NE(m.err.find("; kept from "), std::string::npos) << m.err;
  expect_same_metrics(lone, io::read_study_summary(dir.path() / "results.h5"), 0.0);

  // With the parts folder gone as well, both arms come from the earlier file.
  fs::remove_all(dir.path() / "results_parts");
  const auto gone = run_sinew({"merge", study});
  EXPECT_EQ(gone.exit_code, 0) << gone.err;
  expect_same_metrics(lone, io::read_study_summary(dir.path() / "results.h5"), 0.0);
}

// A part that passes the checks but cannot be copied (no checksum file, as from an older
// version, and a link HDF5 can only fail on when copying) is treated as damaged.
TEST(StudyMerge, APartThatCannotBeCopiedKeepsTheArmFromTheEarlierResults) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  const auto lone = run_two_arms(dir, study);
  fs::remove(part(dir, 1).string() + ".fnv1a64");
  const std::string code = "import h5py; f = h5py.File('" + part(dir, 1).string() +
                           "', 'a'); f['dangling'] = h5py.SoftLink('/nowhere')";
  ASSERT_EQ(std::system(("/usr/bin/python3 -c " + quoted(code)).c_str()), 0);
  const auto m = run_sinew({"merge", study});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.err.find("warning: arm 'stretch--adhesion_density_1': its part file cannot be "
                       "copied ("),
            std::string::npos)
      << m.err;
  const auto merged = io::read_study_summary(dir.path() / "results.h5");
  expect_same_metrics(lone, merged, 0.0);
}

TEST(StudyMerge, AnUnreadableEarlierFileIsLeftAloneWhenPartsAreMissing) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  run_two_arms(dir, study);
  fs::remove(part(dir, 1));
  const fs::path results = dir.path() / "results.h5";
  truncate_to_half(results);
  const std::string before = bytes_of(results);
  const auto m = run_sinew({"merge", study});
  EXPECT_EQ(m.exit_code, 1) << m.err;
  EXPECT_NE(m.err.find("not replacing " + results.string() + ": it cannot be read"),
            std::string::npos)
      << m.err;
  EXPECT_NE(m.err.find("(stretch--adhesion_density_1)"), std::string::npos) << m.err;
  EXPECT_EQ(bytes_of(results), before) << "the earlier results file must be untouched";
  EXPECT_FALSE(fs::exists(results.string() + ".part"));
}

TEST(StudyResume, TruncatedAndBitFlippedPartsAreSetAsideAndTheirArmsRunAgain) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  const auto lone = run_two_arms(dir, study);
  ASSERT_EQ(lone.size(), 2u);
  truncate_to_half(part(dir, 0));
  flip_bit(part(dir, 1));
  const auto r = run_sinew({"run", study});  // progress lines say which arms ran
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int arm : {0, 1}) {
    SCOPED_TRACE(kArms[arm]);
    EXPECT_NE(r.err.find("warning: arm " + std::string(kArms[arm]) + ": the part file "),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(fs::exists(part(dir, arm).string() + ".corrupt"));
    EXPECT_EQ(r.err.find(std::string(kArms[arm]) + ": skipped"), std::string::npos) << r.err;
  }
  EXPECT_NE(r.err.find("moved aside to "), std::string::npos) << r.err;
  expect_same_metrics(lone, io::read_study_summary(dir.path() / "results.h5"), 0.0);
  // The parts written again are trusted by the next run.
  const auto again = run_sinew({"run", study});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("warning:"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find(std::string(kArms[1]) + ": skipped (already complete)"),
            std::string::npos)
      << again.err;
}

}  // namespace
}  // namespace sinew::cli_test
