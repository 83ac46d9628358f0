// Tests of the multi-body helpers: appended bodies keep their own nodes, blocks and sets.
#include <gtest/gtest.h>

#include <stdexcept>

#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/section_extrusion.hpp"

namespace sinew::mesh {
namespace {

TEST(BodyAppend, BodiesKeepSeparateNodesBlocksAndSets) {
  BoxSpec a;
  BoxSpec b;
  b.origin = Vec3(1, 0, 0);  // touching a at x = 1
  Mesh m;
  m.block_names.clear();
  append_body(m, make_box(a), "left", {{"x1", "left_right"}});
  append_body(m, make_box(b), "right", {{"x0", "right_left"}, {"z1", "right_top"}});
  add_all_sets(m);
  EXPECT_EQ(m.n_nodes(), 16);  // coincident nodes at x = 1 are not merged
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"left", "right"}));
  EXPECT_EQ(m.cell_block, (std::vector<int>{0, 1}));
  EXPECT_EQ(m.element_set("right"), (std::vector<Index>{1}));
  EXPECT_EQ(m.node_set("right"), (std::vector<Index>{8, 9, 10, 11, 12, 13, 14, 15}));
  EXPECT_EQ(m.facet_set("right_left"), (std::vector<Facet>{{1, 5}}));
  EXPECT_EQ(m.node_set("right_left"), (std::vector<Index>{8, 10, 12, 14}));
  EXPECT_EQ(m.node_set("left_right"), (std::vector<Index>{1, 3, 5, 7}));
  for (int k = 0; k < 4; ++k)
    EXPECT_EQ(m.points[size_t(m.node_set("left_right")[size_t(k)])],
              m.points[size_t(m.node_set("right_left")[size_t(k)])]);
  EXPECT_FALSE(m.facet_sets.contains("x0"));  // unlisted body sets are dropped
  EXPECT_EQ(m.node_set("all").size(), 16u);
  EXPECT_EQ(m.element_set("all"), (std::vector<Index>{0, 1}));

  EXPECT_THROW(append_body(m, make_box(a), "third", {{"nope", "x"}}), std::invalid_argument);
  EXPECT_THROW(append_body(m, make_box(a), "left", {}), std::invalid_argument);
  EXPECT_THROW(append_body(m, make_box(a), "third", {{"x0", "right_top"}}), std::invalid_argument);
}

TEST(SectionExtrusion, NumberingAndFaces) {
  // One unit square, counter-clockwise seen from +x, swept over two layers.
  Section s;
  s.points = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  s.quads = {{0, 1, 2, 3}};
  s.edges["bottom"] = {{0, 0}};  // z = 0 edge
  const Mesh m = extrude_section(s, 4.0, 2);
  ASSERT_EQ(m.n_nodes(), 12);
  ASSERT_EQ(m.n_cells(), 2);
  EXPECT_EQ(m.points[5], Vec3(2, 1, 0));
  EXPECT_EQ(m.points[11], Vec3(4, 0, 1));
  EXPECT_NEAR(cell_volume(m, 0), 2.0, 1e-14);
  EXPECT_EQ(m.facet_set("distal"), (std::vector<Facet>{{0, 0}}));
  EXPECT_EQ(m.facet_set("proximal"), (std::vector<Facet>{{1, 1}}));
  EXPECT_EQ(m.facet_set("bottom"), (std::vector<Facet>{{0, 2}, {1, 2}}));
  for (Index n : m.facet_nodes({1, 2})) EXPECT_EQ(m.points[size_t(n)].z(), 0.0);
  s.edges["bad"] = {{0, 4}};
  EXPECT_THROW(extrude_section(s, 4.0, 2), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::mesh
