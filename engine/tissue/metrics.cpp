// Metric probes: a stiffness probe (the probe force on the loaded end through the tissue's end
// condition, fixed end and bed clamped; solved again to half the force for the secant modulus)
// and the metrics of the gliding probe's force-excursion curve (gliding_probe.hpp), each on a
// copy of the source problem's history.
#include "tissue/metrics.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "fem/surface_kernels.hpp"
#include "interface/interface_set.hpp"
#include "tissue/end_condition.hpp"
#include "tissue/finite_glide.hpp"
#include "tissue/gliding_probe.hpp"
#include "tissue/probe_run.hpp"

namespace sinew::tissue {

namespace {
// Forces and the quantities made from them (N, N/mm, MPa, N mm) are resolved to 1e-3 of their
// unit: the equilibrium floor of the scarred Achilles model (solver.residual_absolute = 1e-3 N)
// and 0.1% of the smallest probe force of the shipped models (the gliding probe's ~1 N).
constexpr double kForceResolution = 1e-3;
}  // namespace

const std::array<MetricInfo, kMetricCount>& metric_table() {
  static const std::array<MetricInfo, kMetricCount> table{{
      {"stiffness", "N/mm",
       "axial stiffness of the body: secant slope of force over elongation between half the "
       "probe force and the probe force",
       "Stiffness probe", kForceResolution},
      {"tendon_modulus", "MPa",
       "secant slope of stress F/A over strain elongation/length between half the probe force "
       "and the probe force",
       "Stiffness probe", kForceResolution},
      {"gliding_resistance", "N",
       "largest axial force needed to translate the body by the probe excursion relative to its "
       "bed",
       "Gliding probe", kForceResolution},
      {"work_of_excursion", "N mm", "integral of that force over the probe excursion",
       "Gliding probe", kForceResolution},
      {"gliding_force_at_bond_failure", "N",
       "axial gliding force at the excursion equal to the bonds' mode II failure separation",
       "Gliding probe", kForceResolution},
      {"gliding_peak_excursion", "mm", "excursion at which the gliding force is largest",
       "Gliding probe", 1e-6},
      {"adhesion_intact_fraction", "1",
       "area-weighted mean of rho (1 - D) over the interface divided by that of the initial rho",
       "State metrics", 1e-9},
      {"bonded_area", "mm^2",
       "intact bonded area: the integral of rho (1 - D) over the interface's reference area",
       "State metrics", 1e-9},
      {"scar_fibre_strain", "1",
       "volume-mean fibre strain (fibre stretch - 1) over the scar core (s >= 0.9) at the probe "
       "force",
       "Stiffness probe", 1e-9},
      {"scar_peak_fibre_stretch", "1",
       "largest fibre stretch in the scar at the probe force (a point value: mesh-dependent)",
       "Stiffness probe", 1e-9},
      {"scar_peak_strain", "1",
       "largest maximum principal Green-Lagrange strain in the scar at the probe force (a point "
       "value: mesh-dependent)",
       "Stiffness probe", 1e-9},
      {"strain_concentration", "1",
       "scar_peak_strain over the volume-weighted mean of the same strain in healthy tissue",
       "Stiffness probe", 1e-9},
      {"scar_mean_fibre_damage", "1", "volume-weighted mean fibre damage D in the scar",
       "State metrics", 1e-9},
  }};
  return table;
}

namespace {

constexpr Real kNaN = std::numeric_limits<Real>::quiet_NaN();

void clamp_nodes(fem::Model& m, const std::string& set, const std::vector<int>& components,
                 Real value = 0.0, int curve = -1) {
  for (int c : components) m.displacements.push_back({set, m.mesh.node_set(set), c, value, curve});
}

// Per-node share of a facet set's reference area (mm^2).
std::vector<std::pair<Index, Real>> nodal_areas(const mesh::Mesh& mesh,
                                                const std::vector<mesh::Facet>& facets) {
  std::map<Index, Real> w;
  for (const auto& f : facets) {
    const auto nodes = mesh.facet_nodes(f);
    MatX X(3, static_cast<Index>(nodes.size()));
    for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = mesh.points[nodes[a]];
    const MatX M = fem::facet_mass(X);  // consistent mass: its row sums are the nodal areas
    for (size_t a = 0; a < nodes.size(); ++a) w[nodes[a]] += M.row(static_cast<Index>(a)).sum();
  }
  return {w.begin(), w.end()};
}

// The stiffness probe: fixed end and bed clamped, the probe force on the loaded end (rigid plate
// or dead traction, as the load cases).
fem::Model stiffness_probe_model(const fem::Model& source, const TissueModel& tissue) {
  const auto& roles = tissue.roles;
  fem::Model model = fem::unloaded_copy(source);
  clamp_nodes(model, roles.fixed_end, {0, 1, 2});
  if (!roles.bed_support.empty()) clamp_nodes(model, roles.bed_support, {0, 1, 2});
  const auto& end = model.mesh.facet_set(roles.loaded_end);
  Real area = 0.0;
  for (const auto& [n, a] : nodal_areas(model.mesh, end)) area += a;
  if (!(area > 0.0))
    throw std::invalid_argument("the loaded end '" + roles.loaded_end + "' has no area");
  add_end_force(model, roles, tissue.probes.force, 0);
  return model;
}

Real max_principal_green_lagrange(const Mat3& F) {
  const Mat3 E = 0.5 * (F.transpose() * F - Mat3::Identity());
  return Eigen::SelfAdjointEigenSolver<Mat3>(E, Eigen::EigenvaluesOnly).eigenvalues()(2);
}

// The loaded end's area-weighted mean axial displacement (mm): the probe's elongation.
Real end_elongation(const std::vector<std::pair<Index, Real>>& areas, const Vec3& axis,
                    const VecX& u) {
  Real area = 0.0, sum = 0.0;
  for (const auto& [n, a] : areas) {
    area += a;
    sum += a * axis.dot(u.segment<3>(3 * n));
  }
  return sum / area;
}

// Gauge length (mm): the axial distance from the fixed end (node mean) to the loaded end
// (area-weighted mean) in the reference configuration.
Real gauge_length(const fem::Model& model, const TissueRoles& roles,
                  const std::vector<std::pair<Index, Real>>& areas) {
  Real area = 0.0, loaded = 0.0, fixed = 0.0;
  for (const auto& [n, a] : areas) {
    area += a;
    loaded += a * roles.axis.dot(model.mesh.points[n]);
  }
  const auto& fixed_nodes = model.mesh.node_set(roles.fixed_end);
  for (Index n : fixed_nodes) fixed += roles.axis.dot(model.mesh.points[n]);
  return loaded / area - fixed / static_cast<Real>(fixed_nodes.size());
}

// u at probe time t, linearly interpolated between the converged steps (u = 0 at t = 0).
VecX displacement_at(const ProbeRun& run, Real t) {
  Real t0 = 0.0;
  VecX u0 = VecX::Zero(run.u.size());
  for (size_t k = 0; k < run.steps.size(); ++k) {
    const Real t1 = run.steps[k].first;
    if (t1 >= t) return u0 + (t - t0) / (t1 - t0) * (run.displacements[k] - u0);
    t0 = t1;
    u0 = run.displacements[k];
  }
  return u0;
}

// The probe's upper half: the loaded end's elongation at the probe force F and at F/2 (mm).
// The half-force point is solved for, on a fresh copy of the history, from the main probe's
// curve interpolated there, so the secants below do not depend on where the probe's increments
// fall.
struct UpperHalf {
  Real elongation = 0.0;  ///< delta(F) - delta(F/2) (mm)
  Real area = 0.0;        ///< the loaded end's reference area (mm^2)
  Real gauge = 0.0;       ///< the reference distance from the fixed to the loaded end (mm)
};

UpperHalf upper_half(const fem::MechanicsProblem& source, const fem::Model& model,
                     const TissueModel& tissue, const ProbeRun& full,
                     const std::vector<std::pair<Index, Real>>& areas,
                     const solver::NewtonSettings& settings,
                     const solver::LinearSolverRegistry& registry, const LogSink& log) {
  fem::MechanicsProblem problem(model);
  problem.set_state(source.state());
  problem.restart_clock(0.0);
  solver::NewtonSolver newton(problem, registry, settings, log);
  const VecX guess = displacement_at(full, 0.5);
  const ProbeRun half = run_probe(problem, newton, 1, log, "stiffness (half force)", 0.5, &guess);
  UpperHalf h;
  for (const auto& [n, a] : areas) h.area += a;
  h.elongation = end_elongation(areas, tissue.roles.axis, full.u) -
                 end_elongation(areas, tissue.roles.axis, half.u);
  h.gauge = gauge_length(model, tissue.roles, areas);
  return h;
}

// Scar strains at the probe's displacement u: the volume-mean fibre strain of the scar core
// (s >= 0.9), the peaks over the scar (s >= 0.5) and the strain concentration.
void scar_strains(const fem::MechanicsProblem& problem, const TissueModel& tissue, const VecX& u,
                  MetricValues& out) {
  const auto& model = problem.model();
  const auto states = problem.point_states(u);
  const auto& dV = problem.point_volumes();
  const auto& fields = problem.fields();
  Real peak_stretch = -1.0, peak_strain = -1e300, healthy_sum = 0.0, healthy_volume = 0.0;
  Real core_sum = 0.0, core_volume = 0.0;
  bool any_scar = false;
  for (Index c : model.mesh.element_set(tissue.roles.body))
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p) {
      const Real s = tissue.scar_fraction.empty() ? 0.0 : tissue.scar_fraction[p];
      const Real strain = max_principal_green_lagrange(states[p].F);
      if (s >= TissueModel::kScarThreshold) {
        any_scar = true;
        const Real stretch = (states[p].F * fields[p].fibre).norm();
        peak_stretch = std::max(peak_stretch, stretch);
        peak_strain = std::max(peak_strain, strain);
        if (s >= TissueModel::kScarCoreThreshold) {
          core_sum += dV[p] * (stretch - 1.0);
          core_volume += dV[p];
        }
      } else if (s < TissueModel::kHealthyThreshold) {
        healthy_sum += dV[p] * strain;
        healthy_volume += dV[p];
      }
    }
  out[kScarFibreStrain] = core_volume > 0 ? core_sum / core_volume : kNaN;
  out[kScarPeakFibreStretch] = any_scar ? peak_stretch : kNaN;
  out[kScarPeakStrain] = any_scar ? peak_strain : kNaN;
  out[kStrainConcentration] =
      any_scar && healthy_volume > 0 ? peak_strain / (healthy_sum / healthy_volume) : kNaN;
}

void stiffness_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                     const solver::NewtonSettings& settings,
                     const solver::LinearSolverRegistry& registry, const LogSink& log,
                     MetricValues& out) {
  const auto& roles = tissue.roles;
  const fem::Model model = stiffness_probe_model(source.model(), tissue);
  const auto areas = nodal_areas(model.mesh, model.mesh.facet_set(roles.loaded_end));

  fem::MechanicsProblem problem(model);
  problem.set_state(source.state());
  problem.restart_clock(0.0);  // the probe's own clock: its ramp runs over t in [0, 1]
  solver::NewtonSolver newton(problem, registry, settings, log);
  const ProbeRun run = run_probe(problem, newton, tissue.probes.force_increments, log, "stiffness");

  // Secants over the probe's upper half: bench and in vivo tests take the slope of a measured
  // force-elongation curve over a force range, not a tangent at one force (Maganaris & Paul
  // 2002 over its linear region). A tangent at the probe force also jumped by about 1% where
  // rounding decided which interface points stick or which fibres sit past their tension-only
  // switch (docs/metrics.md).
  const UpperHalf h = upper_half(source, model, tissue, run, areas, settings, registry, log);
  out[kStiffness] = 0.5 * tissue.probes.force / h.elongation;
  out[kTendonModulus] = (0.5 * tissue.probes.force / h.area) / (h.elongation / h.gauge);
  scar_strains(problem, tissue, run.u, out);
}

