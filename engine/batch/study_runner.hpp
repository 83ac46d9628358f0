// Runs a study's arms: `jobs` at once on this machine (each with its share of the threads), a
// shard of them (`--shard i/N`), or spread over MPI ranks; skips arms whose finished part file
// is trusted (part_check.hpp) and matches their specification hash, setting damaged parts aside
// and running their arms again; merges the parts into the study results file without ever
// dropping an arm the earlier results file holds.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "batch/arm_runner.hpp"
#include "batch/mpi_session.hpp"
#include "scenario/study_spec.hpp"

namespace sinew::batch {

struct StudyRunOptions {
  int jobs = 1;         ///< arms at once (per MPI rank)
  int threads = 0;      ///< OpenMP threads shared by the jobs (0: all available)
  int shard_index = 0;  ///< run the arms with index % shard_count == shard_index
  int shard_count = 1;
  bool resume = true;  ///< skip arms whose part file is complete with the same hash
  /// With resume: also keep arms whose finished part file says failed (not run again).
  bool skip_failed = false;
  /// Per study arm: run it (empty: every arm). Arms not selected keep what they have.
  std::vector<char> selected;
  bool merge = true;  ///< merge the parts into the results file at the end
  std::string command_line;
  const materials::MaterialRegistry* materials = nullptr;
  const solver::LinearSolverRegistry* linear_solvers = nullptr;
  LogSink log;
  std::FILE* progress = nullptr;  ///< progress display (null: none)
  bool progress_terminal = false;
  /// Not on a terminal: a status line per running arm every this many seconds (0: none).
  double progress_every = 30.0;
  const std::atomic<bool>* stop = nullptr;
  const MpiSession* mpi = nullptr;
};

struct ArmResult {
  std::string name;
  std::string status;  ///< completed, failed, interrupted, skipped (already complete), not run
  std::string failure;
};

struct MergeReport {
  std::vector<std::string> missing;  ///< arms in neither a trusted part nor the earlier results
  std::vector<std::string> notes;    ///< per arm without a trusted part: why, and what was done
};

struct StudyRunResult {
  std::vector<ArmResult> arms;  ///< in study order (this rank's/shard's view)
  bool interrupted = false;
  bool merged = false;
  bool any_failed = false;
  MergeReport merge;  ///< rank 0, when merged
};

/// Folder of the part files of a study: "<results stem>_parts" beside the results file.
std::filesystem::path parts_folder(const scenario::StudySpec& study);
std::filesystem::path part_path(const scenario::StudySpec& study, const scenario::ArmSpec& arm);

StudyRunResult run_study(const scenario::StudySpec& study, const StudyRunOptions& options);

/// Merges the trusted part file of every arm (in study order) into the results file, with the
/// VTKHDF views when the study asks for them. An arm without a trusted part (none, damaged,
/// foreign) keeps its group from the earlier results file when that holds the arm with the same
/// specification hash. The file is written under a temporary name and renamed when complete;
/// throws std::runtime_error, leaving the earlier file as it was, when the merge fails or the
/// earlier file cannot be read while it might hold arms the parts lack. The views show the
/// fields of the arms' output-field tables (their models loaded with `materials`).
MergeReport merge_parts(const scenario::StudySpec& study,
                        const materials::MaterialRegistry& materials,
                        const std::string& command_line, int jobs, int ranks,
                        const std::string& start_time, bool interrupted);

}  // namespace sinew::batch
