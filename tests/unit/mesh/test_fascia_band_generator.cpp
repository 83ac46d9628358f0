// Tests of the fascia-on-underlay generator: counts, sets, exact volumes, duplicated interface.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "hex_quality.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::facet_area_vector;

Real set_volume(const Mesh& m, const std::string& set) {
  Real v = 0;
  for (Index c : m.element_set(set)) v += cell_volume(m, c);
  return v;
}

TEST(FasciaBand, DefaultCountsAndSets) {
  const Mesh m = generate_fascia_band({});
  const Index body_nodes = 21 * 7 * 3;
  EXPECT_EQ(m.n_nodes(), 2 * body_nodes);
  EXPECT_EQ(m.n_cells(), 2 * 20 * 6 * 2);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"fascia", "underlay"}));
  ASSERT_EQ(m.element_set("fascia").size(), 240u);
  ASSERT_EQ(m.element_set("underlay").size(), 240u);
  for (Index c : m.element_set("fascia")) EXPECT_EQ(m.cell_block[size_t(c)], 0);
  for (Index c : m.element_set("underlay")) EXPECT_EQ(m.cell_block[size_t(c)], 1);
  EXPECT_EQ(m.node_set("fascia").size(), size_t(body_nodes));
  EXPECT_EQ(m.node_set("underlay").size(), size_t(body_nodes));
  EXPECT_EQ(m.element_set("all").size(), 480u);
  EXPECT_EQ(m.node_set("all").size(), 882u);

  for (const char* end :
       {"fascia_distal", "fascia_proximal", "underlay_distal", "underlay_proximal"}) {
    EXPECT_EQ(m.facet_set(end).size(), 12u) << end;
    EXPECT_EQ(m.node_set(end).size(), 21u) << end;
  }
  for (const char* face :
       {"fascia_top", "underlay_bottom", "interface_fascia", "interface_underlay"}) {
    EXPECT_EQ(m.facet_set(face).size(), 120u) << face;
    EXPECT_EQ(m.node_set(face).size(), 147u) << face;
  }
  for (const auto& [name, facets] : m.facet_sets)
    EXPECT_EQ(m.node_set(name), m.nodes_of_facets(facets)) << name;
}

TEST(FasciaBand, GeometryOfTheSets) {
  FasciaBandSpec s;
  s.length = 37.3;  // values whose multiples do not round evenly
  s.width = 13.7;
  s.thickness = 2.3;
  s.underlay_thickness = 3.1;
  s.thickness_divisions = 3;
  s.underlay_divisions = 7;
  const Mesh m = generate_fascia_band(s);
  auto all_at = [&](const char* set, int axis, Real v) {
    for (Index n : m.node_set(set)) EXPECT_EQ(m.points[size_t(n)][axis], v) << set;
  };
  all_at("fascia_distal", 0, 0.0);
  all_at("underlay_distal", 0, 0.0);
  all_at("fascia_proximal", 0, s.length);
  all_at("underlay_proximal", 0, s.length);
  all_at("fascia_top", 2, s.thickness);
  all_at("underlay_bottom", 2, -s.underlay_thickness);
  all_at("interface_fascia", 2, 0.0);
  all_at("interface_underlay", 2, 0.0);
  for (Index n : m.node_set("fascia")) EXPECT_GE(m.points[size_t(n)].z(), 0.0);
  for (Index n : m.node_set("underlay")) EXPECT_LE(m.points[size_t(n)].z(), 0.0);
  for (const Vec3& x : m.points) EXPECT_LE(std::abs(x.y()), s.width / 2 + 1e-12);

  // Duplicated interface: same coordinates bit for bit, different ids, sorted alike.
  const auto& f = m.node_set("interface_fascia");
  const auto& u = m.node_set("interface_underlay");
  ASSERT_EQ(f.size(), u.size());
  for (size_t i = 0; i < f.size(); ++i) {
    EXPECT_NE(f[i], u[i]);
    EXPECT_EQ(m.points[size_t(f[i])], m.points[size_t(u[i])]) << i;
  }

  auto normals = [&](const char* set, const Vec3& dir) {
    for (const Facet& fc : m.facet_set(set))
      EXPECT_NEAR((facet_area_vector(m, fc).normalized() - dir).norm(), 0.0, 1e-12) << set;
  };
  normals("fascia_distal", {-1, 0, 0});
  normals("underlay_proximal", {1, 0, 0});
  normals("fascia_top", {0, 0, 1});
  normals("interface_fascia", {0, 0, -1});
  normals("interface_underlay", {0, 0, 1});
  normals("underlay_bottom", {0, 0, -1});
}

TEST(FasciaBand, VolumesAreExactAndJacobiansPositive) {
  FasciaBandSpec s;
  s.thickness = 3.5;
  s.width_divisions = 5;
  const Mesh m = generate_fascia_band(s);
  EXPECT_NEAR(set_volume(m, "fascia"), 40 * 15 * 3.5, 1e-10);
  EXPECT_NEAR(set_volume(m, "underlay"), 40 * 15 * 4.0, 1e-10);
  EXPECT_NEAR(test::min_jacobian_ratio(m), 1.0, 1e-12);  // boxes: det J constant
  EXPECT_GT(test::min_jacobian_ratio(generate_fascia_band({})), 0.0);
}

TEST(FasciaBand, BadSpecsAreRejectedWithTheFieldName) {
  auto expect_error = [](FasciaBandSpec s, const std::string& fragment) {
    try {
      generate_fascia_band(s);
      ADD_FAILURE() << "no exception for " << fragment;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  FasciaBandSpec s;
  s.width = 0;
  expect_error(s, "fascia-band mesh: width must be a finite number > 0 (mm), got 0");
  s = {};
  s.underlay_thickness = -4;
  expect_error(s, "underlay_thickness must be");
  s = {};
  s.length = std::numeric_limits<Real>::infinity();
  expect_error(s, "length must be");
  s = {};
  s.underlay_divisions = 0;
  expect_error(s, "underlay_divisions must be >= 1, got 0");
  s = {};
  s.width_divisions = -1;
  expect_error(s, "width_divisions");
}

}  // namespace
}  // namespace sinew::mesh
