// Shared by the study CLI tests: copies of the test studies in a temporary folder, metric
// comparison of two study results files, and the serial reference run of the small study.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "io/study_summary.hpp"

namespace sinew::cli_test {

inline std::string studies_dir() { return std::string(SINEW_SOURCE_DIR) + "/tests/data/studies"; }

// A copy of a test study (and its model) in `dir`, so its results land there.
inline std::string copy_study(const TempDir& dir, const std::string& name) {
  namespace fs = std::filesystem;
  for (const char* f : {"small-model.yaml", "small-study.yaml", "failing-study.yaml",
                        "overload-study.yaml", "two-arm-study.yaml"})
    fs::copy_file(fs::path(studies_dir()) / f, dir.path() / f,
                  fs::copy_options::overwrite_existing);
  return dir.file(name);
}

inline void expect_same_metrics(const std::vector<io::ArmSummary>& a,
                                const std::vector<io::ArmSummary>& b, double rel) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].name);
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].status, b[i].status);
    ASSERT_EQ(a[i].values.size(), b[i].values.size());
    for (size_t m = 0; m < a[i].values.size(); ++m) {
      ASSERT_EQ(a[i].values[m].size(), b[i].values[m].size());
      for (size_t p = 0; p < a[i].values[m].size(); ++p) {
        const double x = a[i].values[m][p], y = b[i].values[m][p];
        if (std::isnan(x) || std::isnan(y)) {
          EXPECT_EQ(std::isnan(x), std::isnan(y)) << a[i].metric_names[m];
          continue;
        }
        EXPECT_LE(std::abs(x - y), rel * std::max(std::abs(x), 1e-300))
            << a[i].metric_names[m] << " probe " << p << ": " << x << " vs " << y;
      }
    }
  }
}

inline bool have_mpirun() { return std::system("command -v mpirun >/dev/null 2>&1") == 0; }

// The serial results of the small study, computed once for the tests that compare with it.
inline const std::vector<io::ArmSummary>& serial_reference() {
  static const std::vector<io::ArmSummary> reference = [] {
    TempDir dir;
    const auto study = copy_study(dir, "small-study.yaml");
    const auto r = run_sinew({"run", study, "--jobs", "1", "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return io::read_study_summary(dir.path() / "results.h5");
  }();
  return reference;
}

}  // namespace sinew::cli_test
