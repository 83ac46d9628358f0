// The study subcommands. Exit codes: 0 all arms completed, 1 some arm failed, is missing from
// the results or the run was interrupted, 2 bad input (with every problem listed) or the study's
// output is locked by another run or merge.
#include "study_commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

#include "batch/arm_checks.hpp"
#include "batch/study_lock.hpp"
#include "batch/study_runner.hpp"
#include "comparison_table.hpp"
#include "console_log.hpp"
#include "core/error.hpp"
#include "core/file_checks.hpp"
#include "core/parallel.hpp"
#include "io/hdf5_errors.hpp"
#include "io/results_writer.hpp"
#include "io/study_summary.hpp"
#include "solver/linear/linear_solver.hpp"
#include "stop_signals.hpp"

namespace sinew::tools {

namespace fs = std::filesystem;

namespace {

struct Registries {
  materials::MaterialRegistry materials;
  interventions::InterventionRegistry interventions;
  solver::LinearSolverRegistry linear;
  /// `start_parallel_runtime`: how "amg-cg" starts MPI and hypre (commands that solve).
  explicit Registries(std::function<void()> start_parallel_runtime = {}) {
    materials::register_materials(materials);
    interventions::register_interventions(interventions);
    solver::register_linear_solvers(linear, {std::move(start_parallel_runtime)});
  }
};

void print_errors(const std::exception& e) {
  if (const auto* many = dynamic_cast<const InputErrors*>(&e)) {
    for (const auto& err : many->errors()) std::cerr << "error: " << err.what() << "\n";
    std::cerr << many->errors().size() << " problem(s) found\n";
  } else {
    std::cerr << "error: " << e.what() << "\n";
  }
}

// Loads and validates the study; nullopt (after printing every problem) when it is invalid.
// The file is checked by type first (a FIFO would block the reader, a folder is not a study).
std::optional<scenario::StudySpec> load(const std::string& file, const Registries& r) {
  if (const std::string problem = special_file_problem(file); !problem.empty()) {
    std::cerr << "error: " << file << ": " << problem << "\n";
    return std::nullopt;
  }
  try {
    return scenario::load_study(file, {r.materials, r.interventions});
  } catch (const InputErrors& e) {
    print_errors(e);
  } catch (const InputError& e) {
    print_errors(e);
  }
  return std::nullopt;
}

// Every arm's load cases and probe models build (batch/arm_checks.hpp); false after printing
// each problem (and the notes, e.g. a stroke limited to the bed) when `print`.
bool arms_buildable(const scenario::StudySpec& study, const Registries& r, bool print) {
  const auto checked = batch::check_arms(study, r.materials);
  if (!print) return checked.errors.empty();
  for (const auto& note : checked.notes) fmt::print("note: {}\n", note);
  for (const auto& e : checked.errors) std::cerr << "error: " << e << "\n";
  if (!checked.errors.empty()) std::cerr << checked.errors.size() << " problem(s) found\n";
  return checked.errors.empty();
}

bool parse_shard(const std::string& text, int& index, int& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    index = std::stoi(text.substr(0, slash));
    count = std::stoi(text.substr(slash + 1));
  } catch (...) {
    return false;
  }
  return count >= 1 && index >= 0 && index < count;
}

void print_summary(const scenario::StudySpec& study) {
  try {
    const auto arms = io::read_study_summary(study.results_path);
    print_comparison_table(stdout, arms, study.probes.metrics);
  } catch (const std::exception& e) {
    std::cerr << "warning: cannot read " << study.results_path
              << " for the comparison: " << e.what() << "\n";
  }
}

// Takes the study's lock (rank 0 only; the outcome is broadcast so every rank gives up
// together). False, after saying who holds it, when another run or merge does.
bool take_lock(const scenario::StudySpec& study, const std::string& command_line, int shard_index,
               int shard_count, const batch::MpiSession* mpi, batch::StudyLock& lock) {
  int ok = 1;
  if (!mpi || mpi->rank() == 0) {
    try {
      lock = batch::StudyLock::acquire(study.results_path, command_line, shard_index, shard_count);
      ok = lock.held() ? 1 : 0;
      for (const auto& h : lock.holders())
        std::cerr << "error: " << study.results_path << " is being written by another sinew run "
                  << "or merge: " << h.describe() << "\n";
      if (!ok)
        std::cerr << "nothing was changed; wait for it to finish (or stop it) and try again\n";
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      ok = 0;
    }
  }
  if (mpi) ok = mpi->broadcast(ok);
  return ok != 0;
}

// The arms of `study` that did not complete: failed in the merged results file, or missing from
// it. Each with " (missing from the results)" when missing.
std::vector<std::string> unfinished_arms(const scenario::StudySpec& study) {
  std::map<std::string, std::string> status;
  try {
    for (const auto& a : io::read_stored_arms(study.results_path)) status[a.name] = a.status;
  } catch (const std::exception& e) {
    std::cerr << "error: cannot read " << study.results_path << ": " << e.what() << "\n";
  }
  std::vector<std::string> bad;
  for (const auto& arm : study.arms) {
    const auto it = status.find(arm.name);
    if (it == status.end())
      bad.push_back(arm.name + " (missing from the results)");
    else if (it->second != "completed")
      bad.push_back(arm.name);
  }
  return bad;
}

// "N of M arms failed: a, b" on stderr (shown with --quiet too); false when none did.
bool report_failed(const std::vector<std::string>& bad, std::size_t total) {
  if (bad.empty()) return false;
  std::string names;
  for (const auto& b : bad) names += (names.empty() ? "" : ", ") + b;
  std::cerr << bad.size() << " of " << total << " arms failed: " << names << "\n";
  return true;
}

}  // namespace

