// `sinew solve` and `sinew check`: load a model file, report problems, run it, print and write
// its results.
#pragma once

#include <string>

namespace sinew::tools {

struct SolveOptions {
  std::string model_file;
  std::string output;    ///< overrides the model's output.file
  int threads = 0;       ///< 0: OpenMP default
  int blas_threads = 0;  ///< OpenBLAS threads (CHOLMOD); 0: all above 50k dofs, else 1
  bool verbose = false;
};

/// Exit code: 0 solved, 1 the solve failed (no convergence), 2 bad input.
int run_solve(const SolveOptions& options);

/// Loads and checks a model file without solving. Exit code 0 or 2.
int run_check(const std::string& model_file);

}  // namespace sinew::tools
