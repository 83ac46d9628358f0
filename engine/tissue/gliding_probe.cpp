// The gliding probe (gliding_probe.hpp): its model, the finite-sliding substitution of the
// interface in the model and in the copied history, and the curve from the ends' reactions.
#include "tissue/gliding_probe.hpp"

#include <stdexcept>

#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "interface/interface_set.hpp"
#include "tissue/finite_glide.hpp"
#include "tissue/probe_run.hpp"

namespace sinew::tissue {

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
  for (int c = 0; c < 3; ++c)
    model.displacements.push_back({roles.bed_support, model.mesh.node_set(roles.bed_support), c,
                                   0.0, -1});
  return model;
}

namespace {

// Index of the interface coupling among the problem's couplings (the model's order).
size_t interface_index(const fem::MechanicsProblem& source) {
  const auto& couplings = source.couplings();
  for (size_t i = 0; i < couplings.size(); ++i)
    if (dynamic_cast<const interface::InterfaceSet*>(couplings[i].get())) return i;
  throw std::invalid_argument("the gliding probe needs the body-bed interface");
}

// The probe's energies from its interface coupling after the run.
void interface_energies(const fem::Coupling& c, Real& bond_dissipation, Real& bonded_area) {
  if (const auto* set = dynamic_cast<const interface::InterfaceSet*>(&c)) {
    bond_dissipation = set->damage_dissipated_energy();
    bonded_area = set->intact_bond_area();
  } else if (const auto* seg = dynamic_cast<const contact::SegmentContactSet*>(&c)) {
    bond_dissipation = seg->bond_dissipated_energy();
    bonded_area = seg->bonded_area();
  } else if (const auto* mortar = dynamic_cast<const contact::MortarContactSet*>(&c)) {
    bond_dissipation = mortar->bonds() ? mortar->bonds()->dissipated_energy() : 0.0;
    bonded_area = mortar->bonds() ? mortar->bonds()->bonded_area() : 0.0;
  }
}

// Steps past the bonds' failure that converge in one Newton iteration (the body gliding freely)
// may span up to this many probe increments (LoadStepSettings::max_marks_per_step).
constexpr int kMaxMarksPerStep = 8;

// The body translated rigidly by the probe's excursion per unit of the probe's clock: every
// node of the body's cells moves by excursion x axis. Each probe step starts from the last one
// extrapolated, the first from this rate: the body glides as a whole, so only the interface and
// the body's small elastic response are left for Newton. On the demo's Achilles mesh this cut
// the Newton iterations of a 10 mm finite-sliding probe from 173 to 40 (benchmarks/RESULTS.md):
// every increment past bond failure converges in one iteration, where the linearised predictor
// moved only the ends and left the tendon's fibres crossing their tension-only switch.
VecX rigid_glide_rate(const fem::Model& model, const TissueModel& tissue, Index n_dofs) {
  VecX rate = VecX::Zero(n_dofs);
  const Vec3 step = tissue.probes.excursion * tissue.roles.axis;
  const auto& mesh = model.mesh;
  for (Index c : mesh.element_set(tissue.roles.body))
    for (Index n : mesh.cell_nodes(c)) rate.segment<3>(3 * n) = step;
  return rate;
}

}  // namespace

GlidingCurve run_gliding_probe(const fem::MechanicsProblem& source, const TissueModel& tissue,
                               const solver::NewtonSettings& settings,
                               const solver::LinearSolverRegistry& registry, const LogSink& log) {
  const auto& roles = tissue.roles;
  const size_t i = interface_index(source);
  fem::Model model = gliding_probe_model(source.model(), tissue);
  fem::ProblemState state = source.state();
  if (tissue.probes.sliding == ProbeSliding::Finite) {
    const auto& bonds = dynamic_cast<const interface::InterfaceSet&>(*source.couplings()[i]);
    auto finite = finite_sliding_interface(model.mesh, roles, bonds, tissue.probes);
    model.couplings[i] = finite;
    state.couplings[i] = finite;
  }
  fem::MechanicsProblem problem(model);
  problem.set_state(state);
  problem.restart_clock(0.0);  // the probe's own clock: its ramp runs over t in [0, 1]

  GlidingCurve curve;
  Real dissipated_before = 0.0;
  interface_energies(*problem.couplings()[i], dissipated_before, curve.bonded_area);
  solver::NewtonSolver newton(problem, registry, settings, log);
  const VecX rate = rigid_glide_rate(model, tissue, problem.n_dofs());
  const ProbeRun run = run_probe(problem, newton, tissue.probes.excursion_increments, log,
                                 "gliding", 1.0, nullptr, &rate, kMaxMarksPerStep);
  const auto& fixed_nodes = model.mesh.node_set(roles.fixed_end);
  const auto loaded_nodes = model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end));
  for (const auto& [t, r] : run.steps) {
    Vec3 f = Vec3::Zero();
    // Nodes on both ends may coincide only in degenerate meshes; each counts once per set.
    for (const auto* nodes : {&fixed_nodes, &loaded_nodes})
      for (Index n : *nodes) f += r.segment<3>(3 * n);
    curve.points.emplace_back(t * tissue.probes.excursion, roles.axis.dot(f));
  }
  Real area_after = 0.0;
  interface_energies(*problem.couplings()[i], curve.bond_dissipation, area_after);
  curve.bond_dissipation -= dissipated_before;
  return curve;
}

}  // namespace sinew::tissue
