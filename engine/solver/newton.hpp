// Newton-Raphson with line search for a NonlinearProblem, with prescribed unknowns applied
// through the consistent linearised predictor, convergence on residual, displacement and energy
// norms (all three must hold, as in FEBio), and a per-iteration record of the norms. The solver
// orchestrates the units beside it: newton_predictor, convergence_test, forcing_term,
// bfgs_update and line_search.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "solver/auto_strategy.hpp"
#include "solver/free_dofs.hpp"
#include "solver/iteration_cost.hpp"
#include "solver/linear/fallback.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/nonlinear_problem.hpp"

namespace sinew::solver {

class BfgsUpdate;
class CycleDetector;
class NewtonPredictor;

/// How each iteration obtains its search direction.
enum class NewtonStrategy {
  /// Full up to kBfgsMinDofs unknowns or with an iterative solver; above, Bfgs that switches to
  /// Full where BFGS is projected to cost more (AutoStrategy, auto_strategy.hpp)
  Auto,
  Full,  ///< a new tangent and factorisation every iteration (quadratic convergence)
  Bfgs,  ///< one factorisation per step, inverse BFGS updates in between (Matthies & Strang 1979)
};

/// Above this size strategy auto starts with BFGS (and its cost rule, auto_strategy.hpp): at
/// 8,232 dofs BFGS took 2.7-4.2x less CPU than full Newton on ten of the twelve fibre laws of
/// benchmarks/solver/auto_grid.sh (RESULTS.md); below, full Newton keeps small models (the
/// demo's 2,496 dofs) on a path that no timing can change.
inline constexpr Index kBfgsMinDofs = 8'000;

struct NewtonSettings {
  int max_iterations = 25;
  NewtonStrategy strategy = NewtonStrategy::Auto;
  Index auto_bfgs_min_dofs = kBfgsMinDofs;  ///< auto: BFGS above this many unknowns
  /// auto: the cost of a factorising iteration over that of a BFGS iteration; 0 counts it
  /// (factorisation and solve flops of the direct solver, evaluations and BFGS updates,
  /// iteration_cost.hpp: the same on every machine), a positive value fixes it, a negative one
  /// switches the cost rule off (the stall rule instead, auto_strategy.hpp).
  Real auto_cost_ratio = 0;
  int bfgs_max_updates = 10;  ///< BFGS: re-form the tangent after this many updates
  /// BFGS: start a load step from the previous step's factorisation (re-formed only when the
  /// updates stop working), instead of factorising at every step.
  bool bfgs_keep_across_steps = true;
  Real residual_tolerance = 1e-8;  ///< ||r|| <= tol * ||r_0|| (relative); 0 disables
  Real residual_absolute = 1e-10;  ///< ... or ||r|| <= this (N): converged at any ratio
  /// ... or ||r|| <= this * the support load (sum |R| over the prescribed unknowns); 0: off
  Real residual_load = 0;
  Real displacement_tolerance = 1e-8;  ///< ||du|| <= tol * ||u - u_step_start||; 0 disables
  Real energy_tolerance = 1e-12;       ///< |du . r| <= tol * |du_0 . r_0|; 0 disables
  bool line_search = true;
  /// Full Newton iterations: line search on ||r|| (residual_line_search.hpp) instead of the
  /// secant on s(alpha), which the BFGS iterations keep. Off: on the interface demo study it
  /// traded cut-backs between arms instead of removing them (benchmarks/RESULTS.md).
  bool residual_line_search = false;
  /// Full Newton iterations: once the residual norms cycle (an active-set cycle of period 2 or
  /// 3) or the line search creeps (cycle_detector.hpp), the rest of the increment uses the
  /// residual-norm line search.
  bool cycle_detection = true;
  Real line_search_tolerance = 0.9;  ///< accept alpha when |s(alpha)| <= tol |s(0)|
  int line_search_max = 5;
  std::string linear_solver = "auto";  ///< registry name, or "auto" (by size, see RESULTS.md)
  /// Iterative backends: Eisenstat-Walker forcing terms (choice 2, gamma 0.9, alpha 2), bounded.
  Real forcing_max = 1e-2;
  Real forcing_min = 1e-10;
  /// Iterative backends: rebuild the preconditioner when a solve needs more than this factor
  /// times the iterations of the solve right after the last rebuild.
  Real preconditioner_rebuild_factor = 1.5;
};

/// The norms of one Newton iteration (after its update).
struct IterationRecord {
  int iteration = 0;
  Real residual_norm = 0;      ///< ||r_f|| at the start of the iteration (N)
  Real displacement_norm = 0;  ///< ||alpha du|| (mm)
  Real energy_norm = 0;        ///< |alpha du . r| (N mm)
  Real alpha = 1;              ///< line-search step
  int linear_iterations = 0;
};

struct NewtonResult {
  bool converged = false;
  /// Why not, when not converged: "no convergence in N iterations: " and the convergence
  /// criteria of the last check, the failed ones first (see ConvergenceTest::describe).
  std::string failure;
  std::vector<IterationRecord> iterations;
  Real final_residual_norm = 0;
  int factorizations = 0;              ///< numeric factorisations / preconditioner set-ups
  int reformations = 0;                ///< BFGS: tangents re-formed after the first
  int linear_iterations = 0;           ///< Krylov iterations (iterative backends)
  std::vector<std::string> fallbacks;  ///< backend switches that happened (e.g. not SPD)
  /// strategy auto: the iteration from which full Newton was used, -1 when BFGS throughout
  /// (0 when the increment started with full Newton)
  int full_newton_from = -1;
};

class NewtonSolver {
 public:
  /// `problem` and `registry` must outlive the solver.
  NewtonSolver(NonlinearProblem& problem, const LinearSolverRegistry& registry,
               NewtonSettings settings = {}, LogSink log = {});

