// Structured box mesh generator.
#include "mesh/box_generator.hpp"

#include <cmath>
#include <stdexcept>

namespace sinew::mesh {

Mesh make_box(const BoxSpec& spec) {
  const auto [nx, ny, nz] = spec.divisions;
  if (nx < 1 || ny < 1 || nz < 1) throw std::invalid_argument("box: divisions must be >= 1");
  if (!(spec.size.array() > 0).all()) throw std::invalid_argument("box: size must be > 0");
  Mesh m;
  auto id = [&](int i, int j, int k) -> Index { return i + (nx + 1) * (j + (ny + 1) * Index(k)); };
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i)
        m.points.push_back(spec.origin + Vec3(spec.size.x() * i / nx, spec.size.y() * j / ny,
                                              spec.size.z() * k / nz));

  std::map<std::string, std::vector<Facet>>& fs = m.facet_sets;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const std::array<Index, 8> h{
            id(i, j, k),     id(i + 1, j, k),     id(i + 1, j + 1, k),     id(i, j + 1, k),
            id(i, j, k + 1), id(i + 1, j, k + 1), id(i + 1, j + 1, k + 1), id(i, j + 1, k + 1)};
        if (spec.cell == CellType::Hex8) {
          const Index c = m.add_cell(CellType::Hex8, h);
          if (k == 0) fs["z0"].push_back({c, 0});
          if (k == nz - 1) fs["z1"].push_back({c, 1});
          if (j == 0) fs["y0"].push_back({c, 2});
          if (i == nx - 1) fs["x1"].push_back({c, 3});
          if (j == ny - 1) fs["y1"].push_back({c, 4});
          if (i == 0) fs["x0"].push_back({c, 5});
        } else {
          // Six tets around the 0-6 diagonal (conforming across neighbouring hexes).
          static constexpr int kTets[6][4] = {{0, 1, 2, 6}, {0, 2, 3, 6}, {0, 3, 7, 6},
                                              {0, 7, 4, 6}, {0, 4, 5, 6}, {0, 5, 1, 6}};
          for (const auto& t : kTets) {
            std::array<Index, 4> n{h[t[0]], h[t[1]], h[t[2]], h[t[3]]};
            Index c = m.add_cell(CellType::Tet4, n);
            if (cell_volume(m, c) < 0) {  // keep positive orientation
              std::swap(m.connectivity[m.offsets[c] + 1], m.connectivity[m.offsets[c] + 2]);
            }
            // Boundary faces: a face whose nodes all lie on one box face.
            for (int f = 0; f < 4; ++f) {
              const auto fn = m.facet_nodes({c, f});
              auto on = [&](int axis, Real v) {
                for (Index q : fn)
                  if (std::abs(m.points[q][axis] - v) > 1e-12 * (1 + std::abs(v))) return false;
                return true;
              };
              const Vec3 lo = spec.origin, hi = spec.origin + spec.size;
              if (on(0, lo.x())) fs["x0"].push_back({c, f});
              if (on(0, hi.x())) fs["x1"].push_back({c, f});
              if (on(1, lo.y())) fs["y0"].push_back({c, f});
              if (on(1, hi.y())) fs["y1"].push_back({c, f});
              if (on(2, lo.z())) fs["z0"].push_back({c, f});
              if (on(2, hi.z())) fs["z1"].push_back({c, f});
            }
          }
        }
      }
  for (const auto& [name, facets] : fs) m.node_sets[name] = m.nodes_of_facets(facets);
  std::vector<Index> all(static_cast<size_t>(m.n_nodes()));
  for (Index i = 0; i < m.n_nodes(); ++i) all[static_cast<size_t>(i)] = i;
  m.node_sets["all"] = all;
  std::vector<Index> cells(static_cast<size_t>(m.n_cells()));
  for (Index i = 0; i < m.n_cells(); ++i) cells[static_cast<size_t>(i)] = i;
  m.element_sets["all"] = cells;
  return m;
}

}  // namespace sinew::mesh
