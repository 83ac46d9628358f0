// The size-based default backend and the BLAS report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "solver/linear/blas_info.hpp"
#include "solver/linear/linear_solver.hpp"
#include "test_parallel_runtime.hpp"

namespace sinew::solver {
namespace {

TEST(DefaultLinearSolver, CholmodForSmallAmgForLarge) {
  EXPECT_EQ(default_linear_solver(300), "cholmod");
  EXPECT_EQ(default_linear_solver(kDirectSolverMaxDofs), "cholmod");
  EXPECT_EQ(default_linear_solver(kDirectSolverMaxDofs + 1), "amg-cg");
  EXPECT_EQ(default_linear_solver(201'720), "amg-cg");  // where AMG won (solver-floor.md)
  EXPECT_EQ(default_linear_solver(89'373), "cholmod");  // where CHOLMOD won (RESULTS.md)
  LinearSolverRegistry registry;
  testing::register_test_linear_solvers(registry);
  EXPECT_TRUE(registry.contains(default_linear_solver(1)));
  EXPECT_TRUE(registry.contains(default_linear_solver(1'000'000)));
}

TEST(BlasInfo, NamesOpenBlasAndTheDgemmProvider) {
  const std::string info = blas_info();
  RecordProperty("blas_info", info);
  EXPECT_NE(info.find("OpenBLAS"), std::string::npos) << info;
  EXPECT_NE(info.find("; core "), std::string::npos) << info;
  const auto from = info.find("dgemm_ from ");
  ASSERT_NE(from, std::string::npos) << info;
  std::string library = info.substr(from);
  std::transform(library.begin(), library.end(), library.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  // CHOLMOD must get OpenBLAS's dgemm_, not the reference BLAS (about 4x slower).
  EXPECT_NE(library.find("openblas"), std::string::npos) << info;
}

}  // namespace
}  // namespace sinew::solver