// Mode II failure separation of the bonds (mm): delta_f = 2 G_IIc / tau_t, where the bilinear
// law's shear traction reaches zero (Camanho & Davila 2002; cohesive_law.hpp). Gliding loads the
// bonds in shear. An exponential law has no finite failure separation; the bilinear law's with
// the same strength and energy stands in for it (its traction has fallen to exp(-2) there).
Real bond_failure_separation(const interface::InterfaceParameters& p) {
  return 2.0 * p.mode_II_energy / p.shear_strength;
}

// Gliding force at excursion e on the recorded curve (linear between increments; NaN past the
// probe's excursion).
Real force_at_excursion(const std::vector<std::pair<Real, Real>>& curve, Real e) {
  Real e0 = 0.0, f0 = 0.0;
  for (const auto& [e1, f1] : curve) {
    if (e1 >= e) return f0 + (e - e0) / (e1 - e0) * (f1 - f0);
    e0 = e1;
    f0 = f1;
  }
  return kNaN;
}

void gliding_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                   const interface::InterfaceParameters& bonds,
                   const solver::NewtonSettings& settings,
                   const solver::LinearSolverRegistry& registry, const LogSink& log,
                   MetricValues& out) {
  const GlidingCurve curve = run_gliding_probe(source, tissue, settings, registry, log);
  Real peak = 0.0, peak_excursion = 0.0, work = 0.0, previous_force = 0.0, previous_e = 0.0;
  for (const auto& [e, force] : curve.points) {
    if (std::abs(force) > peak) {
      peak = std::abs(force);
      peak_excursion = e;
    }
    work += 0.5 * (force + previous_force) * (e - previous_e);
    previous_force = force;
    previous_e = e;
  }
  out[kGlidingResistance] = peak;
  out[kWorkOfExcursion] = work;
  out[kGlidingPeakExcursion] = peak_excursion;
  out[kGlidingForceAtBondFailure] =
      force_at_excursion(curve.points, bond_failure_separation(bonds));
}

}  // namespace

