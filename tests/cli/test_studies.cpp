// `sinew run` on small studies: the same metrics serially, with --jobs 2, with mpirun -n 2 and
// from shards merged afterwards; a failing arm recorded while the others finish; a run killed
// with SIGKILL and resumed equals an uninterrupted one; SIGTERM stops cleanly; validate
// (slurm: test_slurm.cpp).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <regex>
#include <sstream>
#include <thread>

#include "cli_support.hpp"
#include "io/study_summary.hpp"
#include "study_support.hpp"
#include "tissue/metrics.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;

TEST(StudyRun, SerialRunCompletesEveryArmAndPrintsTheComparison) {
  const auto& arms = serial_reference();
  ASSERT_EQ(arms.size(), 8u);
  EXPECT_EQ(arms[0].name, "running--adhesion_density_0.5");
  EXPECT_EQ(arms[7].name, "stretch-then-rest--adhesion_density_1");
  for (const auto& a : arms) {
    SCOPED_TRACE(a.name);
    EXPECT_EQ(a.status, "completed") << a.failure;
    ASSERT_EQ(a.metric_names.size(), static_cast<size_t>(tissue::kMetricCount));
    // Before and after every session: 2 probes per session.
    EXPECT_EQ(a.probe_stage.size(), 2 * a.session_names.size());
    EXPECT_FALSE(a.session_evidence.empty());
  }
  // The rest session changes nothing: its after equals its before.
  const auto& rest = arms[7];
  ASSERT_EQ(rest.session_names.size(), 2u);
  for (const auto& v : rest.values) {
    // A metric that does not apply (the force at bond failure past a short probe) is NaN in both.
    if (std::isnan(v[2])) {
      EXPECT_TRUE(std::isnan(v[3]));
    } else {
      EXPECT_EQ(v[2], v[3]);
    }
  }
}

TEST(StudyRun, JobsTwoGivesTheSameMetricsAsSerial) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const auto r = run_sinew({"run", study, "--jobs", "2", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
  EXPECT_NE(r.out.find("Comparison"), std::string::npos);
  EXPECT_NE(r.out.find("not cure rates"), std::string::npos);
  // The bonded area is in the comparison, one line per arm, i.e. per swept adhesion density.
  const auto bonded = r.out.find("\nbonded_area [mm^2]\n");
  ASSERT_NE(bonded, std::string::npos) << r.out;
  const auto block = r.out.substr(bonded, r.out.find("\n\n", bonded + 1) - bonded);
  for (const auto& a : serial_reference())
    EXPECT_NE(block.find("  " + a.name + " "), std::string::npos) << a.name << "\n" << block;
}

// The swept scar adhesion density shows in the bonded area: the healthy interface has no bonds
// (adhesion_density 0), so rho = s x density and the initial bonded area of each density-1 arm is
// exactly twice that of its density-0.5 twin.
TEST(StudyRun, BondedAreaFollowsTheSweptAdhesionDensity) {
  const auto& arms = serial_reference();
  const auto m = static_cast<size_t>(tissue::kBondedArea);
  int pairs = 0;
  for (const auto& half : arms) {
    const std::string suffix = "--adhesion_density_0.5";
    if (!half.name.ends_with(suffix)) continue;
    const std::string twin =
        half.name.substr(0, half.name.size() - suffix.size()) + "--adhesion_density_1";
    const auto full = std::find_if(arms.begin(), arms.end(),
                                   [&](const io::ArmSummary& a) { return a.name == twin; });
    ASSERT_NE(full, arms.end()) << twin;
    ASSERT_EQ(half.metric_names[m], "bonded_area");
    const Real a_half = half.values[m].front(), a_full = full->values[m].front();
    EXPECT_GT(a_half, 0.0) << half.name;
    EXPECT_NEAR(a_full / a_half, 2.0, 1e-12) << half.name << " " << a_half << " " << a_full;
    ++pairs;
  }
  EXPECT_EQ(pairs, 4);
}

TEST(StudyRun, MpirunTwoRanksGivesTheSameMetricsAsSerial) {
  if (!have_mpirun()) GTEST_SKIP() << "mpirun not installed";
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const std::string cmd =
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun "
      "--oversubscribe -n 2 " +
      quoted(sinew_exe()) + " run " + quoted(study) + " --quiet >" + quoted(dir.file("mpi.out")) +
      " 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(dir.file("mpi.out"));
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
}

TEST(StudyRun, ShardsMergedGiveTheSameMetricsAsSerial) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  for (const char* shard : {"0/2", "1/2"}) {
    const auto r = run_sinew({"run", study, "--shard", shard, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "results.h5")) << "a shard must not merge";
  }
  const auto m = run_sinew({"merge", study});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 1e-12);
}

