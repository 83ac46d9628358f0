// Model helpers: load curves, per-point field initialisation, quadrature point positions.
#include "fem/model.hpp"

#include <stdexcept>

namespace sinew::fem {

Real LoadCurve::operator()(Real t) const {
  if (points.empty()) return 1.0;
  if (t <= points.front().first) return points.front().second;
  if (t >= points.back().first) return points.back().second;
  for (size_t i = 1; i < points.size(); ++i) {
    if (t <= points[i].first) {
      const auto [t0, v0] = points[i - 1];
      const auto [t1, v1] = points[i];
      return t1 > t0 ? v0 + (v1 - v0) * (t - t0) / (t1 - t0) : v1;
    }
  }
  return points.back().second;
}

Model unloaded_copy(const Model& m) {
  Model p;
  p.mesh = m.mesh;
  p.regions = m.regions;
  p.point_fields = m.point_fields;
  p.point_offset = m.point_offset;
  p.couplings = m.couplings;
  return p;
}

int points_per_cell(mesh::CellType t) { return t == mesh::CellType::Hex8 ? 8 : 1; }

void initialise_point_fields(Model& model, const Vec3& fibre) {
  const auto& m = model.mesh;
  model.point_offset.assign(static_cast<size_t>(m.n_cells()) + 1, 0);
  for (Index c = 0; c < m.n_cells(); ++c)
    model.point_offset[c + 1] = model.point_offset[c] + points_per_cell(m.cell_type(c));
  model.point_fields.assign(static_cast<size_t>(model.point_offset.back()), {});
  std::vector<int> owner(static_cast<size_t>(m.n_cells()), -1);
  for (size_t r = 0; r < model.regions.size(); ++r) {
    for (Index c : model.regions[r].cells) {
      if (owner[c] >= 0)
        throw std::invalid_argument("cell " + std::to_string(c) + " is in regions '" +
                                    model.regions[owner[c]].name + "' and '" +
                                    model.regions[r].name + "'");
      owner[c] = static_cast<int>(r);
      auto f = model.regions[r].material->default_fields();
      f.fibre = fibre.normalized();
      for (Index q = model.point_offset[c]; q < model.point_offset[c + 1]; ++q)
        model.point_fields[q] = f;
    }
  }
  for (Index c = 0; c < m.n_cells(); ++c)
    if (owner[c] < 0)
      throw std::invalid_argument("cell " + std::to_string(c) + " belongs to no region");
}

}  // namespace sinew::fem
