// Coulomb friction in segment-to-segment (mortar) contact (contact/mortar_friction.hpp):
// (a) the nodal return mapping in stick and slip and its derivative against central
// differences; (b) the frictional contact patch test: a slave surface translated over a
// non-matching master receives, in stick and in slip, a uniform traction whose nodal forces
// are the consistent loads of both meshes; (c) the assembled tangent against central
// differences of the residual, in stick and in slip; (d) a block pressed by N on a meshed base
// and slid 20 mm carries mu N throughout and dissipates mu N times its slip.
#include <gtest/gtest.h>

#include <cmath>

#include "contact/mortar_contact_set.hpp"
#include "contact/mortar_friction.hpp"
#include "fem/assembly_plan.hpp"
#include "fem/mechanics_problem.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "solver/load_stepper.hpp"
#include "support.hpp"
#include "verification/coupling_tangent_check.hpp"

namespace sinew::contact {
namespace {

TEST(MortarFriction, NodalReturnMappingAndItsDerivative) {
  const ContactParameters p{50.0, 40.0, 0.3};
  // w = 2 mm^2, fn = 1 N, normal along -z (scaled by w), committed force 0.05 N along x.
  MortarNodalTerms q;
  q << 2.0, 1.0, 0.0, 0.0, -2.0, 0.0, 0.0, 0.0;
  const Vec3 committed(0.05, 0.0, 0.0);
  // Stick: s = 0.002 mm^3 along y (and a normal part, which P removes).
  q.segment<3>(5) = Vec3(0.0, 0.002, 0.5);
  MortarFrictionResponse stick = evaluate_mortar_friction(q, committed, p);
  ASSERT_TRUE(stick.active);
  EXPECT_FALSE(stick.slipping);
  EXPECT_LT((stick.force - Vec3(0.05, -0.08, 0.0)).norm(), 1e-15);
  EXPECT_LT((stick.traction - stick.force / 2.0).norm(), 1e-15);
  EXPECT_EQ(stick.slip_increment, 0.0);
  // Slip: the trial force exceeds mu fn = 0.3 N; F = mu fn along the trial.
  q.segment<3>(5) = Vec3(-0.01, 0.0, 0.0);
  const MortarFrictionResponse slip = evaluate_mortar_friction(q, committed, p);
  EXPECT_TRUE(slip.slipping);
  EXPECT_NEAR(slip.force.norm(), 0.3, 1e-15);
  EXPECT_LT(slip.force.normalized().cross(Vec3::UnitX()).norm(), 1e-15);
  // Plastic weighted slip (0.45 - 0.3) / 40 mm^3 over w: slip 1.875e-3 mm, dissipation
  // tau . slip = 0.15 N/mm^2 x 3.75e-3 mm^3.
  EXPECT_NEAR(slip.slip_increment, 0.15 / 40.0 / 2.0, 1e-15);
  EXPECT_NEAR(slip.dissipation_increment, 0.15 * 0.15 / 40.0, 1e-15);
  // Derivatives of tau in q against central differences, in stick and in slip, with a tilted
  // weighted normal.
  for (const Vec3& s : {Vec3(0.0, 0.002, 0.001), Vec3(-0.01, 0.004, 0.002)}) {
    MortarNodalTerms x = q;
    x.segment<3>(2) = Vec3(0.3, -0.2, -1.9);
    x.segment<3>(5) = s;
    const MortarFrictionResponse r = evaluate_mortar_friction(x, committed, p);
    for (int j = 0; j < 8; ++j) {
      MortarNodalTerms xp = x, xm = x;
      const Real h = 1e-7 * std::max(1.0, std::abs(x[j]));
      xp[j] += h;
      xm[j] -= h;
      const Vec3 fd = (evaluate_mortar_friction(xp, committed, p).traction -
                       evaluate_mortar_friction(xm, committed, p).traction) /
                      (2 * h);
      EXPECT_LT((r.dtraction_dq.col(j) - fd).norm(), 1e-7 * (1.0 + fd.norm()))
          << "slipping " << r.slipping << ", term " << j;
    }
  }
  // Touching at zero pressure: no force; stick stiffness while the trial force is zero.
  MortarNodalTerms touching = q;
  touching[1] = 0.0;
  touching.segment<3>(5).setZero();
  const MortarFrictionResponse held = evaluate_mortar_friction(touching, Vec3::Zero(), p);
  EXPECT_TRUE(held.active);
  EXPECT_FALSE(held.slipping);
  EXPECT_EQ(held.force.norm(), 0.0);
  EXPECT_NEAR(held.dtraction_dq(0, 5), -40.0 / 2.0, 1e-14);
  touching.segment<3>(5) = Vec3(0.001, 0.0, 0.0);
  EXPECT_EQ(evaluate_mortar_friction(touching, Vec3::Zero(), p).force.norm(), 0.0);
  // No contact weight or no friction coefficient: inactive.
  MortarNodalTerms open = q;
  open[0] = 0.0;
  EXPECT_FALSE(evaluate_mortar_friction(open, committed, p).active);
  EXPECT_FALSE(evaluate_mortar_friction(q, committed, {50.0, 40.0, 0.0}).active);
}

// Two blocks touching at z = 0: the lower one's top (master, m x m facets over [-0.5, 1.5]^2)
// and the upper one's bottom (slave, s x s facets over [0, 1]^2): non-matching meshes.
mesh::Mesh touching_blocks(int m, int s) {
  mesh::Mesh mesh;
  mesh::append_body(mesh, mesh::make_box({Vec3(-0.5, -0.5, -1), Vec3(2, 2, 1), {m, m, 1}}), "lower",
                    {{"z1", "master"}});
  mesh::append_body(mesh, mesh::make_box({Vec3(0, 0, 0), Vec3(1, 1, 1), {s, s, 1}}), "upper",
                    {{"z0", "slave"}});
  mesh::add_all_sets(mesh);
  return mesh;
}

TEST(MortarFriction, UniformTractionTransmittedExactlyAcrossNonMatchingMeshes) {
  const Real eps_N = 50.0, eps_T = 40.0, mu = 0.3, depth = 0.01;
  const Real p = eps_N * depth;  // 0.5 MPa; mu p = 0.15 MPa
  const mesh::Mesh mesh = touching_blocks(5, 3);
  MortarContactSet set(mesh, mesh.facet_set("slave"), mesh.facet_set("master"), {eps_N, eps_T, mu});
  const Index n = mesh.n_nodes();
  const fem::AssemblyPlan plan(n, set.node_groups());
  set.commit(VecX::Zero(3 * n), 0.0);
  const auto& slave_nodes = mesh.node_set("slave");
  const auto& master_nodes = mesh.node_set("master");
  // Stick (slide 2 um: traction eps_T d = 0.08 MPa) and slip (slide 0.1 mm: mu p).
  for (const Vec3& slide : {Vec3(0.002, 0.0, 0.0), Vec3(0.06, 0.08, 0.0)}) {
    const bool slipping = eps_T * slide.norm() > mu * p;
    const Vec3 tau = -(slipping ? mu * p : eps_T * slide.norm()) * slide.normalized();
    const Vec3 traction = tau + Vec3(0.0, 0.0, p);  // on the slave, pushed up by p
    VecX u = VecX::Zero(3 * n);
    for (Index a : mesh.node_set("upper")) u.segment<3>(3 * a) = slide - Vec3(0, 0, depth);
    VecX r = VecX::Zero(3 * n);
    set.add(u, 0.0, r, nullptr, plan);
    // Slave: the consistent loads of the uniform traction on its 3 x 3 facets of side h:
    // h^2/4 per facet corner. Master: sum f_c = -traction x area and sum f_c x_c =
    // -traction (area centroid)^T, with the slave's current square as the contact area.
    const Real h = 1.0 / 3.0;
    Real worst_slave = 0.0;
    for (Index a : slave_nodes) {
      const Vec3& X = mesh.points[static_cast<size_t>(a)];
      const int on_edge_x = (X.x() < 1e-12 || X.x() > 1 - 1e-12) ? 1 : 2;
      const int on_edge_y = (X.y() < 1e-12 || X.y() > 1 - 1e-12) ? 1 : 2;
      const Vec3 expected = traction * (h * h / 4.0) * on_edge_x * on_edge_y;
      worst_slave = std::max(worst_slave, (-r.segment<3>(3 * a) - expected).norm());
    }
    Vec3 total = Vec3::Zero();
    Mat3 moment = Mat3::Zero();
    for (Index c : master_nodes) {
      const Vec3 f = -r.segment<3>(3 * c);
      total += f;
      moment += f * (mesh.points[static_cast<size_t>(c)] + u.segment<3>(3 * c)).transpose();
    }
    const Vec3 centroid(0.5 + slide.x(), 0.5 + slide.y(), 0.0);
    const Real scale = traction.norm();
    std::printf(
        "mortar friction patch (%s): slave nodal loads %.2e, master resultant %.2e, "
        "master moment %.2e (relative to the traction)\n",
        slipping ? "slip" : "stick", worst_slave / scale, (total + traction).norm() / scale,
        (moment + traction * centroid.transpose()).norm() / scale);
    EXPECT_LT(worst_slave, 1e-13 * scale);
    EXPECT_LT((total + traction).norm(), 1e-13 * scale);
    EXPECT_LT((moment + traction * centroid.transpose()).norm(), 1e-13 * scale);
    // Every slave node carries the same friction traction.
    const auto e = set.evaluate(u);
    EXPECT_LT((e.friction_force - tau).norm(), 1e-13);
  }
}

TEST(MortarFriction, AssembledTangentMatchesCentralDifferences) {
  // Warped, partly penetrating, slid: stick after a commit at a small slide, slip at a large one.
  const mesh::Mesh mesh = touching_blocks(4, 3);
  MortarContactSet set(mesh, mesh.facet_set("slave"), mesh.facet_set("master"), {50.0, 40.0, 0.3});
  const Index n = mesh.n_nodes();
  const fem::AssemblyPlan plan(n, set.node_groups());
  VecX u = VecX::Zero(3 * n);
  for (Index a : mesh.node_set("upper")) {
    const Vec3& X = mesh.points[static_cast<size_t>(a)];
    u.segment<3>(3 * a) = Vec3(0.001 * X.y(), 0.0, -0.01 + 0.003 * std::cos(2 * X.x()));
  }
  for (Index a : mesh.node_set("master"))
    u[3 * a + 2] += 0.002 * std::sin(1.3 * mesh.points[static_cast<size_t>(a)].x());
  set.commit(u, 0.0);
  for (const Vec3& slide : {Vec3(0.0005, 0.0002, 0.0), Vec3(0.05, -0.03, 0.0)}) {
    VecX state = u;
    for (Index a : mesh.node_set("upper")) state.segment<3>(3 * a) += slide;
    SparseMatrix K = plan.pattern();
    VecX r = VecX::Zero(3 * n);
    set.add(state, 0.0, r, &K, plan);
    EXPECT_GT(set.evaluate(state).friction_force.norm(), 0.0);
    const MatX Kd = MatX(K);
    const Real worst = testing::coupling_tangent_error(set, state, Kd, plan, 1e-8);
    std::printf("mortar friction assembled tangent (slide %.4f mm): relative error %.2e\n",
                slide.norm(), worst / Kd.cwiseAbs().maxCoeff());
    EXPECT_LT(worst / Kd.cwiseAbs().maxCoeff(), 1e-6) << slide.transpose();
  }
  // From a touching, unloaded commit: pressed, with the slave's bottom spread sideways
  // (a Poisson expansion), part in stick and part in slip.
  MortarContactSet fresh(mesh, mesh.facet_set("slave"), mesh.facet_set("master"),
                         {50.0, 40.0, 0.3});
  for (Real spread : {1e-5, 1e-3}) {
    VecX state = VecX::Zero(3 * n);
    for (Index a : mesh.node_set("upper")) {
      const Vec3& X = mesh.points[static_cast<size_t>(a)];
      state.segment<3>(3 * a) =
          Vec3(spread * (X.x() - 0.5), spread * (X.y() - 0.4), -0.01 + 0.002 * X.x() * X.y());
    }
    SparseMatrix K = plan.pattern();
    VecX r = VecX::Zero(3 * n);
    fresh.add(state, 0.0, r, &K, plan);
    const MatX Kd = MatX(K);
    const Real worst = testing::coupling_tangent_error(fresh, state, Kd, plan, 1e-9);
    std::printf("mortar friction assembled tangent (spread %.0e): relative error %.2e\n", spread,
                worst / Kd.cwiseAbs().maxCoeff());
    EXPECT_LT(worst / Kd.cwiseAbs().maxCoeff(), 1e-6) << spread;
  }
}

std::shared_ptr<const materials::Material> neo_hookean(Real E) {
  const auto& reg = testing::registries().materials;
  return reg.create("neo-hookean", resolve_parameters(reg.entry("neo-hookean").parameters,
                                                      {{"E", E}, {"nu", 0.3}}));
}

TEST(MortarFriction, BlockSlid20mmCarriesMuNAndDissipatesMuNTimesSlip) {
  const Real mu = 0.3, p = 0.1, area = 100.0, N = p * area;  // 10 N
  // Non-matching meshes: base facets 2.5 x 2.8 mm, block faces 2.5 x 2.5 mm.
  fem::Model model;
  mesh::append_body(model.mesh, mesh::make_box({Vec3(0, 0, -2), Vec3(40, 14, 2), {16, 5, 1}}),
                    "base", {{"z1", "master"}, {"z0", "bottom"}});
  mesh::append_body(model.mesh, mesh::make_box({Vec3(3, 2, 0), Vec3(10, 10, 4), {4, 4, 2}}),
                    "block", {{"z0", "slave"}, {"z1", "top"}});
  mesh::add_all_sets(model.mesh);
  model.regions.push_back({"base", model.mesh.element_set("base"), neo_hookean(10000.0)});
  model.regions.push_back({"block", model.mesh.element_set("block"), neo_hookean(10.0)});
  fem::initialise_point_fields(model);
  model.tractions.push_back({"top", model.mesh.facet_set("top"), Vec3(0, 0, -p), 0});
  model.couplings.push_back(std::make_shared<MortarContactSet>(
      model.mesh, model.mesh.facet_set("slave"), model.mesh.facet_set("master"),
      ContactParameters{1000.0, 1000.0, mu}, 0.0, 3));
  auto fix = [&](const std::string& set, int k, int curve = -1, Real value = 0.0) {
    for (Index a : model.mesh.node_set(set))
      model.displacements.push_back({set, {a}, k, value, curve});
  };
  for (int k = 0; k < 3; ++k) fix("bottom", k);
  // Pressed over [0, 1], the top driven 20 mm in x over [1, 3].
  model.curves.push_back({{{0.0, 0.0}, {1.0, 0.0}, {3.0, 20.0}}});
  fix("top", 0, 1, 1.0);
  fix("top", 1);
  fem::MechanicsProblem problem(model);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, testing::registries().linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  struct Sample {
    Real t, force_x, force_z, dissipation, slip, coulomb;
  };
  std::vector<Sample> rec;
  const auto res = solver::run_load_steps(
      problem, newton, u, {0.0, 3.0, 30, true, 8}, [&](const solver::StepRecord& s, const VecX& v) {
        const auto& c = dynamic_cast<const MortarContactSet&>(*problem.couplings().front());
        const auto e = c.evaluate(v);
        Real slip = 0.0;
        for (Real x : c.node_slip()) slip += x;
        rec.push_back({s.t, e.force.x(), e.force.z(), c.friction_dissipated_energy(),
                       slip / static_cast<Real>(c.node_slip().size()),
                       e.friction_magnitude - mu * e.normal_force});
      });
  ASSERT_TRUE(res.completed) << res.failure;
  int iterations = 0;
  for (const auto& s : res.steps) iterations += s.newton_iterations;
  // Once sliding (the block's shear has built up within its first 0.1 mm), every node slips:
  // its friction force is mu times its normal force, in its contact plane. The base holds the
  // block back by mu N and carries N, all the way to 20 mm, up to the tilt of the contact
  // plane in the dent the block presses into the base (about 1e-4 N per N of the normal
  // force: 1.3e-4 mu N here, 4x more with a base 100x softer).
  Real worst = 0.0, coulomb = 0.0;
  const Sample* start = nullptr;
  for (const auto& s : rec) {
    if (s.t < 1.05) continue;
    if (!start) start = &s;
    worst = std::max(worst, std::abs(-s.force_x - mu * N));
    coulomb = std::max(coulomb, std::abs(s.coulomb));
    EXPECT_NEAR(s.force_z, N, 1e-6 * N) << s.t;
  }
  ASSERT_NE(start, nullptr);
  const Sample& end = rec.back();
  const Real dissipated = end.dissipation - start->dissipation;
  const Real slid = end.slip - start->slip;
  std::printf(
      "mortar friction block: |sum |F_a| - mu sum fn_a| <= %.2e N, |F_x - mu N| <= "
      "%.2e N over 20 mm (mu N = %.1f N); dissipated %.4f mJ over slip %.4f mm (mu N "
      "slip %.4f mJ); %zu steps, %d iterations\n",
      coulomb, worst, mu * N, dissipated, slid, mu * N * slid, res.steps.size(), iterations);
  EXPECT_LT(coulomb, 1e-10 * mu * N);
  EXPECT_LT(worst, 3e-4 * mu * N);
  EXPECT_GT(slid, 18.9);
  // The slip is the nodes' unweighted mean, the dissipation their sum weighted by fn_a.
  EXPECT_NEAR(dissipated, mu * N * slid, 1e-4 * mu * N * slid);
}

}  // namespace
}  // namespace sinew::contact

