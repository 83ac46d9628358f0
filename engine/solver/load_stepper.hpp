// Load stepping over a time interval: equal nominal increments whose end points are always
// reached (results are reported there), automatic cut-back on failure and growth after easy
// steps (the increment rule is StepController's, step_controller.hpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "solver/newton.hpp"

namespace sinew::solver {

struct LoadStepSettings {
  Real t_start = 0.0;
  Real t_end = 1.0;
  int increments = 10;      ///< nominal equal increments; their end points are always reached
  bool adaptive = true;     ///< cut back on failure, grow after easy steps
  int max_cutbacks = 8;     ///< halvings allowed below the nominal increment
  int easy_iterations = 5;  ///< a step converging in at most this many iterations lets dt grow
  Real growth = 1.5;
  /// Start each step's Newton iterations from the last converged increment extrapolated
  /// linearly in t (u + du_prev dt / dt_prev), as Abaqus/Standard does, instead of from the
  /// last converged state; not after a rejected attempt. Pays where the response is close to
  /// linear in t over a step, e.g. a body translated steadily along a stiff path (the gliding
  /// probe); off by default, because a load reversal (cyclic loading) makes it a bad guess.
  bool extrapolate = false;
  /// With extrapolate: the rate du/dt assumed before the first step, so that the first step
  /// starts from u + first_rate dt (empty: it starts from u).
  VecX first_rate = VecX();
  /// Above 1: after a step at the nominal size that converged in one Newton iteration (the
  /// response linear over it, e.g. an extrapolated start that was already the solution), the
  /// next step spans twice as many nominal increments, up to this many, and the end points it
  /// passes over are not reported. Such a step must itself converge in one iteration, or it is
  /// repeated over one increment: end points are skipped only where the response is linear, so
  /// that interpolating between the reported ones loses nothing. 1: every end point is reached.
  int max_marks_per_step = 1;
};

/// One converged (sub)step.
struct StepRecord {
  Real t = 0;
  Real dt = 0;
  int newton_iterations = 0;
  int linear_iterations = 0;
  int factorizations = 0;
  int cutbacks = 0;      ///< failed attempts before this step converged
  bool nominal = false;  ///< true at the end of a nominal increment
  std::vector<IterationRecord> iterations;
};

/// The solver's effort over a run of load steps, rejected attempts included.
struct SolverTotals {
  int increments = 0;         ///< converged (sub-)increments
  int rejected = 0;           ///< attempts that failed (each cut back, or the last one)
  int cutbacks = 0;           ///< halvings of the increment after a rejected attempt
  int newton_iterations = 0;  ///< in every attempt
  int factorizations = 0;     ///< in every attempt

  SolverTotals& operator+=(const SolverTotals& o) {
    increments += o.increments;
    rejected += o.rejected;
    cutbacks += o.cutbacks;
    newton_iterations += o.newton_iterations;
    factorizations += o.factorizations;
    return *this;
  }
};

struct LoadStepResult {
  bool completed = false;
  std::string failure;
  std::vector<StepRecord> steps;
  SolverTotals totals;
};

/// Called after every converged step with the state; `nominal` steps are the reporting points.
using StepCallback = std::function<void(const StepRecord&, const VecX& u)>;

LoadStepResult run_load_steps(NonlinearProblem& problem, NewtonSolver& newton, VecX& u,
                              const LoadStepSettings& settings, const StepCallback& on_step = {},
                              const LogSink& log = {});

}  // namespace sinew::solver
