// Reading of the mesh generators' keys (`mesh` with a `generator`) into the MeshSpec.
#include "model/mesh_generators.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

namespace {

// Reads an optional number within the key's declared range into `out`.
void read_key(const YamlNode& n, const MeshGeneratorEntry& entry, const char* key, Real& out) {
  if (n[key].defined()) out = n.value_or(n[key].real(key_range(entry.key(key))), out);
}

// Reads optional named whole-number divisions into `fields`.
void read_divisions(const YamlNode& n, const MeshGeneratorEntry& entry,
                    const std::vector<std::pair<std::string, int*>>& fields) {
  if (!n.defined()) return;
  std::vector<std::string> keys;
  for (const auto& [k, p] : fields) keys.push_back(k);
  if (!n.expect_map(keys)) return;
  const KeySpec& d = entry.key("divisions");
  for (const auto& [k, p] : fields)
    if (n[k].defined())
      if (auto v = n[k].integer(static_cast<long>(d.min), static_cast<long>(d.max)))
        *p = static_cast<int>(*v);
}

}  // namespace

void read_box_mesh(const YamlNode& n, const MeshGeneratorEntry& entry, MeshSpec& spec) {
  // `file` is accepted here only to say that the two exclude each other.
  std::vector<std::string> allowed = key_names(entry.keys);
  allowed.insert(allowed.begin() + 1, "file");
  if (!n.expect_map(allowed)) return;
  if (n["file"].defined()) {
    n.error("give exactly one of 'generator' (box) or 'file' (Gmsh .msh 4.1)");
    return;
  }
  auto& box = spec.box;
  if (auto size = n["size"].vec3(key_range(entry.key("size")))) box.size = *size;
  if (n["origin"].defined()) box.origin = n.value_or(n["origin"].vec3(), box.origin);
  if (n["cell"].defined())
    spec.box_cell = n.value_or(n["cell"].string({"hex8", "tet4"}), spec.box_cell);
  auto div = n["divisions"].reals(key_range(entry.key("divisions")));
  if (!div) return;
  if (div->size() != 3) {
    n["divisions"].error("expected a list of 3 whole numbers");
    return;
  }
  for (int i = 0; i < 3; ++i) {
    box.divisions[i] = static_cast<int>((*div)[i]);
    if (box.divisions[i] != (*div)[i]) {
      n["divisions"].error("divisions must be whole numbers");
      return;
    }
  }
}

void read_tendon_sheath_mesh(const YamlNode& n, const MeshGeneratorEntry& entry, MeshSpec& spec) {
  n.expect_map(key_names(entry.keys));
  auto& s = spec.tendon_sheath;
  read_key(n, entry, "length", s.length);
  read_key(n, entry, "sheath_thickness", s.sheath_thickness);
  if (n["semi_axes"].defined()) {
    auto a = n["semi_axes"].reals(key_range(entry.key("semi_axes")));
    if (a && a->size() == 2) {
      s.semi_axis_y = (*a)[0];
      s.semi_axis_z = (*a)[1];
    } else if (a) {
      n["semi_axes"].error("expected [semi-axis along y, semi-axis along z] in mm");
    }
  }
  read_divisions(n["divisions"], entry,
                 {{"axial", &s.axial_divisions},
                  {"core", &s.core_divisions},
                  {"tendon_radial", &s.tendon_radial_divisions},
                  {"sheath_radial", &s.sheath_radial_divisions}});
  read_key(n, entry, "helix_angle", spec.helix_angle_deg);
}

void read_fascia_band_mesh(const YamlNode& n, const MeshGeneratorEntry& entry, MeshSpec& spec) {
  n.expect_map(key_names(entry.keys));
  auto& s = spec.fascia_band;
  read_key(n, entry, "length", s.length);
  read_key(n, entry, "width", s.width);
  read_key(n, entry, "thickness", s.thickness);
  read_key(n, entry, "underlay_thickness", s.underlay_thickness);
  read_divisions(n["divisions"], entry,
                 {{"length", &s.length_divisions},
                  {"width", &s.width_divisions},
                  {"thickness", &s.thickness_divisions},
                  {"underlay", &s.underlay_divisions}});
}

}  // namespace sinew::model
