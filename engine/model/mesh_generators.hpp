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
#include "model/model_spec.hpp"

namespace sinew::model {

class YamlNode;
struct MeshGeneratorEntry;

/// Reads the `mesh` section (a mapping with this generator) into the spec; problems are
/// reported to the node's diagnostics.
using MeshReader =
    std::function<void(const YamlNode& mesh, const MeshGeneratorEntry& entry, MeshSpec& spec)>;
/// Builds the mesh of the spec into def (and the roles of a tissue generator's parts); throws
/// std::invalid_argument for a spec the generator rejects.
using MeshBuilder = std::function<void(const MeshSpec& spec, ModelDefinition& def)>;

struct MeshGeneratorEntry {
  std::string description;
  std::vector<KeySpec> keys;                                     ///< `generator` first
  std::vector<std::string> element_sets, facet_sets, node_sets;  ///< named sets of every mesh
  std::string interface_primary, interface_secondary;  ///< default interface sets; "" = none
  MeshReader read;
  MeshBuilder build;
  /// The number of cells the spec would give, computed without building anything, so a mesh
  /// too large for the machine is refused before it is allocated.
  std::function<double(const MeshSpec& spec)> cells;

  /// The declaration of `key` (std::out_of_range when the generator has no such key).
  const KeySpec& key(const std::string& name) const;
  /// Tissue generators make tissue models (roles, interface, metrics).
  bool tissue() const { return !interface_primary.empty(); }
};

using MeshGeneratorRegistry = Catalogue<MeshGeneratorEntry>;

/// Adds "box", "tendon_sheath" and "fascia_band".
void register_mesh_generators(MeshGeneratorRegistry& registry);

// The readers of the generators' keys (mesh_readers.cpp).
void read_box_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry, MeshSpec& spec);
void read_tendon_sheath_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry, MeshSpec& spec);
void read_fascia_band_mesh(const YamlNode& mesh, const MeshGeneratorEntry& entry, MeshSpec& spec);

}  // namespace sinew::model
