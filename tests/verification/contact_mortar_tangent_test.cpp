// The tangent of segment-to-segment (mortar) contact against central differences of its
// forces: one warped, tilted slave facet (quadrilateral, and a triangle) over a warped master
// facet that it overlaps in part and penetrates in part (so the clipped overlap, the inverse
// maps and the contact boundary all move); and the assembled coupling of two blocks with
// non-matching meshes, pressed, warped and slid by a fraction of a facet.
#include <gtest/gtest.h>

#include <cmath>

#include "contact/mortar_contact_set.hpp"
#include "contact/mortar_pair.hpp"
#include "fem/assembly_plan.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "verification/coupling_tangent_check.hpp"

namespace sinew::contact {
namespace {

MortarPairInput pair_input(bool triangle) {
  MortarPairInput in;
  // Master: the top of a lower body (ccw about +z), corner 2 lifted (a hyperbolic paraboloid).
  in.master = {Vec3(0, 0, 0), Vec3(1, 0, 0.02), Vec3(1.1, 1, 0.09), Vec3(-0.1, 0.9, -0.01)};
  // Slave: the bottom of an upper body (ccw about -z), shifted so it covers part of the master,
  // tilted so that only part of the overlap penetrates, and warped.
  in.slave = {Vec3(0.4, 0.3, -0.03), Vec3(0.35, 1.25, 0.12), Vec3(1.4, 1.3, 0.16),
              Vec3(1.45, 0.25, -0.02)};
  if (triangle) in.slave = {in.slave[0], in.slave[1], in.slave[3]};
  in.normal_penalty = 40.0;
  in.depth_limit = 1.0;
  return in;
}

VecX positions(const MortarPairInput& in) {
  VecX x(3 * static_cast<Index>(in.slave.size() + in.master.size()));
  Index k = 0;
  for (const auto* side : {&in.slave, &in.master})
    for (const Vec3& p : *side) x.segment<3>(3 * k++) = p;
  return x;
}

MortarPairInput with_positions(MortarPairInput in, const VecX& x) {
  Index k = 0;
  for (auto* side : {&in.slave, &in.master})
    for (Vec3& p : *side) p = x.segment<3>(3 * k++);
  return in;
}

TEST(MortarTangent, PairMatchesCentralDifferences) {
  const auto rule = triangle_rule(4);
  for (bool triangle : {false, true}) {
    const MortarPairInput in = pair_input(triangle);
    const MortarPairResult r = integrate_mortar_pair(in, rule, true);
    ASSERT_TRUE(r.overlap);
    // Part of the overlap in contact, part open: the contact boundary crosses the facets.
    EXPECT_GT(r.contact_area, 0.05 * r.overlap_area) << triangle;
    EXPECT_LT(r.contact_area, 0.95 * r.overlap_area) << triangle;
    const VecX x = positions(in);
    MatX fd(x.size(), x.size());
    for (Index j = 0; j < x.size(); ++j) {
      VecX xp = x, xm = x;
      xp[j] += 1e-7;
      xm[j] -= 1e-7;
      fd.col(j) = (integrate_mortar_pair(with_positions(in, xp), rule, false).force -
                   integrate_mortar_pair(with_positions(in, xm), rule, false).force) /
                  2e-7;
    }
    const Real err = (r.df_dx - fd).cwiseAbs().maxCoeff() / fd.cwiseAbs().maxCoeff();
    std::printf("mortar pair tangent (%s slave): relative error %.2e\n", triangle ? "tri" : "quad",
                err);
    EXPECT_LT(err, 1e-6) << triangle;
    // Action and reaction: the forces on both facets balance.
    Vec3 sum = Vec3::Zero();
    for (Index a = 0; a < x.size() / 3; ++a) sum += r.force.segment<3>(3 * a);
    EXPECT_LT(sum.norm(), 1e-14 * r.force.norm());
  }
}

TEST(MortarTangent, AssembledMatchesFiniteDifferencesOfResidual) {
  mesh::Mesh m;
  mesh::append_body(m, mesh::make_box({Vec3(0, 0, -1), Vec3(5, 1, 1), {5, 2, 1}}), "lower",
                    {{"z1", "master"}});
  mesh::append_body(m, mesh::make_box({Vec3(0.7, 0.1, 0), Vec3(3, 0.8, 1), {3, 1, 1}}), "upper",
                    {{"z0", "slave"}});
  mesh::add_all_sets(m);
  MortarContactSet set(m, m.facet_set("slave"), m.facet_set("master"), {50.0, 50.0, 0.0});
  const Index n = m.n_nodes();
  VecX u = VecX::Zero(3 * n);
  for (Index a : m.node_set("slave"))
    u.segment<3>(3 * a) = Vec3(0.0003 * (a % 3), 0.0, -0.01 + 0.002 * std::cos(m.points[a].x()));
  for (Index a : m.node_set("master")) u[3 * a + 2] += 0.003 * std::sin(1.3 * m.points[a].x());
  const fem::AssemblyPlan plan(n, set.node_groups());
  for (Real slide : {0.0, 0.37}) {
    VecX state = u;
    for (Index a : m.node_set("slave")) state[3 * a] += slide;
    SparseMatrix K = plan.pattern();
    VecX r = VecX::Zero(3 * n);
    set.add(state, 0.0, r, &K, plan);
    EXPECT_GT(set.evaluate(state).contact_area, 1.0);
    const MatX Kd = MatX(K);
    const Real worst = testing::coupling_tangent_error(set, state, Kd, plan);
    std::printf("mortar assembled tangent (slide %.2f mm): relative error %.2e\n", slide,
                worst / Kd.cwiseAbs().maxCoeff());
    EXPECT_LT(worst / Kd.cwiseAbs().maxCoeff(), 1e-6) << slide;
  }
}

}  // namespace
}  // namespace sinew::contact
