// The finite grip of a pressing patch (interventions/patch_coupling.hpp): a 40 x 20 x 4 mm
// block whose base is driven 3 mm along x under a 10 x 10 mm thumb pressing its top with 10 N.
// With grip friction 0.3 the held surface slips and the thumb holds exactly mu F = 3 N once it
// slides; with 20 (limit 200 N) it sticks: the nodes inside the footprint do not slip (those on
// its rim, with a sliver of the load, do) and the held surface stays behind the base.
#include <gtest/gtest.h>

#include "fem/mechanics_problem.hpp"
#include "interventions/patch_coupling.hpp"
#include "materials/register.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::interventions {
namespace {

std::shared_ptr<const materials::Material> neo_hookean(Real E, Real nu) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  const auto& entry = reg.entry("neo-hookean");
  return reg.create("neo-hookean", resolve_parameters(entry.parameters, {{"E", E}, {"nu", nu}}));
}

constexpr Real kForce = 10.0;

// The block, its base driven along x by 3 mm over t in [0.3, 1] (after the thumb's ramp).
fem::Model gripped_block(Real mu) {
  fem::Model model;
  mesh::append_body(model.mesh, mesh::make_box({Vec3(0, 0, 0), Vec3(40, 20, 4), {10, 5, 2}}),
                    "block", {{"z1", "top"}, {"z0", "bottom"}});
  mesh::add_all_sets(model.mesh);
  model.regions.push_back({"block", model.mesh.element_set("block"), neo_hookean(1.0, 0.3)});
  fem::initialise_point_fields(model);
  model.curves.push_back({{{0.0, 0.0}, {0.3, 0.0}, {1.0, 3.0}}});
  const auto& base = model.mesh.node_set("bottom");
  model.displacements.push_back({"bottom", base, 0, 1.0, 1});
  model.displacements.push_back({"bottom", base, 1, 0.0, -1});
  model.displacements.push_back({"bottom", base, 2, 0.0, -1});
  PatchSpec spec;
  for (const auto& f : model.mesh.facet_set("top")) {
    const auto nodes = model.mesh.facet_nodes(f);
    MatX X(3, static_cast<Index>(nodes.size()));
    for (size_t a = 0; a < nodes.size(); ++a)
      X.col(static_cast<Index>(a)) = model.mesh.points[nodes[a]];
    spec.facets.push_back(nodes);
    spec.reference.push_back(X);
  }
  spec.window = {Vec3(20, 10, 4), Vec3::UnitX(), Vec3::UnitY(), 0.0, 10.0, 10.0};
  spec.force = kForce;
  spec.force_profile = ramp(0.0, 0.3);
  spec.grip_friction = mu;
  model.couplings.push_back(std::make_shared<PatchCoupling>(spec));
  return model;
}

struct Slide {
  std::vector<std::pair<Real, Real>> grip;  // (t, grip force along x on the block, N)
  Real slip = 0.0;  // largest committed slip of a gripped node inside the footprint, mm
  Real held = 0.0;  // load-weighted mean x displacement of the gripped nodes, mm
};

Slide slide(Real mu) {
  const fem::Model model = gripped_block(mu);
  fem::MechanicsProblem problem(model);
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  Slide out;
  auto patch = [&]() -> const PatchCoupling& {
    return dynamic_cast<const PatchCoupling&>(*problem.couplings().front());
  };
  const auto res =
      solver::run_load_steps(problem, newton, u, {0.0, 1.0, 20, true, 8},
                             [&](const solver::StepRecord& s, const VecX& v) {
                               if (s.nominal)
                                 out.grip.emplace_back(s.t, patch().grip_force(v, s.t).x());
                             });
  EXPECT_TRUE(res.completed) << res.failure;
  const auto rows = patch().state_values();  // pressure, slip, dissipation per gripped node
  const auto& nodes = patch().grip_nodes();
  const auto& areas = patch().grip_areas();
  Real total = 0.0;
  for (size_t k = 0; k < nodes.size(); ++k) {
    const Vec3& X = model.mesh.points[nodes[k]];
    if (std::abs(X.x() - 20.0) < 5.0 && std::abs(X.y() - 10.0) < 5.0)
      out.slip = std::max(out.slip, rows[3 * k + 1]);
    out.held += areas[k] * u[3 * nodes[k]];
    total += areas[k];
  }
  out.held /= total;
  return out;
}

TEST(PatchGripSlide, SlipsAtMuFAndSticksBelow) {
  const Slide slips = slide(0.3);
  ASSERT_FALSE(slips.grip.empty());
  // Once the base has travelled 1.5 mm the whole held surface slides: the thumb holds mu F
  // against the motion.
  for (const auto& [t, fx] : slips.grip)
    if (t > 0.65 - 1e-9) {
      EXPECT_NEAR(fx, -0.3 * kForce, 0.01 * 0.3 * kForce) << "t = " << t;
    }
  EXPECT_GT(slips.slip, 1.0);
  const Slide sticks = slide(20.0);
  for (const auto& [t, fx] : sticks.grip) EXPECT_LT(std::abs(fx), 20.0 * kForce) << "t = " << t;
  EXPECT_EQ(sticks.slip, 0.0);
  // Held: the surface under the thumb moves far less than the 3 mm base; with the small grip it
  // follows the base.
  EXPECT_LT(sticks.held, 0.5);
  EXPECT_GT(slips.held, 2.0);
  std::printf(
      "grip: slipping %.4f N (mu F = %.4f N), sticking %.4f N; held surface %.3f / %.3f mm\n",
      -slips.grip.back().second, 0.3 * kForce, -sticks.grip.back().second, slips.held, sticks.held);
}

}  // namespace
}  // namespace sinew::interventions
