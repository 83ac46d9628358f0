// Sparsity pattern, block look-up and greedy element colouring.
#include "fem/assembly_plan.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/error.hpp"

namespace sinew::fem {

AssemblyPlan::AssemblyPlan(Index n_nodes, const std::vector<std::vector<Index>>& groups)
    : n_nodes_(n_nodes) {
  // Node adjacency: every node couples to itself and to every node it shares a group with.
  std::vector<std::vector<Index>> adj(static_cast<size_t>(n_nodes));
  for (Index i = 0; i < n_nodes; ++i) adj[i].push_back(i);
  for (const auto& g : groups)
    for (Index a : g)
      for (Index b : g) adj[a].push_back(b);
  nbr_offset_.assign(static_cast<size_t>(n_nodes) + 1, 0);
  for (Index i = 0; i < n_nodes; ++i) {
    auto& v = adj[i];
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    nbr_offset_[i + 1] = nbr_offset_[i] + static_cast<Index>(v.size());
  }
  nbr_.reserve(static_cast<size_t>(nbr_offset_.back()));
  for (auto& v : adj) {
    nbr_.insert(nbr_.end(), v.begin(), v.end());
    std::vector<Index>().swap(v);
  }

  const Index n = 3 * n_nodes, nnz = 9 * nbr_offset_.back();
  if (nnz > std::numeric_limits<int>::max())
    throw std::length_error("sparsity pattern too large for 32-bit indices");
  pattern_.resize(n, n);
  pattern_.makeCompressed();
  pattern_.resizeNonZeros(nnz);
  int* outer = pattern_.outerIndexPtr();
  int* inner = pattern_.innerIndexPtr();
  Index pos = 0;
  for (Index b = 0; b < n_nodes; ++b)
    for (int c = 0; c < 3; ++c) {
      outer[3 * b + c] = static_cast<int>(pos);
      for (Index k = nbr_offset_[b]; k < nbr_offset_[b + 1]; ++k)
        for (int r = 0; r < 3; ++r) inner[pos++] = static_cast<int>(3 * nbr_[k] + r);
    }
  outer[n] = static_cast<int>(pos);
  std::fill(pattern_.valuePtr(), pattern_.valuePtr() + nnz, 0.0);

  group_pos_offset_.assign(groups.size() + 1, 0);
  for (size_t g = 0; g < groups.size(); ++g)
    group_pos_offset_[g + 1] =
        group_pos_offset_[g] + static_cast<Index>(groups[g].size() * groups[g].size());
  group_pos_.resize(static_cast<size_t>(group_pos_offset_.back()));
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& nodes = groups[g];
    const size_t m = nodes.size();
    for (size_t b = 0; b < m; ++b)
      for (size_t a = 0; a < m; ++a)
        group_pos_[group_pos_offset_[g] + b * m + a] =
            static_cast<std::int32_t>(position(nodes[a], nodes[b]));
  }

  // Greedy colouring in group order (deterministic): first colour no neighbour group holds.
  std::vector<std::vector<bool>> node_has(static_cast<size_t>(n_nodes));
  for (Index gi = 0; gi < static_cast<Index>(groups.size()); ++gi) {
    size_t colour = 0;
    for (;; ++colour) {
      bool free = true;
      for (Index a : groups[gi])
        if (colour < node_has[a].size() && node_has[a][colour]) free = false;
      if (free) break;
    }
    if (colour >= colours_.size()) colours_.resize(colour + 1);
    colours_[colour].push_back(gi);
    for (Index a : groups[gi]) {
      if (node_has[a].size() <= colour) node_has[a].resize(colour + 1, false);
      node_has[a][colour] = true;
    }
  }
}

AssemblyPlan AssemblyPlan::for_mesh(const mesh::Mesh& m) {
  std::vector<std::vector<Index>> groups(static_cast<size_t>(m.n_cells()));
  for (Index c = 0; c < m.n_cells(); ++c) {
    auto n = m.cell_nodes(c);
    groups[c].assign(n.begin(), n.end());
  }
  return AssemblyPlan(m.n_nodes(), groups);
}

Index AssemblyPlan::position(Index row_node, Index col_node) const {
  const auto first = nbr_.begin() + nbr_offset_[col_node];
  const auto last = nbr_.begin() + nbr_offset_[col_node + 1];
  const auto it = std::lower_bound(first, last, row_node);
  SINEW_ASSERT(it != last && *it == row_node);
  return it - first;
}

}  // namespace sinew::fem
