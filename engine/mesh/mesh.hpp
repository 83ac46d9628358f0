// The finite-element mesh: nodes, hex8/tet4 cells (VTK node order), and named node, element and
// facet sets. A facet is a cell face (cell index + local face number), outward-oriented.
#pragma once

#include <array>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace sinew::mesh {

/// Cell kinds; the values are the VTK cell type ids.
enum class CellType : std::uint8_t { Tet4 = 10, Hex8 = 12 };

/// Number of nodes of a cell type.
int nodes_per_cell(CellType t);
/// Number of faces of a cell type.
int faces_per_cell(CellType t);
/// Local node numbers of face `face` of a cell, ordered so that the right-hand normal points out
/// of the cell (quad: 4 nodes, tri: 3 nodes).
std::span<const int> face_local_nodes(CellType t, int face);
std::string to_string(CellType t);

struct Facet {
  Index cell = 0;
  int face = 0;
  bool operator==(const Facet&) const = default;
};

class Mesh {
 public:
  Index n_nodes() const { return static_cast<Index>(points.size()); }
  Index n_cells() const { return static_cast<Index>(types.size()); }

  /// Appends a cell; returns its index. Node ids must already exist.
  Index add_cell(CellType type, std::span<const Index> nodes);

  CellType cell_type(Index c) const { return types[static_cast<size_t>(c)]; }
  std::span<const Index> cell_nodes(Index c) const {
    const auto b = offsets[static_cast<size_t>(c)], e = offsets[static_cast<size_t>(c) + 1];
    return {connectivity.data() + b, static_cast<size_t>(e - b)};
  }
  /// Global node ids of a facet, outward-oriented.
  std::vector<Index> facet_nodes(const Facet& f) const;

  /// Throws std::invalid_argument when a set name is unknown, naming the known ones.
  const std::vector<Index>& node_set(const std::string& name) const;
  const std::vector<Index>& element_set(const std::string& name) const;
  const std::vector<Facet>& facet_set(const std::string& name) const;

  /// Node set made of the nodes of a facet set (sorted, unique).
  std::vector<Index> nodes_of_facets(const std::vector<Facet>& facets) const;

  std::vector<Vec3> points;         ///< node coordinates (mm)
  std::vector<CellType> types;      ///< per cell
  std::vector<Index> offsets{0};    ///< CSR offsets into connectivity (n_cells + 1)
  std::vector<Index> connectivity;  ///< node ids, VTK order
  std::vector<int> cell_block;      ///< per cell: index into block_names (material region)
  std::vector<std::string> block_names{"all"};

  std::map<std::string, std::vector<Index>> node_sets;
  std::map<std::string, std::vector<Index>> element_sets;
  std::map<std::string, std::vector<Facet>> facet_sets;
};

/// Signed volume of a cell in the reference configuration (mm^3), by 2x2x2 Gauss (hex8).
Real cell_volume(const Mesh& m, Index c);

}  // namespace sinew::mesh