namespace sinew::contact {
namespace {

TEST(MortarFriction, PairingAndSparsityGrowLinearlyWithReach) {
  // A 4 x 4 mm slave over a 60 mm long master strip of 1 mm facets.
  mesh::Mesh mesh;
  mesh::append_body(mesh, mesh::make_box({Vec3(0, 0, -1), Vec3(60, 4, 1), {60, 4, 1}}), "lower",
                    {{"z1", "master"}});
  mesh::append_body(mesh, mesh::make_box({Vec3(28, 0, 0), Vec3(4, 4, 1), {4, 4, 1}}), "upper",
                    {{"z0", "slave"}});
  mesh::add_all_sets(mesh);
  const auto& slave = mesh.facet_set("slave");
  const auto& master = mesh.facet_set("master");
  std::vector<Real> entries;
  for (Real reach : {5.0, 10.0, 20.0}) {
    const MortarContactSet set(mesh, slave, master, {50.0, 40.0, 0.3}, reach);
    // The pairs are those of the brute-force rule: centres within reach + both diagonals.
    size_t brute = 0;
    for (const auto& s : slave)
      for (const auto& m : master) {
        Vec3 cs = Vec3::Zero(), cm = Vec3::Zero();
        for (Index n : mesh.facet_nodes(s)) cs += 0.25 * mesh.points[static_cast<size_t>(n)];
        for (Index n : mesh.facet_nodes(m)) cm += 0.25 * mesh.points[static_cast<size_t>(n)];
        if ((cs - cm).norm() <= reach + 2.0 * std::sqrt(2.0) + 1e-12) ++brute;
      }
    EXPECT_EQ(set.pair_count(), brute) << reach;
    const fem::AssemblyPlan plan(mesh.n_nodes(), set.node_groups());
    entries.push_back(static_cast<Real>(plan.pattern().nonZeros()));
  }
  // Linear growth: doubling the reach's increment doubles the pattern's (the union of every
  // pair of a node, squared, would grow it about 4 x).
  const Real ratio = (entries[2] - entries[1]) / (entries[1] - entries[0]);
  std::printf(
      "mortar friction pattern: %.0f, %.0f, %.0f entries at reach 5, 10, 20 mm (ratio of "
      "increments %.2f)\n",
      entries[0], entries[1], entries[2], ratio);
  EXPECT_LT(ratio, 2.5);
}

}  // namespace
}  // namespace sinew::contact
