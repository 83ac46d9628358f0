// Validation: the pulley (capstan) experiment on a lubricated flexor tendon. A tendon-sized band
// wrapped over a rigid cylinder (the pulley) is held by a dead weight T1 at one end and pulled at
// the other until it glides; the friction coefficient follows from the two end forces as the
// experiments compute it, mu = ln(T2 / T1) / theta, and the gliding resistance is T2 - T1.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <regex>

#include "contact/contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"
#include "validation_support.hpp"

namespace sinew::testing {
namespace {

// Geometry and load of the experiment as far as it is reported; the rest assumed:
//  - band 4.5 mm wide (assumed width of a canine flexor digitorum profundus tendon, range
//    4-5 mm) and 0.05 mm thick: the band is meshed in its wrapped shape, so gliding carries
//    straight material into the arc and curved material out of it, and a solid stores bending
//    energy EI / (2 R^2) per unit glide at each transition. At a tendon's 1.5 mm with E = 1 GPa
//    that is about 25 N (measured T2 - T1 = 1.46 N over the short pull) against 0.12 N of
//    friction; a real tendon bends easily (its fascicles slide), which an isotropic solid does
//    not represent. At 0.05 mm it is below 2% of the friction. The contact pressure per width
//    (T / R) and the tension are the tendon's; the capstan ratio depends on neither size;
//  - pulley (A2) radius 5 mm: assumed (range 3-10 mm); the ratio does not depend on it;
//  - arc of contact theta = 90 deg: assumed (not found in the papers' abstracts; the ratio
//    ln(T2/T1)/theta does not depend on it for a Coulomb law, the resistance T2 - T1 does);
//  - dead weight T1 = 4.9 N (500 g): assumed, the weight of the Mayo gliding-resistance rigs
//    (range 1.96-9.8 N); Coulomb friction makes mu independent of it.
constexpr Real kWidth = 4.5, kThick = 0.05, kRadius = 5.0, kTail = 4.0;
constexpr Real kTheta = std::numbers::pi / 2.0;
constexpr Real kWeight = 4.9;  // N

// Box coordinates (s along the band, y across, r through the thickness) to the wrapped band:
// a horizontal tail over the top of the pulley (axis y), the arc, and a vertical tail.
Vec3 wrap(const Vec3& X) {
  const Real s = X.x(), r = kRadius + X.z(), arc = kRadius * kTheta;
  if (s <= 0.0) return {s, X.y(), r};
  if (s <= arc) return {r * std::sin(s / kRadius), X.y(), r * std::cos(s / kRadius)};
  const Vec3 end(r * std::sin(kTheta), X.y(), r * std::cos(kTheta));
  return end + (s - arc) * Vec3(std::cos(kTheta), 0.0, -std::sin(kTheta));
}

/// The friction coefficient of the shipped Achilles models' interface (model file text).
Real shipped_friction_coefficient() {
  const auto text = model_text("achilles-healthy");
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(R"(friction_coefficient: ([0-9.]+))")))
    throw std::runtime_error("no friction_coefficient in achilles-healthy");
  return std::stod(m[1]);
}

struct PulleyRun {
  std::vector<Real> pull, t2;     ///< pulled-end displacement (mm) and its force (N)
  Real t1 = 0.0, t2_glide = 0.0;  ///< dead weight and the mean T2 while gliding (N)
};

/// The band over the pulley: T1 hung at end A over t in [0, 1], then end B pulled 0.3 mm down
/// over t in [1, 2]; T2 is the force at B.
PulleyRun pull_over_pulley(Real mu, Real weight) {
  fem::Model model;
  const Real length = 2.0 * kTail + kRadius * kTheta;
  model.mesh = mesh::make_box(
      {Vec3(-kTail, 0.0, 0.0), Vec3(length, kWidth, kThick), {80, 2, 1}, mesh::CellType::Hex8});
  for (auto& X : model.mesh.points) X = wrap(X);
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  // E = 1 GPa: the linear-region modulus of tendon the project's fits target (Maganaris & Paul
  // 1999); it sets only the band's stretch (2.2% at 4.9 N on 0.225 mm^2), not the force ratio.
  model.regions.push_back({"band", model.mesh.element_set("all"),
                           reg.create("neo-hookean",
                                      resolve_parameters(reg.entry("neo-hookean").parameters,
                                                         {{"E", 1000.0}, {"nu", 0.3}}))});
  fem::initialise_point_fields(model);
  model.curves.push_back({{{1.0, 0.0}, {2.0, 1.0}}});
  model.tractions.push_back({"x0", model.mesh.facet_set("x0"),
                             Vec3(-weight / (kWidth * kThick), 0.0, 0.0), 0});
  const Real pull = 0.3;
  for (Index n : model.mesh.node_set("x1")) model.displacements.push_back({"x1", {n}, 2, -pull, 1});
  for (Index n : model.mesh.node_set("all")) model.displacements.push_back({"all", {n}, 1, 0, -1});
  contact::RigidSurface pulley;
  pulley.shape = contact::RigidShape::Cylinder;
  pulley.direction = Vec3::UnitY();
  pulley.radius = kRadius;
  // Penalties (MPa/mm) numerical: penetration and elastic slip below 1e-4 mm at 0.2 MPa.
  model.couplings.push_back(
      std::make_shared<contact::ContactSet>(model.mesh, model.mesh.facet_set("z0"), pulley,
                                            contact::ContactParameters{2000.0, 2000.0, mu}));

  fem::MechanicsProblem problem(model);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, registries().linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  PulleyRun run;
  run.t1 = weight;
  const auto& end_b = model.mesh.node_set("x1");
  int gliding = 0;
  const auto res = solver::run_load_steps(problem, newton, u, {0.0, 2.0, 16, true, 8},
                                          [&](const solver::StepRecord& s, const VecX& v) {
                                            if (!s.nominal || s.t < 1.0 - 1e-9) return;
                                            VecX r = VecX::Zero(problem.n_dofs());
                                            problem.evaluate(v, s.t, r, nullptr);
                                            const Real t2 = -problem.set_force(end_b, r).z();
                                            run.pull.push_back(pull * (s.t - 1.0));
                                            run.t2.push_back(t2);
                                            // Gliding over the whole arc from a quarter of the pull
                                            // on (the elastic stretch of the band is 1e-2 mm); the
                                            // experiments average the gliding plateau likewise.
                                            if (s.t > 1.25 - 1e-9) {
                                              run.t2_glide += t2;
                                              ++gliding;
                                            }
                                          });
  if (!res.completed) throw std::runtime_error("pulley run: " + res.failure);
  run.t2_glide /= gliding;
  return run;
}

