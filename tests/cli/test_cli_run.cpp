// `sinew` on good input and on command-line mistakes: exit codes 0 (ok), 1 (solve failed) and
// 2 (bad input or usage), the step table and the written CSV files.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "common/neo_hookean_uniaxial.hpp"

namespace sinew::cli_test {
namespace {

// One hex8 unit cube in uniaxial tension: rollers on x0, y0, z0 and u_x = 0.1 mm on x1 (ramp),
// compressible neo-Hookean E = 1 MPa, nu = 0.3. The deformation is homogeneous.
const char* const kGoodModel = R"(# uniaxial tension of one hex8
mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}
materials:
  matrix: {type: neo-hookean, E: 1.0, nu: 0.3}
regions:
  - {elements: all, material: matrix}
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1, curve: ramp}
steps:
  - {name: pull, increments: 2}
solver: {residual_tolerance: 1.0e-12}
output: {reactions: [x1, x0], file: u.csv}
)";

using sinew::testing::neo_hookean_uniaxial;

struct TableRow {
  std::string step;
  double t = 0;
  int iterations = 0;
  std::vector<double> reactions;
};

// The rows of the step table that follow the header line.
std::vector<TableRow> step_table(const std::string& out) {
  std::vector<TableRow> rows;
  std::istringstream in(out);
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("step ", 0) == 0 && line.find("time (s)") != std::string::npos) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.empty()) break;
    std::istringstream l(line);
    TableRow r;
    l >> r.step >> r.t >> r.iterations;
    for (double v; l >> v;) r.reactions.push_back(v);
    rows.push_back(r);
  }
  return rows;
}

