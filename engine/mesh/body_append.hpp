// Assembling multi-body meshes: appending a body with its own (never shared) nodes, as one
// block and element set, with chosen facet sets renamed. Used by the layered tissue generators
// (tendon + sheath, fascia + underlay) whose bodies meet at duplicated interface nodes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

/// Appends `body` to `into`. Its nodes get new ids after those of `into` (coincident nodes are
/// NOT merged: the bodies stay separate so interface elements can join them). Its cells are
/// appended in order to block `name` (added to block_names if missing) and to the element set
/// and node set `name`. Each (from, to) in `facet_sets` copies body facet set `from` as facet
/// set `to` together with node set `to` (its nodes); other body sets are dropped.
/// Throws std::invalid_argument when a listed facet set is missing or `to` already exists.
void append_body(Mesh& into, const Mesh& body, const std::string& name,
                 const std::vector<std::pair<std::string, std::string>>& facet_sets);

/// Sets node set "all" and element set "all" to everything (as make_box and read_gmsh do).
void add_all_sets(Mesh& m);

}  // namespace sinew::mesh
