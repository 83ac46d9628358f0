// A metric probe's load stepping: the run of a probe problem over its own clock, keeping every
// converged step (time, residual, displacement) for the probe's force-displacement curve.
#pragma once

#include <utility>
#include <vector>

#include "core/log.hpp"
#include "fem/mechanics_problem.hpp"
#include "solver/newton.hpp"

namespace sinew::tissue {

struct ProbeRun {
  VecX u;
  std::vector<std::pair<Real, VecX>> steps;  ///< (t, residual) at every converged step
  std::vector<VecX> displacements;           ///< u at every converged step
};

/// Runs `problem` over t in (0, t_end] in `increments` equal increments from `initial_guess`
/// (zero when null); with `rate` each step starts from the last increment extrapolated
/// (LoadStepSettings::extrapolate), the first from u + rate dt; `max_marks_per_step` as in
/// LoadStepSettings. Throws std::runtime_error naming `what` when a step does not converge.
ProbeRun run_probe(fem::MechanicsProblem& problem, solver::NewtonSolver& newton, int increments,
                   const LogSink& log, const char* what, Real t_end = 1.0,
                   const VecX* initial_guess = nullptr, const VecX* rate = nullptr,
                   int max_marks_per_step = 1);

}  // namespace sinew::tissue
