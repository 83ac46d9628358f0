// Geometry helpers shared by the mesh tests: facet area vectors, centroids, data-file paths.
#pragma once

#include <Eigen/Geometry>
#include <string>
#include <vector>

#include "mesh/mesh.hpp"

namespace sinew::mesh::test {

/// Area-weighted normal of a facet (right-hand rule over its nodes): |v| = area.
inline Vec3 facet_area_vector(const Mesh& m, const Facet& f) {
  const auto n = m.facet_nodes(f);
  const auto& p = m.points;
  if (n.size() == 3) return 0.5 * (p[n[1]] - p[n[0]]).cross(p[n[2]] - p[n[0]]);
  // Planar or not, half the cross product of the diagonals is the quad's vector area.
  return 0.5 * (p[n[2]] - p[n[0]]).cross(p[n[3]] - p[n[1]]);
}

inline Vec3 cell_centroid(const Mesh& m, Index c) {
  Vec3 x = Vec3::Zero();
  const auto n = m.cell_nodes(c);
  for (Index a : n) x += m.points[a];
  return x / static_cast<Real>(n.size());
}

inline Vec3 facet_centroid(const Mesh& m, const Facet& f) {
  Vec3 x = Vec3::Zero();
  const auto n = m.facet_nodes(f);
  for (Index a : n) x += m.points[a];
  return x / static_cast<Real>(n.size());
}

inline Real total_volume(const Mesh& m) {
  Real v = 0;
  for (Index c = 0; c < m.n_cells(); ++c) v += cell_volume(m, c);
  return v;
}

inline std::string mesh_file(const std::string& name) {
  return std::string(SINEW_SOURCE_DIR) + "/tests/data/meshes/" + name;
}

}  // namespace sinew::mesh::test
