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
