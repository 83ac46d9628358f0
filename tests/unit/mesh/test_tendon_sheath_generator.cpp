// Tests of the tendon-in-sheath O-grid generator and of the tendon's helical fibre direction.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numbers>
#include <stdexcept>
#include <string>

#include "hex_quality.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using std::numbers::pi;
using test::cell_centroid;
using test::facet_area_vector;
using test::facet_centroid;

Real sheath_set_volume(const Mesh& m, const std::string& set) {
  Real v = 0;
  for (Index c : m.element_set(set)) v += cell_volume(m, c);
  return v;
}

Real rho(const TendonSheathSpec& s, const Vec3& x) {
  return std::hypot(x.y() / s.semi_axis_y, x.z() / s.semi_axis_z);
}

// Area of the inscribed n-gon with equal normalised angles, over pi*a*b.
Real inscribed_fraction(int n) { return n / (2 * pi) * std::sin(2 * pi / n); }

// Exact area between the ellipse and its outward offset at distance t (Steiner: P t + pi t^2).
Real offset_annulus(Real a, Real b, Real t) {
  const Real big = std::max(a, b), small = std::min(a, b);
  const Real perimeter = 4 * big * std::comp_ellint_2(std::sqrt(1 - small * small / (big * big)));
  return perimeter * t + pi * t * t;
}

TEST(TendonSheath, DefaultCountsAndSets) {
  const Mesh m = generate_tendon_sheath({});
  // Section: tendon 5x5 core nodes + 3 rings of 16, sheath 2 rings of 16; 21 planes.
  const Index tendon_nodes = (25 + 3 * 16) * 21, sheath_nodes = 2 * 16 * 21;
  EXPECT_EQ(m.n_nodes(), tendon_nodes + sheath_nodes);
  EXPECT_EQ(m.n_cells(), (16 + 3 * 16 + 16) * 20);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"tendon", "sheath"}));
  ASSERT_EQ(m.element_set("tendon").size(), 64u * 20);
  ASSERT_EQ(m.element_set("sheath").size(), 16u * 20);
  for (Index c : m.element_set("tendon")) EXPECT_EQ(m.cell_block[size_t(c)], 0);
  for (Index c : m.element_set("sheath")) EXPECT_EQ(m.cell_block[size_t(c)], 1);
  EXPECT_EQ(m.element_set("all").size(), size_t(m.n_cells()));
  EXPECT_EQ(m.node_set("all").size(), size_t(m.n_nodes()));
  EXPECT_EQ(m.node_set("tendon").size(), size_t(tendon_nodes));
  EXPECT_EQ(m.node_set("sheath").size(), size_t(sheath_nodes));

  EXPECT_EQ(m.facet_set("tendon_distal").size(), 64u);
  EXPECT_EQ(m.facet_set("tendon_proximal").size(), 64u);
  EXPECT_EQ(m.facet_set("sheath_distal").size(), 16u);
  EXPECT_EQ(m.facet_set("sheath_proximal").size(), 16u);
  EXPECT_EQ(m.facet_set("interface_tendon").size(), 320u);
  EXPECT_EQ(m.facet_set("interface_sheath").size(), 320u);
  EXPECT_EQ(m.facet_set("sheath_outer").size(), 320u);
  EXPECT_EQ(m.node_set("tendon_distal").size(), 73u);
  EXPECT_EQ(m.node_set("tendon_proximal").size(), 73u);
  EXPECT_EQ(m.node_set("sheath_distal").size(), 32u);
  EXPECT_EQ(m.node_set("sheath_proximal").size(), 32u);
  EXPECT_EQ(m.node_set("interface_tendon").size(), 336u);
  EXPECT_EQ(m.node_set("interface_sheath").size(), 336u);
  EXPECT_EQ(m.node_set("sheath_outer").size(), 336u);
  for (const auto& [name, facets] : m.facet_sets)
    EXPECT_EQ(m.node_set(name), m.nodes_of_facets(facets)) << name;
}