  /// Solves r(u, t) = 0 starting from u (in/out). The prescribed unknowns are set to their
  /// values at t. On failure u is left at the last iterate; the caller restores it.
  NewtonResult solve(VecX& u, Real t);

  /// Solves K(u, t) x = b with a fresh tangent at (u, t), the prescribed unknowns held (b and x
  /// are zero there): the linear response of a converged state to a load change b (N).
  VecX tangent_solve(const VecX& u, Real t, const VecX& b);

  /// Residual at the last converged state (reactions on prescribed unknowns), N.
  const VecX& residual() const { return r_; }

  /// Iterations (updates) and factorisations over the solver's life, failed solves included
  /// (also those ended by a NumericalError).
  int total_iterations() const { return total_iterations_; }
  int total_factorizations() const { return total_factorizations_; }

  /// Name of the linear backend currently in use.
  std::string linear_solver_name() const { return linear_.active_name(); }
  const LinearSolver& linear_solver() const { return linear_.active(); }

 private:
  static std::string primary_linear_solver(const NonlinearProblem& p, const std::string& name);
  void prepare_constraint_masks();
  /// Passes the problem's near-null space, restricted to the free dofs, to the linear solver.
  void hand_near_null_space();
  /// Zeroes constrained rows and columns (keeping their diagonals) and returns, per
  /// constrained dof, the diagonal that the right-hand side must be scaled with.
  void apply_constraints(SparseMatrix& K, VecX& diagonal) const;
  /// Factorises K (with fallbacks), solves K x = b; returns Krylov iterations.
  int linear_solve(const SparseMatrix& K, const VecX& b, VecX& x, Real forcing, bool new_step,
                   NewtonResult& result);
  /// Solves with the last factorisation (BFGS iterations between re-formations).
  int linear_resolve(const SparseMatrix& K, const VecX& b, VecX& x, NewtonResult& result);
  /// Iteration k's direction du for rhs: a new factorisation (full Newton, or BFGS when
  /// `reform`), else the BFGS-updated inverse of the last one. Returns linear iterations.
  int search_direction(int k, const NewtonPredictor& predictor, const VecX& u, Real t, VecX& rhs,
                       VecX& du, Real forcing, bool& reform, BfgsUpdate& bfgs,
                       NewtonResult& result);
  /// Line search along du from u with slope s0 and linear-model residual norm r0; leaves the
  /// accepted point and its residual in u_trial and r_trial and returns alpha.
  Real line_search(int k, const NewtonPredictor& predictor, const VecX& u, Real t, const VecX& du,
                   Real s0, Real r0, VecX& u_trial, VecX& r_trial);
  /// Feeds iteration `rec` to the cycle detector; switches to the residual-norm line search
  /// (cycling_) when it sees a cycle or a creep.
  void watch_cycles(CycleDetector& cycles, const IterationRecord& rec, const NewtonResult& result);
  /// Picks the increment's strategy (BFGS or full Newton); returns whether BFGS must start
  /// from a new factorisation.
  bool start_increment(NewtonResult& result);
  /// Before iteration k's direction: strategy auto's switch to full Newton, and whether BFGS
  /// must re-form its tangent (BfgsUpdate::should_reform).
  void choose_update(int k, Real residual, Real previous_residual, Real ref_residual,
                     int bfgs_updates, bool& reform, NewtonResult& result);
  /// strategy auto: full Newton from iteration k on.
  void switch_to_newton(int k, const std::string& why, NewtonResult& result);
  /// Marks the result converged at the check of `rec` and returns it.
  NewtonResult& converged(const IterationRecord& rec, NewtonResult& result);
  /// Sum of |r| over the prescribed unknowns: the reactions, the load the supports carry (N).
  Real support_load() const;
  /// strategy auto: back to the increment's start u_start with the tangent there; returns the
  /// previous residual to continue with (none).
  Real restart_increment(VecX& u, const VecX& u_start, Real t);
  /// strategy auto: records the counted cost of the iteration just made (`bfgs_updates`: the
  /// BFGS updates its direction applied).
  void record_iteration_cost(int bfgs_updates);
  /// Adds the BFGS update of an accepted step; asks for a re-formation when it cannot.
  void update_bfgs(const VecX& step, const VecX& r_trial, BfgsUpdate& bfgs, bool& reform) const;

