// The contact patch test across non-matching meshes (Taylor and Papadopoulos 1991; Puso and
// Laursen 2004): a block pressed by a uniform nominal traction p onto a second block through
// frictionless penalty contact. The exact solution is the homogeneous uniaxial state of a
// single block, F = diag(a, a, c), with the upper block lowered by the penalty gap
// g = -p_c / eps_N, p_c = p / a^2 the pressure on the current area. Segment-to-segment contact
// reproduces it (pressure at every Gauss point and displacement at every node to 1e-8) on
// 3 x 3 slave over 4 x 4 and 5 x 5 master facets, with distorted (non-affine) meshes and with
// a tetrahedral (triangular-facet) slave; node-to-segment contact on the same meshes does not.
#include <gtest/gtest.h>

#include <random>

#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "solver/load_stepper.hpp"
#include "support.hpp"

namespace sinew::contact {
namespace {

constexpr Real kE = 1.0, kNu = 0.3, kP = 0.1, kPenalty = 50.0;

std::shared_ptr<const materials::Material> neo_hookean() {
  const auto& reg = testing::registries().materials;
  return reg.create("neo-hookean", resolve_parameters(reg.entry("neo-hookean").parameters,
                                                      {{"E", kE}, {"nu", kNu}}));
}

// The homogeneous state F = diag(a, a, c) with P_xx = 0 and P_zz = -p (Newton on (a, c) with a
// central-difference Jacobian of the law's stress).
Vec2 uniaxial_stretches(const materials::Material& mat) {
  auto residual = [&](const Vec2& s) {
    const Mat3 C = Vec3(s[0] * s[0], s[0] * s[0], s[1] * s[1]).asDiagonal();
    const Mat3 S = mat.stress_tangent(C, mat.default_fields()).S;
    return Vec2(s[0] * S(0, 0), s[1] * S(2, 2) + kP);
  };
  Vec2 s(1.0, 1.0);
  for (int it = 0; it < 30; ++it) {
    Eigen::Matrix2d J;
    for (int j = 0; j < 2; ++j) {
      Vec2 sp = s, sm = s;
      sp[j] += 1e-7;
      sm[j] -= 1e-7;
      J.col(j) = (residual(sp) - residual(sm)) / 2e-7;
    }
    s -= J.inverse() * residual(s);
  }
  EXPECT_LT(residual(s).norm(), 1e-15);
  return s;
}

// Moves every node of a box that is not on a box face edge by up to `amount` along the faces
// (faces stay flat), as in patch_test.cpp: the facets become general quadrilaterals.
void distort(mesh::Mesh& box, const Vec3& lo, const Vec3& hi, Real amount, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<Real> jitter(-amount, amount);
  for (auto& X : box.points)
    for (int k = 0; k < 3; ++k)
      if (X[k] > lo[k] + 1e-12 && X[k] < hi[k] - 1e-12) X[k] += jitter(rng);
}

struct PatchCase {
  int master = 4, slave = 3;
  Real distortion = 0.0;
  mesh::CellType slave_cell = mesh::CellType::Hex8;
  bool mortar = true;
  int order = 6;  ///< of the mortar's triangle rule (the default)
};

struct PatchResult {
  Real displacement = 0.0;  ///< max |u - u_exact| / max |u_exact|
  Real pressure = 0.0;      ///< max |p_i / p_c - 1| over Gauss points (mortar) or nodes
  Real node_pressure = 0.0;
  Real overlap = 0.0;  ///< mortar: sum of overlap areas / current slave area - 1
};

fem::Model two_blocks(const PatchCase& c, Index& lower_nodes) {
  mesh::Mesh lower = mesh::make_box({Vec3(0, 0, -1), Vec3(1, 1, 1), {c.master, c.master, 2}});
  mesh::Mesh upper =
      mesh::make_box({Vec3(0, 0, 0), Vec3(1, 1, 1), {c.slave, c.slave, 2}, c.slave_cell});
  distort(lower, Vec3(0, 0, -1), Vec3(1, 1, 0), c.distortion, 3);
  distort(upper, Vec3(0, 0, 0), Vec3(1, 1, 1), c.distortion, 11);
  lower_nodes = lower.n_nodes();
  fem::Model model;
  mesh::append_body(model.mesh, lower, "lower",
                    {{"z1", "master"}, {"z0", "bottom"}, {"x0", "lower_x0"}, {"y0", "lower_y0"}});
  mesh::append_body(model.mesh, upper, "upper",
                    {{"z0", "slave"}, {"z1", "top"}, {"x0", "upper_x0"}, {"y0", "upper_y0"}});
  mesh::add_all_sets(model.mesh);
  for (const char* body : {"lower", "upper"})
    model.regions.push_back({body, model.mesh.element_set(body), neo_hookean()});
  fem::initialise_point_fields(model);
  model.tractions.push_back({"top", model.mesh.facet_set("top"), Vec3(0, 0, -kP), 0});
  const auto& slave = model.mesh.facet_set("slave");
  const auto& master = model.mesh.facet_set("master");
  const ContactParameters cp{kPenalty, kPenalty, 0.0};
  if (c.mortar)
    model.couplings.push_back(std::make_shared<MortarContactSet>(model.mesh, slave, master, cp, 0.0,
                                                                 c.order));
  else
    model.couplings.push_back(std::make_shared<SegmentContactSet>(model.mesh, slave, master, cp));
  auto fix = [&](const std::string& set, int k) {
    for (Index n : model.mesh.node_set(set)) model.displacements.push_back({set, {n}, k, 0.0, -1});
  };
  fix("bottom", 2);
  for (const char* set : {"lower_x0", "upper_x0"}) fix(set, 0);
  for (const char* set : {"lower_y0", "upper_y0"}) fix(set, 1);
  return model;
}

PatchResult run_patch(const PatchCase& c) {
  Index lower_nodes = 0;
  fem::Model model = two_blocks(c, lower_nodes);
  fem::MechanicsProblem problem(model);
  solver::NewtonSettings ns;
  ns.residual_tolerance = 1e-14;
  ns.residual_absolute = 1e-15;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, testing::registries().linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  const auto res = solver::run_load_steps(problem, newton, u, {0.0, 1.0, 2, true, 8});
  EXPECT_TRUE(res.completed) << res.failure;
  const Vec2 s = uniaxial_stretches(*neo_hookean());
  const Real a = s[0], cz = s[1], pc = kP / (a * a), gap = -pc / kPenalty;
  PatchResult r;
  Real scale = 0.0;
  for (Index n = 0; n < model.mesh.n_nodes(); ++n) {
    const Vec3& X = model.mesh.points[static_cast<size_t>(n)];
    const Vec3 exact((a - 1) * X.x(), (a - 1) * X.y(),
                     (cz - 1) * (X.z() + 1) + (n < lower_nodes ? 0.0 : gap));
    scale = std::max(scale, exact.norm());
    r.displacement = std::max(r.displacement, (u.segment<3>(3 * n) - exact).norm());
  }
  r.displacement /= scale;
  if (c.mortar) {
    const auto& set = dynamic_cast<const MortarContactSet&>(*problem.couplings().front());
    const auto e = set.evaluate(u);
    for (Real p : e.point_pressures) r.pressure = std::max(r.pressure, std::abs(p / pc - 1));
    for (Real p : e.node_pressure)
      r.node_pressure = std::max(r.node_pressure, std::abs(p / pc - 1));
    r.overlap = std::abs(e.overlap_area / (a * a) - 1.0);
    EXPECT_NEAR(e.force.z(), kP, 1e-12);
  } else {
    const auto& set = dynamic_cast<const SegmentContactSet&>(*problem.couplings().front());
    // Node-to-segment pressure is per reference area: compare with p.
    for (const auto& info : set.node_info())
      r.pressure = std::max(r.pressure, std::abs(info.pressure / kP - 1));
    r.node_pressure = r.pressure;
  }
  std::printf(
      "%s %dx%d slave (%s) on %dx%d master, distortion %.2f: |u - u_exact| %.2e, pressure %.2e "
      "(nodes %.2e), order %d\n",
      c.mortar ? "segment-to-segment" : "node-to-segment", c.slave, c.slave,
      c.slave_cell == mesh::CellType::Hex8 ? "hex8" : "tet4", c.master, c.master, c.distortion,
      r.displacement, r.pressure, r.node_pressure, c.order);
  return r;
}

TEST(MortarPatch, UniformPressureTransmittedExactlyAcrossNonMatchingMeshes) {
  for (int master : {4, 5}) {
    const PatchResult r = run_patch({master, 3, 0.0});
    EXPECT_LT(r.displacement, 1e-8) << master;
    EXPECT_LT(r.pressure, 1e-8) << master;
    EXPECT_LT(r.node_pressure, 1e-8) << master;
    EXPECT_LT(r.overlap, 1e-12) << master;
  }
}

TEST(MortarPatch, DistortedAndTriangularMeshes) {
  // Non-affine facets: the inverse maps are not polynomial and the quadrature converges
  // spectrally instead of being exact. Measured |u - u_exact| (pressure) for the n x n rule:
  // n = 2: 2.5e-4 (1.2e-2), 3: 3.2e-6 (1.4e-4), 4: 4.8e-8 (2.2e-6), 6: 1.8e-11 (8.4e-10),
  // 8: 2.2e-14 (9.5e-13), 10: 9.8e-16 (4.2e-14).
  const PatchResult coarse_rule = run_patch({4, 3, 0.06, mesh::CellType::Hex8, true, 3});
  EXPECT_GT(coarse_rule.displacement, 1e-6);
  const PatchResult skewed = run_patch({4, 3, 0.06});
  EXPECT_LT(skewed.displacement, 1e-10);
  EXPECT_LT(skewed.pressure, 1e-8);
  const PatchResult tets = run_patch({4, 3, 0.0, mesh::CellType::Tet4});
  EXPECT_LT(tets.displacement, 1e-8);
  EXPECT_LT(tets.pressure, 1e-8);
}

TEST(MortarPatch, NodeToSegmentFailsTheSamePatch) {
  // The same 3 x 3 over 4 x 4 meshes with single-pass node-to-segment contact: measured
  // |u - u_exact| 6.0e-2 of the largest displacement, node pressures off by 23% of p.
  const PatchResult nts = run_patch({4, 3, 0.0, mesh::CellType::Hex8, false});
  EXPECT_GT(nts.displacement, 1e-4);
  EXPECT_GT(nts.pressure, 1e-2);
}

}  // namespace
}  // namespace sinew::contact