TEST(TendonSheath, SetsLieWhereTheirNamesSay) {
  const TendonSheathSpec s;
  const Mesh m = generate_tendon_sheath(s);
  for (Index n : m.node_set("tendon_distal")) EXPECT_EQ(m.points[size_t(n)].x(), 0.0);
  for (Index n : m.node_set("sheath_distal")) EXPECT_EQ(m.points[size_t(n)].x(), 0.0);
  for (Index n : m.node_set("tendon_proximal")) EXPECT_EQ(m.points[size_t(n)].x(), s.length);
  for (Index n : m.node_set("sheath_proximal")) EXPECT_EQ(m.points[size_t(n)].x(), s.length);
  for (Index n : m.node_set("interface_tendon"))
    EXPECT_NEAR(rho(s, m.points[size_t(n)]), 1.0, 1e-14);
  for (Index n : m.node_set("sheath_outer")) EXPECT_GT(rho(s, m.points[size_t(n)]), 1.1);
  const auto& tendon = m.node_set("tendon");
  for (Index n : m.node_set("tendon_distal"))
    EXPECT_TRUE(std::binary_search(tendon.begin(), tendon.end(), n));

  // Outward facet normals: ends along -x/+x, the interface away from (tendon) or toward
  // (sheath) the axis, the sheath's outer surface away from it.
  auto radial_sign = [&](const std::string& set, Real sign) {
    for (const Facet& f : m.facet_set(set)) {
      const Vec3 a = facet_area_vector(m, f), c = facet_centroid(m, f);
      EXPECT_NEAR(a.x(), 0.0, 1e-12 * a.norm()) << set;
      EXPECT_GT(sign * a.dot(Vec3(0, c.y(), c.z())), 0.0) << set;
    }
  };
  radial_sign("interface_tendon", 1);
  radial_sign("interface_sheath", -1);
  radial_sign("sheath_outer", 1);
  for (const char* set : {"tendon_distal", "sheath_distal"})
    for (const Facet& f : m.facet_set(set))
      EXPECT_NEAR((facet_area_vector(m, f).normalized() - Vec3(-1, 0, 0)).norm(), 0, 1e-12);
  for (const char* set : {"tendon_proximal", "sheath_proximal"})
    for (const Facet& f : m.facet_set(set))
      EXPECT_NEAR((facet_area_vector(m, f).normalized() - Vec3(1, 0, 0)).norm(), 0, 1e-12);
}

TEST(TendonSheath, InterfaceNodesAreDuplicatedPairwise) {
  const Mesh m = generate_tendon_sheath({});
  const auto& t = m.node_set("interface_tendon");
  const auto& s = m.node_set("interface_sheath");
  ASSERT_EQ(t.size(), s.size());
  // Both sets are sorted by plane then angle, so they correspond entry by entry.
  for (size_t i = 0; i < t.size(); ++i) {
    EXPECT_NE(t[i], s[i]);
    EXPECT_EQ(m.points[size_t(t[i])], m.points[size_t(s[i])]) << i;  // bit for bit
  }
  const auto& sheath = m.node_set("sheath");
  EXPECT_GT(s.front(), m.node_set("tendon").back());  // sheath ids come after the tendon's
  EXPECT_TRUE(std::includes(sheath.begin(), sheath.end(), s.begin(), s.end()));
}

TEST(TendonSheath, SheathHasTheRequestedThickness) {
  const TendonSheathSpec s;
  const Mesh m = generate_tendon_sheath(s);
  const auto& inner = m.node_set("interface_sheath");
  const auto& outer = m.node_set("sheath_outer");
  ASSERT_EQ(inner.size(), outer.size());
  for (size_t i = 0; i < inner.size(); ++i) {
    const Vec3 e = m.points[size_t(inner[i])], d = m.points[size_t(outer[i])] - e;
    EXPECT_NEAR(d.norm(), s.sheath_thickness, 1e-13);
    // Along the ellipse normal (y/a^2, z/b^2).
    const Vec3 normal(0, e.y() / (s.semi_axis_y * s.semi_axis_y),
                      e.z() / (s.semi_axis_z * s.semi_axis_z));
    EXPECT_NEAR(d.normalized().dot(normal.normalized()), 1.0, 1e-13);
  }
}

struct Shape {
  const char* name;
  Real a, b;
  int core, radial, sheath;
};

class TendonSheathShapes : public ::testing::TestWithParam<Shape> {};

