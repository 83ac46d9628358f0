// tools/print_results.py (the h5py example) on a real results file: its step table has every
// step with the engine's time, iterations, reactions and largest displacement.
#include <gtest/gtest.h>

#include <sstream>

#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

TEST(PrintResultsScript, PrintsTheStepTable) {
  if (shell("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import h5py and numpy (Debian: python3-h5py)";
  TempDir dir;
  const fs::path file = dir.path() / "results.h5";
  auto def = load_cube();
  Recorded rec;
  {
    io::ResultsWriter writer(file, def, cube_info());
    rec = run_cube(def, &writer);
    writer.close(true);
  }
  ASSERT_EQ(rec.u.size(), static_cast<size_t>(kRows));

  const fs::path out = dir.path() / "out.txt";
  const std::string script = std::string(SINEW_SOURCE_DIR) + "/tools/print_results.py";
  const int rc = shell("/usr/bin/python3 " + quoted(script) + " " + quoted(file.string()) + " >" +
                       quoted(out.string()) + " 2>&1");
  const std::string text = read_text(out);
  ASSERT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("status completed"), std::string::npos) << text;
  EXPECT_NE(text.find("\n3 load steps after the undeformed state at t = 0\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("x1 Rx (N)"), std::string::npos) << text;
  // A plain model: tissue summary with zero damage and no scar cells, no interface line.
  EXPECT_NE(text.find("last step: max fibre damage 0, cells with scar fraction >= 0.5: 0\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("interface:"), std::string::npos) << text;

  // Rows: step, time, iterations, Rx Ry Rz per set, max |u|. h5py lists the sets by name, so
  // the header says which set comes first.
  const auto x0 = text.find("x0 Rx (N)"), x1 = text.find("x1 Rx (N)");
  ASSERT_NE(x0, std::string::npos) << text;
  const int col_x1 = x1 < x0 ? 0 : 3, col_x0 = 3 - col_x1;
  // Printed with 6 significant digits.
  const auto near = [](double printed, double exact) {
    return std::abs(printed - exact) <= 5e-6 * std::abs(exact);
  };
  std::istringstream in(text);
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream l(line);
    int step = -1, iterations = -1;
    double t = 0;
    if (!(l >> step >> t >> iterations)) continue;  // not a table row
    std::vector<double> v;
    for (double x; l >> x;) v.push_back(x);
    SCOPED_TRACE(line);
    ASSERT_EQ(step, rows);
    ASSERT_EQ(v.size(), 7u);
    const auto& o = rec.outputs[step];
    EXPECT_NEAR(t, o.record.t, 1e-4);
    EXPECT_EQ(iterations, o.record.newton_iterations);
    EXPECT_TRUE(near(v[col_x1], o.reactions.at("x1").x())) << o.reactions.at("x1").x();
    EXPECT_TRUE(near(v[col_x0], o.reactions.at("x0").x())) << o.reactions.at("x0").x();
    if (step == 0) {  // the undeformed state, labelled; nothing pulled yet
      EXPECT_NE(line.find("t=0 (undeformed)"), std::string::npos);
      EXPECT_EQ(t, 0.0);
      EXPECT_EQ(v[6], 0.0);
    } else {
      EXPECT_GT(v[col_x1], 0.1);  // pulled
    }
    EXPECT_TRUE(near(v[6], max_displacement(rec.u[step]))) << max_displacement(rec.u[step]);
    ++rows;
  }
  EXPECT_EQ(rows, kRows) << text;
}

}  // namespace
}  // namespace sinew::io_test