  NonlinearProblem& problem_;
  const LinearSolverRegistry& registry_;
  NewtonSettings settings_;
  LogSink log_;
  SymmetricSolveWithFallback linear_;
  bool bfgs_ = false;       ///< the resolved strategy
  bool step_bfgs_ = false;  ///< the current iteration's: bfgs_ unless auto switched to Newton
  AutoStrategy auto_{false};
  bool fresh_direction_ = false;  ///< the last direction came from a new factorisation
  bool restart_ = false;         ///< auto switched where the residual exceeds the increment's first
  bool cycling_ = false;         ///< the increment cycles or creeps: residual-norm line search
  IterationCost cost_;           ///< counts of the factorisation and the problem (auto's cost rule)
  int tangent_evaluations_ = 0;  ///< the current iteration's evaluations with the tangent ...
  int residual_evaluations_ = 0;  ///< ... and of the residual alone
  bool analyzed_ = false;
  int iterations_after_setup_ = -1;
  FreeDofs dofs_;
  bool tangent_current_ = false;         ///< K_ is the tangent at the current iterate
  std::vector<Index> zero_entries_;      ///< value indices in constrained rows/columns (off-diag)
  std::vector<Index> diagonal_entries_;  ///< value index of each constrained dof's diagonal
  SparseMatrix K_;
  SparseMatrix K_factored_;  ///< the constrained tangent last factorised
  VecX factored_diagonal_;   ///< its diagonals on the constrained unknowns
  bool have_factorization_ = false;
  VecX r_;
  int total_iterations_ = 0;
  int total_factorizations_ = 0;
};

}  // namespace sinew::solver