// Runs a test study that has a failing arm in `dir`: exit code 1, the output and the arms.
struct FailedStudy {
  RunResult run;
  std::vector<io::ArmSummary> arms;
};
FailedStudy run_failing_study(const TempDir& dir, const std::string& name) {
  FailedStudy f{run_sinew({"run", copy_study(dir, name), "--quiet"}), {}};
  EXPECT_EQ(f.run.exit_code, 1) << f.run.err;
  f.arms = io::read_study_summary(dir.path() / "results.h5");
  return f;
}

TEST(StudyRun, FailingArmIsRecordedAndTheOthersFinish) {
  TempDir dir;
  const auto [r, arms] = run_failing_study(dir, "failing-study.yaml");
  ASSERT_EQ(arms.size(), 3u);
  EXPECT_EQ(arms[0].status, "completed");
  EXPECT_EQ(arms[1].status, "failed");
  EXPECT_NE(arms[1].failure.find("load case 'stretch 1/1'"), std::string::npos) << arms[1].failure;
  EXPECT_EQ(arms[2].status, "completed");
  EXPECT_NE(r.out.find("arm impossible failed"), std::string::npos) << r.out;
}

// The comparison rows of an arm in the printed table `text`: one per metric.
std::vector<std::string> arm_rows(const std::string& text, const std::string& arm) {
  std::vector<std::string> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  " + arm + " ", 0) == 0) rows.push_back(line);
  return rows;
}

// A failed arm has a "before" but no "after": its rows in `sinew run`'s comparison table and in
// `sinew table` read "<before> -> n/a  n/a  [failed]", never a change of +0 computed from the
// last probe before the failure; the arms that completed show numbers.
TEST(StudyRun, FailedArmsRowsReadNotAvailable) {
  TempDir dir;
  const auto [r, arms] = run_failing_study(dir, "failing-study.yaml");
  ASSERT_EQ(arms.size(), 3u);
  ASSERT_EQ(arms[1].status, "failed");
  const auto table = run_sinew({"table", (dir.path() / "results.h5").string()});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  // (A metric that does not apply reads n/a before too.)
  const std::regex failed(R"(  impossible  +(-?[0-9.e+-]+|n/a) ->        n/a  n/a  \[failed\])");
  const std::regex completed(R"(  before +-?[0-9.e+-]+ -> +-?[0-9.e+-]+  [+-][0-9.e+-]+.*)");
  for (const auto* text : {&r.out, &table.out}) {
    const auto rows = arm_rows(*text, "impossible");
    // One row per metric of the arm (every metric has its before probe).
    ASSERT_EQ(rows.size(), arms[1].metric_names.size()) << *text;
    for (const auto& row : rows) {
      EXPECT_TRUE(std::regex_match(row, failed)) << row;
      EXPECT_EQ(row.find("+0"), std::string::npos) << row;
    }
    const auto done = arm_rows(*text, "before");
    ASSERT_EQ(done.size(), arms[0].metric_names.size()) << *text;
    // A completed arm's rows have an after value (the change may be n/a when before is 0).
    EXPECT_TRUE(std::any_of(done.begin(), done.end(), [&](const std::string& row) {
      return std::regex_match(row, completed);
    })) << *text;
    for (const auto& row : done) EXPECT_EQ(row.find("[failed]"), std::string::npos) << row;
  }
}

