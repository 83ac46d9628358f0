// Sweeping a quad cross-section along x into hex8 cells (see section_extrusion.hpp).
#include "mesh/section_extrusion.hpp"

#include <algorithm>
#include <stdexcept>

namespace sinew::mesh {

Mesh extrude_section(const Section& section, Real length, int divisions) {
  if (divisions < 1) throw std::invalid_argument("extrude_section: divisions must be >= 1");
  if (!(length > 0)) throw std::invalid_argument("extrude_section: length must be > 0");
  const auto np = static_cast<Index>(section.points.size());
  const auto nq = static_cast<Index>(section.quads.size());
  for (const auto& q : section.quads)
    for (Index p : q)
      if (p < 0 || p >= np) throw std::invalid_argument("extrude_section: quad point out of range");
  for (const auto& [name, edges] : section.edges)
    for (const auto& [q, e] : edges)
      if (q < 0 || q >= nq || e < 0 || e > 3)
        throw std::invalid_argument("extrude_section: edge set '" + name + "' out of range");
  Mesh m;
  m.points.reserve(size_t(np * (divisions + 1)));
  for (int l = 0; l <= divisions; ++l) {
    // The last plane is set to `length` exactly (no rounding in length*l/divisions).
    const Real x = l == divisions ? length : length * l / divisions;
    for (const auto& p : section.points) m.points.emplace_back(x, p[0], p[1]);
  }
  std::array<Index, 8> h{};
  for (int l = 0; l < divisions; ++l)
    for (const auto& q : section.quads) {
      for (int i = 0; i < 4; ++i) {
        h[size_t(i)] = l * np + q[size_t(i)];
        h[size_t(i) + 4] = (l + 1) * np + q[size_t(i)];
      }
      m.add_cell(CellType::Hex8, h);
    }

  auto& distal = m.facet_sets["distal"];
  auto& proximal = m.facet_sets["proximal"];
  for (Index q = 0; q < nq; ++q) {
    distal.push_back({q, 0});
    proximal.push_back({(divisions - 1) * nq + q, 1});
  }
  static constexpr int kEdgeFace[4] = {2, 3, 4, 5};
  for (const auto& [name, edges] : section.edges) {
    auto& set = m.facet_sets[name];
    for (int l = 0; l < divisions; ++l)
      for (const auto& [q, e] : edges) set.push_back({l * nq + q, kEdgeFace[e]});
    std::sort(set.begin(), set.end(), [](const Facet& a, const Facet& b) {
      return std::pair{a.cell, a.face} < std::pair{b.cell, b.face};
    });
  }
  return m;
}

}  // namespace sinew::mesh
