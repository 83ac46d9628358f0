// Splitting a conforming mesh along the common face of two bodies (mesh/node_split.hpp): two
// hex8 cells of a 2 x 1 x 1 box share the four nodes of the face x = 1; the split gives the
// right cell copies of them and the two sides of the face as facet sets.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/node_split.hpp"

namespace sinew::mesh {
namespace {

// Cells 0 (x in [0, 1]) and 1 (x in [1, 2]) as bodies "left" and "right"; node set "mid" is
// the common face's nodes (a set with no element or facet set of its name).
Mesh two_blocks() {
  Mesh m = make_box({.size = {2, 1, 1}, .divisions = {2, 1, 1}});
  m.element_sets["left"] = {0};
  m.element_sets["right"] = {1};
  m.node_sets["left"] = {0, 1, 3, 4, 6, 7, 9, 10};
  m.node_sets["right"] = {1, 2, 4, 5, 7, 8, 10, 11};
  m.node_sets["mid"] = {1, 4, 7, 10};
  return m;
}

bool contains(const std::vector<Index>& v, Index n) {
  return std::find(v.begin(), v.end(), n) != v.end();
}

TEST(NodeSplit, DuplicatesTheSharedFaceForTheSecondaryBody) {
  Mesh m = two_blocks();
  const auto split = split_shared_nodes(m, "left", "right", "face_left", "face_right");
  EXPECT_EQ(split.nodes, 4);
  EXPECT_EQ(split.facets, 1);
  ASSERT_EQ(m.n_nodes(), 16);
  // Copies 12..15 of nodes 1, 4, 7, 10, in that order, at the same positions.
  const std::array<Index, 4> originals{1, 4, 7, 10};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(m.points[size_t(12 + i)], m.points[size_t(originals[size_t(i)])]);
  // The left cell keeps its nodes; the right cell uses the copies and no original.
  const auto left = m.cell_nodes(0), right = m.cell_nodes(1);
  EXPECT_TRUE(std::none_of(left.begin(), left.end(), [](Index n) { return n >= 12; }));
  EXPECT_EQ(std::count_if(right.begin(), right.end(), [](Index n) { return n >= 12; }), 4);
  for (Index n : originals) EXPECT_FALSE(std::count(right.begin(), right.end(), n));
}

TEST(NodeSplit, TheTwoSidesAreOppositeFacesOfTheTwoCells) {
  Mesh m = two_blocks();
  split_shared_nodes(m, "left", "right", "face_left", "face_right");
  const auto& a = m.facet_set("face_left");
  const auto& b = m.facet_set("face_right");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].cell, 0);
  EXPECT_EQ(b[0].cell, 1);
  auto x_of = [&](const Facet& f) {
    Real x = 0;
    for (Index n : m.facet_nodes(f)) x += m.points[size_t(n)].x() / 4;
    return x;
  };
  EXPECT_DOUBLE_EQ(x_of(a[0]), 1.0);
  EXPECT_DOUBLE_EQ(x_of(b[0]), 1.0);
  EXPECT_EQ(m.node_set("face_left"), (std::vector<Index>{1, 4, 7, 10}));
  EXPECT_EQ(m.node_set("face_right"), (std::vector<Index>{12, 13, 14, 15}));
}

TEST(NodeSplit, NodeSetsHoldTheCopiesTheirGroupUses) {
  Mesh m = two_blocks();
  split_shared_nodes(m, "left", "right", "face_left", "face_right");
  // A plain node set names both copies, so a condition on it holds both sides.
  EXPECT_EQ(m.node_set("mid"), (std::vector<Index>{1, 4, 7, 10, 12, 13, 14, 15}));
  EXPECT_EQ(m.node_set("all").size(), 16u);
  // Sets of a body (element set of the same name) hold that body's copies only.
  EXPECT_EQ(m.node_set("left"), (std::vector<Index>{0, 1, 3, 4, 6, 7, 9, 10}));
  EXPECT_EQ(m.node_set("right"), (std::vector<Index>{2, 5, 8, 11, 12, 13, 14, 15}));
  // y0 (a facet set of both cells): the nodes of its facets, originals and copies.
  const auto& y0 = m.node_set("y0");
  EXPECT_EQ(y0.size(), 8u);
  EXPECT_TRUE(contains(y0, 1) && contains(y0, 12));  // (1, 0, 0): original and copy
  EXPECT_EQ(m.nodes_of_facets(m.facet_set("y0")), y0);
  // x0, x1 hold no shared node and are unchanged.
  EXPECT_EQ(m.node_set("x0"), (std::vector<Index>{0, 3, 6, 9}));
  EXPECT_EQ(m.node_set("x1"), (std::vector<Index>{2, 5, 8, 11}));
}

TEST(NodeSplit, SeparateBodiesAreLeftUnchanged) {
  Mesh m;
  append_body(m, make_box({.size = {1, 1, 1}}), "left", {{"x1", "face_left"}});
  append_body(m, make_box({.origin = {1, 0, 0}, .size = {1, 1, 1}}), "right",
              {{"x0", "face_right"}});
  const Mesh before = m;
  const auto split = split_shared_nodes(m, "left", "right", "face_left", "face_right");
  EXPECT_EQ(split.nodes, 0);
  EXPECT_EQ(split.facets, 0);
  EXPECT_EQ(m.points, before.points);
  EXPECT_EQ(m.connectivity, before.connectivity);
  EXPECT_EQ(m.node_sets, before.node_sets);
  EXPECT_EQ(m.facet_sets, before.facet_sets);
}

TEST(NodeSplit, RejectsACellInBothBodiesAndUnknownSets) {
  Mesh m = two_blocks();
  m.element_sets["right"] = {0, 1};
  EXPECT_THROW(split_shared_nodes(m, "left", "right", "a", "b"), std::invalid_argument);
  EXPECT_THROW(split_shared_nodes(m, "left", "nowhere", "a", "b"), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::mesh
