// Runs one study arm: its sessions' load cases one after the other on the arm's tissue model,
// carrying fibre and bond damage from one load case to the next, probing the metrics before and
// after every session, and writing the arm's part file (docs/results-schema.md).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "materials/register.hpp"
#include "scenario/study_spec.hpp"
#include "solver/newton.hpp"
#include "tissue/metrics.hpp"

namespace sinew::batch {

/// Progress of an arm: fraction of its work done (load increments and probes) and where it is.
struct ArmProgress {
  double fraction = 0.0;
  std::string session;  ///< current session name
  std::string activity; ///< e.g. "stroke 1/1", "probing after"
};

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
};

/// Metric values of one probe.
struct ProbeRow {
  int session = 0;
  std::string session_name;
  std::string stage;  ///< "before" or "after"
  double time = 0.0;  ///< s, model time of the probe
  tissue::MetricValues values{};
};

struct SessionRow {
  std::string name, intervention, summary;
  std::int64_t load_cases = 0, cycles = 0, first_step = 0, step_count = 0;
  interventions::Evidence evidence;
  std::string parameters;  ///< "key=value, ..." of every parameter
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