TEST_P(TendonSheathShapes, EveryCellHasPositiveJacobian) {
  const Shape p = GetParam();
  TendonSheathSpec s;
  s.semi_axis_y = p.a;
  s.semi_axis_z = p.b;
  s.core_divisions = p.core;
  s.tendon_radial_divisions = p.radial;
  s.sheath_radial_divisions = p.sheath;
  s.axial_divisions = 3;
  const Mesh m = generate_tendon_sheath(s);
  Real tendon = 1, sheath = 1;
  for (Index c : m.element_set("tendon")) tendon = std::min(tendon, test::hex_jacobian_ratio(m, c));
  for (Index c : m.element_set("sheath")) sheath = std::min(sheath, test::hex_jacobian_ratio(m, c));
  // The ratio min/max det J over Gauss points and corners; measured values in the comments.
  EXPECT_GT(tendon, 0.2) << p.name;
  EXPECT_GT(sheath, 0.2) << p.name;
  std::cout << p.name << ": min det J ratio tendon " << tendon << ", sheath " << sheath << "\n";
}

INSTANTIATE_TEST_SUITE_P(Shapes, TendonSheathShapes,
                         ::testing::Values(Shape{"achilles_3to1", 7.35, 2.45, 4, 3, 1},
                                           Shape{"circle", 3.0, 3.0, 4, 3, 1},
                                           Shape{"patellar_4to1", 12.0, 3.0, 4, 3, 1},
                                           Shape{"flat_10to1", 10.0, 1.0, 4, 3, 2},
                                           Shape{"coarsest", 7.35, 2.45, 1, 1, 1},
                                           Shape{"fine", 7.35, 2.45, 8, 6, 3},
                                           Shape{"thin_sheath_circle", 2.0, 2.0, 6, 2, 1}),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(TendonSheath, TendonVolumeIsTheInscribedPolygonPrism) {
  TendonSheathSpec s;
  const Real exact = pi * s.semi_axis_y * s.semi_axis_z * s.length;
  Real previous = 1;
  for (int core : {2, 4, 8, 16}) {
    s.core_divisions = core;
    const Mesh m = generate_tendon_sheath(s);
    const Real v = sheath_set_volume(m, "tendon");
    const int n = 4 * core;
    EXPECT_NEAR(v / (exact * inscribed_fraction(n)), 1.0, 1e-12) << core;
    const Real error = 1 - v / exact;
    EXPECT_GT(error, 0.0);                     // inscribed: always short
    EXPECT_LT(error, previous / 3.9) << core;  // second order: /4 per halving of the cell size
    previous = error;
  }
  // The error, 1 - n sin(2 pi/n)/(2 pi), at the default core_divisions = 4 (n = 16) and above.
  EXPECT_NEAR(1 - inscribed_fraction(16), 0.02550, 1e-5);
  EXPECT_NEAR(1 - inscribed_fraction(32), 0.00641, 1e-5);
  EXPECT_LT(1 - inscribed_fraction(28), 0.01);  // core_divisions >= 7 for < 1%
}

TEST(TendonSheath, SheathVolumeApproachesTheOffsetAnnulus) {
  TendonSheathSpec s;
  Real previous = 1;
  for (int core : {2, 4, 8, 16}) {
    s.core_divisions = core;
    const Mesh m = generate_tendon_sheath(s);
    const Real exact = offset_annulus(s.semi_axis_y, s.semi_axis_z, s.sheath_thickness) * s.length;
    const Real error = 1 - sheath_set_volume(m, "sheath") / exact;
    std::cout << "core " << core << ": tendon volume error "
              << 1 - sheath_set_volume(m, "tendon") /
                         (pi * s.semi_axis_y * s.semi_axis_z * s.length)
              << ", sheath volume error " << error << "\n";
    EXPECT_GT(error, 0.0);
    EXPECT_LT(error, previous / 3.5) << core;
    previous = error;
    if (core == 4) {
      EXPECT_NEAR(error, 0.0302, 5e-4);  // measured at the default resolution
    }
  }
}

TEST(TendonSheath, CircleVolumesAreExactPolygonFormulas) {
  TendonSheathSpec s;
  s.semi_axis_y = s.semi_axis_z = 3.0;
  s.sheath_thickness = 0.5;
  const Mesh m = generate_tendon_sheath(s);
  const Real f = inscribed_fraction(16), R = 3.0, Ro = 3.5;
  EXPECT_NEAR(sheath_set_volume(m, "tendon"), f * pi * R * R * s.length, 1e-10);
  EXPECT_NEAR(sheath_set_volume(m, "sheath"), f * pi * (Ro * Ro - R * R) * s.length, 1e-10);
}

TEST(TendonSheath, BadSpecsAreRejectedWithTheFieldName) {
  auto expect_error = [](TendonSheathSpec s, const std::string& fragment) {
    try {
      generate_tendon_sheath(s);
      ADD_FAILURE() << "no exception for " << fragment;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  TendonSheathSpec s;
  s.length = 0;
  expect_error(s, "length must be a finite number > 0");
  s = {};
  s.semi_axis_z = -1;
  expect_error(s, "semi_axis_z must be");
  s = {};
  s.sheath_thickness = std::nan("");
  expect_error(s, "sheath_thickness must be");
  s = {};
  s.core_divisions = 0;
  expect_error(s, "core_divisions must be >= 1, got 0");
  s = {};
  s.sheath_radial_divisions = -2;
  expect_error(s, "sheath_radial_divisions must be >= 1");
  s = {};
  s.axial_divisions = 0;
  expect_error(s, "axial_divisions");
  s = {};
  s.tendon_radial_divisions = 0;
  expect_error(s, "tendon_radial_divisions");
}

// ---- fibre direction --------------------------------------------------------------------

TEST(TendonFibre, AlongTheAxisWithoutTwistAndOnTheAxis) {
  const TendonSheathSpec s;
  EXPECT_EQ(tendon_fibre_direction(s, 0, Vec3(3, 5, 1)), Vec3(1, 0, 0));
  EXPECT_EQ(tendon_fibre_direction(s, 25, Vec3(7, 0, 0)), Vec3(1, 0, 0));
}

TEST(TendonFibre, UnitLengthAndAngleGrowsLinearlyWithRho) {
  const TendonSheathSpec s;
  const Real helix = 20;
  for (Real r : {0.1, 0.35, 0.5, 0.9, 1.0})
    for (Real phi : {0.0, 0.7, 2.0, 3.5, 5.9}) {
      const Vec3 X(12, r * s.semi_axis_y * std::cos(phi), r * s.semi_axis_z * std::sin(phi));
      const Vec3 d = tendon_fibre_direction(s, helix, X);
      EXPECT_NEAR(d.norm(), 1.0, 1e-14);
      EXPECT_NEAR(std::acos(d.x()) * 180 / pi, r * helix, 1e-10) << r << " " << phi;
      // Tangent to the ellipse through X: no component along the ellipse normal, and
      // right-handed about +x (counter-clockwise from +y toward +z).
      const Vec3 normal(0, X.y() / (s.semi_axis_y * s.semi_axis_y),
                        X.z() / (s.semi_axis_z * s.semi_axis_z));
      EXPECT_NEAR(d.dot(normal), 0.0, 1e-14);
      EXPECT_GT(Vec3::UnitX().cross(X).dot(d), 0.0);
    }
}

TEST(TendonFibre, SurfaceAngleEqualsTheHelixAngleAndNegativeTwistsLeft) {
  TendonSheathSpec s;
  s.semi_axis_y = s.semi_axis_z = 2.0;  // circle: the tangent is e_theta
  const Vec3 top(0, 0, 2);              // e_theta = -y here
  const Real h = 30 * pi / 180;
  EXPECT_NEAR((tendon_fibre_direction(s, 30, top) - Vec3(std::cos(h), -std::sin(h), 0)).norm(), 0,
              1e-15);
  EXPECT_NEAR((tendon_fibre_direction(s, -30, top) - Vec3(std::cos(h), std::sin(h), 0)).norm(), 0,
              1e-15);
  // Outside the tendon (the sheath) the surface angle holds.
  EXPECT_NEAR(std::acos(tendon_fibre_direction(s, 30, Vec3(0, 0, 2.8)).x()), h, 1e-14);

  const Mesh m = generate_tendon_sheath(TendonSheathSpec{});
  for (Index n : m.node_set("interface_tendon"))
    EXPECT_NEAR(std::acos(tendon_fibre_direction({}, 12, m.points[size_t(n)]).x()) * 180 / pi, 12.0,
                1e-9);
}

TEST(TendonFibre, RejectsRightAngles) {
  EXPECT_THROW(tendon_fibre_direction({}, 90, Vec3(0, 1, 0)), std::invalid_argument);
  EXPECT_THROW(tendon_fibre_direction({}, std::nan(""), Vec3(0, 1, 0)), std::invalid_argument);
  TendonSheathSpec s;
  s.semi_axis_y = 0;
  EXPECT_THROW(tendon_fibre_direction(s, 10, Vec3(0, 1, 0)), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::mesh