namespace {

// `validate --show`: an arm's sweep values (in full) and its sessions' parameters.
void show_arm(const scenario::ArmSpec& arm) {
  for (const auto& [key, value] : arm.sweep_values) fmt::print("      {} = {}\n", key, value);
  for (const auto& s : arm.sessions) {
    std::string params;
    for (const auto& [k, v] : s.parameters)
      params += fmt::format("{}{}: {}", params.empty() ? "" : ", ", k, v);
    fmt::print("      session {} ({}): {}\n", s.name, s.intervention, params);
  }
}

}  // namespace

int run_validate(const StudyOptions& o) {
  io::show_hdf5_error_stacks(false);
  const Registries r;
  const auto study = load(o.study_file, r);
  if (!study || !arms_buildable(*study, r, true)) return 2;
  fmt::print("{}: valid; {} arm(s)\n", o.study_file, study->arms.size());
  for (const auto& note : study->notes) fmt::print("note: {}\n", note);
  for (const auto& arm : study->arms) {
    std::size_t cases = 0;
    for (const auto& s : arm.sessions) cases += s.impl->load_cases().size();
    fmt::print("  {}  {} session(s), {} load case(s), spec {}\n", arm.name, arm.sessions.size(),
               cases, arm.spec_hash);
    if (o.show) show_arm(arm);
  }
  fmt::print("results: {}\n", study->results_path);
  return 0;
}

namespace {

// With --arm: the unfinished arms among those selected (the others are named once); `total`
// becomes the number selected.
std::vector<std::string> selected_only(const std::vector<std::string>& bad,
                                       const batch::StudyRunResult& result, std::size_t& total) {
  std::vector<std::string> mine;
  std::size_t others = 0;
  total = 0;
  for (const auto& b : bad) {
    const bool selected = std::any_of(result.arms.begin(), result.arms.end(), [&](const auto& a) {
      return a.status != "not run" && b.rfind(a.name, 0) == 0 &&
             (b.size() == a.name.size() || b[a.name.size()] == ' ');
    });
    if (selected)
      mine.push_back(b);
    else
      ++others;
  }
  for (const auto& a : result.arms) total += a.status != "not run";
  if (others > 0)
    std::cerr << "note: " << others
              << " arm(s) not selected with --arm are not (or not all) in the results\n";
  return mine;
}

// Rank 0 after the run: the comparison, what failed, the exit code.
int finish_run(const StudyOptions& o, const scenario::StudySpec& study,
               const batch::StudyRunResult& result) {
  for (const auto& note : result.merge.notes) std::cerr << "warning: " << note << "\n";
  if (result.merged) {
    print_summary(study);
    fmt::print("\nresults: {}\n", study.results_path);
  } else {
    fmt::print("shard {}: parts in {}; run `sinew merge {}` when every shard has finished\n",
               o.shard, batch::parts_folder(study).string(), o.study_file);
  }
  if (result.interrupted) {
    std::cerr << "interrupted: run the same command again to resume (finished arms are kept)\n";
    return 1;
  }
  std::vector<std::string> bad;
  std::size_t total = 0;
  if (result.merged) {
    bad = unfinished_arms(study);
    total = study.arms.size();
    if (!o.arms.empty()) bad = selected_only(bad, result, total);
  } else {  // a shard: its own arms
    for (const auto& a : result.arms) {
      if (a.status == "not run") continue;
      ++total;
      if (a.status != "completed" && a.status != "skipped") bad.push_back(a.name);
    }
  }
  return report_failed(bad, total) || result.any_failed ? 1 : 0;
}

}  // namespace

