// Choosing what a study run does: `run --arm` runs the named arms (an arm, or a base arm with all
// its sweep points) and leaves the others as they are, `--skip-failed` keeps arms that failed
// instead of running them again, `validate --show` prints every arm's sweep values and
// sessions, and `model.set` replaces lists.
#include <gtest/gtest.h>

#include <string>

#include "io/study_summary.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

TEST(StudySelection, ArmRunsOnlyTheNamedArmsAndUnknownNamesAreRefused) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const auto bad = run_sinew({"run", study, "--arm", "streching", "--quiet"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--arm: value 'streching': no such arm (base arms: 'running', 'art', "
                         "'iastm', 'stretch-then-rest'"),
            std::string::npos)
      << bad.err;
  // A base arm: both of its sweep points; exit 0 though the other arms are not in the results.
  const auto r = run_sinew({"run", study, "--arm", "stretch-then-rest", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("6 arm(s) not selected with --arm"), std::string::npos) << r.err;
  const auto arms = io::read_study_summary(dir.file("results.h5"));
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].name, "stretch-then-rest--adhesion_density_0.5");
  EXPECT_EQ(arms[1].name, "stretch-then-rest--adhesion_density_1");
  // An expanded name adds that arm; the merge keeps the earlier ones.
  const auto more = run_sinew({"run", study, "--arm", "running--adhesion_density_1", "--quiet"});
  ASSERT_EQ(more.exit_code, 0) << more.err;
  const auto after = io::read_study_summary(dir.file("results.h5"));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].name, "running--adhesion_density_1");
  expect_same_metrics({arms[0], arms[1]}, {after[1], after[2]}, 0.0);
}

TEST(StudySelection, SkipFailedKeepsTheFailedArmInsteadOfRunningItAgain) {
  TempDir dir;
  const auto study = copy_study(dir, "failing-study.yaml");
  const auto first = run_sinew({"run", study, "--quiet"});
  ASSERT_EQ(first.exit_code, 1) << first.err;
  const auto again = run_sinew({"run", study, "--skip-failed"});
  EXPECT_EQ(again.exit_code, 1) << again.err;  // the results still hold a failed arm
  EXPECT_NE(again.err.find("failed earlier; kept (--skip-failed)"), std::string::npos) << again.err;
  const auto arms = io::read_study_summary(dir.file("results.h5"));
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[1].name, "impossible");
  EXPECT_EQ(arms[1].status, "failed");
}

TEST(StudySelection, ValidateShowPrintsSweepValuesAndSessions) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const std::string text = read_text(dir.file("small-study.yaml"));
  const std::string lhs = text.substr(0, text.find("sweep:")) +
                          "sweep:\n  mode: latin_hypercube\n  samples: 3\n  seed: 5\n"
                          "  parameters:\n    model.scars.scar.adhesion_density: {from: 0.2, to: "
                          "0.8}\noutput:\n  file: results.h5\n";
  const auto r = run_sinew({"validate", dir.write("lhs.yaml", lhs), "--show"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("running--lhs2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      model.scars.scar.adhesion_density = 0."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      session running (running): body_mass: 60,"), std::string::npos)
      << r.out;
}

TEST(StudySelection, ModelSetReplacesAList) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");
  const std::string text = read_text(dir.file("small-study.yaml"));
  const std::string with_set =
      "model:\n  file: small-model.yaml\n  set:\n"
      "    scars.scar.centre: [5, 0, 0]\n" +
      text.substr(text.find("arms:"));
  const auto r = run_sinew({"validate", dir.write("set.yaml", with_set)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string wrong =
      "model:\n  file: small-model.yaml\n  set:\n"
      "    scars.scar.centre: [5, 0]\n" +
      text.substr(text.find("arms:"));
  const auto w = run_sinew({"validate", dir.write("wrong.yaml", wrong)});
  EXPECT_EQ(w.exit_code, 2);
  EXPECT_NE(w.err.find("cannot set 'scars.scar.centre': expected a list of 3 values, got 2"),
            std::string::npos)
      << w.err;
}

}  // namespace
}  // namespace sinew::cli_test
