// Registration of the mesh generators: their keys as docs/model-reference.md documents them,
// their named sets and the interface sets of the tissue generators.
#include "model/mesh_generators.hpp"

#include <limits>
#include <stdexcept>

#include "mesh/box_generator.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh/tendon_sheath_generator.hpp"

namespace sinew::model {

namespace {

constexpr Real kInf = std::numeric_limits<Real>::infinity();

KeySpec generator_key(const std::string& name, const std::string& meaning) {
  return {"generator", "", "required", "`" + name + "`", meaning};
}

/// A length (mm) > 0.
KeySpec length_key(const std::string& name, const std::string& fallback,
                   const std::string& meaning) {
  return {name, "mm", fallback, "> 0", meaning, 0.0, kInf, true};
}

void set_roles(tissue::TissueRoles& r, std::string body, std::string bed, std::string fixed,
               std::string loaded, std::string support) {
  r.body = std::move(body);
  r.bed = std::move(bed);
  r.fixed_end = std::move(fixed);
  r.loaded_end = std::move(loaded);
  r.bed_support = std::move(support);
}

void build_box(const MeshSpec& spec, ModelDefinition& def) {
  mesh::BoxSpec box = spec.box;
  box.cell = spec.box_cell == "tet4" ? mesh::CellType::Tet4 : mesh::CellType::Hex8;
  if (spec.box_cell != "hex8" && spec.box_cell != "tet4")
    throw std::invalid_argument("cell '" + spec.box_cell +
                                "' is not allowed (allowed: hex8, tet4)");
  def.model.mesh = mesh::make_box(box);
}

void build_tendon_sheath(const MeshSpec& spec, ModelDefinition& def) {
  def.tissue.enabled = true;
  def.model.mesh = mesh::generate_tendon_sheath(spec.tendon_sheath);
  def.tendon_sheath = spec.tendon_sheath;
  def.helix_angle_deg = spec.helix_angle_deg;
  set_roles(def.tissue.roles, "tendon", "sheath", "tendon_distal", "tendon_proximal",
            "sheath_outer");
}

void build_fascia_band(const MeshSpec& spec, ModelDefinition& def) {
  def.tissue.enabled = true;
  def.model.mesh = mesh::generate_fascia_band(spec.fascia_band);
  set_roles(def.tissue.roles, "fascia", "underlay", "fascia_distal", "fascia_proximal",
            "underlay_bottom");
}

MeshGeneratorEntry box() {
  MeshGeneratorEntry e;
  e.description = "structured box of hex8 (or tet4) cells";
  e.keys = {
      generator_key("box", "structured box mesh"),
      {"size", "mm", "required", "3 numbers, each > 0", "edge lengths along x, y, z", 0.0, kInf,
       true},
      {"divisions", "1", "required", "3 whole numbers in [1, 10⁶]", "cells along x, y, z", 1.0,
       1e6},
      {"cell", "", "`hex8`", "`hex8`, `tet4`", "`tet4` splits each hexahedron into six tetrahedra"},
      {"origin", "mm", "`[0, 0, 0]`", "3 numbers", "corner with the smallest coordinates"}};
  e.element_sets = {"all"};
  e.facet_sets = {"x0", "x1", "y0", "y1", "z0", "z1"};
  e.node_sets = {"x0", "x1", "y0", "y1", "z0", "z1", "all"};
  e.read = read_box_mesh;
  e.build = build_box;
  e.cells = [](const MeshSpec& m) {
    const auto& d = m.box.divisions;
    return double(d[0]) * d[1] * d[2] * (m.box_cell == "tet4" ? 6.0 : 1.0);
  };
  return e;
}

MeshGeneratorEntry tendon_sheath() {
  MeshGeneratorEntry e;
  e.description = "straight tendon of elliptical cross-section inside its sheath (hex8 O-grid)";
  e.keys = {
      generator_key("tendon_sheath", ""),
      length_key("length", "50", "tendon length"),
      {"semi_axes", "mm", "[7.35, 2.45]", "2 numbers > 0",
       "semi-axes along y (width) and z (thickness)", 0.0, kInf, true},
      length_key("sheath_thickness", "1", "sheath thickness along the ellipse's normal"),
      {"helix_angle", "deg", "0", "[0, 60]", "fascicle twist at the tendon surface", 0.0, 60.0},
      {"divisions", "1", "`{axial: 20, core: 4, tendon_radial: 3, sheath_radial: 1}`",
       "whole numbers ≥ 1",
       "cells along the axis, core cells per side, ring layers of tendon and sheath", 1.0,
       100000.0}};
  e.element_sets = {"tendon", "sheath", "all"};
  e.facet_sets = {"tendon_distal", "tendon_proximal",  "sheath_distal",   "sheath_proximal",
                  "sheath_outer",  "interface_tendon", "interface_sheath"};
  e.node_sets = e.facet_sets;
  for (const char* s : {"tendon", "sheath", "all"}) e.node_sets.emplace_back(s);
  e.interface_primary = "interface_tendon";
  e.interface_secondary = "interface_sheath";
  e.read = read_tendon_sheath_mesh;
  e.build = build_tendon_sheath;
  e.cells = [](const MeshSpec& m) {  // core block plus the rings of tendon and sheath
    const auto& s = m.tendon_sheath;
    const double core = s.core_divisions;
    return double(s.axial_divisions) *
           (core * core + 4.0 * core * (s.tendon_radial_divisions + s.sheath_radial_divisions));
  };
  return e;
}

MeshGeneratorEntry fascia_band() {
  MeshGeneratorEntry e;
  e.description = "fibre-reinforced sheet over a soft underlying layer (hex8)";
  e.keys = {generator_key("fascia_band", ""),
            length_key("length", "40", "band length"),
            length_key("width", "15", "band width"),
            length_key("thickness", "2", "fascia thickness"),
            length_key("underlay_thickness", "4", "thickness of the layer below"),
            {"divisions", "1", "`{length: 20, width: 6, thickness: 2, underlay: 2}`",
             "whole numbers ≥ 1", "cells along each direction", 1.0, 100000.0}};
  e.element_sets = {"fascia", "underlay", "all"};
  e.facet_sets = {"fascia_distal",     "fascia_proximal", "fascia_top",       "underlay_distal",
                  "underlay_proximal", "underlay_bottom", "interface_fascia", "interface_underlay"};
  e.node_sets = e.facet_sets;
  e.interface_primary = "interface_fascia";
  e.interface_secondary = "interface_underlay";
  e.read = read_fascia_band_mesh;
  e.build = build_fascia_band;
  e.cells = [](const MeshSpec& m) {
    const auto& s = m.fascia_band;
    return double(s.length_divisions) * s.width_divisions *
           (s.thickness_divisions + s.underlay_divisions);
  };
  return e;
}

}  // namespace

const KeySpec& MeshGeneratorEntry::key(const std::string& name) const {
  for (const auto& k : keys)
    if (k.name == name) return k;
  throw std::out_of_range("mesh generator has no key '" + name + "'");
}

void register_mesh_generators(MeshGeneratorRegistry& registry) {
  registry.add("box", box());
  registry.add("tendon_sheath", tendon_sheath());
  registry.add("fascia_band", fascia_band());
}

}  // namespace sinew::model
