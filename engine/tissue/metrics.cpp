// Metric probes: a stiffness probe (the probe force on the loaded end through the tissue's end
// condition, fixed end and bed clamped) and a gliding probe (both body ends translated axially, bed
// clamped), each on a copy of the source problem's history.
#include "tissue/metrics.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "fem/surface_kernels.hpp"
#include "interface/interface_set.hpp"
#include "solver/load_stepper.hpp"
#include "tissue/end_condition.hpp"

namespace sinew::tissue {

const std::array<MetricInfo, kMetricCount>& metric_table() {
  static const std::array<MetricInfo, kMetricCount> table{{
      {"stiffness", "N/mm",
       "axial tangent stiffness dF/d(elongation) of the body at the probe force",
       "Stiffness probe"},
      {"gliding_resistance", "N",
       "largest axial force needed to translate the body by the probe excursion relative to its "
       "bed",
       "Gliding probe"},
      {"work_of_excursion", "N mm", "integral of that force over the probe excursion",
       "Gliding probe"},
      {"adhesion_intact_fraction", "1",
       "area-weighted mean of rho (1 - D) over the interface divided by that of the initial rho",
       "State metrics"},
      {"bonded_area", "mm^2",
       "intact bonded area: the integral of rho (1 - D) over the interface's reference area",
       "State metrics"},
      {"scar_peak_fibre_stretch", "1", "largest fibre stretch in the scar at the probe force",
       "Stiffness probe"},
      {"scar_peak_strain", "1",
       "largest maximum principal Green-Lagrange strain in the scar at the probe force",
       "Stiffness probe"},
      {"strain_concentration", "1",
       "scar_peak_strain over the volume-weighted mean of the same strain in healthy tissue",
       "Stiffness probe"},
      {"scar_mean_fibre_damage", "1", "volume-weighted mean fibre damage D in the scar",
       "State metrics"},
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

struct ProbeRun {
  VecX u;
  std::vector<std::pair<Real, VecX>> steps;  // (t, residual) at every converged step
};

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

// The gliding probe: both body ends translated along the axis, the bed clamped.
fem::Model gliding_probe_model(const fem::Model& source, const TissueModel& tissue) {
  const auto& roles = tissue.roles;
  fem::Model model = fem::unloaded_copy(source);
  const auto& fixed_nodes = model.mesh.node_set(roles.fixed_end);
  const auto loaded_nodes = model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end));
  // Both ends translate rigidly along the axis: every component is prescribed, to
  // excursion * axis (ramped), so there is no motion across the axis whatever its direction
  // (prescribing only the axis's largest component and holding the others at 0 moved an
  // oblique tendon off its axis).
  for (const auto* nodes : {&fixed_nodes, &loaded_nodes})
    for (int c = 0; c < 3; ++c)
      model.displacements.push_back({"probe", *nodes, c, tissue.probes.excursion * roles.axis[c],
                                     0});
  clamp_nodes(model, roles.bed_support, {0, 1, 2});
  return model;
}

ProbeRun run_probe(fem::MechanicsProblem& problem, solver::NewtonSolver& newton, int increments,
                   const LogSink& log, const char* what) {
  ProbeRun run;
  run.u = VecX::Zero(problem.n_dofs());
  solver::LoadStepSettings steps;
  steps.increments = increments;
  const auto result = solver::run_load_steps(
      problem, newton, run.u, steps,
      [&](const solver::StepRecord& rec, const VecX&) {
        run.steps.emplace_back(rec.t, newton.residual());
      },
      log);
  if (!result.completed)
    throw std::runtime_error(std::string(what) + " probe did not converge: " + result.failure);
  return run;
}

Real max_principal_green_lagrange(const Mat3& F) {
  const Mat3 E = 0.5 * (F.transpose() * F - Mat3::Identity());
  return Eigen::SelfAdjointEigenSolver<Mat3>(E, Eigen::EigenvaluesOnly).eigenvalues()(2);
}

void stiffness_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                     const solver::NewtonSettings& settings,
                     const solver::LinearSolverRegistry& registry, const LogSink& log,
                     MetricValues& out) {
  const auto& roles = tissue.roles;
  const fem::Model model = stiffness_probe_model(source.model(), tissue);
  const auto areas = nodal_areas(model.mesh, model.mesh.facet_set(roles.loaded_end));
  Real area = 0.0;
  for (const auto& [n, a] : areas) area += a;

  fem::MechanicsProblem problem(model);
  problem.set_state(source.state());
  problem.restart_clock(0.0);  // the probe's own clock: its ramp runs over t in [0, 1]
  solver::NewtonSolver newton(problem, registry, settings, log);
  const ProbeRun run = run_probe(problem, newton, tissue.probes.force_increments, log, "stiffness");

  // The load vector of the full probe force: r(u, 0) - r(u, 1) (dead load, linear ramp). Under a
  // plate all end nodes move together, so the area-weighted mean below is the plate's motion.
  VecX r0, r1;
  problem.evaluate(run.u, 0.0, r0, nullptr);
  problem.evaluate(run.u, 1.0, r1, nullptr);
  const VecX du = newton.tangent_solve(run.u, 1.0, r0 - r1);
  Real dlength = 0.0;
  for (const auto& [n, a] : areas) dlength += a * roles.axis.dot(du.segment<3>(3 * n));
  dlength /= area;
  out[kStiffness] = tissue.probes.force / dlength;

  // Scar strains at the probe force.
  const auto states = problem.point_states(run.u);
  const auto& dV = problem.point_volumes();
  const auto& fields = problem.fields();
  const auto& m = model.mesh;
  Real peak_stretch = -1.0, peak_strain = -1e300, healthy_sum = 0.0, healthy_volume = 0.0;
  bool any_scar = false;
  for (Index c : m.element_set(roles.body))
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p) {
      const Real s = tissue.scar_fraction.empty() ? 0.0 : tissue.scar_fraction[p];
      const Real strain = max_principal_green_lagrange(states[p].F);
      if (s >= TissueModel::kScarThreshold) {
        any_scar = true;
        peak_stretch = std::max(peak_stretch, (states[p].F * fields[p].fibre).norm());
        peak_strain = std::max(peak_strain, strain);
      } else if (s < TissueModel::kHealthyThreshold) {
        healthy_sum += dV[p] * strain;
        healthy_volume += dV[p];
      }
    }
  out[kScarPeakFibreStretch] = any_scar ? peak_stretch : kNaN;
  out[kScarPeakStrain] = any_scar ? peak_strain : kNaN;
  out[kStrainConcentration] =
      any_scar && healthy_volume > 0 ? peak_strain / (healthy_sum / healthy_volume) : kNaN;
}

