// Arm scheduling, resume and merging of a study run.
#include "batch/study_runner.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "batch/part_check.hpp"
#include "batch/progress_board.hpp"
#include "core/parallel.hpp"
#include "core/thread_budget.hpp"
#include "io/results_writer.hpp"
#include "io/study_file.hpp"
#include "io/study_summary.hpp"
#include "simulation/output_table.hpp"
#include "solver/linear/blas_info.hpp"

namespace sinew::batch {

namespace fs = std::filesystem;

fs::path parts_folder(const scenario::StudySpec& study) {
  const fs::path results(study.results_path);
  return results.parent_path() / (results.stem().string() + "_parts");
}

fs::path part_path(const scenario::StudySpec& study, const scenario::ArmSpec& arm) {
  return parts_folder(study) / (arm.name + ".h5");
}

namespace {

bool in_shard(size_t i, const StudyRunOptions& o) {
  return static_cast<int>(i % static_cast<size_t>(o.shard_count)) == o.shard_index;
}

// Which arms of this process's shard are complete already (1), or failed and kept
// (--skip-failed: 2) when resuming. Rank 0 alone
// checks the parts, sets damaged ones aside (their arms run again) and tells the other ranks.
std::vector<char> completed_arms(const scenario::StudySpec& study, const StudyRunOptions& o,
                                 int rank) {
  std::vector<char> done(study.arms.size(), 0);
  if (rank == 0 && o.resume) {
    for (size_t i = 0; i < study.arms.size(); ++i) {
      if (!in_shard(i, o)) continue;
      const fs::path part = part_path(study, study.arms[i]);
      const PartCheck c = check_part(part, study.arms[i].spec_hash);
      if (c.state == PartState::Damaged) {
        const fs::path aside = set_part_aside(part);
        o.log.warn("arm " + study.arms[i].name + ": the part file " + part.string() +
                   " cannot be trusted (" + c.problem + "); moved aside to " + aside.string() +
                   ", the arm runs again");
      }
      if (c.state == PartState::Trusted && c.status == "completed") done[i] = 1;
      if (c.state == PartState::Trusted && o.skip_failed && c.status == "failed") done[i] = 2;
    }
  }
  if (o.mpi) o.mpi->broadcast(done);
  return done;
}

// Runs the arms `todo` on `jobs` threads (and the other ranks), recording each outcome.
void run_arms(const scenario::StudySpec& study, const StudyRunOptions& options,
              const std::vector<size_t>& todo, ProgressBoard* board, StudyRunResult& result) {
  // One BLAS thread whatever the settings: OpenBLAS's threaded dpotrf blocks a supernode
  // differently from its serial one, so CHOLMOD's factors (and, through the Newton path of
  // the history-dependent bonds, the metrics: 0.42% on a stiffness) would depend on
  // OPENBLAS_NUM_THREADS and on --jobs. With one BLAS thread the metrics are the same bit for
  // bit for any --jobs, --threads, OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MPI ranks or shards.
  const ThreadBudget budget = plan_threads(options.jobs, requested_threads(options.threads),
                                           usable_cores(), 0, todo.size(), kStudyBlasThreads);
  const int jobs = budget.jobs;
  solver::set_blas_threads(budget.blas_threads);
  const int rank = options.mpi ? options.mpi->rank() : 0;
  if (rank == 0 && !todo.empty())
    options.log.info("threads: " + budget.describe() + "; BLAS: " + solver::blas_info());
  if (rank == 0 && !todo.empty() && requested_blas_threads(0) > kStudyBlasThreads)
    options.log.info(
        "OPENBLAS_NUM_THREADS is not used by studies: one BLAS thread keeps the "
        "metrics independent of thread settings (docs/scenario-reference.md)");
  const auto counter = options.mpi ? options.mpi->make_counter() : MpiSession::local_counter();
  std::mutex result_mutex;
  auto worker = [&]() {
    for (;;) {
      if (options.stop && options.stop->load()) return;
      const size_t k = counter->next();
      if (k >= todo.size()) return;
      const size_t i = todo[k];
      const auto& arm = study.arms[i];
      ArmRunOptions ao;
      ao.output = study.output;
      ao.study_file = study.file;
      ao.study_text = study.text;
      ao.materials = options.materials;
      ao.linear_solvers = options.linear_solvers;
      ao.log = options.log;
      ao.stop = options.stop;
      ao.threads = budget.threads_per_job;
      ao.budget = budget;
      ao.mpi_ranks = options.mpi ? options.mpi->size() : 1;
      if (board) {
        board->started(i);
        ao.on_progress = [board, i](const ArmProgress& p) { board->update(i, p); };
      }
      ArmResult r{arm.name, "failed", ""};
      const fs::path part = part_path(study, arm);
      remove_part_checksum(part);  // until the new part is whole
      try {
        const auto outcome = run_arm(arm, part, ao);
        write_part_checksum(part);
        r.status = outcome.status;
        r.failure = outcome.failure;
      } catch (const std::exception& e) {  // the part file could not be written, bad model
        r.failure = e.what();
      }
      if (board) board->finished(i, r.status, r.failure);
      std::lock_guard lock(result_mutex);
      result.arms[i] = r;
    }
  };
  std::vector<std::thread> pool;
  for (int j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace

namespace {

// Removes the temporary files a killed earlier run left in the parts folder ("<arm>.h5.part").
// Only a whole, single-process run does this: it holds the study lock alone, so no other
// process is writing there (shards and MPI ranks each overwrite their own arms' files).
void remove_stale_temporaries(const scenario::StudySpec& study, const StudyRunOptions& options) {
  if (options.shard_count > 1 || (options.mpi && options.mpi->size() > 1)) return;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parts_folder(study), ec))
    if (entry.path().extension() == ".part") fs::remove(entry.path(), ec);
}

}  // namespace

StudyRunResult run_study(const scenario::StudySpec& study, const StudyRunOptions& options) {
  const std::string start_time = io::iso8601_utc_now();
  fs::create_directories(parts_folder(study));
  remove_stale_temporaries(study, options);
  StudyRunResult result;
  const auto n = study.arms.size();
  result.arms.resize(n);
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) {
    names.push_back(study.arms[i].name);
    result.arms[i] = {study.arms[i].name, "not run", ""};
  }
  const int rank = options.mpi ? options.mpi->rank() : 0;
  const int ranks = options.mpi ? options.mpi->size() : 1;
  // Only one process draws progress: rank 0 (other ranks log to their own stderr plainly).
  std::unique_ptr<ProgressBoard> board;
  if (options.progress)
    board = std::make_unique<ProgressBoard>(options.progress,
                                            options.progress_terminal && rank == 0, names,
                                            options.progress_every);

