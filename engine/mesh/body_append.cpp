// Appending separate bodies to a mesh (see body_append.hpp).
#include "mesh/body_append.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace sinew::mesh {

void append_body(Mesh& into, const Mesh& body, const std::string& name,
                 const std::vector<std::pair<std::string, std::string>>& facet_sets) {
  for (const auto& [from, to] : facet_sets) {
    if (!body.facet_sets.contains(from))
      throw std::invalid_argument("append_body: body '" + name + "' has no facet set '" + from +
                                  "'");
    if (into.facet_sets.contains(to) || into.node_sets.contains(to))
      throw std::invalid_argument("append_body: set '" + to + "' already exists");
  }
  if (into.element_sets.contains(name) || into.node_sets.contains(name))
    throw std::invalid_argument("append_body: set '" + name + "' already exists");

  const Index node0 = into.n_nodes(), cell0 = into.n_cells();
  into.points.insert(into.points.end(), body.points.begin(), body.points.end());

  auto it = std::find(into.block_names.begin(), into.block_names.end(), name);
  const int block = static_cast<int>(it - into.block_names.begin());
  if (it == into.block_names.end()) into.block_names.push_back(name);

  std::vector<Index> nodes(8);
  for (Index c = 0; c < body.n_cells(); ++c) {
    const auto cn = body.cell_nodes(c);
    nodes.assign(cn.begin(), cn.end());
    for (Index& n : nodes) n += node0;
    into.add_cell(body.cell_type(c), nodes);
    into.cell_block.back() = block;
  }

  auto& cells = into.element_sets[name];
  cells.resize(size_t(body.n_cells()));
  std::iota(cells.begin(), cells.end(), cell0);
  auto& body_nodes = into.node_sets[name];
  body_nodes.resize(size_t(body.n_nodes()));
  std::iota(body_nodes.begin(), body_nodes.end(), node0);

  for (const auto& [from, to] : facet_sets) {
    auto& out = into.facet_sets[to];
    for (const Facet& f : body.facet_sets.at(from)) out.push_back({f.cell + cell0, f.face});
    into.node_sets[to] = into.nodes_of_facets(out);
  }
}

void add_all_sets(Mesh& m) {
  auto& nodes = m.node_sets["all"];
  nodes.resize(size_t(m.n_nodes()));
  std::iota(nodes.begin(), nodes.end(), Index(0));
  auto& cells = m.element_sets["all"];
  cells.resize(size_t(m.n_cells()));
  std::iota(cells.begin(), cells.end(), Index(0));
}

}  // namespace sinew::mesh
