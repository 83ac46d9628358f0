// The global sparsity pattern (3 dofs per node, node-major numbering dof = 3 node + component),
// where each element's node-pair block lives in it, and an element colouring that lets elements
// of one colour be assembled in parallel without write conflicts — so every matrix entry is
// summed in the same order whatever the thread count (deterministic assembly).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/types.hpp"
#include "mesh/mesh.hpp"

namespace sinew::fem {

class AssemblyPlan {
 public:
  /// `groups`: node lists that couple (every cell's nodes, plus e.g. interface pairs).
  explicit AssemblyPlan(Index n_nodes, const std::vector<std::vector<Index>>& groups);

  /// Plan for the cells of a mesh (groups = cells; colours over cells).
  static AssemblyPlan for_mesh(const mesh::Mesh& m);

  Index n_dofs() const { return 3 * n_nodes_; }

  /// The pattern with both triangles stored and zero values (compressed column storage).
  const SparseMatrix& pattern() const { return pattern_; }

  /// Adds a dense element matrix (3n x 3n, local dof 3a+i) for nodes `nodes` into K's values.
  template <class Dense>
  void scatter(std::span<const Index> nodes, const Dense& Ke, SparseMatrix& K) const {
    Real* values = K.valuePtr();
    const int n = static_cast<int>(nodes.size());
    for (int b = 0; b < n; ++b) {
      const Index nb = nodes[b];
      const Index deg = nbr_offset_[nb + 1] - nbr_offset_[nb];
      const Index base = 9 * nbr_offset_[nb];
      for (int a = 0; a < n; ++a) {
        const Index k = position(nodes[a], nb);
        for (int c = 0; c < 3; ++c) {
          Real* col = values + base + 3 * c * deg + 3 * k;
          for (int r = 0; r < 3; ++r) col[r] += Ke(3 * a + r, 3 * b + c);
        }
      }
    }
  }

  /// Like scatter() for group `g` of the constructor's list, with its block positions
  /// precomputed (no searches): the hot path of element assembly.
  template <class Dense>
  void scatter_group(Index g, std::span<const Index> nodes, const Dense& Ke,
                     SparseMatrix& K) const {
    Real* values = K.valuePtr();
    const int n = static_cast<int>(nodes.size());
    const std::int32_t* pos = group_pos_.data() + group_pos_offset_[g];
    for (int b = 0; b < n; ++b) {
      const Index nb = nodes[b];
      const Index deg = nbr_offset_[nb + 1] - nbr_offset_[nb];
      const Index base = 9 * nbr_offset_[nb];
      for (int a = 0; a < n; ++a) {
        const Index k = pos[b * n + a];
        for (int c = 0; c < 3; ++c) {
          Real* col = values + base + 3 * c * deg + 3 * k;
          for (int r = 0; r < 3; ++r) col[r] += Ke(3 * a + r, 3 * b + c);
        }
      }
    }
  }

  /// Groups split into colours: no two groups of one colour share a node (greedy colouring).
  const std::vector<std::vector<Index>>& colours() const { return colours_; }

 private:
  Index position(Index row_node, Index col_node) const;

  Index n_nodes_ = 0;
  std::vector<Index> nbr_offset_;  ///< CSR over nodes: sorted coupled nodes (self included)
  std::vector<Index> nbr_;
  SparseMatrix pattern_;
  std::vector<std::vector<Index>> colours_;
  std::vector<Index> group_pos_offset_;  ///< per group: start in group_pos_
  std::vector<std::int32_t> group_pos_;  ///< per group, per (b, a): position(node a, node b)
};

}  // namespace sinew::fem
