// Scar fraction at quadrature points and blending of the point fields.
#include "tissue/apply_scar.hpp"

#include <stdexcept>

#include "fem/shape_functions.hpp"

namespace sinew::tissue {

std::vector<Vec3> quadrature_point_positions(const fem::Model& model) {
  const auto& m = model.mesh;
  std::vector<Vec3> X(model.point_fields.size(), Vec3::Zero());
  for (Index c = 0; c < m.n_cells(); ++c) {
    const auto nodes = m.cell_nodes(c);
    auto fill = [&](const auto& rule) {
      for (size_t q = 0; q < rule.size(); ++q) {
        Vec3 x = Vec3::Zero();
        for (size_t a = 0; a < rule[q].N.size(); ++a) x += rule[q].N[a] * m.points[nodes[a]];
        X[model.point_offset[c] + static_cast<Index>(q)] = x;
      }
    };
    if (m.cell_type(c) == mesh::CellType::Hex8)
      fill(fem::hex8_rule());
    else
      fill(fem::tet4_rule());
  }
  return X;
}

std::vector<Real> apply_scars(fem::Model& model, const std::vector<ScarRegion>& scars,
                              const std::vector<Index>& body_cells) {
  std::vector<Real> s(model.point_fields.size(), 0.0);
  if (scars.empty()) return s;
  const auto X = quadrature_point_positions(model);
  std::vector<Real> largest(scars.size(), 0.0);
  for (Index c : body_cells)
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p) {
      for (size_t r = 0; r < scars.size(); ++r)
        largest[r] = std::max(largest[r], scar_fraction(scars[r].shape, X[p], c));
      const ScarSample hit = sample_scar(scars, X[p], c);
      if (hit.region < 0) continue;
      s[p] = hit.s;
      auto& f = model.point_fields[p];
      blend_scar(scars[hit.region], hit.s,
                 {&f.fibre, &f.dispersion, &f.fibre_scale, &f.matrix_scale});
    }
  for (size_t r = 0; r < scars.size(); ++r)
    if (largest[r] < 0.5)
      throw std::invalid_argument("scar '" + scars[r].name +
                                  "' does not lie in the body: its largest scar fraction at the "
                                  "body's quadrature points is " +
                                  std::to_string(largest[r]) +
                                  " (needs >= 0.5; check its centre and size)");
  return s;
}

}  // namespace sinew::tissue
