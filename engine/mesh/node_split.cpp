// Duplication of the nodes two bodies share (see node_split.hpp).
#include "mesh/node_split.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

namespace sinew::mesh {

namespace {

using FaceKey = std::array<Index, 4>;  // sorted node ids, -1 padded for triangles

FaceKey face_key(const Mesh& m, const Facet& f) {
  FaceKey k{-1, -1, -1, -1};
  const auto nodes = m.facet_nodes(f);
  std::copy(nodes.begin(), nodes.end(), k.begin());
  std::sort(k.begin(), k.begin() + static_cast<long>(nodes.size()));
  return k;
}

// Per node: 1 when a cell of the set uses it.
std::vector<char> used_by(const Mesh& m, const std::vector<Index>& cells) {
  std::vector<char> used(size_t(m.n_nodes()), 0);
  for (Index c : cells)
    for (Index n : m.cell_nodes(c)) used[size_t(n)] = 1;
  return used;
}

// Faces of `cells` whose nodes are all shared, by their sorted node ids.
std::map<FaceKey, Facet> shared_faces(const Mesh& m, const std::vector<Index>& cells,
                                      const std::vector<char>& shared) {
  std::map<FaceKey, Facet> faces;
  for (Index c : cells)
    for (int f = 0; f < faces_per_cell(m.cell_type(c)); ++f) {
      const Facet facet{c, f};
      const auto nodes = m.facet_nodes(facet);
      if (std::all_of(nodes.begin(), nodes.end(), [&](Index n) { return shared[size_t(n)]; }))
        faces.emplace(face_key(m, facet), facet);
    }
  return faces;
}

// A node set after the split: a Gmsh group's set (an element or facet set of the same name)
// holds the copy of a split node where its own cells or facets use it; any other set holds
// both copies, so a boundary condition on it applies to both sides.
void update_node_set(const Mesh& m, const std::string& name, std::vector<Index>& set,
                     const std::vector<Index>& copy_of) {
  std::vector<char> used(size_t(m.n_nodes()), 0);
  bool group = false;
  if (auto e = m.element_sets.find(name); e != m.element_sets.end()) {
    group = true;
    for (Index c : e->second)
      for (Index n : m.cell_nodes(c)) used[size_t(n)] = 1;
  }
  if (auto f = m.facet_sets.find(name); f != m.facet_sets.end()) {
    group = true;
    for (Index n : m.nodes_of_facets(f->second)) used[size_t(n)] = 1;
  }
  std::vector<Index> out;
  for (Index n : set) {
    const Index c = n < Index(copy_of.size()) ? copy_of[size_t(n)] : -1;
    if (c < 0) {
      out.push_back(n);
      continue;
    }
    const bool either = used[size_t(n)] || used[size_t(c)];
    if (!group || !either || used[size_t(n)]) out.push_back(n);
    if (!group || !either || used[size_t(c)]) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  set = std::move(out);
}

}  // namespace

NodeSplit split_shared_nodes(Mesh& mesh, const std::string& primary_body,
                             const std::string& secondary_body, const std::string& primary_facets,
                             const std::string& secondary_facets) {
  const std::vector<Index> primary = mesh.element_set(primary_body);
  const std::vector<Index> secondary = mesh.element_set(secondary_body);
  std::vector<char> in_primary(size_t(mesh.n_cells()), 0);
  for (Index c : primary) in_primary[size_t(c)] = 1;
  for (Index c : secondary)
    if (in_primary[size_t(c)])
      throw std::invalid_argument("split_shared_nodes: cell " + std::to_string(c) +
                                  " is in both '" + primary_body + "' and '" + secondary_body +
                                  "'; the two bodies must be separate element sets");
  const auto on_primary = used_by(mesh, primary), on_secondary = used_by(mesh, secondary);
  std::vector<char> shared(size_t(mesh.n_nodes()), 0);
  NodeSplit split;
  for (size_t n = 0; n < shared.size(); ++n)
    if (on_primary[n] && on_secondary[n]) {
      shared[n] = 1;
      ++split.nodes;
    }
  if (split.nodes == 0) return {};

  // The common surface, found before the renumbering: a secondary face with the node ids of a
  // primary face is the same face seen from the other side.
  const auto secondary_faces = shared_faces(mesh, secondary, shared);
  std::vector<Facet> primary_side, secondary_side;
  for (const auto& [key, facet] : shared_faces(mesh, primary, shared))
    if (auto it = secondary_faces.find(key); it != secondary_faces.end()) {
      primary_side.push_back(facet);
      secondary_side.push_back(it->second);
    }
  split.facets = Index(primary_side.size());

  std::vector<Index> copy_of(size_t(mesh.n_nodes()), -1);
  for (size_t n = 0; n < shared.size(); ++n)
    if (shared[n]) {
      copy_of[n] = mesh.n_nodes();
      mesh.points.push_back(mesh.points[n]);
    }
  for (Index c : secondary)
    for (Index k = mesh.offsets[size_t(c)]; k < mesh.offsets[size_t(c) + 1]; ++k) {
      Index& n = mesh.connectivity[size_t(k)];
      if (copy_of[size_t(n)] >= 0) n = copy_of[size_t(n)];
    }

  mesh.facet_sets[primary_facets] = std::move(primary_side);
  mesh.facet_sets[secondary_facets] = std::move(secondary_side);
  for (auto& [name, set] : mesh.node_sets) update_node_set(mesh, name, set, copy_of);
  mesh.node_sets[primary_facets] = mesh.nodes_of_facets(mesh.facet_sets[primary_facets]);
  mesh.node_sets[secondary_facets] = mesh.nodes_of_facets(mesh.facet_sets[secondary_facets]);
  return split;
}

}  // namespace sinew::mesh