void gliding_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                   const solver::NewtonSettings& settings,
                   const solver::LinearSolverRegistry& registry, const LogSink& log,
                   MetricValues& out) {
  const auto& roles = tissue.roles;
  const fem::Model model = gliding_probe_model(source.model(), tissue);
  const auto& fixed_nodes = model.mesh.node_set(roles.fixed_end);
  const auto loaded_nodes = model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end));

  fem::MechanicsProblem problem(model);
  problem.set_state(source.state());
  problem.restart_clock(0.0);  // the probe's own clock: its ramp runs over t in [0, 1]
  solver::NewtonSolver newton(problem, registry, settings, log);
  const ProbeRun run =
      run_probe(problem, newton, tissue.probes.excursion_increments, log, "gliding");
  Real peak = 0.0, work = 0.0, previous_force = 0.0, previous_t = 0.0;
  for (const auto& [t, r] : run.steps) {
    Vec3 f = Vec3::Zero();
    for (const auto* nodes : {&fixed_nodes, &loaded_nodes})
      for (Index n : *nodes) f += r.segment<3>(3 * n);
    // Nodes on both ends may coincide only in degenerate meshes; each counts once per set.
    const Real force = roles.axis.dot(f);
    peak = std::max(peak, std::abs(force));
    work += 0.5 * (force + previous_force) * (t - previous_t) * tissue.probes.excursion;
    previous_force = force;
    previous_t = t;
  }
  out[kGlidingResistance] = peak;
  out[kWorkOfExcursion] = work;
}

}  // namespace

void build_probe_models(const fem::Model& model, const TissueModel& tissue) {
  stiffness_probe_model(model, tissue);
  if (!tissue.roles.bed_support.empty()) gliding_probe_model(model, tissue);
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
    gliding_probe(source, tissue, newton, linear_solvers, log, out);
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
