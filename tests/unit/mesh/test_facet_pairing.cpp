// Tests of facet pairing: complete node-by-node pairs on the generated interfaces, and errors
// for sets that do not match.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/facet_pairing.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::facet_area_vector;

// Every facet paired once, nodes coinciding pairwise, normals opposite.
void expect_complete(const Mesh& m, const std::vector<FacetPair>& pairs,
                     const std::vector<Facet>& primary, const std::vector<Facet>& secondary) {
  ASSERT_EQ(pairs.size(), primary.size());
  std::vector<Facet> used;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const FacetPair& p = pairs[i];
    EXPECT_EQ(p.primary, primary[i]);  // in the order of the primary set
    used.push_back(p.secondary);
    const auto pn = m.facet_nodes(p.primary);
    ASSERT_EQ(p.n_nodes, static_cast<int>(pn.size()));
    for (int k = 0; k < p.n_nodes; ++k) {
      EXPECT_EQ(p.primary_nodes[size_t(k)], pn[size_t(k)]);
      EXPECT_NE(p.primary_nodes[size_t(k)], p.secondary_nodes[size_t(k)]);  // duplicated nodes
      EXPECT_EQ(m.points[size_t(p.primary_nodes[size_t(k)])],
                m.points[size_t(p.secondary_nodes[size_t(k)])]);
    }
    // The secondary nodes are those of the secondary facet.
    auto sn = m.facet_nodes(p.secondary);
    std::vector<Index> mine(p.secondary_nodes.begin(), p.secondary_nodes.begin() + p.n_nodes);
    std::sort(sn.begin(), sn.end());
    std::sort(mine.begin(), mine.end());
    EXPECT_EQ(mine, sn);
    const Vec3 a = facet_area_vector(m, p.primary), b = facet_area_vector(m, p.secondary);
    EXPECT_NEAR((a + b).norm(), 0.0, 1e-12 * a.norm());
    EXPECT_GT(a.norm(), 0.0);
  }
  auto key = [](const Facet& f) { return std::pair{f.cell, f.face}; };
  auto less = [&](const Facet& x, const Facet& y) { return key(x) < key(y); };
  std::vector<Facet> expected = secondary;
  std::sort(used.begin(), used.end(), less);
  std::sort(expected.begin(), expected.end(), less);
  EXPECT_EQ(used, expected);
}

TEST(FacetPairing, TendonSheathInterfaceIsComplete) {
  TendonSheathSpec s;
  s.semi_axis_y = 12;
  s.semi_axis_z = 3;  // patellar 4:1
  const Mesh m = generate_tendon_sheath(s);
  const auto& t = m.facet_set("interface_tendon");
  const auto& sh = m.facet_set("interface_sheath");
  const auto pairs = pair_facets(m, t, sh, 1e-6);
  expect_complete(m, pairs, t, sh);
  // And the other way round.
  expect_complete(m, pair_facets(m, sh, t, 1e-6), sh, t);
}

TEST(FacetPairing, FasciaInterfaceIsComplete) {
  const Mesh m = generate_fascia_band({});
  const auto& f = m.facet_set("interface_fascia");
  const auto& u = m.facet_set("interface_underlay");
  expect_complete(m, pair_facets(m, f, u, 1e-9), f, u);
}

// Two tet boxes side by side (x in [0,1] and [1,2]) as separate bodies.
Mesh two_tet_boxes(Real gap) {
  BoxSpec a;
  a.divisions = {1, 2, 2};
  a.cell = CellType::Tet4;
  BoxSpec b = a;
  b.origin = Vec3(1 + gap, 0, 0);
  Mesh m;
  append_body(m, make_box(a), "a", {{"x1", "a_right"}});
  append_body(m, make_box(b), "b", {{"x0", "b_left"}});
  return m;
}

TEST(FacetPairing, TrianglesPairToo) {
  const Mesh m = two_tet_boxes(0);
  const auto& a = m.facet_set("a_right");
  const auto& b = m.facet_set("b_left");
  ASSERT_EQ(a.size(), 8u);
  const auto pairs = pair_facets(m, a, b, 1e-9);
  expect_complete(m, pairs, a, b);
  for (const auto& p : pairs) {
    EXPECT_EQ(p.n_nodes, 3);
    EXPECT_EQ(p.primary_nodes[3], -1);
    EXPECT_EQ(p.secondary_nodes[3], -1);
  }
}

TEST(FacetPairing, SharedNodesPairAConformingInternalFace) {
  BoxSpec s;
  s.divisions = {2, 1, 1};
  const Mesh m = make_box(s);
  // Cell 0's +x face and cell 1's -x face: the same four node ids.
  const auto pairs = pair_facets(m, {{0, 3}}, {{1, 5}}, 1e-9);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].primary_nodes, pairs[0].secondary_nodes);
}

