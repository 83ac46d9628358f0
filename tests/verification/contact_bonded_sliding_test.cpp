// A block bonded to a meshed base by the cohesive bond law (bonds anchored at the reference
// master points, contact/anchored_bonds.hpp), pressed by N and slid far past the bonds' failure
// separation, with node-to-segment and with segment-to-segment (mortar) contact: the bond
// damage dissipates G_IIc times the bonded area, the bonds end fully broken, and from then on
// the base resists with the Coulomb force mu N and dissipates mu N times the slip.
#include <gtest/gtest.h>

#include "contact/contact_set.hpp"
#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::contact {
namespace {

std::shared_ptr<const materials::Material> neo_hookean(Real E) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  const auto& entry = reg.entry("neo-hookean");
  return reg.create("neo-hookean", resolve_parameters(entry.parameters, {{"E", E}, {"nu", 0.3}}));
}

void fix(fem::Model& m, const std::string& set, int component, int curve = -1, Real value = 0) {
  for (Index n : m.mesh.node_set(set))
    m.displacements.push_back({set, {n}, component, value, curve});
}

struct Sample {
  Real t, drive, force_x, bond, friction, intact, slip;
};

/// The quantities sampled after each converged step, read from either contact set.
Sample sample(const fem::Coupling& coupling, const mesh::Mesh& mesh, Real t, Real drive,
              const VecX& v, Real area) {
  if (const auto* c = dynamic_cast<const SegmentContactSet*>(&coupling)) {
    Real slip = 0.0;
    for (const auto& n : c->node_info()) slip += n.area * n.slip / area;
    return {t,
            drive,
            c->total_force(v).x(),
            c->bond_dissipated_energy(),
            c->friction_dissipated_energy(),
            c->intact_fraction(),
            slip};
  }
  const auto& c = dynamic_cast<const MortarContactSet&>(coupling);
  const auto areas = tributary_areas(mesh, mesh.facet_set("slave"));
  Real slip = 0.0;
  size_t i = 0;
  for (const auto& [node, a] : areas) slip += a * c.node_slip()[i++] / area;
  return {t,
          drive,
          c.evaluate(v).force.x(),
          c.bonds()->dissipated_energy(),
          c.friction_dissipated_energy(),
          c.bonds()->intact_fraction(),
          slip};
}

