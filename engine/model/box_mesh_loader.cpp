// The `box` mesh generator's keys: size, divisions, cell type and origin of a structured box.
#include "mesh/box_generator.hpp"
#include "model/mesh_generators.hpp"

namespace sinew::model {

bool load_box_mesh(const YamlNode& n, const MeshGeneratorEntry& entry, ModelDefinition& def) {
  // `file` is accepted here only to say that the two exclude each other.
  std::vector<std::string> allowed = key_names(entry.keys);
  allowed.insert(allowed.begin() + 1, "file");
  if (!n.expect_map(allowed)) return false;
  if (n["file"].defined()) {
    n.error("give exactly one of 'generator' (box) or 'file' (Gmsh .msh 4.1)");
    return false;
  }
  auto size = n["size"].vec3(key_range(entry.key("size")));
  auto div = n["divisions"].reals(key_range(entry.key("divisions")));
  mesh::BoxSpec spec;
  if (n["origin"].defined())
    if (auto o = n["origin"].vec3()) spec.origin = *o;
  if (n["cell"].defined()) {
    auto c = n["cell"].string({"hex8", "tet4"});
    if (c) spec.cell = *c == "hex8" ? mesh::CellType::Hex8 : mesh::CellType::Tet4;
  }
  if (div && div->size() != 3) {
    n["divisions"].error("expected a list of 3 whole numbers");
    return false;
  }
  if (!size || !div) return false;
  spec.size = *size;
  for (int i = 0; i < 3; ++i) {
    spec.divisions[i] = static_cast<int>((*div)[i]);
    if (spec.divisions[i] != (*div)[i]) {
      n["divisions"].error("divisions must be whole numbers");
      return false;
    }
  }
  def.generator = "box";
  def.model.mesh = mesh::make_box(spec);
  return true;
}

}  // namespace sinew::model
