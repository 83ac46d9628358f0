// Newton-Raphson: the iteration loop over the predictor, convergence test, forcing term, BFGS
// updates and line search, plus constraint elimination and linear-solver fallbacks.
#include "solver/newton.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "solver/bfgs_update.hpp"
#include "solver/convergence_test.hpp"
#include "solver/cycle_detector.hpp"
#include "solver/forcing_term.hpp"
#include "solver/line_search.hpp"
#include "solver/newton_predictor.hpp"
#include "solver/residual_line_search.hpp"

namespace sinew::solver {

namespace {
std::string sci3(Real v) {
  std::ostringstream s;
  s.precision(3);
  s << std::scientific << v;
  return s.str();
}

ConvergenceTolerances tolerances(const NewtonSettings& s) {
  return {s.residual_tolerance, s.residual_absolute, s.residual_load, s.displacement_tolerance,
          s.energy_tolerance};
}

void log_iteration(const LogSink& log, const IterationRecord& rec) {
  log.debug("  newton " + std::to_string(rec.iteration) + ": |r| " + sci3(rec.residual_norm) +
            " |du| " + sci3(rec.displacement_norm) + " |e| " + sci3(rec.energy_norm) +
            (rec.alpha < 1 ? " alpha " + sci3(rec.alpha) : std::string()));
}
}  // namespace

std::string NewtonSolver::primary_linear_solver(const NonlinearProblem& p,
                                                const std::string& name) {
  // Symmetric backends read one triangle and silently mis-solve a nonsymmetric tangent: use an
  // LU, UMFPACK (multifrontal, BLAS-3) unless the model asks for Eigen's SparseLU by name.
  if (!p.is_symmetric()) return name == "eigen-lu" ? name : "umfpack";
  return name == "auto" ? default_linear_solver(p.n_dofs()) : name;
}

NewtonSolver::NewtonSolver(NonlinearProblem& problem, const LinearSolverRegistry& registry,
                           NewtonSettings settings, LogSink log)
    : problem_(problem),
      registry_(registry),
      settings_(std::move(settings)),
      log_(std::move(log)),
      linear_(registry, primary_linear_solver(problem, settings_.linear_solver)),
      dofs_(problem.n_dofs(), problem.constrained_dofs()) {
  linear_.set_block_size(problem_.dofs_per_node());
  hand_near_null_space();
  bfgs_ = settings_.strategy == NewtonStrategy::Bfgs ||
          (settings_.strategy == NewtonStrategy::Auto && !linear_.active().is_iterative() &&
           problem_.n_dofs() > settings_.auto_bfgs_min_dofs);
  auto_ = AutoStrategy(bfgs_ && settings_.strategy == NewtonStrategy::Auto,
                       settings_.max_iterations, settings_.residual_tolerance,
                       settings_.residual_absolute);
  if (settings_.auto_cost_ratio > 0) auto_.use_costs();
  prepare_constraint_masks();
  K_ = problem_.pattern();
}

void NewtonSolver::hand_near_null_space() {
  // Only iterative backends use the hint; the n x 6 copy is not worth making for the others.
  if (!linear_.active().is_iterative()) return;
  MatX modes = problem_.near_null_space();
  if (modes.rows() != problem_.n_dofs()) return;
  // The solver sees the prescribed dofs as decoupled rows (apply_constraints), which move with
  // no mode: the modes are restricted to the free dofs.
  for (Index d : problem_.constrained_dofs()) modes.row(d).setZero();
  linear_.set_near_null_space(modes);
}

void NewtonSolver::prepare_constraint_masks() {
  const SparseMatrix& P = problem_.pattern();
  std::map<Index, Index> diagonal;
  for (Index j = 0; j < P.outerSize(); ++j)
    for (Index k = P.outerIndexPtr()[j]; k < P.outerIndexPtr()[j + 1]; ++k) {
      const Index i = P.innerIndexPtr()[k];
      if (!dofs_.is_constrained(i) && !dofs_.is_constrained(j)) continue;
      if (i == j)
        diagonal[i] = k;
      else
        zero_entries_.push_back(k);
    }
  for (Index d : problem_.constrained_dofs()) diagonal_entries_.push_back(diagonal.at(d));
}

void NewtonSolver::apply_constraints(SparseMatrix& K, VecX& diagonal) const {
  // Keeping the assembled diagonal (instead of 1) keeps the rows on the scale of the others,
  // which algebraic multigrid and pivoting need.
  Real* v = K.valuePtr();
  for (Index k : zero_entries_) v[k] = 0.0;
  diagonal.resize(static_cast<Index>(diagonal_entries_.size()));
  for (size_t i = 0; i < diagonal_entries_.size(); ++i) {
    Real& d = v[diagonal_entries_[i]];
    if (!(d > 0)) d = 1.0;
    diagonal[static_cast<Index>(i)] = d;
  }
}

int NewtonSolver::linear_solve(const SparseMatrix& K, const VecX& b, VecX& x, Real forcing,
                               bool new_step, NewtonResult& result) {
  if (!analyzed_) {
    linear_.analyze(K);
    analyzed_ = true;
    const LinearSolver& primary = linear_.active();
    cost_ = IterationCost(primary.estimated_factor_flops(), primary.estimated_solve_flops(),
                          static_cast<Real>(K.nonZeros()), static_cast<Real>(K.rows()));
    if (settings_.auto_cost_ratio == 0 && cost_.known()) auto_.use_costs();
  }
  const bool reset = new_step && linear_.fell_back();
  if (reset) linear_.reset_to_primary();
  LinearSolver& active = linear_.active();
  const bool iterative = active.is_iterative();
  if (iterative) linear_.set_tolerance(forcing);
  // Iterative backends keep their preconditioner (also across load steps) while it still works
  // well: the tangent changes little between iterations. Direct backends factorise every time.
  const bool rebuild = reset || !iterative || !active.supports_preconditioner_reuse() ||
                       iterations_after_setup_ < 0 ||
                       active.stats().last_iterations > settings_.preconditioner_rebuild_factor *
                                                            std::max(iterations_after_setup_, 5);
  std::string what = rebuild ? linear_.factorize(K) : linear_.update_matrix_keep_preconditioner(K);
  if (rebuild) {
    ++result.factorizations;
    ++total_factorizations_;
  }
  const std::string solved = linear_.solve(K, b, x);
  if (!solved.empty()) what += (what.empty() ? "" : "; ") + solved;
  if (!what.empty()) {
    log_.warn(what);
    result.fallbacks.push_back(what);
  }
  const int its = linear_.active().stats().last_iterations;
  if (rebuild) iterations_after_setup_ = its;
  return linear_.active().is_iterative() ? its : 0;
}

int NewtonSolver::linear_resolve(const SparseMatrix& K, const VecX& b, VecX& x,
                                 NewtonResult& result) {
  const std::string what = linear_.solve(K, b, x);
  if (!what.empty()) {
    log_.warn(what);
    result.fallbacks.push_back(what);
  }
  return linear_.active().is_iterative() ? linear_.active().stats().last_iterations : 0;
}

VecX NewtonSolver::tangent_solve(const VecX& u, Real t, const VecX& b) {
  NewtonResult scratch;
  VecX r;
  problem_.evaluate(u, t, r, &K_);
  K_factored_ = K_;
  apply_constraints(K_factored_, factored_diagonal_);
  VecX rhs = b;
  for (Index d : problem_.constrained_dofs()) rhs[d] = 0.0;
  VecX x(problem_.n_dofs());
  linear_solve(K_factored_, rhs, x, settings_.forcing_min, true, scratch);
  have_factorization_ = true;
  for (Index d : problem_.constrained_dofs()) x[d] = 0.0;
  return x;
}

NewtonResult NewtonSolver::solve(VecX& u, Real t) {
  NewtonResult result;
  const Index n = problem_.n_dofs();
  const NewtonPredictor predictor(problem_, dofs_, u, t);
  const VecX u_start = u;
  const ConvergenceTest test(tolerances(settings_));
  std::optional<ConvergenceCheck> check;
  ForcingTerm forcing(settings_.forcing_min, settings_.forcing_max, settings_.residual_tolerance);
  BfgsUpdate bfgs;
  CycleDetector cycles;
  bool reform = start_increment(result);  // also resets the cycle state
  problem_.evaluate(u, t, r_, &K_);
  tangent_current_ = true;
  VecX rhs(n), du(n), r_trial(n), u_trial;
  Real ref_residual = 0, ref_energy = 0, previous_residual = 0;
  // One pass more than max_iterations: the last update is checked before giving up.
  for (int k = 0; k <= settings_.max_iterations; ++k) {
    IterationRecord rec;
    rec.iteration = k;
    rec.residual_norm = dofs_.norm(r_);
    rhs = -r_;
    if (k == 0) predictor.add_tangent_term(K_, rhs);
    dofs_.zero_constrained(rhs);
    if (k == 0) ref_residual = dofs_.norm(rhs);

    // Convergence (from the second iteration on: norms of the update just made).
    if (k > 0) {
      const IterationRecord& last = result.iterations.back();
      check = test.check({rec.residual_norm, ref_residual, last.displacement_norm,
                          std::max((u - u_start).norm(), u.norm()), last.energy_norm, ref_energy,
                          support_load()});
      if (check->converged()) return converged(rec, result);
    }
    if (k == settings_.max_iterations) break;
    watch_cycles(cycles, rec, result);
    if (k > 0 && previous_residual > 0)
      forcing.update(rec.residual_norm, previous_residual, ref_residual);
    choose_update(k, rec.residual_norm, previous_residual, ref_residual, bfgs.updates(), reform,
                  result);
    if (restart_) {  // the BFGS path led away: full Newton starts the increment afresh
      previous_residual = restart_increment(u, u_start, t);
      k = -1;
      continue;
    }
    previous_residual = rec.residual_norm;

    ++total_iterations_;
    tangent_evaluations_ = residual_evaluations_ = 0;
    rec.linear_iterations =
        search_direction(k, predictor, u, t, rhs, du, forcing.value(), reform, bfgs, result);
    result.linear_iterations += rec.linear_iterations;
    if (!du.allFinite())
      throw NumericalError(NumericalError::Kind::NotANumber, "linear solve gave NaN");
    if (k == 0) ref_energy = std::abs(dofs_.dot(du, rhs));

    try {
      rec.alpha = line_search(k, predictor, u, t, du, dofs_.dot(du, rhs), dofs_.norm(rhs), u_trial,
                              r_trial);
    } catch (const NumericalError& e) {
      // No evaluable state along the BFGS direction: redo the iteration with the tangent.
      if (!step_bfgs_ || !auto_.enabled()) throw;
      switch_to_newton(k, std::string("line search failed: ") + e.what(), result);
      --k;
      continue;
    }
    record_iteration_cost(bfgs.updates());
    const VecX step = u_trial - u;
    rec.displacement_norm = step.norm();
    rec.energy_norm = std::abs(dofs_.dot(step, rhs));
    if (step_bfgs_ && k > 0) update_bfgs(step, r_trial, bfgs, reform);
    u = u_trial;
    r_ = r_trial;
    result.iterations.push_back(rec);
    log_iteration(log_, rec);
  }
  result.final_residual_norm = dofs_.norm(r_);
  result.failure = "no convergence in " + std::to_string(settings_.max_iterations) + " iterations" +
                   (check ? ": " + test.describe(*check) : std::string());
  return result;
}

int NewtonSolver::search_direction(int k, const NewtonPredictor& predictor, const VecX& u, Real t,
                                   VecX& rhs, VecX& du, Real forcing, bool& reform,
                                   BfgsUpdate& bfgs, NewtonResult& result) {
  if (!step_bfgs_ || reform) {
    if (!tangent_current_) {
      problem_.evaluate(u, t, r_, &K_);
      ++tangent_evaluations_;
    }
    K_factored_ = K_;
    apply_constraints(K_factored_, factored_diagonal_);
    if (k == 0) predictor.set_constrained_rhs(factored_diagonal_, rhs);
    const int its = linear_solve(K_factored_, rhs, du, forcing, k == 0, result);
    have_factorization_ = true;
    if (step_bfgs_ && k > 0) ++result.reformations;
    bfgs.clear();
    reform = false;
    fresh_direction_ = true;
    return its;
  }
  fresh_direction_ = false;
  if (k == 0) predictor.set_constrained_rhs(factored_diagonal_, rhs);
  const int its = bfgs.apply(
      rhs, [&](const VecX& q, VecX& x) { return linear_resolve(K_factored_, q, x, result); }, du);
  if (k == 0)
    predictor.set_constrained_step(du);  // the prescribed increment is applied exactly
  else
    dofs_.zero_constrained(du);
  return its;
}

Real NewtonSolver::line_search(int k, const NewtonPredictor& predictor, const VecX& u, Real t,
                               const VecX& du, Real s0, Real r0, VecX& u_trial, VecX& r_trial) {
  const auto evaluate = [&](Real alpha) {
    predictor.trial_point(u, du, alpha, k == 0, u_trial);
    // Full Newton needs the tangent at the accepted point anyway; BFGS only residuals.
    problem_.evaluate(u_trial, t, r_trial, step_bfgs_ ? nullptr : &K_);
    tangent_current_ = !step_bfgs_;
    ++(step_bfgs_ ? residual_evaluations_ : tangent_evaluations_);
  };
  // A full Newton direction descends on ||r|| (r0 = ||rhs||, the linear model's ||r(0)||, also
  // at k = 0 where the prescribed increment is applied whole); a BFGS direction need not.
  if (settings_.line_search && (settings_.residual_line_search || cycling_) && !step_bfgs_ &&
      r0 > 0 && std::isfinite(r0))
    return ResidualLineSearch().run(r0, evaluate, [&] { return dofs_.norm(r_trial); });
  // The bracket after an overshoot (line_search.hpp) for full Newton directions, whose s(alpha)
  // follows the linear model up to a kink; BFGS iterations keep the secant from s(0), on which
  // strategy auto's switch and cost rules were measured (benchmarks/RESULTS.md).
  LineSearchSettings ls;
  ls.enabled = settings_.line_search;
  ls.tolerance = settings_.line_search_tolerance;
  ls.max_trials = settings_.line_search_max;
  ls.bracket = !step_bfgs_;
  const LineSearch search(ls);
  return search.run(s0, evaluate, [&] { return -dofs_.dot(du, r_trial); });
}

void NewtonSolver::watch_cycles(CycleDetector& cycles, const IterationRecord& rec,
                                const NewtonResult& result) {
  if (!settings_.cycle_detection || cycling_) return;
  const Real alpha = result.iterations.empty() ? 1.0 : result.iterations.back().alpha;
  if (!cycles.record(rec.residual_norm, alpha)) return;
  cycling_ = true;
  log_.debug("  newton " + std::to_string(rec.iteration) + ": " + cycles.describe() +
             ", residual-norm line search from here");
}

bool NewtonSolver::start_increment(NewtonResult& result) {
  cycling_ = false;
  step_bfgs_ = auto_.enabled() ? auto_.start_increment() : bfgs_;
  if (auto_.in_newton()) result.full_newton_from = 0;
  return !(step_bfgs_ && settings_.bfgs_keep_across_steps && have_factorization_);
}

void NewtonSolver::choose_update(int k, Real residual, Real previous_residual, Real ref_residual,
                                 int bfgs_updates, bool& reform, NewtonResult& result) {
  if (step_bfgs_ && auto_.should_switch(k, residual, ref_residual, fresh_direction_)) {
    switch_to_newton(k, "residual " + sci3(residual) + " grew or stagnated", result);
    // BFGS has not got far from where the increment started: full Newton from the start, where
    // the tangent is that of a converged state; from the BFGS state it can be indefinite.
    restart_ = auto_.should_restart(residual, AutoStrategy::kRestartFraction);
  }
  if (step_bfgs_ && BfgsUpdate::should_reform(k, residual, previous_residual, ref_residual,
                                              bfgs_updates, settings_.bfgs_max_updates)) {
    if (auto_.enabled() && auto_.should_restart(residual)) {
      // A re-formation here would factorise the tangent at a state further from equilibrium
      // than the increment's start; with stiff exponential fibres (k2 = 1000) it was indefinite
      // there, and CHOLMOD's fallback to LDL^T took 10 s at 27,783 dofs, a third of what full
      // Newton needs for the whole run (benchmarks/RESULTS.md, "strategy auto: no re-formation
      // past the start"). Full Newton from the start instead.
      switch_to_newton(k, "residual " + sci3(residual) + " above the increment's start", result);
      restart_ = true;
    } else {
      reform = true;
    }
  }
  if (!step_bfgs_) auto_.count_newton_iteration();
}

void NewtonSolver::switch_to_newton(int k, const std::string& why, NewtonResult& result) {
  step_bfgs_ = false;
  auto_.switch_to_newton();
  result.full_newton_from = k;
  log_.debug("  auto: full Newton from iteration " + std::to_string(k) + " (" + why + ")");
}

Real NewtonSolver::support_load() const {
  // The prescribed rows of r hold the reactions (r = f_int - f_ext there).
  Real sum = 0;
  for (Index d : problem_.constrained_dofs()) sum += std::abs(r_[d]);
  return sum;
}

NewtonResult& NewtonSolver::converged(const IterationRecord& rec, NewtonResult& result) {
  auto_.converged();
  result.converged = true;
  result.final_residual_norm = rec.residual_norm;
  result.iterations.push_back(rec);
  return result;
}

Real NewtonSolver::restart_increment(VecX& u, const VecX& u_start, Real t) {
  restart_ = false;
  u = u_start;
  problem_.evaluate(u, t, r_, &K_);
  tangent_current_ = true;
  return 0;
}

void NewtonSolver::record_iteration_cost(int bfgs_updates) {
  if (!auto_.enabled() || settings_.auto_cost_ratio < 0) return;
  if (settings_.auto_cost_ratio > 0) {
    auto_.record_cost(fresh_direction_, fresh_direction_ ? settings_.auto_cost_ratio : 1.0);
    return;
  }
  // Counted, not timed (iteration_cost.hpp): the same decisions on every machine and thread
  // count. A solver that cannot count its flops leaves the cost rule off (the stall rule).
  if (!cost_.known()) return;
  auto_.record_cost(fresh_direction_,
                    cost_.iteration(fresh_direction_ ? 1 : 0, 1, tangent_evaluations_,
                                    residual_evaluations_, fresh_direction_ ? 0 : bfgs_updates));
}

void NewtonSolver::update_bfgs(const VecX& step, const VecX& r_trial, BfgsUpdate& bfgs,
                               bool& reform) const {
  VecX y = r_trial - r_;
  dofs_.zero_constrained(y);
  VecX s = step;
  dofs_.zero_constrained(s);
  if (!bfgs.add(std::move(s), std::move(y))) reform = true;
}

}  // namespace sinew::solver
