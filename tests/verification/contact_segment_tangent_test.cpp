// Finite-difference checks of the node-to-segment contact tangent (segment_law.cpp) on a
// curved (non-planar) bilinear master facet, in stick and in slip, with the stick point on
// the same facet and on the neighbouring facet (across a facet boundary), and of the assembled
// coupling (SegmentContactSet::add) against central differences of its residual.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "contact/segment_contact_set.hpp"
#include "fem/assembly_plan.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "verification/coupling_tangent_check.hpp"

namespace sinew::contact {
namespace {

ContactParameters parameters() { return {200.0, 150.0, 0.3}; }

// A warped facet (corner 2 lifted: the patch is a hyperbolic paraboloid) and its neighbour
// across the edge x = 1.
std::array<Vec3, 4> facet() {
  return {Vec3(0, 0, 0), Vec3(1, 0, 0.05), Vec3(1.1, 1, 0.2), Vec3(0, 0.9, -0.03)};
}
std::array<Vec3, 4> neighbour() {
  return {Vec3(1, 0, 0.05), Vec3(2, 0.1, 0.1), Vec3(2, 1, 0.15), Vec3(1.1, 1, 0.2)};
}

// Local positions (slave, facet, stick facet) flattened, and back to an input.
SegmentInput input_of(const VecX& x, bool separate, const Vec2& stick_xi) {
  SegmentInput in;
  in.slave = x.segment<3>(0);
  for (int a = 0; a < 4; ++a) {
    in.facet[a] = x.segment<3>(3 + 3 * a);
    if (separate) in.stick_facet[a] = x.segment<3>(15 + 3 * a);
  }
  in.separate_stick = separate;
  in.stick_xi = stick_xi;
  in.area = 1.5;
  in.xi = project_on_patch(in.facet, in.slave, Vec2(0.5, 0.5)).xi;
  return in;
}

// Max |K - K_fd| / max |K_fd| at a slave above (xi, eta) of the facet, `depth` inside.
Real tangent_error(const Vec2& at, bool separate, const Vec2& stick_xi, bool expect_slip) {
  const auto c = facet();
  const auto p = patch_point<Real>(c, at);
  const Vec3 n = p.a1.cross(p.a2).normalized();
  VecX x(separate ? 27 : 15);
  x.segment<3>(0) = p.x - 0.01 * n;
  for (int a = 0; a < 4; ++a) {
    x.segment<3>(3 + 3 * a) = c[a];
    if (separate) x.segment<3>(15 + 3 * a) = neighbour()[a];
  }
  const auto r = evaluate_segment(input_of(x, separate, stick_xi), parameters());
  EXPECT_TRUE(r.in_contact);
  EXPECT_EQ(r.slipping, expect_slip);
  MatX fd(x.size(), x.size());
  const Real e = 1e-7;
  for (Index j = 0; j < x.size(); ++j) {
    VecX xp = x, xm = x;
    xp[j] += e;
    xm[j] -= e;
    fd.col(j) = (evaluate_segment(input_of(xp, separate, stick_xi), parameters()).force -
                 evaluate_segment(input_of(xm, separate, stick_xi), parameters()).force) /
                (2 * e);
  }
  return (r.df_dx - fd).cwiseAbs().maxCoeff() / fd.cwiseAbs().maxCoeff();
}

TEST(SegmentTangent, StickOnTheSameFacetMatchesFiniteDifferences) {
  EXPECT_LT(tangent_error(Vec2(0.2, -0.3), false, Vec2(0.2005, -0.3002), false), 1e-6);
}

TEST(SegmentTangent, SlipOnTheSameFacetMatchesFiniteDifferences) {
  EXPECT_LT(tangent_error(Vec2(0.2, -0.3), false, Vec2(0.3, -0.2), true), 1e-6);
}

TEST(SegmentTangent, StickPointAcrossTheFacetBoundaryMatchesFiniteDifferences) {
  // The slave near the edge xi = 1 of the facet, its stick point just across it on the
  // neighbour (xi = -1 is the shared edge there): stick, then slip.
  EXPECT_LT(tangent_error(Vec2(0.999, 0.1), true, Vec2(-0.999, 0.1), false), 1e-6);
  EXPECT_LT(tangent_error(Vec2(0.95, 0.1), true, Vec2(-0.8, 0.3), true), 1e-6);
}

// A slave beyond the facet's edge xi = 1 (as in the wedge outside a kink of the master), pressed
// in: the closest point is on the edge and the normal points from it to the slave; the tangent
// against central differences, in slip, beyond an edge and beyond a corner.
TEST(SegmentTangent, BeyondAnEdgeMatchesFiniteDifferences) {
  const auto c = facet();
  for (const Vec2& at : {Vec2(1.0, 0.2), Vec2(1.0, 1.0)}) {
    const auto p = patch_point<Real>(c, at);
    const Vec3 n = p.a1.cross(p.a2).normalized();
    VecX x(15);
    x.segment<3>(0) = p.x - 0.01 * n + 0.003 * p.a1.normalized() + 0.001 * p.a2.normalized();
    for (int a = 0; a < 4; ++a) x.segment<3>(3 + 3 * a) = c[a];
    auto input = [&](const VecX& v) {
      SegmentInput in = input_of(v, false, Vec2(0.5, 0.1));
      const Vec2 free = project_on_patch(in.facet, in.slave, at).xi;
      for (int i = 0; i < 2; ++i) {
        in.clamped[static_cast<size_t>(i)] = std::abs(free[i]) > 1.0;
        in.xi[i] = std::clamp(free[i], -1.0, 1.0);
      }
      return in;
    };
    const SegmentInput in = input(x);
    ASSERT_TRUE(in.clamped[0]);
    EXPECT_EQ(in.clamped[1], at[1] == 1.0);
    const auto r = evaluate_segment(in, parameters());
    ASSERT_TRUE(r.in_contact);
    EXPECT_TRUE(r.slipping);
    // The normal is the unit vector from the slave to the edge point (the slave is inside).
    EXPECT_LT((r.normal + (in.slave - r.point).normalized()).norm(), 1e-12);
    MatX fd(15, 15);
    for (Index j = 0; j < 15; ++j) {
      VecX xp = x, xm = x;
      xp[j] += 1e-7;
      xm[j] -= 1e-7;
      fd.col(j) = (evaluate_segment(input(xp), parameters()).force -
                   evaluate_segment(input(xm), parameters()).force) /
                  2e-7;
    }
    EXPECT_LT((r.df_dx - fd).cwiseAbs().maxCoeff() / fd.cwiseAbs().maxCoeff(), 1e-6)
        << at.transpose();
  }
}

TEST(SegmentTangent, ForcesBalance) {
  const auto c = facet();
  VecX x(15);
  x.segment<3>(0) = patch_point<Real>(c, Vec2(0.1, 0.4)).x - Vec3(0, 0, 0.02);
  for (int a = 0; a < 4; ++a) x.segment<3>(3 + 3 * a) = c[a];
  const auto r = evaluate_segment(input_of(x, false, Vec2(0.3, 0.2)), parameters());
  Vec3 sum = Vec3::Zero();
  for (int a = 0; a < 5; ++a) sum += r.force.segment<3>(3 * a);
  EXPECT_LT(sum.norm(), 1e-13);
  EXPECT_GT(r.force.head<3>().norm(), 1.0);
}

// The bond of a slave node to its anchor on the warped facet (segment_bond.hpp): the tangent
// against central differences while the bond softens (shear with some opening, so the mixity
// and the anchor normal both vary), on the damaged secant (committed damage above d), and the
// forces balance.
TEST(SegmentBondTangent, SofteningAndSecantMatchFiniteDifferences) {
  interface::InterfaceParameters law;
  law.mode_I_energy = 0.005;
  const auto c = facet();
  const Vec2 xi(0.2, -0.3);
  const auto p = patch_point<Real>(c, xi);
  const Vec3 n = p.a1.cross(p.a2).normalized();
  VecX x(15);
  x.segment<3>(0) = p.x + 0.05 * p.a1.normalized() + 0.02 * n;
  for (int a = 0; a < 4; ++a) x.segment<3>(3 + 3 * a) = c[a];
  auto input = [&](const VecX& v) {
    BondInput in;
    in.slave = v.segment<3>(0);
    for (int a = 0; a < 4; ++a) in.facet[a] = v.segment<3>(3 + 3 * a);
    in.xi = xi;
    in.area = 1.5;
    in.density = 0.8;
    return in;
  };
  for (Real committed : {0.0, 0.97}) {
    const BondResponse r = evaluate_bond(input(x), committed, law);
    EXPECT_GT(r.damage, committed > 0.0 ? 0.96 : 0.5);
    EXPECT_GT(r.mixity, 0.5);
    EXPECT_LT(r.mixity, 1.0);
    MatX fd(15, 15);
    for (Index j = 0; j < 15; ++j) {
      VecX xp = x, xm = x;
      xp[j] += 1e-7;
      xm[j] -= 1e-7;
      fd.col(j) = (evaluate_bond(input(xp), committed, law).force -
                   evaluate_bond(input(xm), committed, law).force) /
                  2e-7;
    }
    EXPECT_LT((r.df_dx - fd).cwiseAbs().maxCoeff() / fd.cwiseAbs().maxCoeff(), 1e-6) << committed;
    Vec3 sum = Vec3::Zero();
    for (int a = 0; a < 5; ++a) sum += r.force.segment<3>(3 * a);
    EXPECT_LT(sum.norm(), 1e-14);
  }
  EXPECT_EQ(evaluate_bond(input(x), 1.0, law).force.norm(), 0.0);
}

// Two boxes: the lower (5 x 1 facets on top) is the master, the upper (3 x 1 faces) the slave.
mesh::Mesh two_blocks() {
  mesh::Mesh m;
  mesh::append_body(m, mesh::make_box({Vec3(0, 0, -1), Vec3(5, 1, 1), {5, 1, 1}}), "lower",
                    {{"z1", "master"}});
  mesh::append_body(m, mesh::make_box({Vec3(0.7, 0.1, 0), Vec3(3, 0.8, 1), {3, 1, 1}}), "upper",
                    {{"z0", "slave"}});
  mesh::add_all_sets(m);
  return m;
}

TEST(SegmentContactSetTangent, AssembledMatchesFiniteDifferencesOfResidual) {
  const mesh::Mesh m = two_blocks();
  SegmentContactSet set(m, m.facet_set("slave"), m.facet_set("master"), parameters());
  const Index n = m.n_nodes();
  // Commit a state with the slave pressed in, then slid by 0.5 mm (every node crosses a facet
  // edge: their stick points stay on the facet they left), then evaluate stick and slip.
  VecX u0 = VecX::Zero(3 * n);
  for (Index a : m.node_set("slave")) u0.segment<3>(3 * a) = Vec3(0.0, 0.0, -0.01);
  set.commit(u0, 0.0);
  VecX u = u0;
  for (Index a : m.node_set("slave")) u.segment<3>(3 * a) += Vec3(0.0002 * (a % 3), 0.0, -0.002);
  // Warp the master so its facets are not flat.
  for (Index a : m.node_set("master")) u[3 * a + 2] += 0.003 * std::sin(1.3 * m.points[a].x());
  const fem::AssemblyPlan plan(n, set.node_groups());
  auto check = [&](const VecX& state, int expect_slip) {
    SparseMatrix K = plan.pattern();
    VecX r = VecX::Zero(3 * n);
    set.add(state, 0.0, r, &K, plan);
    int slipping = 0;
    for (const auto& s : set.evaluate(state)) slipping += s.slipping;
    EXPECT_EQ(slipping, expect_slip);
    const MatX Kd = MatX(K);
    const Real worst = testing::coupling_tangent_error(set, state, Kd, plan);
    EXPECT_LT(worst / Kd.cwiseAbs().maxCoeff(), 1e-6);
  };
  check(u, 0);
  VecX slid = u;
  for (Index a : m.node_set("slave")) slid[3 * a] += 0.5;
  check(slid, 8);
  // Commit the slid state (stick points move over the edge) and check again.
  set.commit(slid, 0.0);
  for (Index a : m.node_set("slave")) slid[3 * a] += 0.05;
  check(slid, 8);
}

}  // namespace
}  // namespace sinew::contact