// Uchiyama et al. 2008 (J Biomech 41:1281): canine flexor digitorum profundus tendon through
// its A2 pulley, two force transducers at the tendon's ends, 20 paws: mu = 0.016 +- 0.005 from
// T2 / T1 = exp(mu theta). The model's mu is the shipped interface value (0.016), so the case
// checks the contact's Coulomb law and the measuring method, not an independent prediction.
TEST(Validation, PulleyFrictionCoefficientUchiyama2008) {
  const Real mu = shipped_friction_coefficient();
  ASSERT_DOUBLE_EQ(mu, 0.016);
  const auto run = pull_over_pulley(mu, kWeight);
  const Real measured = std::log(run.t2_glide / run.t1) / kTheta;
  CaseRecord c;
  c.id = "pulley-friction-coefficient";
  c.title = "Tendon-pulley friction coefficient (capstan method, mu = 0.016 in the model)";
  c.source = "Uchiyama et al. 2008";
  c.quantity = "ln(T2/T1) / theta";
  c.unit = "1";
  c.mean = 0.016;
  c.spread = 0.005;
  c.model = measured;
  c.pass = c.within();
  c.note = "4.5 x 0.05 mm band over a rigid 5 mm pulley, 90 deg arc, 4.9 N weight (assumed)";
  c.series = {{"pull_mm", run.pull}, {"T2_N", run.t2}, {"T1_N", {run.t1}}};
  write_record(c);
  std::printf("[ measured ] pulley: T1 %.3f N, T2 %.4f N, mu_measured %.5f (input %.3f)\n", run.t1,
              run.t2_glide, measured, mu);
  EXPECT_NEAR(measured, 0.016, 0.005);
  // The method recovers the input coefficient on average (measured: 0.4% above it). Over the
  // glide ln(T2/T1)/theta rises from 0.0151 to 0.0168: the bending energy of the wrapped mesh
  // (header) grows as a cell crosses a transition (at 0.02 mm thickness: 0.0154-0.0159).
  EXPECT_NEAR(measured, mu, 0.02 * mu);
}

// Ozasa et al. 2013 (J Hand Surg Am 38:1698): gliding resistance of untreated (normal) canine
// flexor digitorum profundus tendons, 0.09 N after the first cycle and after 1000 cycles; the
// SD was not found (the abstract gives means only). The resistance of a capstan is
// T1 (exp(mu theta) - 1): with the assumed weight and arc it depends on both (see the header);
// the case is recorded open, with the arc that the model would need for 0.09 N.
TEST(Validation, PulleyGlidingResistanceOzasa2013) {
  const Real mu = shipped_friction_coefficient();
  const auto run = pull_over_pulley(mu, kWeight);
  const Real resistance = run.t2_glide - run.t1;
  const Real closed_form = kWeight * std::expm1(mu * kTheta);
  const Real lo = kWeight * std::expm1((mu - 0.005) * kTheta);
  const Real hi = kWeight * std::expm1((mu + 0.005) * kTheta);
  const Real arc_for_experiment = std::log1p(0.09 / kWeight) / mu;  // rad
  CaseRecord c;
  c.id = "pulley-gliding-resistance";
  c.title = "Gliding resistance of a normal flexor tendon over its pulley (4.9 N, 90 deg assumed)";
  c.source = "Ozasa et al. 2013";
  c.quantity = "T2 - T1";
  c.unit = "N";
  c.expected = "0.09 N (SD not found)";
  c.mean = 0.09;
  c.spread = 0.0;
  c.model = resistance;
  c.pass = false;  // open: the spread, the weight and the arc are not sourced
  c.note = "model band from mu 0.011-0.021 (Uchiyama et al. 2008): " + num(lo) + "-" + num(hi) +
           " N; arc for 0.09 N at mu 0.016: " + num(arc_for_experiment * 180.0 / std::numbers::pi) +
           " deg";
  c.series = {{"pull_mm", run.pull}, {"T2_N", run.t2}, {"T1_N", {run.t1}}, {"band_N", {lo, hi}}};
  write_record(c);
  std::printf(
      "[ measured ] gliding resistance %.4f N (capstan %.4f, band %.3f-%.3f; experiment "
      "0.09 N; arc for 0.09 N: %.0f deg)\n",
      resistance, closed_form, lo, hi, arc_for_experiment * 180.0 / std::numbers::pi);
  EXPECT_NEAR(resistance, closed_form, 0.02 * closed_form);
  // The experiment lies inside the band the reported spread of mu gives the model.
  EXPECT_GT(0.09, lo);
  EXPECT_LT(0.09, hi);
}

}  // namespace
}  // namespace sinew::testing
