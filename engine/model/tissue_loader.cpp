// Tissue sections of the model file: the keys of the tissue mesh generators, fascicle twist,
// scars, the adhesion interface, and tissue roles / probes.
#include "model/tissue_loader.hpp"

#include <algorithm>

#include "mesh/fascia_band_generator.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "model/mesh_generators.hpp"
#include "tissue/apply_scar.hpp"

namespace sinew::model {

namespace {

std::optional<int> whole(const YamlNode& n, long min, long max) {
  auto v = n.integer(min, max);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// Reads optional named integer divisions into `fields`.
void read_divisions(const YamlNode& n, const std::vector<std::pair<std::string, int*>>& fields) {
  if (!n.defined()) return;
  std::vector<std::string> keys;
  for (const auto& [k, p] : fields) keys.push_back(k);
  if (!n.expect_map(keys)) return;
  for (const auto& [k, p] : fields)
    if (n[k].defined())
      if (auto v = whole(n[k], 1, 100000)) *p = *v;
}

void set_roles(tissue::TissueRoles& r, std::string body, std::string bed, std::string fixed,
               std::string loaded, std::string support) {
  r.body = std::move(body);
  r.bed = std::move(bed);
  r.fixed_end = std::move(fixed);
  r.loaded_end = std::move(loaded);
  r.bed_support = std::move(support);
}

}  // namespace

namespace {

// Reads an optional scalar key within its declared range into `out`; false on an error.
bool read_scalar(const YamlNode& n, const MeshGeneratorEntry& entry, const char* key, Real& out) {
  if (!n[key].defined()) return true;
  auto v = n[key].real(key_range(entry.key(key)));
  if (v) out = *v;
  return v.has_value();
}

// The generator's mesh, or the message of the spec it rejects reported at the section.
template <class Build>
bool build_reporting(const YamlNode& n, Build&& build) {
  try {
    build();
    return true;
  } catch (const std::invalid_argument& e) {
    n.error(e.what());
    return false;
  }
}

}  // namespace

bool load_tendon_sheath_mesh(const YamlNode& n, const MeshGeneratorEntry& entry,
                             ModelDefinition& def) {
  def.generator = "tendon_sheath";
  def.tissue.enabled = true;
  n.expect_map(key_names(entry.keys));
  mesh::TendonSheathSpec spec;
  bool ok = read_scalar(n, entry, "length", spec.length);
  ok = read_scalar(n, entry, "sheath_thickness", spec.sheath_thickness) && ok;
  if (n["semi_axes"].defined()) {
    auto a = n["semi_axes"].reals(key_range(entry.key("semi_axes")));
    if (a && a->size() == 2) {
      spec.semi_axis_y = (*a)[0];
      spec.semi_axis_z = (*a)[1];
    } else {
      if (a) n["semi_axes"].error("expected [semi-axis along y, semi-axis along z] in mm");
      ok = false;
    }
  }
  read_divisions(n["divisions"], {{"axial", &spec.axial_divisions},
                                  {"core", &spec.core_divisions},
                                  {"tendon_radial", &spec.tendon_radial_divisions},
                                  {"sheath_radial", &spec.sheath_radial_divisions}});
  if (n["helix_angle"].defined())
    def.helix_angle_deg =
        n.value_or(n["helix_angle"].real(key_range(entry.key("helix_angle"))), 0.0);
  if (!ok) return false;
  return build_reporting(n, [&] {
    def.model.mesh = mesh::generate_tendon_sheath(spec);
    def.tendon_sheath = spec;
    set_roles(def.tissue.roles, "tendon", "sheath", "tendon_distal", "tendon_proximal",
              "sheath_outer");
  });
}

bool load_fascia_band_mesh(const YamlNode& n, const MeshGeneratorEntry& entry,
                           ModelDefinition& def) {
  def.generator = "fascia_band";
  def.tissue.enabled = true;
  n.expect_map(key_names(entry.keys));
  mesh::FasciaBandSpec spec;
  bool ok = read_scalar(n, entry, "length", spec.length);
  ok = read_scalar(n, entry, "width", spec.width) && ok;
  ok = read_scalar(n, entry, "thickness", spec.thickness) && ok;
  ok = read_scalar(n, entry, "underlay_thickness", spec.underlay_thickness) && ok;
  read_divisions(n["divisions"], {{"length", &spec.length_divisions},
                                  {"width", &spec.width_divisions},
                                  {"thickness", &spec.thickness_divisions},
                                  {"underlay", &spec.underlay_divisions}});
  if (!ok) return false;
  return build_reporting(n, [&] {
    def.model.mesh = mesh::generate_fascia_band(spec);
    set_roles(def.tissue.roles, "fascia", "underlay", "fascia_distal", "fascia_proximal",
              "underlay_bottom");
  });
}

namespace {

void apply_helix(ModelDefinition& def) {
  if (!def.tendon_sheath) return;
  const mesh::TendonSheathSpec& spec = *def.tendon_sheath;
  auto& model = def.model;
  const auto X = tissue::quadrature_point_positions(model);
  for (Index c : model.mesh.element_set("tendon"))
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p)
      model.point_fields[p].fibre = mesh::tendon_fibre_direction(spec, def.helix_angle_deg, X[p]);
}

std::optional<tissue::ScarRegion> load_scar(const YamlNode& s, size_t i, const fem::Model& model) {
  if (!s.expect_map({"name", "shape", "centre", "semi_axes", "half_sizes", "axes", "falloff",
                     "elements", "fibre_stiffness_ratio", "matrix_stiffness_ratio", "dispersion",
                     "misalignment", "adhesion_density"}))
    return std::nullopt;
  tissue::ScarRegion r;
  r.name = s.value_or(s["name"].defined() ? s["name"].string() : std::nullopt,
                      "scar" + std::to_string(i + 1));
  auto shape = s["shape"].string({"ellipsoid", "box", "elements"});
  if (!shape) return std::nullopt;
  bool ok = true;
  auto& g = r.shape;
  if (*shape == "elements") {
    g.kind = tissue::ScarShapeKind::ElementSet;
    auto set = s["elements"].string();
    if (!set) return std::nullopt;
    try {
      g.cells = model.mesh.element_set(*set);
      std::sort(g.cells.begin(), g.cells.end());
    } catch (const std::invalid_argument& e) {
      s["elements"].error(e.what());
      ok = false;
    }
    for (const char* k : {"centre", "semi_axes", "half_sizes", "axes", "falloff"})
      if (s[k].defined())
        s[k].error(std::string("'") + k + "' does not apply to an element-set scar");
  } else {
    g.kind = *shape == "box" ? tissue::ScarShapeKind::Box : tissue::ScarShapeKind::Ellipsoid;
    const char* size_key = *shape == "box" ? "half_sizes" : "semi_axes";
    const char* other = *shape == "box" ? "semi_axes" : "half_sizes";
    if (s[other].defined())
      s[other].error(std::string("a ") + *shape + " scar takes '" + size_key + "', not '" + other +
                     "'");
    auto centre = s["centre"].require() ? s["centre"].vec3() : std::nullopt;
    auto size = s[size_key].require() ? s[size_key].vec3(Range::positive()) : std::nullopt;
    if (centre)
      g.centre = *centre;
    else
      ok = false;
    if (size)
      g.semi_axes = *size;
    else
      ok = false;
    if (s["falloff"].defined()) {
      auto f = s["falloff"].real(Range::non_negative());
      if (f)
        g.falloff = *f;
      else
        ok = false;
    }
    if (s["axes"].defined()) {
      const YamlNode a = s["axes"];
      if (!a.is_sequence() || a.size() != 2) {
        a.error(
            "expected two directions [[first axis], [second axis]] (the third is their cross "
            "product)");
        ok = false;
      } else {
        auto e1 = a[0].vec3(), e2 = a[1].vec3();
        if (e1 && e2) {
          const Vec3 u = e1->normalized();
          Vec3 v = *e2 - u.dot(*e2) * u;
          if (e1->norm() == 0 || v.norm() < 1e-9 * std::max(1.0, e2->norm())) {
            a.error("the two axes must be non-zero and not parallel");
            ok = false;
          } else {
            v.normalize();
            g.axes.col(0) = u;
            g.axes.col(1) = v;
            g.axes.col(2) = u.cross(v);
          }
        } else {
          ok = false;
        }
      }
    }
  }
  auto& q = r.properties;
  auto read = [&](const char* key, Real& out, Range range) {
    if (!s[key].defined()) return;
    auto v = s[key].real(range);
    if (v)
      out = *v;
    else
      ok = false;
  };
  read("fibre_stiffness_ratio", q.fibre_stiffness_ratio, Range{0.0, 10.0, true, false});
  read("matrix_stiffness_ratio", q.matrix_stiffness_ratio, Range{0.0, 10.0, true, false});
  read("dispersion", q.dispersion, Range{0.0, 1.0 / 3.0});
  read("misalignment", q.misalignment_deg, Range{0.0, 90.0});
  read("adhesion_density", q.adhesion_density, Range{0.0, 1.0});
  if (!ok) return std::nullopt;
  return r;
}

void load_roles(const YamlNode& n, ModelDefinition& def) {
  auto& t = def.tissue;
  if (!n.defined()) return;
  if (!n.expect_map({"body", "bed", "fixed_end", "loaded_end", "bed_support", "axis", "probe_force",
                     "probe_excursion", "probe_increments"}))
    return;
  t.enabled = true;
  const auto& m = def.model.mesh;
  auto name = [&](const char* key, std::string& out, auto&& exists, const char* kind) {
    if (!n[key].defined()) return;
    auto v = n[key].string();
    if (!v) return;
    if (!exists(*v))
      n[key].error("unknown " + std::string(kind) + " '" + *v + "'");
    else
      out = *v;
  };
  name(
      "body", t.roles.body, [&](const std::string& s) { return m.element_sets.count(s) > 0; },
      "element set");
  name(
      "bed", t.roles.bed, [&](const std::string& s) { return m.element_sets.count(s) > 0; },
      "element set");
  name(
      "fixed_end", t.roles.fixed_end,
      [&](const std::string& s) { return m.node_sets.count(s) > 0; }, "node set");
  name(
      "loaded_end", t.roles.loaded_end,
      [&](const std::string& s) { return m.facet_sets.count(s) > 0; }, "facet set");
  name(
      "bed_support", t.roles.bed_support,
      [&](const std::string& s) { return m.node_sets.count(s) > 0; }, "node set");
  if (n["axis"].defined()) {
    auto a = n["axis"].vec3();
    if (a && a->norm() > 0)
      t.roles.axis = a->normalized();
    else if (a)
      n["axis"].error("axis must not be zero");
  }
  if (n["probe_force"].defined())
    t.probes.force = n.value_or(n["probe_force"].real(Range::positive()), t.probes.force);
  if (n["probe_excursion"].defined())
    t.probes.excursion =
        n.value_or(n["probe_excursion"].real(Range::positive()), t.probes.excursion);
  if (n["probe_increments"].defined()) {
    auto k = n["probe_increments"].integer(1, 1000);
    if (k) t.probes.force_increments = t.probes.excursion_increments = static_cast<int>(*k);
  }
}

void check_roles(const YamlNode& n, ModelDefinition& def) {
  const auto& r = def.tissue.roles;
  const auto& m = def.model.mesh;
  auto need = [&](bool present, const std::string& what) {
    if (!present) n.error(what + " (set the 'tissue' section)");
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

}  // namespace

void load_interface(const YamlNode& n, ModelDefinition& def);  // interface_loader.cpp

void load_tissue_sections(const YamlNode& root, ModelDefinition& def) {
  apply_helix(def);
  load_roles(root["tissue"], def);
  if (def.tissue.enabled) check_roles(root["tissue"].defined() ? root["tissue"] : root, def);

  const YamlNode scars = root["scars"];
  if (scars.defined() && scars.expect_sequence()) {
    def.tissue.enabled = true;
    for (size_t i = 0; i < scars.size(); ++i)
      if (auto r = load_scar(scars[i], i, def.model)) def.tissue.scars.push_back(std::move(*r));
    if (def.tissue.scars.size() == scars.size() &&
        def.model.mesh.element_sets.count(def.tissue.roles.body)) {
      try {
        def.tissue.scar_fraction =
            tissue::apply_scars(def.model, def.tissue.scars,
                                def.model.mesh.element_set(def.tissue.roles.body));
      } catch (const std::invalid_argument& e) {
        // Name the scar's own node when the message is about one scar.
        bool placed = false;
        for (size_t i = 0; i < def.tissue.scars.size() && !placed; ++i)
          if (std::string(e.what()).find("'" + def.tissue.scars[i].name + "'") !=
              std::string::npos) {
            scars[i].error(e.what());
            placed = true;
          }
        if (!placed) scars.error(e.what());
      }
    }
  }
  if (def.tissue.scar_fraction.empty())
    def.tissue.scar_fraction.assign(def.model.point_fields.size(), 0.0);
  load_interface(root["interface"], def);
}

}  // namespace sinew::model
