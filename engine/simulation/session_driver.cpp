// Stages and probes on a carried history.
#include "simulation/session_driver.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "solver/load_stepper.hpp"

namespace sinew::simulation {

namespace {
// Thrown by a stage's increment callback when Stage::until ends the stage.
struct StageEnd {};
}  // namespace

SessionDriver::SessionDriver(const model::ModelDefinition& def,
                             const solver::LinearSolverRegistry& linear_solvers, LogSink log)
    : def_(def), linear_solvers_(linear_solvers), log_(std::move(log)) {
  history_ = fem::MechanicsProblem(def.model).state();
  u_ = VecX::Zero(n_dofs());
}

SessionDriver::~SessionDriver() = default;

void SessionDriver::start_stage(const Stage& stage) {
  if (!stage.model) throw std::invalid_argument("stage '" + stage.name + "' has no model");
  const bool carry = stage.continues && problem_;
  if (carry && stage.model == model_) return;
  // The solver refers to the problem, the problem to the model: release in that order.
  newton_.reset();
  problem_.reset();
  model_ = stage.model;
  problem_ = std::make_unique<fem::MechanicsProblem>(*model_);
  problem_->set_state(stage_state());
  newton_ = std::make_unique<solver::NewtonSolver>(*problem_, linear_solvers_, def_.newton, log_);
  // A continuing stage on another model of the same mesh (a hold with other end conditions)
  // starts from the displacement reached.
  if (!carry || u_.size() != problem_->n_dofs()) u_ = VecX::Zero(problem_->n_dofs());
}

StageResult SessionDriver::run_stage(const Stage& stage, const StepObserver& on_step) {
  start_stage(stage);
  StageResult result;
  result.last_converged_time = stage.stepping.t_start;
  auto on_increment = [&](const solver::StepRecord& rec, const VecX& u) {
    result.last_converged_time = rec.t;
    if (!rec.nominal) return;
    StepOutput out{stage.name, rec, {}};
    for (const auto& set : def_.output.reaction_sets)
      out.reactions[set] = problem_->set_force(def_.model.mesh.node_set(set), newton_->residual());
    out.problem = problem_.get();
    if (on_step) on_step(out, u);
    if (stage.until && stage.until(out, u)) throw StageEnd{};
  };
  solver::LoadStepResult r;
  try {
    r = solver::run_load_steps(*problem_, *newton_, u_, stage.stepping, on_increment, log_);
  } catch (const StageEnd&) {
    // u_ is the state just committed; the solver effort of the stage so far is not counted.
    r.completed = true;
  }
  result.completed = r.completed;
  result.failure = r.failure;
  result.solver = r.totals;
  if (r.completed) carry(problem_->state());
  return result;
}

fem::ProblemState SessionDriver::stage_state() const {
  fem::ProblemState s = history_;
  if (model_)
    for (size_t k = s.couplings.size(); k < model_->couplings.size(); ++k)
      s.couplings.push_back(model_->couplings[k]);
  return s;
}

void SessionDriver::carry(fem::ProblemState state) {
  state.couplings.resize(std::min(state.couplings.size(), def_.model.couplings.size()));
  history_ = std::move(state);
}

void SessionDriver::apply_cycles(std::int64_t n) {
  if (!problem_) return;
  problem_->set_state(stage_state());
  problem_->apply_cycles(n);
  carry(problem_->state());
}

tissue::MetricValues SessionDriver::probe(const std::string& label) const {
  tissue::MetricValues values;
  values.fill(std::numeric_limits<Real>::quiet_NaN());
  if (!def_.tissue.enabled) return values;
  const LogSink quiet = log_.quieter();
  fem::MechanicsProblem holder(def_.model);
  holder.set_state(history_);
  try {
    values = tissue::measure_metrics(holder, def_.tissue, def_.newton, linear_solvers_, quiet);
  } catch (const std::runtime_error& e) {  // a probe that does not converge
    quiet.warn("metrics " + label + " not available: " + e.what());
    values.fill(std::numeric_limits<Real>::quiet_NaN());
  }
  return values;
}

void SessionDriver::report_reference(const std::string& name, Real t,
                                     const StepObserver& on_step) const {
  if (!on_step) return;
  fem::MechanicsProblem holder(def_.model);
  holder.set_state(history_);
  const VecX u = VecX::Zero(holder.n_dofs());
  VecX r;
  holder.evaluate(u, t, r, nullptr);
  StepOutput out{name, {}, {}};
  out.record.t = t;
  out.record.nominal = true;
  for (const auto& set : def_.output.reaction_sets)
    out.reactions[set] = holder.set_force(def_.model.mesh.node_set(set), r);
  out.problem = &holder;
  on_step(out, u);
}

VecX SessionDriver::residual() const {
  return newton_ ? newton_->residual() : VecX::Zero(n_dofs());
}

std::string SessionDriver::linear_solver_name() const {
  return newton_ ? newton_->linear_solver_name() : def_.newton.linear_solver;
}

}  // namespace sinew::simulation
