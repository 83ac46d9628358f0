// Tissue metrics (docs/metrics.md has each definition): tendon stiffness at a probe force and the
// secant modulus of the probe's stress-strain curve, gliding resistance, work of excursion, the
// force at the bonds' failure separation and the excursion at the peak, adhesion intact fraction
// and bonded area, scar strains (the volume-mean fibre strain of the scar core, and the peaks)
// and the strain concentration factor, and mean scar fibre damage.
//
// Probes run on a copy of the state: a problem of their own with the probe's boundary conditions
// and a copy of the history (fibre damage, bond damage, slip); the source problem is untouched.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/log.hpp"
#include "fem/mechanics_problem.hpp"
#include "solver/newton.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::tissue {

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  std::string_view section;  ///< the section of docs/metrics.md that defines it
  /// The smallest magnitude the probes resolve, in `unit` (docs/metrics.md, "Resolution"): a
  /// value within it is numerically zero, and a change from it has no meaningful percentage.
  double resolution;
};

enum Metric : int {
  kStiffness,
  kTendonModulus,
  kGlidingResistance,
  kWorkOfExcursion,
  kGlidingForceAtBondFailure,
  kGlidingPeakExcursion,
  kAdhesionIntactFraction,
  kBondedArea,
  kScarFibreStrain,
  kScarPeakFibreStretch,
  kScarPeakStrain,
  kStrainConcentration,
  kScarMeanFibreDamage,
  kMetricCount
};

/// Name, unit and one-line definition of each metric, in Metric order.
const std::array<MetricInfo, kMetricCount>& metric_table();

/// Metric values in Metric order; NaN where a metric does not apply (no scar, no bed).
using MetricValues = std::array<Real, kMetricCount>;

/// Builds the boundary conditions of the stiffness and gliding probes on `model` without solving
/// (validation: roles that cannot carry a probe are found in milliseconds, not after a run).
/// Throws what building them throws.
void build_probe_models(const fem::Model& model, const TissueModel& tissue);

/// Measures every metric of the state held by `source` (its history; its displacement is not
/// used: the probes start from the reference configuration, as a bench test does). Throws
/// std::runtime_error when a probe does not converge.
MetricValues measure_metrics(const fem::MechanicsProblem& source, const TissueModel& tissue,
                             const solver::NewtonSettings& newton,
                             const solver::LinearSolverRegistry& linear_solvers,
                             const LogSink& log = {});

}  // namespace sinew::tissue
