// Runs one study arm through the session loop (engine/simulation) and writes the arm's part file
// (docs/results-schema.md): its steps as they are reported, then the metrics and sessions tables.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "core/thread_budget.hpp"
#include "materials/register.hpp"
#include "scenario/study_spec.hpp"
#include "simulation/session_loop.hpp"

namespace sinew::batch {

using simulation::ArmProgress;
using simulation::ProbeRow;
using simulation::SessionRow;

struct ArmRunOptions {
  scenario::OutputSpec output;
  std::string study_file, study_text;  ///< provenance stored in the part file
  const materials::MaterialRegistry* materials = nullptr;
  const solver::LinearSolverRegistry* linear_solvers = nullptr;
  LogSink log;
  std::function<void(const ArmProgress&)> on_progress;
  /// Set (e.g. by SIGINT/SIGTERM) to stop after the step being written; the arm is then
  /// recorded as interrupted.
  const std::atomic<bool>* stop = nullptr;
  int threads = 1;  ///< OpenMP threads of this arm
  /// The study's thread budget (recorded in the part file for provenance: the metrics do not
  /// depend on it, see kStudyBlasThreads).
  ThreadBudget budget;
  int mpi_ranks = 1;  ///< MPI ranks of the study (recorded in the part file)
};

struct ArmOutcome {
  std::string name;
  std::string status;  ///< "completed", "failed" or "interrupted"
  std::string failure;
  std::vector<ProbeRow> probes;
  std::vector<SessionRow> sessions;
  std::size_t steps = 0;  ///< field steps written
};

/// Runs the arm and writes `part` (temporary name while running, renamed when finished, also
/// when the arm fails). A numerical failure (no convergence after cut-backs, inverted element)
/// or an invalid load case fails the arm with its reason; the outcome is returned, not thrown.
/// Throws only when the part file cannot be written.
ArmOutcome run_arm(const scenario::ArmSpec& arm, const std::filesystem::path& part,
                   const ArmRunOptions& options);

}  // namespace sinew::batch