void build_probe_models(const fem::Model& model, const TissueModel& tissue) {
  stiffness_probe_model(model, tissue);
  if (tissue.roles.bed_support.empty()) return;
  gliding_probe_model(model, tissue);
  if (tissue.probes.sliding != ProbeSliding::Finite) return;
  for (const auto& c : model.couplings)
    if (const auto* set = dynamic_cast<const interface::InterfaceSet*>(c.get()))
      finite_sliding_interface(model.mesh, tissue.roles, *set, tissue.probes);
}

MetricValues measure_metrics(const fem::MechanicsProblem& source, const TissueModel& tissue,
                             const solver::NewtonSettings& newton,
                             const solver::LinearSolverRegistry& linear_solvers,
                             const LogSink& log) {
  MetricValues out;
  out.fill(kNaN);
  stiffness_probe(source, tissue, newton, linear_solvers, log, out);

  const interface::InterfaceSet* bonds = nullptr;
  for (const auto& c : source.couplings())
    if (const auto* set = dynamic_cast<const interface::InterfaceSet*>(c.get())) bonds = set;
  if (bonds && !tissue.roles.bed_support.empty()) {
    gliding_probe(source, tissue, bonds->parameters(), newton, linear_solvers, log, out);
    out[kAdhesionIntactFraction] = bonds->intact_fraction();
    out[kBondedArea] = bonds->intact_bond_area();
  }

  // The generic lookup: 0 at points whose law keeps no fibre damage.
  const auto damage = source.point_output("fibre_damage").values;
  const auto& dV = source.point_volumes();
  Real sum = 0.0, volume = 0.0;
  for (size_t p = 0; p < damage.size(); ++p)
    if (!tissue.scar_fraction.empty() && tissue.scar_fraction[p] >= TissueModel::kScarThreshold) {
      sum += dV[p] * damage[p];
      volume += dV[p];
    }
  out[kScarMeanFibreDamage] = volume > 0 ? sum / volume : kNaN;
  return out;
}

}  // namespace sinew::tissue
