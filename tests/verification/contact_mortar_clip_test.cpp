// Exact checks of the segment-to-segment (mortar) geometry: the clipped overlap of two squares
// turned 45 degrees against each other is the octagon of area 2(sqrt 2 - 1); the overlaps of
// a slave facet grid with a non-matching (and a turned) master grid add up to the covered
// area, and the Gauss weights of their sub-triangles integrate each overlap exactly; a uniform
// penetration gives the consistent nodal loads eps_N delta int N_a dA on both sides.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "contact/mortar_pair.hpp"
#include "contact/polygon_clip.hpp"
#include "contact/triangle_rule.hpp"

namespace sinew::contact {
namespace {

using P2 = Point2<Real>;

std::vector<P2> square(Real cx, Real cy, Real side, Real angle) {
  std::vector<P2> out;
  for (int k = 0; k < 4; ++k) {
    const Real a = angle + std::numbers::pi * (0.25 + 0.5 * k);
    out.emplace_back(cx + side / std::sqrt(2.0) * std::cos(a),
                     cy + side / std::sqrt(2.0) * std::sin(a));
  }
  return out;
}

TEST(MortarClip, TurnedSquaresOverlapInTheRegularOctagon) {
  const auto a = square(0.5, 0.5, 1.0, 0.0), b = square(0.5, 0.5, 1.0, std::numbers::pi / 4);
  const auto poly = clip_polygon(a, b);
  EXPECT_EQ(poly.size(), 8u);
  EXPECT_NEAR(polygon_area(poly), 2.0 * (std::sqrt(2.0) - 1.0), 1e-15);
  // Disjoint and contained cases.
  EXPECT_TRUE(clip_polygon(a, square(3.0, 0.5, 1.0, 0.3)).empty());
  EXPECT_NEAR(polygon_area(clip_polygon(square(0.5, 0.5, 0.4, 0.2), a)), 0.16, 1e-15);
}

TEST(MortarClip, TriangleRuleIntegratesPolynomialsExactly) {
  // int_T r^i s^j dA / |T| = 2 i! j! / (i + j + 2)! on the reference triangle, exact to
  // degree 2n - 2 = 6.
  const auto rule = triangle_rule(4);
  auto fact = [](int n) { return std::tgamma(n + 1.0); };
  for (int i = 0; i <= 6; ++i)
    for (int j = 0; i + j <= 6; ++j) {
      Real q = 0.0;
      for (const auto& p : rule) q += p.weight * std::pow(p.r, i) * std::pow(p.s, j);
      EXPECT_NEAR(q, 2.0 * fact(i) * fact(j) / fact(i + j + 2), 1e-15) << i << " " << j;
    }
}

// A grid of n x n facets on [0, L]^2 in the plane z, turned by `angle` about the centre; the
// corners run counter-clockwise about +z (`up`) or -z.
std::vector<std::vector<Vec3>> grid(int n, Real L, Real z, bool up, Real angle = 0.0) {
  const Real c = std::cos(angle), s = std::sin(angle);
  auto at = [&](int i, int j) {
    const Real x = L * i / n - 0.5 * L, y = L * j / n - 0.5 * L;
    return Vec3(0.5 * L + c * x - s * y, 0.5 * L + s * x + c * y, z);
  };
  std::vector<std::vector<Vec3>> out;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      std::vector<Vec3> f{at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)};
      if (!up) std::swap(f[1], f[3]);
      out.push_back(f);
    }
  return out;
}

struct GridSums {
  Real overlap = 0.0, integrated = 0.0, contact = 0.0, worst_pair = 0.0;
  Vec3 slave_force = Vec3::Zero(), master_force = Vec3::Zero();
  Real worst_nodal = 0.0;  ///< largest |f_a . e_z - eps delta int N_a dA| over slave corners
};

