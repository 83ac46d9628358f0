// Master facets: adjacency, the bucket grid and the local-then-global search.
#include "contact/master_surface.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace sinew::contact {

namespace {

// Packs integer bucket coordinates (|k| < 2^20) into one hash key.
long pack(long i, long j, long k) {
  constexpr long B = 1L << 20;
  return ((i + B) * (2 * B) + (j + B)) * (2 * B) + (k + B);
}

}  // namespace

MasterSurface::MasterSurface(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets) {
  if (facets.empty()) throw std::invalid_argument("contact: the master facet set is empty");
  std::map<Index, std::vector<Index>> facets_of_node;
  for (const auto& f : facets) {
    const auto ids = mesh.facet_nodes(f);
    if (ids.size() != 4)
      throw std::invalid_argument("contact: master facets must be quadrilaterals (hex8 faces)");
    facets_.push_back({ids[0], ids[1], ids[2], ids[3]});
    const Index k = static_cast<Index>(facets_.size()) - 1;
    for (Index n : ids) facets_of_node[n].push_back(k);
    facet_size_ = std::max({facet_size_, (mesh.points[ids[2]] - mesh.points[ids[0]]).norm(),
                            (mesh.points[ids[3]] - mesh.points[ids[1]]).norm()});
  }
  neighbours_.resize(facets_.size());
  for (size_t k = 0; k < facets_.size(); ++k) {
    auto& nb = neighbours_[k];
    for (Index n : facets_[k])
      for (Index g : facets_of_node[n])
        if (g != static_cast<Index>(k)) nb.push_back(g);
    std::sort(nb.begin(), nb.end());
    nb.erase(std::unique(nb.begin(), nb.end()), nb.end());
  }
}

bool MasterSurface::adjacent(Index f, Index g) const {
  const auto& nb = neighbours(f);
  return f == g || std::binary_search(nb.begin(), nb.end(), g);
}

bool MasterSurface::boundary_edge(Index f, int i, int side) const {
  std::array<Index, 2> edge{};
  size_t k = 0;
  for (size_t a = 0; a < 4; ++a)
    if (kCorners[a][static_cast<size_t>(i)] == side) edge[k++] = nodes(f)[a];
  for (Index g : neighbours(f)) {
    const auto& q = nodes(g);
    if (std::find(q.begin(), q.end(), edge[0]) != q.end() &&
        std::find(q.begin(), q.end(), edge[1]) != q.end())
      return false;
  }
  return true;
}

std::array<Vec3, 4> MasterSurface::corners(const std::vector<Vec3>& reference, const VecX& u,
                                           Index f) const {
  std::array<Vec3, 4> x;
  for (size_t a = 0; a < 4; ++a) {
    const Index n = nodes(f)[a];
    x[a] = reference[static_cast<size_t>(n)] + u.segment<3>(3 * n);
  }
  return x;
}

void MasterSurface::rebuild(const std::vector<Vec3>& reference, const VecX& u, Real margin) {
  buckets_.clear();
  Real largest = 0.0;
  std::vector<std::pair<Vec3, Vec3>> boxes;
  for (Index f = 0; f < size(); ++f) {
    const auto x = corners(reference, u, f);
    Vec3 lo = x[0], hi = x[0];
    for (const auto& p : x) {
      lo = lo.cwiseMin(p);
      hi = hi.cwiseMax(p);
    }
    largest = std::max(largest, (hi - lo).norm());
    boxes.emplace_back(lo.array() - margin, hi.array() + margin);
  }
  bucket_ = std::max(largest, 1e-9);
  for (Index f = 0; f < size(); ++f) {
    const auto& [lo, hi] = boxes[static_cast<size_t>(f)];
    std::array<long, 3> a{}, b{};
    for (int i = 0; i < 3; ++i) {
      a[i] = static_cast<long>(std::floor(lo[i] / bucket_));
      b[i] = static_cast<long>(std::floor(hi[i] / bucket_));
    }
    for (long i = a[0]; i <= b[0]; ++i)
      for (long j = a[1]; j <= b[1]; ++j)
        for (long k = a[2]; k <= b[2]; ++k) buckets_[pack(i, j, k)].push_back(f);
  }
}