// test_cli does not build `sinew` itself: say so plainly when it is missing.
TEST(CliRun, ExecutableIsBuilt) {
  ASSERT_TRUE(std::filesystem::exists(sinew_exe()))
      << sinew_exe() << " is missing: build the 'sinew' target before test_cli";
  const RunResult r = run_sinew({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("sinew ", 0), 0u) << r.out;
}

TEST(CliRun, GoodModelSolvesAndPrintsTheStepTable) {
  TempDir dir;
  const std::string model = dir.write("good.yaml", kGoodModel);
  const RunResult r = run_sinew({"solve", model});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(r.error_lines().size(), 0u) << r.err;
  EXPECT_NE(r.out.find("x1 Rx (N)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("x0 Rz (N)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("solved in "), std::string::npos) << r.out;

  // The undeformed model at t = 0 first: no iterations, no load, no reaction.
  const auto rows = step_table(r.out);
  ASSERT_EQ(rows.size(), 3u) << r.out;
  EXPECT_EQ(rows[0].step, "undeformed");
  EXPECT_EQ(rows[0].t, 0.0);
  EXPECT_EQ(rows[0].iterations, 0);
  ASSERT_EQ(rows[0].reactions.size(), 6u);
  for (double R : rows[0].reactions) EXPECT_NEAR(R, 0.0, 1e-12);
  const double times[2] = {0.5, 1.0}, stretches[2] = {1.05, 1.1};
  for (int i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    const TableRow& row = rows[i + 1];
    EXPECT_EQ(row.step, "pull");
    EXPECT_DOUBLE_EQ(row.t, times[i]);
    EXPECT_GE(row.iterations, 1);
    EXPECT_LE(row.iterations, 8);
    ASSERT_EQ(row.reactions.size(), 6u);
    // The pulled face carries the nominal stress times its area (1 mm^2); the support the
    // opposite force; no shear.
    const double P = neo_hookean_uniaxial(1.0, 0.3, stretches[i]).P11;
    EXPECT_NEAR(row.reactions[0], P, 1e-5 * P);
    EXPECT_NEAR(row.reactions[3], -P, 1e-5 * P);
    for (int k : {1, 2, 4, 5}) EXPECT_NEAR(row.reactions[k], 0.0, 1e-10);
  }
  EXPECT_NEAR(rows[2].reactions[0], 0.0930774, 1e-6);  // the analytic value, written out

  // output.file is relative to the model file; the reactions file sits next to it.
  const std::string csv = read_text(dir.file("u.csv"));
  EXPECT_EQ(csv.rfind("node,x,y,z,ux,uy,uz\n", 0), 0u) << csv;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const double lateral = neo_hookean_uniaxial(1.0, 0.3, 1.1).lateral;
  int nodes = 0;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    std::vector<double> v;
    for (std::string cell; std::getline(l, cell, ',');) v.push_back(std::stod(cell));
    ASSERT_EQ(v.size(), 7u) << line;
    EXPECT_NEAR(v[4], 0.1 * v[1], 1e-9) << line;            // ux = 0.1 x
    EXPECT_NEAR(v[5], (lateral - 1) * v[2], 1e-7) << line;  // uy = (l - 1) y
    EXPECT_NEAR(v[6], (lateral - 1) * v[3], 1e-7) << line;  // uz = (l - 1) z
    ++nodes;
  }
  EXPECT_EQ(nodes, 8);
  const std::string reactions = read_text(dir.file("u.reactions.csv"));
  EXPECT_EQ(reactions.rfind("step,time,newton_iterations,x1_Rx,x1_Ry,x1_Rz,x0_Rx,x0_Ry,x0_Rz\n", 0),
            0u)
      << reactions;
}

TEST(CliRun, OutputOptionOverridesTheModelsFile) {
  TempDir dir;
  const std::string model = dir.write("good.yaml", kGoodModel);
  const std::string out = dir.file("other.csv");
  const RunResult r = run_sinew({"solve", model, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out));
  EXPECT_TRUE(std::filesystem::exists(dir.file("other.reactions.csv")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("u.csv")));
}

TEST(CliRun, CheckAcceptsTheGoodModel) {
  TempDir dir;
  const std::string model = dir.write("good.yaml", kGoodModel);
  const RunResult r = run_sinew({"check", model});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, model + ": ok (8 nodes, 1 cells, 1 step(s))\n");
  EXPECT_EQ(r.err, "");
  EXPECT_FALSE(std::filesystem::exists(dir.file("u.csv")));  // check does not solve
}

TEST(CliRun, CheckAcceptsTheShippedUniaxialScenario) {
  const std::string model =
      std::string(SINEW_SOURCE_DIR) + "/scenarios/verification/uniaxial-neo-hookean.yaml";
  const RunResult r = run_sinew({"check", model});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, model + ": ok (1331 nodes, 1000 cells, 1 step(s))\n");
}