void bonded_slide(bool mortar) {
  const Real mu = 0.3, p = 0.1, area = 100.0, N = p * area;  // 10 N
  SegmentBonds bonds;
  bonds.law.bond_stiffness = 10.0;  // delta_0 = 0.005 mm, delta_f(shear) = 0.4 mm
  bonds.law.shear_strength = bonds.law.normal_strength = 0.05;
  bonds.law.mode_I_energy = 0.005;
  bonds.law.mode_II_energy = 0.01;
  bonds.density = 1.0;
  // Non-matching meshes: base facets 2.5 x 2.8 mm, block faces 2.5 x 2.5 mm (offset).
  fem::Model model;
  mesh::append_body(model.mesh, mesh::make_box({Vec3(0, 0, -2), Vec3(20, 14, 2), {8, 5, 1}}),
                    "base", {{"z1", "master"}, {"z0", "bottom"}});
  mesh::append_body(model.mesh, mesh::make_box({Vec3(3, 2, 0), Vec3(10, 10, 4), {4, 4, 2}}),
                    "block", {{"z0", "slave"}, {"z1", "top"}});
  mesh::add_all_sets(model.mesh);
  model.regions.push_back({"base", model.mesh.element_set("base"), neo_hookean(100.0)});
  model.regions.push_back({"block", model.mesh.element_set("block"), neo_hookean(10.0)});
  fem::initialise_point_fields(model);
  model.tractions.push_back({"top", model.mesh.facet_set("top"), Vec3(0, 0, -p), 0});
  const ContactParameters cp{1000.0, 1000.0, mu};
  const auto& slave = model.mesh.facet_set("slave");
  const auto& master = model.mesh.facet_set("master");
  if (mortar)
    model.couplings.push_back(std::make_shared<MortarContactSet>(model.mesh, slave, master, cp, 0.0,
                                                                 3, bonds));
  else
    model.couplings.push_back(std::make_shared<SegmentContactSet>(model.mesh, slave, master, cp,
                                                                  0.0, bonds));
  for (int k = 0; k < 3; ++k) fix(model, "bottom", k);
  // Pressed over [0, 1]; the top driven 0.6 mm in x over [1, 2] (past delta_f), 5 mm at t = 3.
  model.curves.push_back({{{0.0, 0.0}, {1.0, 0.0}, {2.0, 0.6}, {3.0, 5.0}}});
  fix(model, "top", 0, 1, 1.0);
  fix(model, "top", 1);

  fem::MechanicsProblem problem(model);
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  std::vector<Sample> rec;
  const Index top_node = model.mesh.node_set("top").front();
  const auto res =
      solver::run_load_steps(problem, newton, u, {0.0, 3.0, 60, true, 8},
                             [&](const solver::StepRecord& s, const VecX& v) {
                               rec.push_back(sample(*problem.couplings().front(), model.mesh, s.t,
                                                    v[3 * top_node], v, area));
                             });
  ASSERT_TRUE(res.completed) << res.failure;
  int iterations = 0;
  for (const auto& s : res.steps) iterations += s.newton_iterations;

  // Bonds: fully broken, their damage dissipated G_IIc x area (pure shear; 2% allowed for the
  // mixity of the block's edge nodes, which tilt slightly).
  const Sample& end = rec.back();
  EXPECT_EQ(end.intact, 0.0);
  const Real Gc_area = bonds.law.mode_II_energy * area;
  EXPECT_NEAR(end.bond, Gc_area, 0.02 * Gc_area);
  // The work of the drive (trapezoidal in the drive's travel) against the force the base
  // exerts, over the whole slide.
  Real work = 0.0, peak = 0.0, t_broken = -1.0;
  for (size_t i = 1; i < rec.size(); ++i) {
    work -= 0.5 * (rec[i].force_x + rec[i - 1].force_x) * (rec[i].drive - rec[i - 1].drive);
    peak = std::max(peak, -rec[i].force_x);
    if (t_broken < 0.0 && rec[i].intact == 0.0) t_broken = rec[i].t;
  }
  ASSERT_GT(t_broken, 0.0);
  Sample broken{};
  for (const auto& s : rec) {
    if (s.t < t_broken) continue;
    if (broken.t == 0.0) broken = s;
    // After failure only friction: the base pulls the block back by mu N.
    EXPECT_NEAR(-s.force_x, mu * N, 0.01 * mu * N) << "t = " << s.t;
  }
  // After failure the dissipation is friction only, mu N per mm of slip.
  EXPECT_EQ(end.bond, broken.bond);
  EXPECT_NEAR(end.friction - broken.friction, mu * N * (end.slip - broken.slip),
              0.01 * mu * N * (end.slip - broken.slip));
  // Over the whole slide the drive's work is what the bonds and friction dissipated, plus the
  // elastic shear energy of the block left at the end ((mu N)^2 / 2k, about 0.3% here). (The
  // friction alone is not mu N times the mean slip while the bonds tilt the block: pressure and
  // slip are then not uniform.)
  EXPECT_NEAR(work, end.bond + end.friction, 0.01 * (end.bond + end.friction));
  std::printf(
      "bonded sliding (%s): peak %.4f N (bonds %.1f N + mu N %.1f N), broken at t = %.3f (drive "
      "%.3f mm); bond dissipation %.5f mJ = %.5f G_c A; friction %.4f mJ over slip %.4f mm "
      "(mu N slip %.4f); drive work %.4f mJ; %zu substeps, %d iterations\n",
      mortar ? "segment-to-segment" : "node-to-segment", peak, bonds.law.shear_strength * area,
      mu * N, t_broken, broken.drive, end.bond, end.bond / Gc_area, end.friction, end.slip,
      mu * N * end.slip, work, res.steps.size(), iterations);
}

TEST(ContactBondedSliding, BondsDissipateGcTimesAreaThenOnlyFrictionActs) { bonded_slide(false); }

TEST(ContactBondedSliding, SegmentToSegmentBondsDissipateGcTimesAreaThenOnlyFriction) {
  bonded_slide(true);
}

}  // namespace
}  // namespace sinew::contact