std::string error_of(const Mesh& m, const std::vector<Facet>& p, const std::vector<Facet>& s,
                     Real tol) {
  try {
    pair_facets(m, p, s, tol);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(FacetPairing, ShiftedSetReportsTheUnpairedFacets) {
  const Mesh m = two_tet_boxes(0.01);
  const std::string e = error_of(m, m.facet_set("a_right"), m.facet_set("b_left"), 1e-3);
  EXPECT_NE(e.find("pair_facets: 8 of 8 primary facets have no secondary facet with coincident "
                   "nodes (tolerance 0.001 mm); the first is cell "),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("centroid (1, "), std::string::npos) << e;
  // A tolerance above the gap pairs them.
  EXPECT_EQ(pair_facets(m, m.facet_set("a_right"), m.facet_set("b_left"), 0.02).size(), 8u);

  // One moved node: exactly the facets around it are unpaired.
  Mesh moved = generate_fascia_band({});
  const Index n = moved.node_set("interface_underlay")[10];  // interior node of the first row
  moved.points[size_t(n)].x() += 0.1;
  const std::string e2 = error_of(moved, moved.facet_set("interface_fascia"),
                                  moved.facet_set("interface_underlay"), 1e-6);
  EXPECT_NE(e2.find("2 of 120 primary facets have no secondary facet"), std::string::npos) << e2;
  EXPECT_NE(e2.find("centroid (19, -6.25, 0)"), std::string::npos) << e2;
}

TEST(FacetPairing, TruncatedSetsAreReported) {
  const Mesh m = generate_fascia_band({});
  auto f = m.facet_set("interface_fascia");
  auto u = m.facet_set("interface_underlay");
  u.pop_back();
  EXPECT_NE(
      error_of(m, f, u, 1e-6).find("pair_facets: 120 primary facets but 119 secondary facets"),
      std::string::npos);
  // Dropping a different facet from each side: equal counts, one unpaired.
  f.erase(f.begin());
  const std::string e = error_of(m, f, u, 1e-6);
  EXPECT_NE(e.find("1 of 119 primary facets have no secondary facet"), std::string::npos) << e;
  EXPECT_NE(e.find("centroid (39, 6.25, 0)"), std::string::npos) << e;
}

TEST(FacetPairing, NodeCountMismatchIsReported) {
  // Hex box x in [0,1], y in [0,2] (two +x quads), tet box x in [1,2], y in [0,1] (two -x
  // triangles on the first quad).
  BoxSpec h;
  h.size = Vec3(1, 2, 1);
  h.divisions = {1, 2, 1};
  BoxSpec t;
  t.origin = Vec3(1, 0, 0);
  t.cell = CellType::Tet4;
  Mesh m;
  append_body(m, make_box(h), "hex", {{"x1", "hex_right"}});
  append_body(m, make_box(t), "tet", {{"x0", "tet_left"}});
  ASSERT_EQ(m.facet_set("tet_left").size(), 2u);
  const std::string e = error_of(m, m.facet_set("hex_right"), m.facet_set("tet_left"), 1e-9);
  EXPECT_NE(e.find("has 4 nodes but the secondary facet on it"), std::string::npos) << e;
  EXPECT_NE(e.find("has 3; both sides of an interface need the same facets"), std::string::npos)
      << e;
}

TEST(FacetPairing, FacetsUsedTwiceAreReported) {
  const Mesh m = generate_fascia_band({});
  auto f = m.facet_set("interface_fascia");
  const auto& u = m.facet_set("interface_underlay");
  // The same facet twice in one set.
  auto dup = f;
  dup[5] = dup[4];
  std::string e = error_of(m, dup, u, 1e-6);
  EXPECT_NE(e.find("facet (cell 4 face 0) appears twice in the primary set"), std::string::npos)
      << e;
  // A facet on both sides.
  auto both = u;
  both[0] = f[0];
  e = error_of(m, f, both, 1e-6);
  EXPECT_NE(e.find("facet (cell 0 face 0) is in both the primary and the secondary set"),
            std::string::npos)
      << e;

  // Two overlapping bodies on one side: one secondary facet coincides with two primaries.
  BoxSpec b;
  BoxSpec c;
  c.origin = Vec3(1, 0, 0);
  Mesh o;
  append_body(o, make_box(b), "a", {{"x1", "a_right"}, {"x0", "a_left"}});
  append_body(o, make_box(b), "a_copy", {{"x1", "copy_right"}});
  append_body(o, make_box(c), "c", {{"x0", "c_left"}, {"x1", "c_right"}});
  const std::vector<Facet> primary{o.facet_set("a_right")[0], o.facet_set("copy_right")[0]};
  const std::vector<Facet> secondary{o.facet_set("c_left")[0], o.facet_set("c_right")[0]};
  e = error_of(o, primary, secondary, 1e-9);
  EXPECT_NE(e.find("coincides with primary facets (cell 0 face 3) and (cell 1 face 3); it is "
                   "used twice"),
            std::string::npos)
      << e;
}

TEST(FacetPairing, BadArguments) {
  const Mesh m = generate_fascia_band({});
  const auto& f = m.facet_set("interface_fascia");
  const auto& u = m.facet_set("interface_underlay");
  EXPECT_NE(error_of(m, f, u, 0).find("tolerance must be a finite distance > 0"),
            std::string::npos);
  EXPECT_NE(error_of(m, {{9999, 0}}, {{0, 0}}, 1e-6)
                .find("primary facet (cell 9999 face 0) is "
                      "not a face of the mesh"),
            std::string::npos);
  EXPECT_NE(error_of(m, {{0, 0}}, {{1, 6}}, 1e-6).find("secondary facet (cell 1 face 6)"),
            std::string::npos);
  EXPECT_TRUE(pair_facets(m, {}, {}, 1e-6).empty());
}

}  // namespace
}  // namespace sinew::mesh
