// The registry of mesh generators a model file names as `mesh.generator`: each entry's
// description, its keys (unit, default, allowed range; docs/model-reference.md shows one row per
// key), the named sets its meshes carry, the facet sets its interface joins (tissue generators)
// and the code that reads its keys and builds the mesh.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/key_spec.hpp"
#include "model/model_definition.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

struct MeshGeneratorEntry;

/// Reads the `mesh` section (keys already known to be a mapping with this generator) and builds
/// the mesh into def; false on errors (reported to the node's diagnostics).
using MeshBuilder = std::function<bool(const YamlNode& mesh, const MeshGeneratorEntry& entry,
                                       ModelDefinition& def)>;

struct MeshGeneratorEntry {
  std::string description;
  std::vector<KeySpec> keys;                                     ///< `generator` first
  std::vector<std::string> element_sets, facet_sets, node_sets;  ///< named sets of every mesh
  std::string interface_primary, interface_secondary;  ///< default interface sets; "" = none
  MeshBuilder build;

  /// The declaration of `key` (std::out_of_range when the generator has no such key).
  const KeySpec& key(const std::string& name) const;
  /// Tissue generators make tissue models (roles, interface, metrics).
  bool tissue() const { return !interface_primary.empty(); }
};

using MeshGeneratorRegistry = Catalogue<MeshGeneratorEntry>;

/// Adds "box", "tendon_sheath" and "fascia_band".
void register_mesh_generators(MeshGeneratorRegistry& registry);

// The builders, one per generator file.
bool load_box_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry, ModelDefinition& def);
bool load_tendon_sheath_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry,
                             ModelDefinition& def);
bool load_fascia_band_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry,
                           ModelDefinition& def);

}  // namespace sinew::model
