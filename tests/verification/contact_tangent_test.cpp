// Finite-difference checks of the node-to-rigid-surface contact tangent (contact_law.cpp) on a
// plane, a cylinder and a sphere, in stick and in slip, and of the assembled coupling
// (ContactSet::add) against central differences of its residual.
#include <gtest/gtest.h>

#include "contact/contact_set.hpp"
#include "fem/assembly_plan.hpp"

namespace sinew::contact {
namespace {

RigidSurface surface_of(RigidShape shape) {
  RigidSurface s;
  s.shape = shape;
  s.centre = Vec3(0.1, -0.2, 0.0);
  s.direction = shape == RigidShape::Cylinder ? Vec3(1.0, 0.2, 0.1) : Vec3(0.1, 0.2, 1.0);
  s.radius = 3.0;
  s.motion.points = {{0.0, Vec3::Zero()}, {1.0, Vec3(0.4, 0.1, -0.05)}};
  return s;
}

ContactParameters parameters() { return {200.0, 150.0, 0.3}; }

// A point `depth` mm inside the surface at t = 0.5, near the top of the sphere/cylinder.
Vec3 penetrating_point(const RigidSurface& s, const Vec3& shift = Vec3::Zero(), Real depth = 0.01) {
  const Vec3 guess = s.centre + s.motion(0.5) + Vec3(0.3, 0.2, s.radius + 0.5) + shift;
  const SurfacePoint p = s.project(guess, 0.5);
  return p.point - depth * p.normal;
}

// Max |K - K_fd| / max |K| of df/dx at x for a node whose stick point is `offset` away.
Real tangent_error(RigidShape shape, const Vec3& offset, bool expect_slip) {
  const RigidSurface s = surface_of(shape);
  const ContactParameters p = parameters();
  const Vec3 x = penetrating_point(s);
  NodeHistory h;
  h.stick_point = s.project(x, 0.5).point - s.motion(0.5) + offset;
  const NodeResponse r = evaluate_node(x, 0.5, 2.0, s, h, p);
  EXPECT_TRUE(r.in_contact);
  EXPECT_EQ(r.slipping, expect_slip);
  Mat3 fd;
  const Real e = 1e-7;
  for (int j = 0; j < 3; ++j) {
    const Vec3 d = e * Vec3::Unit(j);
    fd.col(j) = (evaluate_node(x + d, 0.5, 2.0, s, h, p).force -
                 evaluate_node(x - d, 0.5, 2.0, s, h, p).force) /
                (2.0 * e);
  }
  return (r.df_dx - fd).cwiseAbs().maxCoeff() / fd.cwiseAbs().maxCoeff();
}

class ContactTangent : public ::testing::TestWithParam<RigidShape> {};

TEST_P(ContactTangent, StickMatchesFiniteDifferences) {
  // p = 2 MPa, mu p = 0.6 MPa; elastic slip 0.0022 mm: |tau| = 0.34 MPa.
  EXPECT_LT(tangent_error(GetParam(), Vec3(0.002, -0.001, 0.0), false), 1e-6);
}

TEST_P(ContactTangent, SlipMatchesFiniteDifferences) {
  EXPECT_LT(tangent_error(GetParam(), Vec3(0.05, 0.03, 0.0), true), 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Shapes, ContactTangent,
                         ::testing::Values(RigidShape::Plane, RigidShape::Cylinder,
                                           RigidShape::Sphere));

TEST(ContactSetTangent, AssembledMatchesFiniteDifferencesOfResidual) {
  // Three nodes: one sticking, one slipping, one out of contact, against a sphere.
  const RigidSurface s = surface_of(RigidShape::Sphere);
  std::vector<Vec3> X = {penetrating_point(s), penetrating_point(s, Vec3(0.2, 0.0, 0.0)),
                         penetrating_point(s, Vec3(-0.2, 0.0, 0.0), -1.0)};
  ContactSet set({0, 1, 2}, X, {1.0, 1.5, 2.0}, s, parameters());
  // Commit a moved state at t = 0.5 (the surface has slid under the nodes): the stick points
  // trail the nodes; then node 0 moves back slightly (stick), node 1 far (slip).
  VecX u0 = VecX::Zero(9);
  u0.segment<3>(0) = Vec3(-0.001, 0.0, 0.0);
  u0.segment<3>(3) = Vec3(-0.05, 0.02, 0.0);
  set.commit(u0, 0.5);
  const fem::AssemblyPlan plan(3, set.node_groups());
  VecX u = VecX::Zero(9);
  u.segment<3>(3) = Vec3(0.0, -0.01, 0.0);
  SparseMatrix K = plan.pattern();
  VecX r = VecX::Zero(9);
  set.add(u, 0.5, r, &K, plan);
  const auto state = set.evaluate(u, 0.5);
  EXPECT_FALSE(state[0].slipping);
  EXPECT_TRUE(state[1].slipping);
  EXPECT_FALSE(state[2].in_contact);
  const MatX Kd = MatX(K);
  Real worst = 0.0;
  for (int j = 0; j < 9; ++j) {
    VecX up = u, um = u, rp = VecX::Zero(9), rm = VecX::Zero(9);
    up[j] += 1e-7;
    um[j] -= 1e-7;
    set.add(up, 0.5, rp, nullptr, plan);
    set.add(um, 0.5, rm, nullptr, plan);
    worst = std::max(worst, ((rp - rm) / 2e-7 - Kd.col(j)).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst / Kd.cwiseAbs().maxCoeff(), 1e-6);
}

}  // namespace
}  // namespace sinew::contact