// One Newton iteration with adaptive stepping off cannot converge: exit code 1.
TEST(CliRun, FailedSolveExitsWithOne) {
  TempDir dir;
  std::string text = kGoodModel;
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto p = text.find(from);
    ASSERT_NE(p, std::string::npos) << from;
    text.replace(p, from.size(), to);
  };
  replace("{name: pull, increments: 2}", "{name: pull, increments: 1, adaptive: false}");
  replace("{residual_tolerance: 1.0e-12}",
          "{max_iterations: 1, residual_tolerance: 1.0e-12, residual_absolute: 0}");
  const RunResult r = run_sinew({"solve", dir.write("fail.yaml", text)});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto lines = r.error_lines();
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_EQ(lines[0].rfind("error: solve failed: step 'pull': ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("no convergence in 1 iterations"), std::string::npos) << lines[0];
  // Only the undeformed state at t = 0: the first load step failed.
  const auto rows = step_table(r.out);
  ASSERT_EQ(rows.size(), 1u) << r.out;
  EXPECT_EQ(rows[0].step, "undeformed");
  EXPECT_EQ(rows[0].t, 0.0);
  EXPECT_EQ(rows[0].iterations, 0);
}

// The complete example of docs/model-reference.md solves: a strip stretched by 0.3 mm and
// released along a [0 -> 1 -> 0] curve, 5 + 5 increments.
TEST(CliRun, ReferenceExampleSolves) {
  const std::string doc = read_text(std::string(SINEW_SOURCE_DIR) + "/docs/model-reference.md");
  const auto section = doc.find("## Complete example");
  ASSERT_NE(section, std::string::npos);
  const auto begin = doc.find("```yaml\n", section);
  ASSERT_NE(begin, std::string::npos);
  const auto end = doc.find("```", begin + 8);
  ASSERT_NE(end, std::string::npos);
  TempDir dir;
  const std::string model = dir.write("strip.yaml", doc.substr(begin + 8, end - begin - 8));

  const RunResult check = run_sinew({"check", model});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out, model + ": ok (99 nodes, 40 cells, 2 step(s))\n");

  const RunResult r = run_sinew({"solve", model});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = step_table(r.out);
  ASSERT_EQ(rows.size(), 11u) << r.out;
  // Row 0: the undeformed strip at t = 0, then the 10 load steps.
  EXPECT_EQ(rows[0].step, "undeformed");
  EXPECT_EQ(rows[0].t, 0.0);
  ASSERT_EQ(rows[0].reactions.size(), 3u);
  for (double R : rows[0].reactions) EXPECT_NEAR(R, 0.0, 1e-12);
  rows.erase(rows.begin());
  for (int i = 0; i < 10; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(rows[i].step, i < 5 ? "stretch" : "release");
    EXPECT_NEAR(rows[i].t, 0.2 * (i + 1), 1e-12);
    ASSERT_EQ(rows[i].reactions.size(), 3u);
  }
  // Elastic: the force follows the displacement back (same value at t and 2 - t), the peak is
  // at t = 1 and nothing is left at t = 2; the fibres make it stiffen with stretch.
  EXPECT_GT(rows[4].reactions[0], 0.0);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(rows[i].reactions[0], rows[8 - i].reactions[0], 1e-8 * rows[4].reactions[0]);
  EXPECT_NEAR(rows[9].reactions[0], 0.0, 1e-8 * rows[4].reactions[0]);
  EXPECT_GT(rows[4].reactions[0] - rows[3].reactions[0],
            rows[1].reactions[0] - rows[0].reactions[0]);
  EXPECT_TRUE(std::filesystem::exists(dir.file("strip.csv")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("strip.reactions.csv")));
}

// ---- usage errors: exit code 2 -----------------------------------------------------------

TEST(CliUsage, UnknownOption) {
  TempDir dir;
  const std::string model = dir.write("good.yaml", kGoodModel);
  const RunResult r = run_sinew({"solve", "--bogus", model});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("time (s)"), std::string::npos);
}

TEST(CliUsage, NoSubcommand) {
  const RunResult r = run_sinew({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("subcommand"), std::string::npos) << r.err;
}

TEST(CliUsage, UnknownSubcommand) {
  const RunResult r = run_sinew({"simulate", "x.yaml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliUsage, MissingModelArgument) {
  const RunResult r = run_sinew({"check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("model is required"), std::string::npos) << r.err;
}

TEST(CliUsage, NegativeThreadCount) {
  TempDir dir;
  const RunResult r = run_sinew({"solve", "-t", "-3", dir.write("good.yaml", kGoodModel)});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliUsage, HelpExitsWithZero) {
  const RunResult r = run_sinew({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("solve"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check"), std::string::npos) << r.out;
}

TEST(CliUsage, ModelFileThatDoesNotExist) {
  TempDir dir;
  const std::string missing = dir.file("nothing-here.yaml");
  for (const std::string command : {"check", "solve"}) {
    const RunResult r = run_sinew({command, missing});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, "error: " + missing + ": cannot open file\n") << command;
  }
}

}  // namespace
}  // namespace sinew::cli_test