  // The arms this process may run (its shard), with completed ones skipped when resuming.
  const std::vector<char> done = completed_arms(study, options, rank);
  std::vector<size_t> todo;
  for (size_t i = 0; i < n; ++i) {
    if (!in_shard(i, options) || (!options.selected.empty() && !options.selected[i])) continue;
    if (done[i]) {
      const char* why = done[i] == 2 ? "failed earlier; kept (--skip-failed)" : "already complete";
      result.arms[i].status = "skipped";
      result.arms[i].failure = why;
      if (board && rank == 0) board->skipped(i, why);
      continue;
    }
    todo.push_back(i);
  }
  run_arms(study, options, todo, board.get(), result);

  bool failed = false, interrupted = options.stop && options.stop->load();
  for (const auto& a : result.arms) {
    failed = failed || a.status == "failed";
    interrupted = interrupted || a.status == "interrupted";
  }
  if (options.mpi) {
    options.mpi->barrier();
    failed = options.mpi->any(failed);
    interrupted = options.mpi->any(interrupted);
  }
  result.any_failed = failed;
  result.interrupted = interrupted;
  if (options.merge && options.shard_count == 1 && rank == 0) {
    result.merge = merge_parts(study, *options.materials, options.command_line, options.jobs, ranks,
                               start_time, interrupted);
    result.merged = true;
  }
  return result;
}

namespace {

// The arms of the earlier results file by name; `error` set when it exists but cannot be read.
std::map<std::string, io::StoredArm> earlier_arms(const fs::path& results, std::string& error) {
  std::map<std::string, io::StoredArm> arms;
  std::error_code ec;
  if (!fs::exists(results, ec)) return arms;
  if (error = checksum_problem(results); !error.empty()) return arms;
  try {
    for (auto& a : io::read_stored_arms(results)) arms.emplace(a.name, a);
  } catch (const std::exception& e) {
    error = e.what();
  }
  return arms;
}

std::string part_trouble(const PartCheck& c) {
  switch (c.state) {
    case PartState::Missing: return "no part file";
    case PartState::Outdated: return "its part file is of another specification of the arm";
    default: return "its part file is damaged (" + c.problem + ")";
  }
}

// What goes into the merged file: one source per arm that has one, in study order.
struct MergePlan {
  std::vector<io::ArmSource> sources;
  std::vector<const scenario::ArmSpec*> arms;  // the arm of each source
  std::vector<std::string> status;             // its `status`
  MergeReport report;
};

// Adds `arm` (as source `at`) from the earlier results file if that holds it with the arm's
// specification, else records it missing; `why` says what is wrong with its part.
void keep_or_miss(MergePlan& plan, std::size_t at, const scenario::ArmSpec& arm,
                  const std::string& why, const std::map<std::string, io::StoredArm>& earlier,
                  const fs::path& results) {
  const auto it = earlier.find(arm.name);
  if (it != earlier.end() && it->second.spec_hash == arm.spec_hash) {
    const auto k = static_cast<std::ptrdiff_t>(at);
    plan.sources.insert(plan.sources.begin() + k, io::ArmSource{results, "/arms/" + arm.name});
    plan.arms.insert(plan.arms.begin() + k, &arm);
    plan.status.insert(plan.status.begin() + k, it->second.status);
    plan.report.notes.push_back("arm '" + arm.name + "': " + why + "; kept from " +
                                results.string());
    return;
  }
  plan.report.missing.push_back(arm.name);
  plan.report.notes.push_back("arm '" + arm.name + "': " + why + "; it is not in the results");
}

io::StudyInfo study_info(const scenario::StudySpec& study, const MergePlan& plan,
                         const std::string& command_line, int jobs, int ranks,
                         const std::string& start_time, bool interrupted) {
  io::StudyInfo info;
  info.scenario_file = study.file;
  info.scenario_text = study.text;
  info.command_line = command_line.empty() ? io::process_command_line() : command_line;
  info.start_time = start_time.empty() ? io::iso8601_utc_now() : start_time;
  info.end_time = io::iso8601_utc_now();
  const bool all_completed = std::all_of(plan.status.begin(), plan.status.end(),
                                         [](const std::string& s) { return s == "completed"; });
  info.status = interrupted                    ? "interrupted"
                : !plan.report.missing.empty() ? "incomplete"
                : all_completed                ? "completed"
                                               : "failed";
  info.threads = max_threads();
  info.jobs = jobs;
  info.mpi_ranks = ranks;
  info.blas_threads = solver::blas_threads();
  info.compared_metrics = study.probes.metrics;
#ifdef SINEW_GIT_COMMIT
  info.git_commit = SINEW_GIT_COMMIT;
#endif
  return info;
}

// What the study's views show: the union of the view lists of the arms' output-field tables
// (one table per distinct kind of model: generator, material laws and interface decide the
// fields, not the values a sweep changes; an arm whose model no longer loads adds nothing, its
// part file was written when it did).
std::vector<simulation::ViewField> study_view_fields(const scenario::StudySpec& study,
                                                     const materials::MaterialRegistry& materials) {
  std::vector<simulation::ViewField> fields;
  std::set<std::string> seen;
  for (const auto& arm : study.arms) {
    std::string kind = arm.model.mesh.generator + "|" + arm.model.mesh.file;
    for (const auto& m : arm.model.materials) kind += "|" + m.type;
    kind += arm.model.interface.given ? "|interface" : "";
    if (!seen.insert(kind).second) continue;
    try {
      const model::ModelDefinition def = arm.load_model(materials);
      const simulation::OutputTable table(def);
      simulation::add_view_fields(fields, simulation::view_fields(table));
    } catch (const std::exception&) {
      continue;
    }
  }
  return fields;
}

}  // namespace

MergeReport merge_parts(const scenario::StudySpec& study,
                        const materials::MaterialRegistry& materials,
                        const std::string& command_line, int jobs, int ranks,
                        const std::string& start_time, bool interrupted) {
  const fs::path results(study.results_path);
  std::string unreadable;
  const auto earlier = earlier_arms(results, unreadable);
  MergePlan plan;
  for (const auto& arm : study.arms) {
    const fs::path p = part_path(study, arm);
    const PartCheck c = check_part(p, arm.spec_hash);
    if (c.state != PartState::Trusted) {
      keep_or_miss(plan, plan.sources.size(), arm, part_trouble(c), earlier, results);
      continue;
    }
    plan.sources.push_back({p, "/"});
    plan.arms.push_back(&arm);
    plan.status.push_back(c.status);
  }
  std::optional<std::vector<simulation::ViewField>> views;
  if (study.output.vtk) views = study_view_fields(study, materials);
  // A part that passed the checks but cannot be copied (damage HDF5 notices only when copying)
  // is treated like a damaged one and the merge tried again; each try drops one part.
  for (;;) {
    if (!unreadable.empty() && !plan.report.missing.empty())
      throw std::runtime_error(
          "not replacing " + results.string() + ": it cannot be read (" + unreadable +
          ") and may hold arms (" + plan.report.missing.front() +
          (plan.report.missing.size() > 1 ? ", ..." : "") +
          ") that have no trusted part file; move it away to merge without it");
    try {
      remove_part_checksum(results);  // the file is replaced: its old checksum is void
      io::merge_study(plan.sources, results,
                      study_info(study, plan, command_line, jobs, ranks, start_time, interrupted),
                      views);
      write_part_checksum(results);  // the results file's, read by the next merge
      return plan.report;
    } catch (const io::ArmSourceError& e) {
      const std::size_t k = e.source();
      if (plan.sources[k].group != "/") throw;  // the earlier file's arm: refuse, keep the file
      const scenario::ArmSpec& arm = *plan.arms[k];
      plan.sources.erase(plan.sources.begin() + static_cast<std::ptrdiff_t>(k));
      plan.arms.erase(plan.arms.begin() + static_cast<std::ptrdiff_t>(k));
      plan.status.erase(plan.status.begin() + static_cast<std::ptrdiff_t>(k));
      keep_or_miss(plan, k, arm, "its part file cannot be copied (" + std::string(e.what()) + ")",
                   earlier, results);
    }
  }
}

}  // namespace sinew::batch
