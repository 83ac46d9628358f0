// The model's contact items (`contact` section) built into node-to-rigid-surface or, with a
// master facet set, node-to-segment or (formulation: segment_to_segment) mortar couplings.
// A normal penalty of 0 is chosen from the body: eps_N = penalty_scale x 3G / h, with G the
// largest small-strain shear modulus of the cells under the facets (slave and master; 3G: the
// Young's modulus of
// an incompressible solid) and h the square root of the mean facet area. Under a pressure p
// the penetration p / eps_N is then h p / (penalty_scale E): 1/penalty_scale of the strain of
// a layer one element thick (Wriggers 2006, Computational Contact Mechanics, sec. 10.3.3, on
// penalties scaled by the element stiffness).
#include <algorithm>
#include <cmath>

#include "contact/contact_set.hpp"
#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "model/model_definition.hpp"
#include "model/model_errors.hpp"

namespace sinew::model {

namespace {

// Largest shear modulus of the regions holding the facets' cells (MPa); 0 if none.
Real shear_modulus_under(const fem::Model& model, const std::vector<mesh::Facet>& facets) {
  std::vector<const materials::Material*> by_cell(static_cast<size_t>(model.mesh.n_cells()),
                                                  nullptr);
  for (const auto& r : model.regions)
    for (Index c : r.cells) by_cell[static_cast<size_t>(c)] = r.material.get();
  Real G = 0.0;
  for (const auto& f : facets)
    if (const auto* m = by_cell[static_cast<size_t>(f.cell)]) G = std::max(G, m->shear_modulus());
  return G;
}

contact::RigidSurface surface_of(const ContactSpec& s) {
  contact::RigidSurface r;
  r.shape = contact::rigid_shape_from_name(s.surface);
  r.centre = s.centre;
  r.direction = s.direction;
  r.radius = s.radius;
  r.motion.points = s.motion;
  return r;
}

// eps_N = penalty_scale x 3G / h from the facets' cells (0 and an error when no material).
Real automatic_penalty(const ContactSpec& s, const std::string& path, const fem::Model& model,
                       ModelErrors& errors) {
  const auto& facets = model.mesh.facet_set(s.facets);
  Real area = 0.0;
  for (const auto& [node, a] : contact::tributary_areas(model.mesh, facets)) area += a;
  const Real h = std::sqrt(area / static_cast<Real>(facets.size()));
  Real G = shear_modulus_under(model, facets);
  if (!s.master.empty())
    G = std::max(G, shear_modulus_under(model, model.mesh.facet_set(s.master)));
  if (!(G > 0.0)) {
    errors.add(path + ".normal_penalty",
               "no material under the facets to scale the penalty from: give normal_penalty");
    return 0.0;
  }
  return s.penalty_scale * 3.0 * G / h;
}

void build_one(const ContactSpec& s, const std::string& path, fem::Model& model,
               ModelErrors& errors) {
  if (!model.mesh.facet_sets.contains(s.facets)) {
    errors.add(path + ".facets", "unknown facet set '" + s.facets + "'");
    return;
  }
  if (!s.master.empty() && !model.mesh.facet_sets.contains(s.master)) {
    errors.add(path + ".master", "unknown facet set '" + s.master + "'");
    return;
  }
  contact::ContactParameters p{s.normal_penalty, s.tangential_penalty, s.friction_coefficient};
  if (p.normal_penalty == 0.0) p.normal_penalty = automatic_penalty(s, path, model, errors);
  if (p.normal_penalty == 0.0) return;
  if (p.tangential_penalty == 0.0) p.tangential_penalty = p.normal_penalty;
  const auto& facets = model.mesh.facet_set(s.facets);
  if (s.master.empty())
    model.couplings.push_back(std::make_shared<contact::ContactSet>(model.mesh, facets,
                                                                    surface_of(s), p));
  else if (s.formulation != "node_to_segment" && s.formulation != "segment_to_segment")
    errors.add(path + ".formulation", "unknown formulation '" + s.formulation +
                                          "' (node_to_segment or segment_to_segment)");
  else if (s.formulation == "segment_to_segment")
    model.couplings.push_back(std::make_shared<contact::MortarContactSet>(
        model.mesh, facets, model.mesh.facet_set(s.master), p, s.reach));
  else
    model.couplings.push_back(std::make_shared<contact::SegmentContactSet>(
        model.mesh, facets, model.mesh.facet_set(s.master), p, s.reach));
}

}  // namespace

void build_contact(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors) {
  for (size_t i = 0; i < spec.contact.size(); ++i) {
    const std::string path = "contact[" + std::to_string(i) + "]";
    try {
      build_one(spec.contact[i], path, def.model, errors);
    } catch (const std::invalid_argument& e) {
      errors.add(path, e.what());
    }
  }
}

}  // namespace sinew::model
