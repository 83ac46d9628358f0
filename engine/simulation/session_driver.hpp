// The one place a model is solved: stages of quasi-static loading (model-file steps or an
// intervention's load cases) run one after the other on a tissue model whose irreversible
// history (fibre damage, bond damage and slip) carries from stage to stage, and metric probes
// of the committed state. `sinew solve` and every study arm run through it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/log.hpp"
#include "fem/mechanics_problem.hpp"
#include "model/model_definition.hpp"
#include "simulation/step_output.hpp"
#include "solver/newton.hpp"

namespace sinew::simulation {

/// One stage: quasi-static loading of `model` over stepping.t_start .. t_end.
struct Stage {
  std::string name;  ///< reported with each output (StepOutput::step)
  /// The stage's boundary conditions on the driver's mesh, materials and couplings; must stay
  /// alive while the stage runs (and after, for a stage the next one continues).
  std::shared_ptr<const fem::Model> model;
  solver::LoadStepSettings stepping;
  /// Continue from the previous stage's displacement and solver (model-file steps, which share
  /// one model and let BFGS keep its factorisation; a hold whose model changes the end
  /// conditions continues from the displacement with a new solver); otherwise the stage starts
  /// from u = 0 with the carried history (intervention load cases, each with boundary
  /// conditions of its own).
  bool continues = false;
  /// Checked after every reported (nominal) increment, after the observer: true ends the stage
  /// there, completed, with that state as the history (e.g. once a limit load has been passed).
  std::function<bool(const StepOutput&, const VecX& u)> until;
};

struct StageResult {
  bool completed = false;
  std::string failure;
  /// Model time (s) of the last converged (sub-)increment; stepping.t_start when none converged.
  Real last_converged_time = 0.0;
  solver::SolverTotals solver;  ///< the stage's solver effort
};

/// Called at every reported (nominal) increment with its output and the displacement (mm).
using StepObserver = std::function<void(const StepOutput&, const VecX& u)>;

class SessionDriver {
 public:
  /// `def` and `linear_solvers` must outlive the driver. Stages log through `log`, probes
  /// through log.quieter().
  SessionDriver(const model::ModelDefinition& def,
                const solver::LinearSolverRegistry& linear_solvers, LogSink log = {});
  ~SessionDriver();

  /// Runs one stage from the carried history; on success its final state becomes the history.
  /// A stage whose boundary conditions do not suit the model throws std::invalid_argument.
  StageResult run_stage(const Stage& stage, const StepObserver& on_step = {});

  /// Counts the n physiological cycles the last stage stands for into the history
  /// (MechanicsProblem::apply_cycles: fibre fatigue). Nothing before the first stage.
  void apply_cycles(std::int64_t n);

  /// Tissue metrics of the committed history, probed on copies (the history is unchanged). A
  /// probe that does not converge gives NaN values and a warning naming `label`; a model that
  /// is not a tissue model gives NaN values.
  tissue::MetricValues probe(const std::string& label) const;

  /// Reports the undeformed state (u = 0, the committed history) at model time `t` as one step
  /// named `name`, with no solver effort: the first row of every series, so that a view shows
  /// the model before loading (and an arm without load cases has a view at all).
  void report_reference(const std::string& name, Real t, const StepObserver& on_step) const;

  const fem::ProblemState& history() const { return history_; }
  /// Displacement (mm) and residual (N) of the last stage's final state (zero before any).
  const VecX& displacement() const { return u_; }
  VecX residual() const;
  /// The linear solver of the last stage (the configured name before any stage).
  std::string linear_solver_name() const;
  Index n_dofs() const { return 3 * def_.model.mesh.n_nodes(); }

 private:
  void start_stage(const Stage& stage);
  /// The carried history with the running stage's own couplings (an intervention's patch, after
  /// the base model's) in their initial state: they belong to one load case and are not carried.
  fem::ProblemState stage_state() const;
  /// Keeps the state of the base model's couplings as the carried history.
  void carry(fem::ProblemState state);

  const model::ModelDefinition& def_;
  const solver::LinearSolverRegistry& linear_solvers_;
  LogSink log_;
  fem::ProblemState history_;
  std::shared_ptr<const fem::Model> model_;  // the running stage's model
  std::unique_ptr<fem::MechanicsProblem> problem_;
  std::unique_ptr<solver::NewtonSolver> newton_;
  VecX u_;
};

}  // namespace sinew::simulation
