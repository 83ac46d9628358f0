// `sinew solve` / `sinew check`.
#include "solve_command.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "batch/mpi_session.hpp"
#include "console_log.hpp"
#include "core/error.hpp"
#include "core/file_checks.hpp"
#include "core/parallel.hpp"
#include "core/thread_budget.hpp"
#include "csv_output.hpp"
#include "io/hdf5_errors.hpp"
#include "io/results_writer.hpp"
#include "materials/register.hpp"
#include "metrics_table.hpp"
#include "model/model_definition.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/blas_info.hpp"
#include "solver/linear/linear_solver.hpp"
#include "stop_signals.hpp"

namespace sinew::tools {

namespace {

void print_input_errors(const std::exception& e) {
  if (const auto* many = dynamic_cast<const InputErrors*>(&e)) {
    for (const auto& err : many->errors()) std::cerr << "error: " << err.what() << "\n";
    std::cerr << many->errors().size() << " problem(s) found\n";
  } else {
    std::cerr << "error: " << e.what() << "\n";
  }
}

// SIGINT/SIGTERM seen between steps: the run unwinds so the results writer can clean up.
struct StopRequested : std::runtime_error {
  StopRequested() : std::runtime_error("interrupted") {}
};

// The model file is checked by type before it is opened (a FIFO would block, a device never
// ends); false after printing the problem.
bool readable_model_file(const std::string& file) {
  const std::string problem = special_file_problem(file);
  if (problem.empty()) return true;
  std::cerr << "error: " << file << ": " << problem << "\n";
  return false;
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int run_check(const std::string& model_file) {
  io::show_hdf5_error_stacks(false);
  if (!readable_model_file(model_file)) return 2;
  materials::MaterialRegistry materials;
  materials::register_materials(materials);
  try {
    auto def = model::load_model_file(model_file, materials);
    std::cout << model_file << ": ok (" << def.model.mesh.n_nodes() << " nodes, "
              << def.model.mesh.n_cells() << " cells, " << def.steps.size() << " step(s))\n";
    if (def.interface_split.nodes > 0)
      std::cout << "interface: " << def.interface_split.nodes << " nodes shared by '"
                << def.tissue.roles.body << "' and '" << def.tissue.roles.bed << "' duplicated; "
                << def.interface_split.facets << " facets on each side of their common surface\n";
    return 0;
  } catch (const InputError& e) {
    print_input_errors(e);
  } catch (const InputErrors& e) {
    print_input_errors(e);
  }
  return 2;
}

namespace {

// Output path: -o is relative to the working directory, output.file to the model's folder.
std::filesystem::path output_path(const SolveOptions& options, const model::ModelDefinition& def) {
  std::filesystem::path out;
  if (def.output.file.empty()) return out;
  out = def.output.file;
  if (out.is_relative() && !options.output.empty())
    out = std::filesystem::absolute(out);
  else if (out.is_relative())
    out = std::filesystem::path(options.model_file).parent_path() / out;
  return out;
}

// The HDF5 file is created before the solve (a bad path fails at once) and written step by
// step, so a run that dies keeps the steps it finished. Null after printing the error.
std::unique_ptr<io::ResultsWriter> open_results(const SolveOptions& options,
                                                const model::ModelDefinition& def,
                                                const std::filesystem::path& out) {
  try {
    io::RunInfo info;
    info.model_file = options.model_file;
    info.model_text = read_file_text(options.model_file);
    info.threads = max_threads();
    return std::make_unique<io::ResultsWriter>(out, def, info);
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << options.model_file << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return nullptr;
}

// The output path is checked before any work: a folder, an unknown extension or a folder that
// cannot be written is bad input. False after printing the problem.
bool writable_output(const std::filesystem::path& out) {
  if (out.empty()) return true;
  const std::string problem = output_path_problem(out, {".h5", ".csv"});
  if (problem.empty()) return true;
  std::cerr << "error: output " << out.string() << ": " << problem << "\n";
  return false;
}

// Step table: time, iterations and reaction sums, the undeformed state first; then the metrics.
void print_steps(const model::ModelDefinition& def, const simulation::RunResult& result,
                 double seconds) {
  std::printf("\n%-12s %10s %6s", "step", "time (s)", "iters");
  for (const auto& s : def.output.reaction_sets)
    std::printf(" %14s %14s %14s", (s + " Rx (N)").c_str(), (s + " Ry (N)").c_str(),
                (s + " Rz (N)").c_str());
  std::printf("\n");
  for (std::size_t k = 0; k < result.outputs.size(); ++k) {
    const auto& o = result.outputs[k];
    // Row 0 is the undeformed model at t = 0 (step `initial` in the results), not a load step.
    const std::string name = k == 0 ? "undeformed" : o.step;
    std::printf("%-12s %10.4g %6d", name.c_str(), o.record.t, o.record.newton_iterations);
    for (const auto& s : def.output.reaction_sets) {
      const Vec3& R = o.reactions.at(s);
      std::printf(" %14.6g %14.6g %14.6g", R.x(), R.y(), R.z());
    }
    std::printf("\n");
  }
  print_metrics_table(stdout, result.metrics);
  std::printf("\n%s in %.2f s with %s\n", result.completed ? "solved" : "stopped", seconds,
              result.linear_solver.c_str());
}

// Closes the HDF5 results, or writes the CSV outputs. False after printing the error.
bool finish_outputs(const model::ModelDefinition& def, const simulation::RunResult& result,
                    const std::filesystem::path& out, io::ResultsWriter* writer) {
  try {
    if (writer) {
      if (!result.metrics.empty())
        writer->write_table("metrics", "tissue metrics as printed: one row per probed state",
                            metrics_table_columns(result));
      writer->close(result.completed, result.failure);
      std::printf("wrote %s and %s\n", out.c_str(),
                  (writer->vtk_folder() / "steps.hdf.series").c_str());
    } else if (!out.empty()) {
      auto reactions = out;
      reactions.replace_extension(".reactions.csv");
      write_displacements_csv(out.string(), def.model.mesh, result.u);
      write_reactions_csv(reactions.string(), result, def.output.reaction_sets);
      std::printf("wrote %s and %s\n", out.c_str(), reactions.c_str());
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << (writer ? "closing " + out.string() + ": " : "") << e.what() << "\n";
    return false;
  }
  return true;
}

}  // namespace

namespace {

// Loads the model file; nullopt after printing every problem.
std::optional<model::ModelDefinition> load_model(const SolveOptions& options,
                                                 const materials::MaterialRegistry& materials) {
  if (!readable_model_file(options.model_file)) return std::nullopt;
  try {
    return model::load_model_file(options.model_file, materials);
  } catch (const InputError& e) {
    print_input_errors(e);
  } catch (const InputErrors& e) {
    print_input_errors(e);
  }
  return std::nullopt;
}

// Solves with the writer open; the exit code when the solve could not go on (-1: it ran).
int solve_into(const model::ModelDefinition& def, const SolveOptions& options,
               const solver::LinearSolverRegistry& linear, const LogSink& log,
               const simulation::StepObserver& on_output, simulation::RunResult& result) {
  try {
    result = simulation::run_model(def, linear, log, on_output);
    return -1;
  } catch (const WriteFailure& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;  // the writer removed the new file; earlier results are untouched
  } catch (const StopRequested&) {
    std::cerr << "error: interrupted\n";
    return 130;
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << options.model_file << ": " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int run_solve(const SolveOptions& options) {
  io::show_hdf5_error_stacks(options.verbose);
  materials::MaterialRegistry materials;
  materials::register_materials(materials);
  // MPI belongs to the program: started only if an "amg-cg" solver is made, finalised at the end.
  batch::MpiSession mpi;
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear, {[&mpi] { mpi.start_parallel_runtime(); }});

  auto loaded = load_model(options, materials);
  if (!loaded) return 2;
  model::ModelDefinition& def = *loaded;
  if (!options.output.empty()) def.output.file = options.output;
  const std::filesystem::path out = output_path(options, def);
  if (!writable_output(out)) return 2;
  const ThreadBudget budget = plan_threads(1, requested_threads(options.threads), usable_cores(),
                                           3 * def.model.mesh.n_nodes(), 1,
                                           requested_blas_threads(options.blas_threads));
  ScopedThreads threads(budget.threads_per_job);
  solver::set_blas_threads(budget.blas_threads);

  const auto log = console_log(options.verbose ? LogLevel::Debug : LogLevel::Info);
  log.info("sinew " SINEW_VERSION ": " + options.model_file + " (threads: " + budget.describe() +
           "; BLAS: " + solver::blas_info() + ")");
  const std::atomic<bool>& stop = install_stop_handlers();
  std::unique_ptr<io::ResultsWriter> writer;
  if (out.extension() == ".h5" && !(writer = open_results(options, def, out))) return 1;
  const auto on_output = [&](const simulation::StepOutput& o, const VecX& u) {
    if (writer) writer->write_step(o, u);  // a WriteFailure names the file and the reason
    if (stop) throw StopRequested();
  };

  const auto start = std::chrono::steady_clock::now();
  simulation::RunResult result;
  if (const int code = solve_into(def, options, linear, log, on_output, result); code >= 0) {
    const bool kept = writer && std::filesystem::exists(out);
    writer.reset();  // removes or closes the new file
    if (kept) std::cerr << "note: the earlier results in " << out.string() << " are kept\n";
    return code;
  }
  print_steps(def, result,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (!finish_outputs(def, result, out, writer.get())) return 1;
  if (!result.completed) {
    std::cerr << "error: solve failed: " << result.failure << "\n";
    if (writer && writer->kept_existing())
      std::cerr << "note: the earlier results in " << out.string() << " are kept\n";
    return 1;
  }
  return 0;
}

}  // namespace sinew::tools