// A force-controlled load case beyond the model's capacity does not kill the arm: the plate is
// driven past its limit point under displacement control and the limit load is reported.
TEST(StudyRun, OverloadedArmReportsItsLimitLoad) {
  TempDir dir;
  const auto r = run_sinew({"run", copy_study(dir, "overload-study.yaml"), "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto arms = io::read_study_summary(dir.path() / "results.h5");
  ASSERT_EQ(arms.size(), 1u);
  EXPECT_EQ(arms[0].status, "completed") << arms[0].failure;
  const std::regex limit(R"(limit load (\d+) N reached before the target (\d+) N)");
  std::smatch m;
  const std::string log = r.out + r.err;
  ASSERT_TRUE(std::regex_search(log, m, limit)) << log;
  const double reached = std::stod(m[1]), asked = std::stod(m[2]);
  EXPECT_NEAR(asked, 300 * 9.81 * 15, 0.5);
  EXPECT_GT(reached, 0.0);
  EXPECT_LT(reached, asked);
}

// Runs Debian's /usr/bin/python3 with `args` (already quoted); its exit code and output.
// tools/setup.sh installs python3-h5py, so h5py missing is a failure, not a reason to skip.
std::pair<int, std::string> run_python(const TempDir& dir, const std::string& args) {
  const std::string out = dir.file("python.out");
  const std::string cmd = "/usr/bin/python3 " + args + " >" + quoted(out) + " 2>&1";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out)};
}

// Runs one of the Python tools (tools/<tool>) on `file`.
std::pair<int, std::string> run_python_tool(const TempDir& dir, const std::string& tool,
                                            const fs::path& file) {
  return run_python(dir, quoted(std::string(SINEW_SOURCE_DIR) + "/tools/" + tool) + " " +
                             quoted(file.string()));
}

// Runs a one-line h5py script (no double quotes in it).
std::pair<int, std::string> run_h5py(const TempDir& dir, const std::string& code) {
  return run_python(dir, "-c \"import h5py; " + code + "\"");
}

void expect_h5py(const TempDir& dir) {
  const auto [rc, out] = run_h5py(dir, "print(h5py.__version__)");
  ASSERT_EQ(rc, 0) << "/usr/bin/python3 cannot import h5py (Debian: python3-h5py, installed by "
                      "tools/setup.sh): "
                   << out;
}

