// A study arm's programme: its sessions in order, each an intervention's load cases run as
// stages on the session driver (history carried throughout), with the tissue metrics probed
// before and after every session. Output files and scheduling are the caller's (batch).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "interventions/load_case.hpp"
#include "interventions/load_case_model.hpp"
#include "interventions/session_plan.hpp"
#include "model/model_definition.hpp"
#include "simulation/step_output.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::simulation {

/// Progress of an arm: fraction of its work done (load increments and probes) and where it is.
struct ArmProgress {
  double fraction = 0.0;
  std::string session;   ///< current session name
  std::string activity;  ///< e.g. "stroke 1/1", "probing after"
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
  std::string parameters;       ///< "key=value, ..." of every parameter
  solver::SolverTotals solver;  ///< solver effort of its load cases (probes not included)
  /// N: the smallest limit load of its force-controlled load cases that asked for more than the
  /// model carries (plate_limit.hpp); NaN when every load case reached its force.
  Real limit_load = std::numeric_limits<Real>::quiet_NaN();
};

struct SessionsOutcome {
  std::string status = "completed";  ///< "completed", "failed" or "interrupted"
  std::string failure;
  std::vector<ProbeRow> probes;
  std::vector<SessionRow> sessions;
  std::size_t steps = 0;  ///< steps reported to on_step, the undeformed state at t = 0 first
};

struct SessionsOptions {
  /// N/mm^3: the foundation holding the bed during load cases (`loading.bed_stiffness`).
  Real bed_stiffness = 0.01;
  interventions::PressSide press_side;  ///< `loading.press_side`
  int report_every = 1;  ///< report every n-th nominal increment of a load case (and its last)
  LogSink log;           ///< load cases log through it; probes through log.quieter()
  /// Each reported step: its output (step = "<session>: <load case>") and displacement (mm).
  std::function<void(const StepOutput&, const VecX&)> on_step;
  std::function<void(const ArmProgress&)> on_progress;
  /// Set (e.g. by SIGINT/SIGTERM) to stop after the step being reported: "interrupted".
  const std::atomic<bool>* stop = nullptr;
};

/// Runs the sessions. A numerical failure (no convergence after cut-backs) or a load case the
/// model cannot take fails the outcome with its reason; nothing is thrown for those.
SessionsOutcome run_sessions(const model::ModelDefinition& def,
                             const std::vector<interventions::SessionPlan>& sessions,
                             const solver::LinearSolverRegistry& linear_solvers,
                             const SessionsOptions& options);

}  // namespace sinew::simulation
