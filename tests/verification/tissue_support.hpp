// Shared helpers of the tissue verification tests (tissue_*_test.cpp): YAML text of coarse
// tendon-in-sheath models, metrics of a model's initial state, the single-body (tied) counterpart
// of an interface model, a hand-made gliding probe for models without an interface, and the
// small-strain axial modulus of a material.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "interface/interface_set.hpp"
#include "materials/material.hpp"
#include "mesh/mesh.hpp"
#include "support.hpp"
#include "tissue/metrics.hpp"

namespace sinew::testing {

/// A number as YAML text, exactly (17 significant digits).
inline std::string num(Real v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

/// The parts of a tendon_sheath model file the tissue tests vary. Every section is YAML text;
/// the defaults describe a coarse, circular (r = 2 mm) 20 mm tendon of the HGO tendon fit in a
/// 1 mm paratenon, gliding freely (no adhesion, no friction), with nothing loaded.
struct TendonModel {
  Real length = 20.0;
  Real semi_axis_y = 2.0, semi_axis_z = 2.0;
  Real sheath_thickness = 1.0;
  int axial = 8, core = 2, tendon_radial = 2, sheath_radial = 1;
  std::string tendon_material = "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0}";
  std::string scars;  ///< the `scars` list ("" = none)
  std::string interface = "{adhesion_density: 0.0, friction_coefficient: 0.0}";
  std::string tissue = "{probe_force: 5}";
  std::string load_curves;  ///< "" = none
  std::string boundary =
      "[{type: fixed, nodes: tendon_distal, components: [x, y, z]},"
      " {type: fixed, nodes: sheath_outer, components: [x, y, z]}]";
  std::string steps = "[{name: rest, increments: 1}]";
  std::string solver = "{linear: umfpack}";
  std::string output;  ///< "" = none

  std::string text() const {
    std::string y;
    y += "mesh:\n  generator: tendon_sheath\n  length: " + num(length) + "\n  semi_axes: [" +
         num(semi_axis_y) + ", " + num(semi_axis_z) +
         "]\n  sheath_thickness: " + num(sheath_thickness) +
         "\n  divisions: {axial: " + std::to_string(axial) + ", core: " + std::to_string(core) +
         ", tendon_radial: " + std::to_string(tendon_radial) +
         ", sheath_radial: " + std::to_string(sheath_radial) + "}\n";
    y += "materials:\n  tendon: " + tendon_material +
         "\n  paratenon: {type: neo-hookean, E: 0.5, nu: 0.45}\n";
    y += "regions:\n  - {name: tendon, elements: tendon, material: tendon, formulation: "
         "mean-dilatation}\n  - {name: paratenon, elements: sheath, material: paratenon}\n";
    y += "fibre: [1, 0, 0]\n";
    if (!scars.empty()) y += "scars: " + scars + "\n";
    y += "interface: " + interface + "\n";
    y += "tissue: " + tissue + "\n";
    if (!load_curves.empty()) y += "load_curves: " + load_curves + "\n";
    y += "boundary: " + boundary + "\n";
    y += "steps: " + steps + "\n";
    y += "solver: " + solver + "\n";
    if (!output.empty()) y += "output: " + output + "\n";
    return y;
  }
};

/// A coarse (4 axial cells) tendon held only by its bond to the sheath: the sheath's outer
/// surface is the fixed end, clamped; the tendon's ends are free. `interface`: the bond (YAML).
inline TendonModel sheath_held_tendon(const std::string& interface) {
  TendonModel t;
  t.axial = 4;
  t.tissue = "{probe_force: 5, fixed_end: sheath_outer}";
  t.boundary = "[{type: fixed, nodes: sheath_outer, components: [x, y, z]}]";
  t.interface = interface;
  return t;
}

/// Metrics of the model's initial (virgin) state, as `sinew solve` reports in its "initial" row.
inline tissue::MetricValues initial_metrics(const model::ModelDefinition& def) {
  fem::MechanicsProblem problem(def.model);
  return tissue::measure_metrics(problem, def.tissue, def.newton, registries().linear);
}

/// The interface coupling of a problem (nullptr when there is none).
inline const interface::InterfaceSet* interface_of(const fem::MechanicsProblem& problem) {
  for (const auto& c : problem.couplings())
    if (const auto* set = dynamic_cast<const interface::InterfaceSet*>(c.get())) return set;
  return nullptr;
}

/// Reference volume of the cells of an element set (mm^3).
inline Real set_volume(const mesh::Mesh& m, const std::string& element_set) {
  Real v = 0.0;
  for (Index c : m.element_set(element_set)) v += mesh::cell_volume(m, c);
  return v;
}

/// Small-strain Young's modulus along x of a material at F = I: 1 / (D^-1)_11 of its own
/// linearised tangent (Voigt, engineering shear), i.e. the slope of uniaxial stress against
/// uniaxial strain with the lateral stresses free.
inline Real small_strain_modulus_x(const materials::Material& m, const materials::PointFields& p) {
  const auto st = materials::total_stress_tangent(m, Mat3::Identity(), p);
  return 1.0 / st.D.inverse()(0, 0);
}

/// Turns an interface model into its single-body counterpart: every node of the `secondary`
/// node set (the sheath's duplicates) is merged into the `primary` node at the same (bitwise
/// equal) reference position, the merged duplicates are removed, the remaining nodes renumbered
/// (cell connectivity, node sets and prescribed-displacement / nodal-force node lists
/// follow), and the interface coupling dropped. Cells, and so facet sets, element sets and
/// point fields, keep their indices.
inline void tie_interface(model::ModelDefinition& def, const std::string& primary,
                          const std::string& secondary) {
  auto& m = def.model.mesh;
  const Index n = m.n_nodes();
  std::map<std::array<Real, 3>, Index> at;
  for (Index a : m.node_set(primary)) at[{m.points[a].x(), m.points[a].y(), m.points[a].z()}] = a;
  std::vector<Index> target(static_cast<size_t>(n));
  std::iota(target.begin(), target.end(), Index{0});
  for (Index b : m.node_set(secondary)) {
    const auto it = at.find({m.points[b].x(), m.points[b].y(), m.points[b].z()});
    if (it == at.end()) throw std::runtime_error("tie_interface: node without a partner");
    target[b] = it->second;
  }
  std::vector<Index> renumber(static_cast<size_t>(n), -1);
  std::vector<Vec3> points;
  for (Index a = 0; a < n; ++a)
    if (target[a] == a) {
      renumber[a] = static_cast<Index>(points.size());
      points.push_back(m.points[a]);
    }
  for (Index a = 0; a < n; ++a) renumber[a] = renumber[target[a]];
  m.points = std::move(points);
  for (Index& a : m.connectivity) a = renumber[a];
  auto remap = [&](std::vector<Index>& nodes) {
    for (Index& a : nodes) a = renumber[a];
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  };
  for (auto& [name, nodes] : m.node_sets) remap(nodes);
  for (auto& bc : def.model.displacements) remap(bc.nodes);
  for (auto& f : def.model.nodal_forces) remap(f.nodes);
  def.model.couplings.clear();
}

/// Number of nodes of a mesh that no cell uses.
inline Index orphan_nodes(const mesh::Mesh& m) {
  std::vector<bool> used(static_cast<size_t>(m.n_nodes()), false);
  for (Index a : m.connectivity) used[static_cast<size_t>(a)] = true;
  return static_cast<Index>(std::count(used.begin(), used.end(), false));
}

/// The gliding probe of tissue/metrics.cpp, set up by hand so that it also runs on a model
/// without an interface (where measure_metrics reports no gliding resistance): the body's two
/// ends translate rigidly by `excursion` along x (y, z held), the bed support is clamped, and
/// the result is the largest |sum of the x reactions of both ends| over the increments.
inline Real hand_gliding_resistance(model::ModelDefinition def, Real excursion, int increments) {
  auto& model = def.model;
  const auto& roles = def.tissue.roles;
  model.displacements.clear();
  model.nodal_forces.clear();
  model.pressures.clear();
  model.tractions.clear();
  model.foundations.clear();
  const auto& mesh = model.mesh;
  const auto loaded = mesh.nodes_of_facets(mesh.facet_set(roles.loaded_end));
  for (const auto* nodes : {&mesh.node_set(roles.fixed_end), &loaded})
    for (int c = 0; c < 3; ++c)
      model.displacements.push_back({"end", *nodes, c, c == 0 ? excursion : 0.0, c == 0 ? 0 : -1});
  for (int c = 0; c < 3; ++c)
    model.displacements.push_back({roles.bed_support, mesh.node_set(roles.bed_support), c, 0.0,
                                   -1});
  model::StepDefinition step;
  step.name = "glide";
  step.stepping.increments = increments;
  def.steps = {step};
  def.output.reaction_sets = {roles.fixed_end, roles.loaded_end};
  def.tissue.enabled = false;
  const auto result = solve(def);
  if (!result.completed) throw std::runtime_error("hand gliding probe: " + result.failure);
  Real peak = 0.0;
  for (const auto& out : result.outputs)
    peak = std::max(peak, std::abs(out.reactions.at(roles.fixed_end).x() +
                                   out.reactions.at(roles.loaded_end).x()));
  return peak;
}

}  // namespace sinew::testing
