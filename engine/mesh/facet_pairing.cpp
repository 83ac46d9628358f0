// Facet pairing by coincident nodes through a hash grid of the secondary facets' nodes.
#include "mesh/facet_pairing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace sinew::mesh {

namespace {

std::string describe(const Facet& f) {
  return "cell " + std::to_string(f.cell) + " face " + std::to_string(f.face);
}

std::string format_real(Real v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

std::string format_point(const Vec3& x) {
  std::ostringstream s;
  s.precision(6);
  s << '(' << x.x() << ", " << x.y() << ", " << x.z() << ')';
  return s.str();
}

struct FacetHash {
  size_t operator()(const Facet& f) const { return std::hash<Index>()(f.cell * 8 + f.face); }
};

/// A facet's nodes and centroid.
struct FacetGeometry {
  int n = 0;
  std::array<Index, 4> nodes{-1, -1, -1, -1};
  Vec3 centroid = Vec3::Zero();
};

FacetGeometry geometry(const Mesh& m, const Facet& f, const char* side) {
  if (f.cell < 0 || f.cell >= m.n_cells() || f.face < 0 ||
      f.face >= faces_per_cell(m.cell_type(f.cell)))
    throw std::invalid_argument(std::string("pair_facets: ") + side + " facet (" + describe(f) +
                                ") is not a face of the mesh (" + std::to_string(m.n_cells()) +
                                " cells)");
  FacetGeometry g;
  const auto nodes = m.facet_nodes(f);
  g.n = static_cast<int>(nodes.size());
  for (int i = 0; i < g.n; ++i) {
    g.nodes[size_t(i)] = nodes[size_t(i)];
    g.centroid += m.points[size_t(nodes[size_t(i)])];
  }
  g.centroid /= g.n;
  return g;
}

/// Uniform grid over space holding items at points; a key hashes the integer cell coordinates.
class HashGrid {
 public:
  explicit HashGrid(Real cell) : inv_(1 / cell) {}
  void insert(const Vec3& x, Index item) {
    const auto c = cell_of(x);
    table_.emplace(key(c), Entry{c, item});
  }
  /// Items in the 27 cells around x's cell: with a cell size >= tolerance, every item within
  /// tolerance of x is among them.
  template <class F>
  void around(const Vec3& x, F&& visit) const {
    const auto c = cell_of(x);
    for (long long dx = -1; dx <= 1; ++dx)
      for (long long dy = -1; dy <= 1; ++dy)
        for (long long dz = -1; dz <= 1; ++dz) {
          const std::array<long long, 3> n{c[0] + dx, c[1] + dy, c[2] + dz};
          const auto [b, e] = table_.equal_range(key(n));
          for (auto it = b; it != e; ++it)
            if (it->second.cell == n) visit(it->second.item);
        }
  }

 private:
  struct Entry {
    std::array<long long, 3> cell;
    Index item;
  };
  std::array<long long, 3> cell_of(const Vec3& x) const {
    return {static_cast<long long>(std::floor(x.x() * inv_)),
            static_cast<long long>(std::floor(x.y() * inv_)),
            static_cast<long long>(std::floor(x.z() * inv_))};
  }
  static size_t key(const std::array<long long, 3>& c) {
    // Large odd multipliers spread neighbouring cells over the table.
    return size_t(c[0]) * 73856093u ^ size_t(c[1]) * 19349663u ^ size_t(c[2]) * 83492791u;
  }
  Real inv_;
  std::unordered_multimap<size_t, Entry> table_;
};

/// How many nodes of p coincide (within tol) with distinct nodes of s; out[i] = s's node at
/// p's node i (or -1).
int match_nodes(const Mesh& m, const FacetGeometry& p, const FacetGeometry& s, Real tol,
                std::array<Index, 4>& out) {
  std::array<bool, 4> used{};
  int matched = 0;
  out = {-1, -1, -1, -1};
  for (int i = 0; i < p.n; ++i) {
    const Vec3& x = m.points[size_t(p.nodes[size_t(i)])];
    for (int j = 0; j < s.n; ++j)
      if (!used[size_t(j)] && (m.points[size_t(s.nodes[size_t(j)])] - x).norm() <= tol) {
        used[size_t(j)] = true;
        out[size_t(i)] = s.nodes[size_t(j)];
        ++matched;
        break;
      }
  }
  return matched;
}

void check_unique(const std::vector<Facet>& primary, const std::vector<Facet>& secondary) {
  static constexpr const char* kSide[2] = {"primary", "secondary"};
  std::unordered_map<Facet, int, FacetHash> seen;  // facet -> side it was first seen on
  for (int side = 0; side < 2; ++side)
    for (const Facet& f : side == 0 ? primary : secondary) {
      const auto [it, fresh] = seen.emplace(f, side);
      if (fresh) continue;
      const std::string where = it->second == side
                                    ? std::string("appears twice in the ") + kSide[side] + " set"
                                    : "is in both the primary and the secondary set";
      throw std::invalid_argument("pair_facets: facet (" + describe(f) + ") " + where +
                                  "; a facet may be used once, on one side: remove duplicates "
                                  "and take the two sides from different bodies");
    }
}

void check_arguments(const std::vector<Facet>& primary, const std::vector<Facet>& secondary,
                     Real tolerance) {
  if (!(tolerance > 0) || !std::isfinite(tolerance))
    throw std::invalid_argument(
        "pair_facets: the tolerance must be a finite distance > 0 (mm), "
        "got " +
        format_real(tolerance));
  if (primary.size() != secondary.size())
    throw std::invalid_argument("pair_facets: " + std::to_string(primary.size()) +
                                " primary facets but " + std::to_string(secondary.size()) +
                                " secondary facets; the two sides of an interface " +
                                "must cover the same surface with the same facets");
  check_unique(primary, secondary);
}

}  // namespace

std::vector<FacetPair> pair_facets(const Mesh& mesh, const std::vector<Facet>& primary,
                                   const std::vector<Facet>& secondary, Real tolerance) {
  check_arguments(primary, secondary, tolerance);

  std::vector<FacetGeometry> sec;
  sec.reserve(secondary.size());
  Real extent = 0;
  for (const Facet& f : secondary) {
    sec.push_back(geometry(mesh, f, "secondary"));
    extent = std::max(extent, sec.back().centroid.cwiseAbs().maxCoeff());
  }
  // The grid holds every secondary node (item: its facet). Its cells are no smaller than the
  // tolerance, nor so small that a coordinate/cell overflows the integer cell index.
  HashGrid grid(std::max(tolerance, 1e-12 * extent));
  for (size_t i = 0; i < sec.size(); ++i)
    for (int k = 0; k < sec[i].n; ++k)
      grid.insert(mesh.points[size_t(sec[i].nodes[size_t(k)])], Index(i));

  std::vector<FacetPair> pairs;
  pairs.reserve(primary.size());
  std::vector<Index> used_by(secondary.size(), -1);
  size_t unpaired = 0;
  std::string first_unpaired;
  std::array<Index, 4> nodes{};
  for (size_t pi = 0; pi < primary.size(); ++pi) {
    const FacetGeometry p = geometry(mesh, primary[pi], "primary");
    FacetPair pair;
    Index match = -1, other_count = -1;
    // Candidates: secondary facets with a node at the primary facet's first node.
    grid.around(mesh.points[size_t(p.nodes[0])], [&](Index si) {
      if (match >= 0) return;
      const FacetGeometry& s = sec[size_t(si)];
      const int matched = match_nodes(mesh, p, s, tolerance, nodes);
      if (s.n == p.n && matched == p.n) {
        match = si;
        pair.secondary_nodes = nodes;
      } else if (s.n != p.n && matched >= std::min(s.n, p.n)) {
        other_count = si;  // a tri lying on a quad, or the reverse
      }
    });
    if (match < 0) {
      if (other_count >= 0)
        throw std::invalid_argument(
            "pair_facets: primary facet (" + describe(primary[pi]) + ") has " +
            std::to_string(p.n) + " nodes but the secondary facet on it (" +
            describe(secondary[size_t(other_count)]) + ") has " +
            std::to_string(sec[size_t(other_count)].n) +
            "; both sides of an interface need the same facets (quad with quad, tri with tri)");
      if (unpaired++ == 0)
        first_unpaired = describe(primary[pi]) + ", centroid " + format_point(p.centroid);
      continue;
    }
    if (used_by[size_t(match)] >= 0)
      throw std::invalid_argument(
          "pair_facets: secondary facet (" + describe(secondary[size_t(match)]) +
          ") coincides with primary facets (" + describe(primary[size_t(used_by[size_t(match)])]) +
          ") and (" + describe(primary[pi]) +
          "); it is used twice: the primary set holds "
          "overlapping facets");
    used_by[size_t(match)] = Index(pi);
    pair.primary = primary[pi];
    pair.secondary = secondary[size_t(match)];
    pair.n_nodes = p.n;
    pair.primary_nodes = p.nodes;
    pairs.push_back(pair);
  }
  if (unpaired > 0)
    throw std::invalid_argument(
        "pair_facets: " + std::to_string(unpaired) + " of " + std::to_string(primary.size()) +
        " primary facets have no secondary facet with coincident nodes (tolerance " +
        format_real(tolerance) + " mm); the first is " + first_unpaired +
        ": check that the two sets face each other and that their nodes coincide");
  return pairs;
}

}  // namespace sinew::mesh
