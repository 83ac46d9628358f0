// The master side of node-to-segment contact: the bilinear quad facets of a facet set of the
// mesh, their node-sharing neighbours (for the handover of a sliding point from facet to
// facet) and a uniform grid of buckets over the facets' bounding boxes (the global search).
// The grid is rebuilt from the committed configuration once per increment; between commits a
// node is first projected onto its last facet and that facet's neighbours, and the grid is
// searched only when the point has left them.
#pragma once

#include <array>
#include <unordered_map>
#include <vector>

#include "contact/bilinear_patch.hpp"
#include "core/types.hpp"
#include "mesh/mesh.hpp"

namespace sinew::contact {

/// The facet a point projects onto, with the projection.
struct MasterPoint {
  Index facet = -1;  ///< -1: no facet holds the projection
  PatchProjection projection;
};

class MasterSurface {
 public:
  /// Quad4 faces only; throws std::invalid_argument for an empty set or a triangular facet.
  MasterSurface(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets);

  Index size() const { return static_cast<Index>(facets_.size()); }
  const std::array<Index, 4>& nodes(Index f) const { return facets_[static_cast<size_t>(f)]; }
  /// Facets sharing at least one node with f (f excluded).
  const std::vector<Index>& neighbours(Index f) const {
    return neighbours_[static_cast<size_t>(f)];
  }
  bool adjacent(Index f, Index g) const;
  /// Whether the edge of f at convected coordinate xi_i = side (i in {0, 1}, side = +-1) is on
  /// the master's boundary: no other facet holds both its nodes.
  bool boundary_edge(Index f, int i, int side) const;
  /// Current corner positions of facet f: reference + u.
  std::array<Vec3, 4> corners(const std::vector<Vec3>& reference, const VecX& u, Index f) const;

  /// Rebuilds the buckets from the configuration u; a facet is filed under every bucket its
  /// bounding box, grown by `margin` (mm), overlaps. Bucket size: the largest facet diagonal.
  void rebuild(const std::vector<Vec3>& reference, const VecX& u, Real margin);
  /// Facets whose grown bounding box (at the last rebuild) contains x.
  std::vector<Index> candidates(const Vec3& x) const;

  /// The facet (among `allowed`, sorted; empty = all) whose projection of x lies inside it
  /// and is closest to x: the last facet first, then its neighbours, then the grid.
  MasterPoint find(const std::vector<Vec3>& reference, const VecX& u, const Vec3& x, Index last,
                   const std::vector<Index>& allowed) const;

  /// Distance from `point` to the nearest point of facet f (corners x) given its projection
  /// xi on the facet's patch: xi clamped to the facet's edges, except past the master's rim,
  /// where the patch is continued (the contact law's closest point, to first order).
  Real edge_distance(const std::array<Vec3, 4>& x, Index f, const Vec3& point,
                     const Vec2& xi) const;

  /// Largest facet diagonal in the reference configuration (mm).
  Real facet_size() const { return facet_size_; }

 private:
  std::vector<std::array<Index, 4>> facets_;
  std::vector<std::vector<Index>> neighbours_;
  Real facet_size_ = 0.0;
  Real bucket_ = 1.0;
  std::unordered_map<long, std::vector<Index>> buckets_;
};

}  // namespace sinew::contact
