// Finite sliding of a tendon inside its sheath with node-to-segment contact when the surfaces
// start in matching contact (the tendon_sheath generator's duplicated nodes: every slave node
// sits on a master node, at a kink of the master's polygonal section). The sheath is pulled in
// by 0.02 mm, so the tendon is pressed into the sheath's kinks, and the tendon is then pulled
// 10 mm along its axis (half its length comes out of the sheath): the solve must get through,
// and while sliding the sheath resists with mu times the sum of the nodal normal forces. With
// cohesive bonds from each tendon node to its matching sheath point, the bonds break during
// the first millimetre and dissipate G_c times the bonded area.
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>

#include "contact/segment_contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"
#include "solver/newton.hpp"

namespace sinew::contact {
namespace {

std::shared_ptr<const materials::Material> neo_hookean(Real E) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  const auto& entry = reg.entry("neo-hookean");
  return reg.create("neo-hookean", resolve_parameters(entry.parameters, {{"E", E}, {"nu", 0.3}}));
}

struct SlideResult {
  Real worst = 0.0;        ///< max |F / (mu sum A p) - 1| over the slide
  Real last_force = 0.0;   ///< friction force at 10 mm (N)
  Real bond_energy = 0.0;  ///< mJ
  Real bonded_area = 0.0;  ///< mm^2
  Real intact = 1.0;
};

SlideResult slide(std::optional<SegmentBonds> bonds) {
  const Real mu = 0.1, squeeze = 0.02;
  mesh::TendonSheathSpec spec;
  spec.length = 20.0;
  spec.axial_divisions = 8;
  spec.core_divisions = 2;
  spec.tendon_radial_divisions = 1;
  fem::Model model;
  model.mesh = mesh::generate_tendon_sheath(spec);
  model.regions.push_back({"tendon", model.mesh.element_set("tendon"), neo_hookean(100.0)});
  model.regions.push_back({"sheath", model.mesh.element_set("sheath"), neo_hookean(10.0)});
  fem::initialise_point_fields(model);
  model.couplings.push_back(std::make_shared<SegmentContactSet>(
      model.mesh, model.mesh.facet_set("interface_tendon"),
      model.mesh.facet_set("interface_sheath"), ContactParameters{100.0, 100.0, mu}, 0.0, bonds));
  // Curve 1: the tendon's drive (10 mm over [0.1, 1]); curve 2: the squeeze (over [0, 0.1]).
  model.curves.push_back({{{0.0, 0.0}, {0.1, 0.0}, {1.0, 10.0}}});
  model.curves.push_back({{{0.0, 0.0}, {0.1, 1.0}, {1.0, 1.0}}});
  const Real a = spec.semi_axis_y + spec.sheath_thickness;
  const Real b = spec.semi_axis_z + spec.sheath_thickness;
  for (Index n : model.mesh.node_set("sheath_outer")) {
    const Vec3& X = model.mesh.points[n];
    const Vec3 normal = Vec3(0.0, X.y() / (a * a), X.z() / (b * b)).normalized();
    model.displacements.push_back({"sheath_outer", {n}, 0, 0.0, -1});
    for (int k = 1; k < 3; ++k)
      model.displacements.push_back({"sheath_outer", {n}, k, -squeeze * normal[k], 2});
  }
  for (Index n : model.mesh.node_set("tendon_proximal"))
    model.displacements.push_back({"tendon_proximal", {n}, 0, 1.0, 1});

  fem::MechanicsProblem problem(model);
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  SlideResult out;
  int checked = 0;
  const auto res = solver::run_load_steps(
      problem, newton, u, {0.0, 1.0, 20, true, 8}, [&](const solver::StepRecord& s, const VecX& v) {
        if (!s.nominal || s.t < 0.2 - 1e-9) return;
        const auto& c = dynamic_cast<const SegmentContactSet&>(*problem.couplings().front());
        const auto responses = c.evaluate(v);
        Real normal = 0.0;
        for (size_t k = 0; k < responses.size(); ++k)
          if (responses[k].in_contact) normal += c.areas()[k] * responses[k].pressure;
        out.last_force = -c.total_force(v).x();
        out.worst = std::max(out.worst, std::abs(out.last_force / (mu * normal) - 1.0));
        ++checked;
      });
  EXPECT_TRUE(res.completed) << res.failure;
  int iterations = 0, cutbacks = 0;
  for (const auto& s : res.steps) {
    iterations += s.newton_iterations;
    cutbacks += s.cutbacks;
  }
  EXPECT_EQ(checked, 17);
  const auto& c = dynamic_cast<const SegmentContactSet&>(*problem.couplings().front());
  out.bond_energy = c.bond_dissipated_energy();
  out.intact = c.intact_fraction();
  for (Real area : c.areas()) out.bonded_area += area;
  std::printf(
      "matching slide%s: 10 mm in %zu substeps, %d iterations, %d cut-backs; friction force at "
      "10 mm %.4f N; worst |F / (mu sum A p) - 1| = %.2e; bond dissipation %.5f mJ over %.2f "
      "mm^2\n",
      bonds ? " (bonded)" : "", res.steps.size(), iterations, cutbacks, out.last_force, out.worst,
      out.bond_energy, out.bonded_area);
  return out;
}

TEST(ContactMatchingSlide, TendonSlidesTenMillimetresFromMatchingContact) {
  const SlideResult r = slide(std::nullopt);
  EXPECT_GT(r.last_force, 0.1);
  EXPECT_LT(r.worst, 0.02);
}

TEST(ContactMatchingSlide, BondedTendonBreaksFreeAndSlides) {
  SegmentBonds bonds;  // G_Ic = G_IIc = 0.01 N/mm: any mixity dissipates G_c
  const SlideResult r = slide(bonds);
  EXPECT_EQ(r.intact, 0.0);
  EXPECT_NEAR(r.bond_energy, bonds.law.mode_II_energy * r.bonded_area,
              0.02 * bonds.law.mode_II_energy * r.bonded_area);
  EXPECT_GT(r.last_force, 0.1);
  EXPECT_LT(r.worst, 0.02);
}

}  // namespace
}  // namespace sinew::contact
