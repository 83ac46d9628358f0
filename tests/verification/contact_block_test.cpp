// Closed-form checks of node-to-rigid-plane contact on a block: (a) a block pressed onto a
// rigid plane by a normal force N while the plane slides 20 mm under it carries the Coulomb
// force mu N once sliding has started; (b) the energy dissipated is mu N times the slip; (f) a
// uniform pressure transmitted by frictionless contact to a distorted block reproduces the
// uniform stress field and the uniform contact pressure at every node (a patch test).
#include <gtest/gtest.h>

#include <random>

#include "contact/contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::contact {
namespace {

std::shared_ptr<const materials::Material> neo_hookean(Real E, Real nu) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  const auto& entry = reg.entry("neo-hookean");
  return reg.create("neo-hookean", resolve_parameters(entry.parameters, {{"E", E}, {"nu", nu}}));
}

// A box on the rigid plane z = 0 (its face z0 the contact surface), pressed by a dead traction
// -p e_z on its face z1, ramped over [0, 1] and then held.
fem::Model pressed_block(const mesh::BoxSpec& box, Real E, Real p, const RigidSurface& plane,
                         const ContactParameters& cp) {
  fem::Model model;
  model.mesh = mesh::make_box(box);
  model.regions.push_back({"all", model.mesh.element_set("all"), neo_hookean(E, 0.3)});
  fem::initialise_point_fields(model);
  model.tractions.push_back({"z1", model.mesh.facet_set("z1"), Vec3(0, 0, -p), 0});
  model.couplings.push_back(std::make_shared<ContactSet>(model.mesh, model.mesh.facet_set("z0"),
                                                         plane, cp));
  return model;
}

solver::LinearSolverRegistry linear_solvers() {
  solver::LinearSolverRegistry r;
  solver::register_linear_solvers(r);
  return r;
}

const ContactSet& contact_of(const fem::MechanicsProblem& problem) {
  return dynamic_cast<const ContactSet&>(*problem.couplings().front());
}

struct SlideRecord {
  Real t;
  Vec3 force;        ///< of the plane on the block (N)
  Real dissipation;  ///< mJ
};

TEST(ContactBlock, SlidingOnARigidPlaneCarriesMuNAndDissipatesMuNTimesSlip) {
  const Real mu = 0.3, p = 0.1, area = 100.0;  // N = 10 N
  RigidSurface plane;                          // z = 0, normal +z
  plane.motion.points = {{1.0, Vec3::Zero()}, {3.0, Vec3(20.0, 0.0, 0.0)}};
  fem::Model model = pressed_block({Vec3::Zero(), Vec3(10, 10, 4), {4, 4, 2}, mesh::CellType::Hex8},
                                   10.0, p, plane, {1000.0, 1000.0, mu});
  for (Index n : model.mesh.node_set("z1"))  // the top is held in the plane, free in z
    for (int k = 0; k < 2; ++k) model.displacements.push_back({"z1", {n}, k, 0.0, -1});

  fem::MechanicsProblem problem(model);
  const auto linear = linear_solvers();
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  std::vector<SlideRecord> rec;
  const auto res = solver::run_load_steps(
      problem, newton, u, {0.0, 3.0, 30, true, 8}, [&](const solver::StepRecord& s, const VecX& v) {
        if (!s.nominal) return;
        const auto& c = contact_of(problem);
        rec.push_back({s.t, c.total_force(v, s.t), c.friction_dissipated_energy()});
      });
  ASSERT_TRUE(res.completed) << res.failure;
  const Real N = p * area;
  Real dissipation_2 = -1.0;
  for (const auto& r : rec) {
    if (r.t > 1.0 - 1e-9) {
      EXPECT_NEAR(r.force.z(), N, 1e-6 * N) << "t = " << r.t;
    }
    if (r.t > 1.1 - 1e-9) {
      EXPECT_NEAR(r.force.x(), mu * N, 0.01 * mu * N) << "t = " << r.t;
    }
    if (std::abs(r.t - 2.0) < 1e-9) dissipation_2 = r.dissipation;
  }
  ASSERT_GE(dissipation_2, 0.0);
  // (b) Over [2, 3] the block is at rest in steady sliding: slip = plane travel = 10 mm.
  EXPECT_NEAR(rec.back().dissipation - dissipation_2, mu * N * 10.0, 0.01 * mu * N * 10.0);
  // Over the whole slide: mu N times the area-weighted slip of the contact nodes, which is the
  // plane travel less the block's shear offset and the elastic slip.
  Real slip = 0.0;
  for (const auto& n : contact_of(problem).node_info()) {
    slip += n.area * n.slip / area;
  }
  EXPECT_NEAR(slip, 20.0, 0.01 * 20.0);
  EXPECT_NEAR(rec.back().dissipation, mu * N * slip, 0.01 * mu * N * slip);
}

TEST(ContactBlock, UniformPressureThroughFrictionlessContactIsAPatchTest) {
  const Real p = 0.1;
  fem::Model model = pressed_block({Vec3::Zero(), Vec3(1, 1, 1), {3, 3, 3}, mesh::CellType::Hex8},
                                   1.0, p, RigidSurface{}, {50.0, 50.0, 0.0});
  // Distort every node off the box's edges (faces stay flat), as in patch_test.cpp.
  std::mt19937 rng(11);
  std::uniform_real_distribution<Real> jitter(-0.04, 0.04);
  for (auto& X : model.mesh.points)
    for (int k = 0; k < 3; ++k)
      if (X[k] > 1e-12 && X[k] < 1 - 1e-12) X[k] += jitter(rng);
  model.couplings.front() = std::make_shared<ContactSet>(model.mesh, model.mesh.facet_set("z0"),
                                                         RigidSurface{},
                                                         ContactParameters{50.0, 50.0, 0.0});
  // Rollers on x0 and y0: the lateral rigid modes are held, the lateral strain is free.
  for (Index n : model.mesh.node_set("x0")) model.displacements.push_back({"x0", {n}, 0, 0, -1});
  for (Index n : model.mesh.node_set("y0")) model.displacements.push_back({"y0", {n}, 1, 0, -1});

  fem::MechanicsProblem problem(model);
  const auto linear = linear_solvers();
  solver::NewtonSettings ns;
  ns.residual_tolerance = 1e-13;
  ns.residual_absolute = 1e-15;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  const auto res = solver::run_load_steps(problem, newton, u, {0.0, 1.0, 2, true, 8});
  ASSERT_TRUE(res.completed) << res.failure;

  const auto& contact = contact_of(problem);
  int nodes = 0;
  for (const auto& n : contact.node_info()) {
    ++nodes;
    EXPECT_NEAR(n.pressure, p, 1e-10) << "node " << n.node;
  }
  EXPECT_EQ(nodes, 16);
  EXPECT_NEAR(contact.total_force(u, 1.0).z(), p * 1.0, 1e-12);
  const auto states = problem.point_states(u);
  Real worst = 0.0;
  for (const auto& s : states) {
    worst = std::max(worst, (s.S - states.front().S).cwiseAbs().maxCoeff());
    // First Piola-Kirchhoff stress of a dead load: P = F S has P_zz = -p, the rest 0.
    const Mat3 P = s.F * s.S;
    EXPECT_NEAR(P(2, 2), -p, 1e-10);
    EXPECT_NEAR(P(0, 0), 0.0, 1e-10);
    EXPECT_NEAR(P(0, 2), 0.0, 1e-10);
  }
  EXPECT_LT(worst, 1e-10);
}

}  // namespace
}  // namespace sinew::contact
