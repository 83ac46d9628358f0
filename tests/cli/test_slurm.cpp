// `sinew slurm` as a user runs it: the scripts hold what the options asked, pass `bash -n`, name
// paths relative to the submit folder, submit through a fake `sbatch` (array first, then the
// merge job depending on it), and, run by hand as SLURM would, compute and merge a study.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "cli_support.hpp"
#include "io/study_summary.hpp"
#include "study_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Slurm, ScriptsHoldTheOptionsThePreambleAndRelativePaths) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const auto preamble = dir.write("cluster.sh", "module load gcc/12 hdf5\nexport SINEW_X=1");
  const auto r = run_sinew({"slurm", study, "--tasks", "3", "--cpus", "4", "--time", "02:00:00",
                            "--mem", "8G", "--partition", "short", "--preamble", preamble,
                            "--sbatch", "--account=abc;--qos=normal", "--no-report"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string array = read_text(dir.path() / "small-study.array.slurm");
  const std::string merge = read_text(dir.path() / "small-study.merge.slurm");
  for (const std::string& script : {array, merge}) {
    for (const char* line :
         {"#SBATCH --time=02:00:00\n", "#SBATCH --mem=8G\n", "#SBATCH --partition=short\n",
          "#SBATCH --account=abc\n", "#SBATCH --qos=normal\n", "module load gcc/12 hdf5\n",
          "export SINEW_X=1\n", "study='small-study.yaml'\n", "cd \"${SLURM_SUBMIT_DIR:-.}\"\n"})
      EXPECT_NE(script.find(line), std::string::npos) << line << " missing in\n" << script;
    // The preamble comes before the commands; no absolute path of the study folder.
    EXPECT_LT(script.find("module load"), script.find("\"$sinew\""));
    EXPECT_EQ(script.find(dir.path().string()), std::string::npos) << script;
  }
  EXPECT_NE(array.find("#SBATCH --array=0-2\n"), std::string::npos) << array;
  EXPECT_NE(array.find("#SBATCH --cpus-per-task=4\n"), std::string::npos) << array;
  EXPECT_NE(array.find("#SBATCH --output=%x-%A_%a.log\n"), std::string::npos) << array;
  EXPECT_NE(array.find("--shard \"$arm/8\""), std::string::npos) << array;
  EXPECT_NE(merge.find("#SBATCH --output=%x-%j.log\n"), std::string::npos) << merge;
  EXPECT_NE(merge.find("\"$sinew\" merge \"$study\""), std::string::npos) << merge;
  EXPECT_NE(merge.find("results='results.h5'"), std::string::npos) << merge;
  // The plan: 3 tasks, every one of the 8 arms in exactly one.
  const std::regex task(R"re(\n  "([0-9 ]*)"  # task (\d+):)re");
  std::multiset<int> arms;
  int tasks = 0;
  for (auto it = std::sregex_iterator(array.begin(), array.end(), task);
       it != std::sregex_iterator(); ++it, ++tasks) {
    std::istringstream ids((*it)[1]);
    int n = 0, id = 0;
    while (ids >> id) arms.insert(id), ++n;
    EXPECT_GE(n, 2) << "task " << (*it)[2] << " of 8 arms over 3 tasks";
  }
  EXPECT_EQ(tasks, 3) << array;
  EXPECT_EQ(arms, (std::multiset<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  for (const char* name :
       {"small-study.array.slurm", "small-study.merge.slurm", "small-study.submit.sh"})
    EXPECT_EQ(shell("bash -n '" + dir.file(name) + "'"), 0) << name;
}

TEST(Slurm, SubmitScriptRunsSbatchForTheArrayThenTheDependentMerge) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  ASSERT_EQ(run_sinew({"slurm", study, "--tasks", "2", "--no-report"}).exit_code, 0);
  // A fake sbatch: records its folder and arguments, answers job ids 101, 102 as --parsable does
  // (with a cluster name after ';').
  fs::create_directories(dir.path() / "bin");
  const auto fake = dir.write("bin/sbatch",
                              "#!/bin/bash\necho \"$PWD $*\" >> \"$SBATCH_LOG\"\n"
                              "echo \"$((100 + $(wc -l < \"$SBATCH_LOG\")));cluster1\"\n");
  fs::permissions(fake, fs::perms::owner_exec, fs::perm_options::add);
  const std::string log = dir.file("sbatch.log"), out = dir.file("submit.out");
  ASSERT_EQ(shell("cd / && PATH='" + dir.file("bin") + "':\"$PATH\" SBATCH_LOG='" + log +
                  "' bash '" + dir.file("two-arm-study.submit.sh") + "' > '" + out + "'"),
            0);
  const std::string folder = fs::canonical(dir.path()).string();
  EXPECT_EQ(read_text(log),
            folder + " --parsable two-arm-study.array.slurm\n" + folder +
                " --parsable --dependency=afterany:101 two-arm-study.merge.slurm\n");
  EXPECT_EQ(read_text(out), "submitted array job 101 and its merge job 102\n");
}

TEST(Slurm, ArrayTasksThenMergeComputeTheWholeStudy) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  ASSERT_EQ(run_sinew({"slurm", study, "--tasks", "2", "--no-report"}).exit_code, 0);
  // What SLURM does: each task in the submit folder with its index, then the merge job.
  const std::string env =
      "cd / && SLURM_SUBMIT_DIR='" + dir.path().string() + "' SLURM_CPUS_PER_TASK=1 ";
  for (int t : {0, 1})
    ASSERT_EQ(shell(env + "SLURM_ARRAY_TASK_ID=" + std::to_string(t) + " bash '" +
                    dir.file("two-arm-study.array.slurm") + "' > /dev/null 2>&1"),
              0)
        << "task " << t;
  ASSERT_EQ(shell(env + "bash '" + dir.file("two-arm-study.merge.slurm") + "' > /dev/null 2>&1"),
            0);
  const auto arms = io::read_study_summary(dir.path() / "results.h5");
  ASSERT_EQ(arms.size(), 2u);
  for (const auto& a : arms) EXPECT_EQ(a.status, "completed") << a.name << ": " << a.failure;
}

TEST(Slurm, BadValuesAndAMissingPreambleExitWith2) {
  TempDir dir;
  const auto study = copy_study(dir, "two-arm-study.yaml");
  for (const std::vector<std::string>& bad : {std::vector<std::string>{"--time", "2h"},
                                              {"--mem", "8 GB"},
                                              {"--partition", "a;b"},
                                              {"--preamble", dir.file("none.sh")}}) {
    std::vector<std::string> args{"slurm", study};
    args.insert(args.end(), bad.begin(), bad.end());
    const auto r = run_sinew(args);
    EXPECT_EQ(r.exit_code, 2) << bad[0];
    EXPECT_NE(r.err.find(bad[0]), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "two-arm-study.array.slurm"));
}

TEST(Slurm, WarnsWhenPathsLieInNodeLocalScratch) {
  TempDir dir;  // under $TMPDIR, else /tmp: node-local on a cluster either way
  const auto study = copy_study(dir, "two-arm-study.yaml");
  const auto r = run_sinew({"slurm", study, "--no-report"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the study (" + dir.path().string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("usually local to each node"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "two-arm-study.array.slurm"));  // a warning, not an error
}

}  // namespace
}  // namespace sinew::cli_test
