// The `sinew` command-line program.
#include <CLI/CLI.hpp>

#include "solve_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"sinew: finite-element engine for tendon and fascia mechanics"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("sinew ") + SINEW_VERSION);

  sinew::tools::SolveOptions solve;
  auto* solve_cmd = app.add_subcommand("solve", "solve a model file and print its results");
  solve_cmd->add_option("model", solve.model_file, "model file (YAML)")->required();
  solve_cmd->add_option("-o,--output", solve.output, "results file, .h5 (HDF5) or .csv (overrides output.file)");
  solve_cmd->add_option("-t,--threads", solve.threads, "OpenMP threads (default: all)")
      ->check(CLI::NonNegativeNumber);
  solve_cmd->add_option("--blas-threads", solve.blas_threads, "OpenBLAS threads (default: all above 50k dofs, else 1)")
      ->check(CLI::NonNegativeNumber);
  solve_cmd->add_flag("-v,--verbose", solve.verbose, "log every Newton iteration");

  std::string check_file;
  auto* check_cmd = app.add_subcommand("check", "check a model file without solving");
  check_cmd->add_option("model", check_file, "model file (YAML)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*solve_cmd) return sinew::tools::run_solve(solve);
  if (*check_cmd) return sinew::tools::run_check(check_file);
  return 2;
}
