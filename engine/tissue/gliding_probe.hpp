// The gliding probe: both body ends translated rigidly along the axis by the probe excursion,
// the bed support clamped, on a copy of the source problem's history; its force-excursion
// curve. The body-bed interface is the model's interface elements (small sliding) or, with
// `tissue.probe_sliding: finite`, node-to-segment contact carrying the same bonds
// (finite_glide.hpp), so the excursion may exceed a facet.
#pragma once

#include <utility>
#include <vector>

#include "core/log.hpp"
#include "fem/mechanics_problem.hpp"
#include "solver/newton.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::tissue {

struct GlidingCurve {
  /// (excursion mm, axial force N on the body's ends) at every converged increment.
  std::vector<std::pair<Real, Real>> points;
  Real bond_dissipation = 0.0;  ///< mJ dissipated by bond damage during the probe
  Real bonded_area = 0.0;       ///< intact bonded area at the probe's start (mm^2)
};

/// The probe's model: the source's model unloaded, every component of both ends' nodes
/// prescribed to excursion x axis (ramped over t in [0, 1]), the bed support clamped. The
/// interface is not replaced here (run_gliding_probe does). Throws what the sets' lookups throw.
fem::Model gliding_probe_model(const fem::Model& source, const TissueModel& tissue);

/// Runs the probe on a copy of `source`'s history (the source is untouched). Needs the model's
/// interface coupling (std::invalid_argument otherwise); throws std::runtime_error when an
/// increment does not converge.
GlidingCurve run_gliding_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                               const solver::NewtonSettings& settings,
                               const solver::LinearSolverRegistry& registry,
                               const LogSink& log = {});

}  // namespace sinew::tissue
