// The `sinew` command-line program.
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>

#include "fields_command.hpp"
#include "paths_command.hpp"
#include "results_commands.hpp"
#include "solve_command.hpp"
#include "study_commands.hpp"

namespace {

CLI::App* add_slurm_command(CLI::App& app, sinew::tools::SlurmOptions& o) {
  auto* cmd = app.add_subcommand(
      "slurm",
      "write SLURM scripts for a study: an array job, a merge-and-report job, a submit "
      "script (docs/cluster.md)");
  cmd->add_option("study", o.study_file, "study file (YAML)")->required();
  cmd->add_option("--tasks", o.tasks, "array tasks; arms are balanced over them by cost")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--cpus", o.cpus, "CPUs (OpenMP threads) per array task (default 2)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--time", o.time, "time limit of each job, e.g. 02:00:00 or 1-00:00:00");
  cmd->add_option("--mem", o.mem, "memory of each job, e.g. 8G");
  cmd->add_option("--partition", o.partition, "partition (queue) of the jobs");
  cmd->add_option("--preamble", o.preamble,
                  "file whose lines go before the commands (module loads, environment)");
  cmd->add_option("--dir", o.dir, "folder for the scripts (default: the study's)");
  cmd->add_option("--viz", o.viz, "sinew-viz for the report (default: found beside sinew)");
  cmd->add_flag("--no-report", o.no_report, "the merge job renders no report");
  cmd->add_option("--sbatch", o.sbatch,
                  "extra #SBATCH options, ';'-separated, e.g. '--account=abc;--qos=short'");
  return cmd;
}

CLI::App* add_run_command(CLI::App& app, sinew::tools::StudyOptions& study) {
  auto* run_cmd = app.add_subcommand("run", "run every arm of a study, merge, compare");
  run_cmd->add_option("study", study.study_file, "study file (YAML)")->required();
  run_cmd->add_option("-j,--jobs", study.jobs, "arms at once (they share the threads)")
      ->check(CLI::PositiveNumber);
  run_cmd->add_option("-t,--threads", study.threads, "OpenMP threads in all (default: all)")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--shard", study.shard, "run only shard i of N (i/N), no merge");
  run_cmd->add_flag("--fresh", study.fresh, "rerun every arm (ignore finished part files)");
  run_cmd->add_flag("-q,--quiet", study.quiet, "no progress display");
  run_cmd
      ->add_option("--progress-every", study.progress_every,
                   "when stderr is not a terminal: a status line per running arm every SECONDS "
                   "(default 30; 0: only at starts, sessions and ends)")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_flag("-v,--verbose", study.verbose, "also print HDF5's error stacks");
  run_cmd->add_option("--arm", study.arms,
                      "run only this arm: an arm's name, or a base arm (all its sweep points); "
                      "repeatable");
  run_cmd->add_flag("--skip-failed", study.skip_failed,
                    "keep arms whose finished part file says failed (do not rerun them)");
  return run_cmd;
}

CLI::App* add_fields_command(CLI::App& app, sinew::tools::FieldsOptions& fields) {
  auto* fields_cmd =
      app.add_subcommand("fields", "print the output-field table (what results files hold)");
  fields_cmd->add_option("--model", fields.model_file,
                         "a model file: its table, with the state variables its materials declare");
  auto* fields_format = fields_cmd->add_option_group("format");
  fields_format->add_flag("--markdown", fields.markdown, "a Markdown table");
  fields_format->add_flag("--json", fields.json, "JSON");
  fields_format->require_option(0, 1);
  return fields_cmd;
}

CLI::App* add_export_command(CLI::App& app, sinew::tools::ExportOptions& o) {
  auto* cmd = app.add_subcommand(
      "export", "write a study's metrics as a tidy table (one row per arm, probe and metric)");
  cmd->add_option("results", o.results, "study results file (.h5)")->required();
  cmd->add_flag("--csv", o.csv, "CSV (RFC 4180)");
  cmd->add_option("-o,--output", o.output, "file to write (.csv; default: standard output)");
  return cmd;
}

CLI::App* add_table_command(CLI::App& app, std::string& results) {
  auto* cmd = app.add_subcommand("table", "print the comparison table of a study results file");
  cmd->add_option("results", results, "study results file (.h5)")->required();
  return cmd;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sinew: finite-element engine for tendon and fascia mechanics"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("sinew ") + SINEW_VERSION);

  sinew::tools::SolveOptions solve;
  auto* solve_cmd = app.add_subcommand("solve", "solve a model file and print its results");
  solve_cmd->add_option("model", solve.model_file, "model file (YAML)")->required();
  solve_cmd->add_option("-o,--output", solve.output,
                        "results file, .h5 (HDF5) or .csv (overrides output.file)");
  solve_cmd->add_option("-t,--threads", solve.threads, "OpenMP threads (default: all)")
      ->check(CLI::NonNegativeNumber);
  solve_cmd
      ->add_option("--blas-threads", solve.blas_threads,
                   "OpenBLAS threads (default: all above 50k dofs, else 1)")
      ->check(CLI::NonNegativeNumber);
  solve_cmd->add_flag("-v,--verbose", solve.verbose,
                      "log every Newton iteration; print HDF5's error stacks");

  std::string check_file;
  auto* check_cmd = app.add_subcommand("check", "check a model file without solving");
  check_cmd->add_option("model", check_file, "model file (YAML)")->required();

  std::string paths_file;
  auto* paths_cmd = app.add_subcommand(
      "paths", "print every key path of a model with its value (what set: and sweeps address)");
  paths_cmd->add_option("model", paths_file, "model file (YAML)")->required();

  sinew::tools::StudyOptions study;
  auto* validate_cmd = app.add_subcommand("validate", "check a study file (every problem at once)");
  validate_cmd->add_option("study", study.study_file, "study file (YAML)")->required();
  validate_cmd->add_flag("--show", study.show,
                         "also print each arm's sweep values (hypercube points too) and sessions");

  auto* run_cmd = add_run_command(app, study);

  auto* merge_cmd = app.add_subcommand("merge", "merge a study's part files into its results file");
  merge_cmd->add_option("study", study.study_file, "study file (YAML)")->required();
  merge_cmd->add_flag("-v,--verbose", study.verbose, "also print HDF5's error stacks");

  sinew::tools::SlurmOptions slurm;
  auto* slurm_cmd = add_slurm_command(app, slurm);

  sinew::tools::ExportOptions export_options;
  std::string table_file;
  auto* export_cmd = add_export_command(app, export_options);
  auto* table_cmd = add_table_command(app, table_file);

  sinew::tools::FieldsOptions fields;
  auto* fields_cmd = add_fields_command(app, fields);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  // What no command handles still ends with one line and exit 1, never a crash: memory
  // exhausted by an input (a mesh or sweep just under the up-front limits), or an internal error.
  try {
    if (*solve_cmd) return sinew::tools::run_solve(solve);
    if (*check_cmd) return sinew::tools::run_check(check_file);
    if (*paths_cmd) return sinew::tools::run_paths(paths_file);
    if (*validate_cmd) return sinew::tools::run_validate(study);
    if (*run_cmd) return sinew::tools::run_study_command(study);
    if (*merge_cmd) return sinew::tools::run_merge(study);
    if (*slurm_cmd) return sinew::tools::run_slurm(slurm);
    if (*export_cmd) return sinew::tools::run_export(export_options);
    if (*table_cmd) return sinew::tools::run_table(table_file);
    if (*fields_cmd) return sinew::tools::run_fields(fields);
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory: the input needs more memory than this process may use "
                 "(a coarser mesh or a smaller sweep needs less)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