// The study's results file must be writable before any arm runs; false after saying why.
bool writable_results(const scenario::StudySpec& study) {
  const std::string problem = output_path_problem(study.results_path, {".h5"});
  if (problem.empty()) return true;
  std::cerr << "error: results file " << study.results_path << ": " << problem << "\n";
  return false;
}

namespace {

// `--arm` names: an arm's name, or a base arm (every sweep point of it). False after saying
// which name matches no arm.
bool select_arms(const StudyOptions& o, const scenario::StudySpec& study,
                 std::vector<char>& selected) {
  if (o.arms.empty()) return true;
  selected.assign(study.arms.size(), 0);
  bool ok = true;
  for (const auto& name : o.arms) {
    bool found = false;
    for (size_t i = 0; i < study.arms.size(); ++i)
      if (study.arms[i].name == name || study.arms[i].base_arm == name) selected[i] = found = true;
    if (found) continue;
    std::string bases;
    for (const auto& a : study.arms)
      if (bases.find("'" + a.base_arm + "'") == std::string::npos)
        bases += (bases.empty() ? "'" : ", '") + a.base_arm + "'";
    std::cerr << "error: --arm: value '" << name << "': no such arm (base arms: " << bases
              << "; `sinew validate --show` lists every arm)\n";
    ok = false;
  }
  return ok;
}

}  // namespace

int run_study_command(const StudyOptions& o) {
  io::show_hdf5_error_stacks(o.verbose);
  batch::MpiSession mpi;
  const Registries r([&mpi] { mpi.start_parallel_runtime(); });
  const auto study = load(o.study_file, r);
  if (!study || !writable_results(*study) || !arms_buildable(*study, r, mpi.rank() == 0)) return 2;
  batch::StudyRunOptions ro;
  if (!o.shard.empty() && !parse_shard(o.shard, ro.shard_index, ro.shard_count)) {
    std::cerr << "error: --shard: value '" << o.shard << "': expected i/N with 0 <= i < N\n";
    return 2;
  }
  if (!o.shard.empty() && mpi.size() > 1) {
    std::cerr << "error: --shard: cannot be combined with mpirun (ranks share the arms already)\n";
    return 2;
  }
  if (!select_arms(o, *study, ro.selected)) return 2;
  ro.jobs = o.jobs;
  ro.threads = o.threads;
  ro.resume = !o.fresh;
  ro.skip_failed = o.skip_failed;
  ro.command_line = io::process_command_line();
  ro.materials = &r.materials;
  ro.linear_solvers = &r.linear;
  // Warnings always; information lines (the thread budget) unless quiet.
  ro.log = console_log(o.quiet ? LogLevel::Warning : LogLevel::Info);
  ro.stop = &install_stop_handlers();
  ro.mpi = &mpi;
  if (!o.quiet) {
    ro.progress = stderr;
    ro.progress_terminal = isatty(STDERR_FILENO) != 0;
    ro.progress_every = o.progress_every;
  }
  batch::StudyLock lock;
  if (!take_lock(*study, ro.command_line, ro.shard_index, ro.shard_count, &mpi, lock)) return 2;
  if (mpi.rank() == 0)
    fmt::print(stderr, "{}: {} arm(s), --jobs {}{}\n", o.study_file, study->arms.size(), o.jobs,
               mpi.size() > 1 ? fmt::format(", {} MPI ranks", mpi.size()) : "");
  batch::StudyRunResult result;
  try {
    result = batch::run_study(*study, ro);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  if (mpi.rank() != 0) return result.any_failed || result.interrupted ? 1 : 0;
  return finish_run(o, *study, result);
}

int run_merge(const StudyOptions& o) {
  io::show_hdf5_error_stacks(o.verbose);
  const Registries r;
  const auto study = load(o.study_file, r);
  if (!study || !writable_results(*study)) return 2;
  const std::string command_line = io::process_command_line();
  batch::StudyLock lock;
  if (!take_lock(*study, command_line, 0, 1, nullptr, lock)) return 2;
  try {
    const auto report = batch::merge_parts(*study, r.materials, command_line, 1, 1, {}, false);
    for (const auto& note : report.notes) std::cerr << "warning: " << note << "\n";
    print_summary(*study);
    fmt::print("\nresults: {}\n", study->results_path);
    return report_failed(unfinished_arms(*study), study->arms.size()) ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int run_slurm(const SlurmOptions& o) {
  const Registries r;
  const auto study = load(o.study_file, r);
  if (!study) return 2;
  return write_slurm_scripts(*study, o, r.materials);
}

}  // namespace sinew::tools
