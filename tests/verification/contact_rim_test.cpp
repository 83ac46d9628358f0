// Node-to-segment contact where a slave node leaves a facet without entering another: past the
// master's rim (its boundary edge) and along a kink line of the master. An unloaded node
// sliding there must not be pushed back along the surface: past the rim the facet is
// continued (its gap is the distance to the facet's plane), and along a kink the node goes to
// the facet whose edge is nearest (its gap is the distance to the kink line). Before, the rim
// turned the normal along the surface from the rim to the node, and the kink kept the facet
// the node had left, whose corner is behind the node: either took the in-plane distance as
// penetration, resisting a free glide.
#include <gtest/gtest.h>

#include <cmath>

#include "contact/segment_contact_set.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"

namespace sinew::contact {
namespace {

// Frictionless, so any force along the surface is the contact law's normal turned.
ContactParameters parameters() { return {100.0, 100.0, 0.0}; }

// The lower box's top (5 x 2 unit-length facets over [0, 5] x [0, 1], z = 0) is the master;
// a small box's bottom over x in [1.8, 2] is the slave. `valley` raises the master's long
// edges (y = 0 and 1) by that much: a concave kink along y = 0.5.
mesh::Mesh blocks(Real valley) {
  mesh::Mesh m;
  mesh::append_body(m, mesh::make_box({Vec3(0, 0, -1), Vec3(5, 1, 1), {5, 2, 1}}), "lower",
                    {{"z1", "master"}});
  mesh::append_body(m, mesh::make_box({Vec3(1.8, 0.4, 0.05), Vec3(0.2, 0.2, 0.2), {1, 1, 1}}),
                    "upper", {{"z0", "slave"}});
  mesh::add_all_sets(m);
  for (Index n : m.node_set("master")) {
    Vec3& x = m.points[static_cast<size_t>(n)];
    if (std::abs(x.y() - 0.5) > 0.25) x.z() += valley;
  }
  return m;
}

// Displacements putting every slave node at `x` (the contact set reads only their positions).
VecX slave_at(const mesh::Mesh& m, const Vec3& x) {
  VecX u = VecX::Zero(3 * m.n_nodes());
  for (Index n : m.node_set("slave")) u.segment<3>(3 * n) = x - m.points[static_cast<size_t>(n)];
  return u;
}

// The slave nodes are committed on the last facet before the rim (x = 4.9), then slid 0.02 mm
// past the rim at x = 5 (within the search's sliver of 0.05 of a facet) at a height z.
TEST(ContactRim, NodePastTheRimHasTheGapOfTheContinuedFacet) {
  const mesh::Mesh m = blocks(0.0);
  SegmentContactSet set(m, m.facet_set("slave"), m.facet_set("master"), parameters());
  set.commit(slave_at(m, Vec3(4.9, 0.5, 0.0)), 0.0);
  const Real depth = 1e-4;
  const VecX in = slave_at(m, Vec3(5.02, 0.5, -depth));
  const auto pressed = set.evaluate(in);
  for (const auto& r : pressed) {
    ASSERT_TRUE(r.in_contact);
    EXPECT_NEAR(r.gap, -depth, 1e-12);
    EXPECT_NEAR(r.pressure, 100.0 * depth, 1e-9);
    EXPECT_NEAR(r.normal.z(), 1.0, 1e-12);
  }
  // The whole force is normal: A p along z on the slave, nothing along the surface.
  const Vec3 f = set.total_force(in);
  Real area = 0.0;
  for (Real a : set.areas()) area += a;
  EXPECT_NEAR(f.z(), area * 100.0 * depth, 1e-12);
  EXPECT_NEAR(f.x(), 0.0, 1e-15);
  // Level with the facet: touching, no force; above it: separated.
  EXPECT_LT(set.total_force(slave_at(m, Vec3(5.02, 0.5, 0.0))).norm(), 1e-12);
  for (const auto& r : set.evaluate(slave_at(m, Vec3(5.02, 0.5, depth)))) {
    EXPECT_FALSE(r.in_contact);
    EXPECT_NEAR(r.gap, depth, 1e-12);
  }
  // Beyond the sliver the node has left the master.
  EXPECT_EQ(set.total_force(slave_at(m, Vec3(5.1, 0.5, -depth))).norm(), 0.0);
}

// A node pressed 1e-4 mm below the kink line of a concave fold (the master's facets rise by
// 0.2 mm over 0.5 mm on either side) slides along it from the facets over x in [1, 2] onto
// those over [2, 3]: just past x = 2 it lies beyond every facet (in the fold's wedge), its
// nearest master point is on the kink line right above it, and the force is normal to the
// kink line (vertical, by symmetry).
TEST(ContactRim, NodeSlidingAlongAKinkGoesToTheNearestEdge) {
  const mesh::Mesh m = blocks(0.2);
  SegmentContactSet set(m, m.facet_set("slave"), m.facet_set("master"), parameters());
  const Real depth = 1e-4;
  set.commit(slave_at(m, Vec3(1.9, 0.5, -depth)), 0.0);
  for (Real past : {1e-5, 1e-4, 1e-3}) {
    const VecX u = slave_at(m, Vec3(2.0 + past, 0.5, -depth));
    for (const auto& r : set.evaluate(u)) {
      ASSERT_TRUE(r.in_contact) << past;
      EXPECT_NEAR(r.gap, -depth, 1e-12) << past;
      EXPECT_NEAR(r.normal.x(), 0.0, 1e-12) << past;
      EXPECT_NEAR(r.point.x(), 2.0 + past, 1e-12) << past;
    }
    EXPECT_NEAR(set.total_force(u).x(), 0.0, 1e-15) << past;
  }
}

}  // namespace
}  // namespace sinew::contact