// A study file with completed and failed arms holds exactly what docs/results-schema.md
// documents (groups, datasets, attributes, units); the h5py example prints every arm's metrics.
TEST(StudyFile, MatchesTheDocumentedSchemaAndReadsWithH5py) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(expect_h5py(dir));
  const auto arms = run_failing_study(dir, "failing-study.yaml").arms;
  const fs::path file = dir.path() / "results.h5";

  const auto [rc, text] = run_python_tool(dir, "check_results_schema.py", file);
  EXPECT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("matches results-schema.md (3 arm(s)"), std::string::npos) << text;

  // The arm's VTKHDF views carry their sources' units (read through the views' links).
  const std::string view = (dir.path() / "results_vtk/before/step_000000.hdf").string();
  const auto [urc, units] =
      run_h5py(dir, "f = h5py.File('" + view +
                        "', 'r'); "
                        "print(f['VTKHDF/PointData/displacement [mm]'].attrs['units'], "
                        "f['VTKHDF/CellData/cauchy_stress [MPa]'].attrs['units'], "
                        "f['VTKHDF/PointData/displacement [mm]'].shape[1])");
  ASSERT_EQ(urc, 0) << units;
  EXPECT_EQ(units, "mm MPa 3\n");

  // tools/print_study.py: the metrics table of every arm, the failed arm with its reason.
  const auto [prc, printed] = run_python_tool(dir, "print_study.py", file);
  EXPECT_EQ(prc, 0) << printed;
  // (arm_status equals status for arms that completed or failed, as these did)
  for (const auto& a : arms) {
    EXPECT_NE(printed.find("arm " + a.name + ": " + a.status), std::string::npos) << printed;
  }
  EXPECT_NE(printed.find("stiffness (N/mm)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("failure: "), std::string::npos) << printed;
  // The first arm's first stiffness value, as the engine wrote it (6 significant digits).
  ASSERT_FALSE(arms[0].values.empty());
  char first[32];
  std::snprintf(first, sizeof first, "%.6g", arms[0].values[0][0]);
  EXPECT_NE(printed.find(first), std::string::npos) << first << "\n" << printed;

  // The checker is not blind: an undocumented dataset and a wrong unit are both reported.
  const auto [src, spoilt] = run_h5py(dir, "f = h5py.File('" + file.string() +
                                               "', 'a'); a = f['arms/before']; "
                                               "a.create_dataset('fields/extra', data=[1.0]); "
                                               "a['metrics/stiffness'].attrs['units'] = 'kN/m'");
  ASSERT_EQ(src, 0) << spoilt;
  const auto [bad_rc, bad] = run_python_tool(dir, "check_results_schema.py", file);
  EXPECT_EQ(bad_rc, 1) << bad;
  EXPECT_NE(bad.find("/arms/before/fields/extra: dataset is not documented"), std::string::npos)
      << bad;
  EXPECT_NE(bad.find("/arms/before/metrics/stiffness: units 'kN/m', documented 'N/mm'"),
            std::string::npos)
      << bad;
}

// The single-run file of a tissue model (mesh, fields, interface, reactions) matches the
// document as well.
TEST(StudyFile, SingleRunOfATissueModelMatchesTheDocumentedSchema) {
  TempDir dir;
  ASSERT_NO_FATAL_FAILURE(expect_h5py(dir));
  copy_study(dir, "small-study.yaml");
  const fs::path file = dir.path() / "run.h5";
  const auto r =
      run_sinew({"solve", dir.file("small-model.yaml"), "-o", file.string(), "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto [rc, text] = run_python_tool(dir, "check_results_schema.py", file);
  EXPECT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("matches results-schema.md (single run"), std::string::npos) << text;
}

// Runs the study in the background, kills it with `sig` once `parts` arm parts are finished,
// and returns the exit status.
int run_and_kill(const TempDir& dir, const std::string& study, int sig, size_t parts) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string log = dir.file("killed.log");
    freopen(log.c_str(), "w", stderr);
    freopen("/dev/null", "w", stdout);
    execl(sinew_exe().c_str(), "sinew", "run", study.c_str(), "--jobs", "1", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path folder = dir.path() / "results_parts";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  for (;;) {
    size_t done = 0;
    if (fs::exists(folder))
      for (const auto& e : fs::directory_iterator(folder))
        if (e.path().extension() == ".h5") ++done;
    if (done >= parts || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(StudyRun, KilledRunResumedEqualsAnUninterruptedRun) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const int status = run_and_kill(dir, study, SIGKILL, 3);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the run ended before the kill";
  EXPECT_FALSE(fs::exists(dir.path() / "results.h5"));
  const auto r = run_sinew({"run", study});  // progress lines say which arms were skipped
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The finished arms are not run again.
  const std::regex skipped("arm [^ ]+: skipped \\(already complete\\)");
  EXPECT_GE(std::distance(std::sregex_iterator(r.err.begin(), r.err.end(), skipped),
                          std::sregex_iterator()),
            3)
      << r.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 0.0);
}

TEST(StudyRun, SigtermStopsAfterTheStepAndKeepsFinishedArms) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const int status = run_and_kill(dir, study, SIGTERM, 2);
  ASSERT_TRUE(WIFEXITED(status)) << "SIGTERM must end the run through its own exit";
  EXPECT_EQ(WEXITSTATUS(status), 1);
  const auto arms = io::read_study_summary(dir.path() / "results.h5");
  ASSERT_GE(arms.size(), 2u);
  EXPECT_EQ(arms[0].status, "completed");
  EXPECT_NE(read_text(dir.file("killed.log")).find("run the same command again to resume"),
            std::string::npos);
  const auto r = run_sinew({"run", study, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_metrics(serial_reference(), io::read_study_summary(dir.path() / "results.h5"), 0.0);
}

TEST(StudyCommands, ValidateListsArmsAndReportsErrorsWithExitCode2) {
  TempDir dir;
  const auto study = copy_study(dir, "small-study.yaml");
  const auto ok = run_sinew({"validate", study});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("valid; 8 arm(s)"), std::string::npos) << ok.out;
  const auto bad = dir.write("bad.yaml",
                             "model: small-model.yaml\n"
                             "arms:\n"
                             "  - name: a\n"
                             "    sessions:\n"
                             "      - {intervention: running, cadence: -3}\n");
  const auto r = run_sinew({"validate", bad});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(r.error_lines().size(), 1u) << r.err;
  EXPECT_NE(r.error_lines()[0].find("bad.yaml:5:"), std::string::npos) << r.err;
  EXPECT_NE(r.error_lines()[0].find("arms[0].sessions[0].cadence"), std::string::npos) << r.err;
  EXPECT_NE(r.error_lines()[0].find("-3"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sinew::cli_test