std::vector<Index> MasterSurface::candidates(const Vec3& x) const {
  std::array<long, 3> k{};
  for (int i = 0; i < 3; ++i) k[i] = static_cast<long>(std::floor(x[i] / bucket_));
  const auto it = buckets_.find(pack(k[0], k[1], k[2]));
  return it == buckets_.end() ? std::vector<Index>{} : it->second;
}

Real MasterSurface::edge_distance(const std::array<Vec3, 4>& x, Index f, const Vec3& point,
                                  const Vec2& xi) const {
  Vec2 q = xi;
  for (int i = 0; i < 2; ++i)
    if (std::abs(q[i]) > 1.0 && !boundary_edge(f, i, q[i] > 0.0 ? 1 : -1))
      q[i] = std::clamp(q[i], -1.0, 1.0);
  return (point - patch_point<Real>(x, q).x).norm();
}

MasterPoint MasterSurface::find(const std::vector<Vec3>& reference, const VecX& u, const Vec3& x,
                                Index last, const std::vector<Index>& allowed) const {
  // Among facets holding the projection the closest wins. A point just beyond every facet (at
  // the master's outer boundary, or in the wedge of a kink) goes, up to kEdgeTolerance, to the
  // facet whose nearest point (on its edge, or on its continuation past the master's rim) is
  // closest, so that a slave node on the rim does not chatter in and out. Ranking by that
  // distance, not by how far the projection is outside the facet, matters where a node on a
  // kink line slides from one facet onto the next along the kink: it lies beyond both (in the
  // kink's wedge) and beyond the facet it leaves by more and more; that facet's corner is
  // then farther than the next facet's edge, and keeping it turned the normal along the
  // surface (a push against the sliding, at any penetration). In the wedge of a kink both
  // facets' nearest points are the same edge point: the last facet is kept until another is
  // closer by kSwitchMargin x facet size, so the facet does not alternate between Newton
  // iterates on round-off.
  constexpr Real kEdgeTolerance = 0.05, kSwitchMargin = 1e-8;
  MasterPoint best, rim, last_rim;
  Real best_distance = 0.0, rim_distance = 0.0, last_distance = 0.0;
  auto consider = [&](Index f) {
    if (!allowed.empty() && !std::binary_search(allowed.begin(), allowed.end(), f)) return;
    const auto xf = corners(reference, u, f);
    const auto p = project_on_patch(xf, x);
    if (!p.converged) return;
    const Real excess = p.xi.cwiseAbs().maxCoeff() - 1.0;
    if (excess > 1e-9) {
      if (excess >= kEdgeTolerance) return;
      const Real d = edge_distance(xf, f, x, p.xi);
      if (f == last) {
        last_rim = {f, p};
        last_distance = d;
      }
      if (rim.facet < 0 || d < rim_distance) {
        rim = {f, p};
        rim_distance = d;
      }
      return;
    }
    // Ties (a node on an edge or a corner of the master) keep the facet considered first, the
    // last one, so round-off does not switch facets between Newton iterations.
    const Real d = (x - p.point).norm();
    if (best.facet < 0 || d < best_distance - 1e-9 * facet_size_) {
      best = {f, p};
      best_distance = d;
    }
  };
  // A facet holding the projection wins over a rim facet only when it is closer: a node in
  // the wedge of a kink is just beyond its own facets but inside a facet across a tube (the
  // far wall, at a positive gap of a diameter), which must not take it out of contact. A
  // facet continuing the surface beyond an edge, which holds the projection, is never
  // farther than the edge.
  auto choose = [&]() {
    const bool keep = last_rim.facet >= 0 &&
                      last_distance <= rim_distance + kSwitchMargin * facet_size_;
    const MasterPoint& edge = keep ? last_rim : rim;
    const Real edge_d = keep ? last_distance : rim_distance;
    if (best.facet < 0) return edge;
    if (edge.facet < 0) return best;
    return best_distance <= edge_d ? best : edge;
  };
  if (last >= 0) {
    consider(last);
    // Strictly inside the last facet: no other facet can be closer on a convex-enough surface.
    if (best.facet == last && best.projection.inside(-1e-9)) return best;
    for (Index g : neighbours(last)) consider(g);
    if (best.facet >= 0) return choose();
  }
  for (Index f : candidates(x)) consider(f);
  return choose();
}

}  // namespace sinew::contact