GridSums sum_over_pairs(const std::vector<std::vector<Vec3>>& slave,
                        const std::vector<std::vector<Vec3>>& master, Real eps, Real delta) {
  const auto rule = triangle_rule(3);
  GridSums g;
  for (const auto& s : slave)
    for (const auto& m : master) {
      MortarPairInput in{s, m, eps, 0.0, {}, {}};
      for (auto& x : in.slave) x.z() -= delta;
      const auto r = integrate_mortar_pair(in, rule, false);
      if (!r.overlap) continue;
      g.overlap += r.overlap_area;
      g.integrated += r.integrated_area;
      g.contact += r.contact_area;
      g.worst_pair = std::max(g.worst_pair, std::abs(r.integrated_area - r.overlap_area));
      for (size_t a = 0; a < s.size(); ++a) {
        g.slave_force += r.force.segment<3>(3 * static_cast<Index>(a));
        g.worst_nodal = std::max(g.worst_nodal, std::abs(r.force[3 * static_cast<Index>(a) + 2] -
                                                         eps * delta * r.slave_weight[a]));
      }
      for (size_t b = 0; b < m.size(); ++b)
        g.master_force += r.force.segment<3>(3 * static_cast<Index>(s.size() + b));
    }
  return g;
}

TEST(MortarClip, OverlapsOfNonMatchingGridsAddUpToTheCoveredArea) {
  const Real eps = 50.0, delta = 1e-3;
  // 3 x 3 slave facets (bottom of an upper body: normal -z) over 4 x 4 and 5 x 5 masters.
  for (int m : {4, 5}) {
    const GridSums g =
        sum_over_pairs(grid(3, 1.0, 0.0, false), grid(m, 1.0, 0.0, true), eps, delta);
    EXPECT_NEAR(g.overlap, 1.0, 1e-14) << m;
    EXPECT_NEAR(g.integrated, 1.0, 1e-14) << m;
    EXPECT_NEAR(g.contact, 1.0, 1e-14) << m;
    EXPECT_LT(g.worst_pair, 1e-15) << m;
    EXPECT_LT(g.worst_nodal, 1e-15) << m;
    EXPECT_NEAR(g.slave_force.z(), eps * delta, 1e-15) << m;
    EXPECT_NEAR(g.master_force.z(), -eps * delta, 1e-15) << m;
  }
  // A 3 x 3 slave grid of side 1 inside a 5 x 5 master grid of side 2 turned by 0.3 rad (it
  // covers the slave): every slave facet is covered, overlap = 1.
  const GridSums turned = sum_over_pairs(
      grid(3, 1.0, 0.0, false),
      [] {
        auto m = grid(5, 2.0, 0.0, true, 0.3);
        for (auto& f : m)
          for (auto& x : f) x -= Vec3(0.5, 0.5, 0.0);
        return m;
      }(),
      eps, delta);
  EXPECT_NEAR(turned.overlap, 1.0, 1e-14);
  EXPECT_NEAR(turned.integrated, 1.0, 1e-14);
  EXPECT_NEAR(turned.slave_force.z(), eps * delta, 1e-15);
  // The square slave [0, 1]^2 against the same square turned 45 degrees about its centre as
  // one master facet: the octagon again, through the 3D pair.
  const auto s = grid(1, 1.0, 0.0, false), m = grid(1, 1.0, 0.0, true, std::numbers::pi / 4);
  const auto r = integrate_mortar_pair({s[0], m[0], eps, 0.0, {}, {}}, triangle_rule(2), false);
  EXPECT_NEAR(r.overlap_area, 2.0 * (std::sqrt(2.0) - 1.0), 1e-15);
  EXPECT_NEAR(r.integrated_area, 2.0 * (std::sqrt(2.0) - 1.0), 1e-15);
  // A master facing away (same orientation as the slave) is not a partner.
  EXPECT_FALSE(
      integrate_mortar_pair({s[0], s[0], eps, 0.0, {}, {}}, triangle_rule(2), false).overlap);
}

}  // namespace
}  // namespace sinew::contact
