// Arm scheduling, resume and merging of a study run.
#include "batch/study_runner.hpp"

#include <algorithm>
#include <thread>

#include "batch/progress_board.hpp"
#include "core/parallel.hpp"
#include "core/thread_budget.hpp"
#include "io/results_writer.hpp"
#include "io/study_file.hpp"
#include "io/study_summary.hpp"
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

StudyRunResult run_study(const scenario::StudySpec& study, const StudyRunOptions& options) {
  const std::string start_time = io::iso8601_utc_now();
  fs::create_directories(parts_folder(study));
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
    board = std::make_unique<ProgressBoard>(options.progress, options.progress_terminal && rank == 0, names);

  // The arms this process may run (its shard), with completed ones skipped when resuming.
  std::vector<size_t> todo;
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i % static_cast<size_t>(options.shard_count)) != options.shard_index) continue;
    if (options.resume) {
      const auto s = io::read_part_summary(part_path(study, study.arms[i]));
      if (s && s->status == "completed" && s->spec_hash == study.arms[i].spec_hash) {
        result.arms[i].status = "skipped";
        result.arms[i].failure = "already complete";
        if (board && rank == 0) board->skipped(i, "already complete");
        continue;
      }
    }
    todo.push_back(i);
  }

  const ThreadBudget budget =
      plan_threads(options.jobs, requested_threads(options.threads), usable_cores(), 0,
                   todo.size(), requested_blas_threads(0));
  const int jobs = budget.jobs;
  solver::set_blas_threads(budget.blas_threads);
  if (rank == 0 && !todo.empty())
    options.log.info("threads: " + budget.describe() + "; BLAS: " + solver::blas_info());
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
      if (board) {
        board->started(i);
        ao.on_progress = [&, i](const ArmProgress& p) { board->update(i, p); };
      }
      ArmResult r{arm.name, "failed", ""};
      try {
        const auto outcome = run_arm(arm, part_path(study, arm), ao);
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
    merge_parts(study, options.command_line, options.jobs, ranks, start_time, interrupted);
    result.merged = true;
  }
  return result;
}

std::vector<std::string> merge_parts(const scenario::StudySpec& study,
                                     const std::string& command_line, int jobs, int ranks,
                                     const std::string& start_time, bool interrupted) {
  std::vector<fs::path> parts;
  std::vector<std::string> missing;
  bool all_completed = true;
  for (const auto& arm : study.arms) {
    const fs::path p = part_path(study, arm);
    const auto s = io::read_part_summary(p);
    if (s && s->spec_hash == arm.spec_hash) {
      parts.push_back(p);
      all_completed = all_completed && s->status == "completed";
    } else {
      missing.push_back(arm.name);
    }
  }
  io::StudyInfo info;
  info.scenario_file = study.file;
  info.scenario_text = study.text;
  info.command_line = command_line.empty() ? io::process_command_line() : command_line;
  info.start_time = start_time.empty() ? io::iso8601_utc_now() : start_time;
  info.end_time = io::iso8601_utc_now();
  info.status = interrupted ? "interrupted"
                : !missing.empty() ? "incomplete"
                : all_completed    ? "completed"
                                   : "failed";
  info.threads = max_threads();
  info.jobs = jobs;
  info.mpi_ranks = ranks;
#ifdef SINEW_GIT_COMMIT
  info.git_commit = SINEW_GIT_COMMIT;
#endif
  io::merge_study(parts, study.results_path, info, study.output.vtk);
  return missing;
}

}  // namespace sinew::batch
