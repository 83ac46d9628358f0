// Mesh bookkeeping: cell storage, face tables, set look-up.
#include "mesh/mesh.hpp"

#include <Eigen/Geometry>  // cross()
#include <Eigen/LU>        // determinant()
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sinew::mesh {

namespace {
// Hex8 faces: zeta=-1, zeta=+1, eta=-1, xi=+1, eta=+1, xi=-1 (outward right-hand order).
constexpr std::array<std::array<int, 4>, 6> kHexFaces{
    {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}}};
// Tet4 faces: z=0, y=0, x=0, slanted.
constexpr std::array<std::array<int, 3>, 4> kTetFaces{{{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}}};

template <class Map>
const typename Map::mapped_type& find_set(const Map& sets, const std::string& name,
                                          const char* kind) {
  auto it = sets.find(name);
  if (it == sets.end()) {
    std::string known;
    for (const auto& [k, v] : sets) known += (known.empty() ? "" : ", ") + k;
    throw std::invalid_argument(std::string("unknown ") + kind + " set '" + name +
                                "' (known: " + (known.empty() ? "none" : known) + ")");
  }
  return it->second;
}
}  // namespace

int nodes_per_cell(CellType t) { return t == CellType::Hex8 ? 8 : 4; }
int faces_per_cell(CellType t) { return t == CellType::Hex8 ? 6 : 4; }

std::span<const int> face_local_nodes(CellType t, int face) {
  if (t == CellType::Hex8) return kHexFaces.at(static_cast<size_t>(face));
  return kTetFaces.at(static_cast<size_t>(face));
}

std::string to_string(CellType t) { return t == CellType::Hex8 ? "hex8" : "tet4"; }

Index Mesh::add_cell(CellType type, std::span<const Index> nodes) {
  if (static_cast<int>(nodes.size()) != nodes_per_cell(type))
    throw std::invalid_argument("add_cell: wrong node count for " + to_string(type));
  types.push_back(type);
  connectivity.insert(connectivity.end(), nodes.begin(), nodes.end());
  offsets.push_back(static_cast<Index>(connectivity.size()));
  cell_block.push_back(0);
  return n_cells() - 1;
}

std::vector<Index> Mesh::facet_nodes(const Facet& f) const {
  const auto cn = cell_nodes(f.cell);
  std::vector<Index> out;
  for (int l : face_local_nodes(cell_type(f.cell), f.face))
    out.push_back(cn[static_cast<size_t>(l)]);
  return out;
}

const std::vector<Index>& Mesh::node_set(const std::string& name) const {
  return find_set(node_sets, name, "node");
}
const std::vector<Index>& Mesh::element_set(const std::string& name) const {
  return find_set(element_sets, name, "element");
}
const std::vector<Facet>& Mesh::facet_set(const std::string& name) const {
  return find_set(facet_sets, name, "facet");
}

std::vector<Index> Mesh::nodes_of_facets(const std::vector<Facet>& facets) const {
  std::vector<Index> out;
  for (const auto& f : facets) {
    auto n = facet_nodes(f);
    out.insert(out.end(), n.begin(), n.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Real cell_volume(const Mesh& m, Index c) {
  const auto n = m.cell_nodes(c);
  if (m.cell_type(c) == CellType::Tet4) {
    const Vec3 a = m.points[n[1]] - m.points[n[0]], b = m.points[n[2]] - m.points[n[0]],
               d = m.points[n[3]] - m.points[n[0]];
    return a.dot(b.cross(d)) / 6.0;
  }
  // Hex8: sum of det(J) over 2x2x2 Gauss points (weights 1).
  static constexpr Real s[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                   {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
  const Real g = 1.0 / std::sqrt(3.0);
  Real vol = 0.0;
  for (int q = 0; q < 8; ++q) {
    const Real xi = s[q][0] * g, eta = s[q][1] * g, zeta = s[q][2] * g;
    Mat3 J = Mat3::Zero();
    for (int a = 0; a < 8; ++a) {
      const Vec3 dN{0.125 * s[a][0] * (1 + s[a][1] * eta) * (1 + s[a][2] * zeta),
                    0.125 * s[a][1] * (1 + s[a][0] * xi) * (1 + s[a][2] * zeta),
                    0.125 * s[a][2] * (1 + s[a][0] * xi) * (1 + s[a][1] * eta)};
      J += m.points[n[a]] * dN.transpose();
    }
    vol += J.determinant();
  }
  return vol;
}

}  // namespace sinew::mesh
