// Building of the tissue sections: fascicle twist, tissue roles and probes, scars placed on the
// body's quadrature points, and the adhesion interface joined over the paired facets.
#include <algorithm>

#include "core/parameters.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/interface_set.hpp"
#include "mesh/facet_pairing.hpp"
#include "model/mesh_generators.hpp"
#include "model/model_errors.hpp"
#include "tissue/apply_scar.hpp"

namespace sinew::model {

namespace {

void apply_helix(ModelDefinition& def) {
  if (!def.tendon_sheath) return;
  auto& model = def.model;
  const auto X = tissue::quadrature_point_positions(model);
  for (Index c : model.mesh.element_set("tendon"))
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p)
      model.point_fields[p].fibre =
          mesh::tendon_fibre_direction(*def.tendon_sheath, def.helix_angle_deg, X[p]);
}

void build_roles(const TissueSpec& t, ModelDefinition& def, ModelErrors& errors) {
  auto& roles = def.tissue.roles;
  const auto& m = def.model.mesh;
  auto name = [&](const char* key, const std::string& value, std::string& out, bool exists,
                  const char* kind) {
    if (value.empty()) return;
    if (!exists)
      errors.add(std::string("tissue.") + key, "unknown " + std::string(kind) + " '" + value + "'");
    else
      out = value;
  };
  name("body", t.body, roles.body, m.element_sets.count(t.body) > 0, "element set");
  name("bed", t.bed, roles.bed, m.element_sets.count(t.bed) > 0, "element set");
  name("fixed_end", t.fixed_end, roles.fixed_end, m.node_sets.count(t.fixed_end) > 0, "node set");
  name("loaded_end", t.loaded_end, roles.loaded_end, m.facet_sets.count(t.loaded_end) > 0,
       "facet set");
  name("bed_support", t.bed_support, roles.bed_support, m.node_sets.count(t.bed_support) > 0,
       "node set");
  if (t.axis) {
    if (t.axis->norm() > 0)
      roles.axis = t.axis->normalized();
    else
      errors.add("tissue.axis", "axis must not be zero");
  }
  if (t.end_condition == "traction")
    roles.end_condition = tissue::EndCondition::Traction;
  else if (!t.end_condition.empty() && t.end_condition != "plate")
    errors.add("tissue.end_condition",
               "'" + t.end_condition + "' is not allowed (allowed: plate, traction)");
  if (roles.end_condition == tissue::EndCondition::Plate &&
      roles.axis.cwiseAbs().maxCoeff() < 1.0 - 1e-12)
    errors.add("tissue.end_condition",
               "the rigid-plate end needs the axis along x, y or z; set the axis so or use "
               "'end_condition: traction'");
  def.tissue.probes = t.probes;
  if (t.probe_sliding == "finite")
    def.tissue.probes.sliding = tissue::ProbeSliding::Finite;
  else if (!t.probe_sliding.empty() && t.probe_sliding != "small")
    errors.add("tissue.probe_sliding",
               "'" + t.probe_sliding + "' is not allowed (allowed: small, finite)");
  if (t.probe_contact == "segment_to_segment")
    def.tissue.probes.contact = tissue::ProbeContact::SegmentToSegment;
  else if (!t.probe_contact.empty() && t.probe_contact != "node_to_segment")
    errors.add("tissue.probe_contact", "'" + t.probe_contact +
                                           "' is not allowed (allowed: node_to_segment, "
                                           "segment_to_segment)");
  if (t.given) def.tissue.enabled = true;
}

void check_roles(ModelDefinition& def, ModelErrors& errors, const std::string& where) {
  const auto& r = def.tissue.roles;
  const auto& m = def.model.mesh;
  auto need = [&](bool present, const std::string& what) {
    if (!present) errors.add(where, what + " (set the 'tissue' section)");
  };
  need(m.element_sets.count(r.body) > 0,
       "the tissue body element set '" + r.body + "' does not exist");
  need(m.node_sets.count(r.fixed_end) > 0,
       "the fixed-end node set '" + r.fixed_end + "' does not exist");
  need(m.facet_sets.count(r.loaded_end) > 0,
       "the loaded-end facet set '" + r.loaded_end + "' does not exist");
  if (!r.bed_support.empty())
    need(m.node_sets.count(r.bed_support) > 0,
         "the bed-support node set '" + r.bed_support + "' does not exist");
}

std::optional<tissue::ScarRegion> build_scar(const ScarSpec& s, const std::string& path,
                                             const fem::Model& model, ModelErrors& errors) {
  tissue::ScarRegion r;
  r.name = s.name;
  r.properties = s.properties;
  auto& g = r.shape;
  if (s.shape == "elements") {
    g.kind = tissue::ScarShapeKind::ElementSet;
    try {
      g.cells = model.mesh.element_set(s.elements);
      std::sort(g.cells.begin(), g.cells.end());
    } catch (const std::invalid_argument& e) {
      errors.add(path + ".elements", e.what());
      return std::nullopt;
    }
    return r;
  }
  if (s.shape != "box" && s.shape != "ellipsoid") {
    errors.add(path + ".shape",
               "'" + s.shape + "' is not allowed (allowed: ellipsoid, box, elements)");
    return std::nullopt;
  }
  g.kind = s.shape == "box" ? tissue::ScarShapeKind::Box : tissue::ScarShapeKind::Ellipsoid;
  g.centre = s.centre;
  g.semi_axes = s.size;
  g.falloff = s.falloff;
  if (s.axes) {
    const Vec3 u = s.axes->first.normalized();
    Vec3 v = s.axes->second - u.dot(s.axes->second) * u;
    if (s.axes->first.norm() == 0 || v.norm() < 1e-9 * std::max(1.0, s.axes->second.norm())) {
      errors.add(path + ".axes", "the two axes must be non-zero and not parallel");
      return std::nullopt;
    }
    v.normalize();
    g.axes.col(0) = u;
    g.axes.col(1) = v;
    g.axes.col(2) = u.cross(v);
  }
  return r;
}

void build_scars(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors) {
  if (spec.scars.empty()) return;
  def.tissue.enabled = true;
  for (size_t i = 0; i < spec.scars.size(); ++i)
    if (auto r = build_scar(spec.scars[i], "scars[" + std::to_string(i) + "]", def.model, errors))
      def.tissue.scars.push_back(std::move(*r));
  if (def.tissue.scars.size() != spec.scars.size() ||
      !def.model.mesh.element_sets.count(def.tissue.roles.body))
    return;
  try {
    def.tissue.scar_fraction =
        tissue::apply_scars(def.model, def.tissue.scars,
                            def.model.mesh.element_set(def.tissue.roles.body));
  } catch (const std::invalid_argument& e) {
    // Name the scar's own key when the message is about one scar.
    for (size_t i = 0; i < def.tissue.scars.size(); ++i)
      if (std::string(e.what()).find("'" + def.tissue.scars[i].name + "'") != std::string::npos) {
        errors.add("scars[" + std::to_string(i) + "]", e.what());
        return;
      }
    errors.add("scars", e.what());
  }
}

}  // namespace

void build_interface(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors);

void build_tissue_sections(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors) {
  apply_helix(def);
  build_roles(spec.tissue, def, errors);
  if (def.tissue.enabled) check_roles(def, errors, spec.tissue.given ? "tissue" : "");
  build_scars(spec, def, errors);
  if (def.tissue.scar_fraction.empty())
    def.tissue.scar_fraction.assign(def.model.point_fields.size(), 0.0);
  build_interface(spec, def, errors);
}

}  // namespace sinew::model
