// Patch tests: a homogeneous (linear) displacement field imposed on the boundary of a distorted
// hex8 mesh and of a tet4 mesh is reproduced at the interior nodes to machine precision, at
// finite strain and with nonlinear materials (a uniform F is an exact solution for any law).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "fem/mechanics_problem.hpp"
#include "mesh/box_generator.hpp"
#include "solver/load_stepper.hpp"
#include "support.hpp"

namespace sinew::testing {
namespace {

struct PatchCase {
  std::string name;
  mesh::CellType cell;
  std::string material;
  fem::Formulation formulation;
};
std::ostream& operator<<(std::ostream& os, const PatchCase& c) { return os << c.name; }

class PatchTest : public ::testing::TestWithParam<PatchCase> {};

TEST_P(PatchTest, LinearFieldReproducedToMachinePrecision) {
  const auto& c = GetParam();
  fem::Model model;
  model.mesh = mesh::make_box({Vec3::Zero(), Vec3(1, 1, 1), {3, 3, 3}, c.cell});
  // Distort: move every node that is not a box corner by up to 0.12 h (fixed seed), along the
  // faces for boundary nodes so that the box stays a box.
  std::mt19937 rng(7);
  std::uniform_real_distribution<Real> jitter(-0.04, 0.04);
  for (auto& X : model.mesh.points)
    for (int k = 0; k < 3; ++k)
      if (X[k] > 1e-12 && X[k] < 1 - 1e-12) X[k] += jitter(rng);

  ParameterSet params;
  const auto& reg = registries().materials;
  std::map<std::string, Real> given;
  if (c.material == "neo-hookean") given = {{"E", 1.0}, {"nu", 0.3}};
  if (c.material == "hgo")
    given = {{"c", 1.0}, {"k1", 10.0}, {"k2", 5.0}, {"kappa", 0.1}, {"k", 50.0}};
  std::shared_ptr<const materials::Material> mat =
      reg.create(c.material, resolve_parameters(reg.entry(c.material).parameters, given));
  model.regions.push_back({"all", model.mesh.element_set("all"), mat, c.formulation});
  fem::initialise_point_fields(model, Vec3(1, 1, 0).normalized());

  Mat3 A;
  A << 0.10, 0.03, -0.02, 0.01, -0.05, 0.04, 0.02, 0.00, 0.08;
  const Vec3 b(0.01, -0.02, 0.03);
  std::set<Index> boundary;
  for (const char* s : {"x0", "x1", "y0", "y1", "z0", "z1"})
    for (Index n : model.mesh.node_set(s)) boundary.insert(n);
  for (Index n : boundary) {
    const Vec3 u = A * model.mesh.points[n] + b;
    for (int k = 0; k < 3; ++k) model.displacements.push_back({"boundary", {n}, k, u[k], 0});
  }

  fem::MechanicsProblem problem(model);
  solver::NewtonSettings ns;
  ns.residual_tolerance = 1e-14;
  ns.residual_absolute = 1e-15;
  ns.linear_solver = "cholmod";
  solver::NewtonSolver newton(problem, registries().linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  const auto res = solver::run_load_steps(problem, newton, u, {0.0, 1.0, 2, true, 8});
  ASSERT_TRUE(res.completed) << res.failure;
  Real worst = 0.0;
  int interior = 0;
  for (Index n = 0; n < model.mesh.n_nodes(); ++n) {
    if (boundary.count(n)) continue;
    ++interior;
    worst = std::max(worst, (u.segment<3>(3 * n) - (A * model.mesh.points[n] + b)).norm());
  }
  EXPECT_GT(interior, 0);
  EXPECT_LT(worst, 1e-12) << "largest interior error (mm)";
}

INSTANTIATE_TEST_SUITE_P(Distorted, PatchTest,
                         ::testing::Values(PatchCase{"hex8_neo_hookean", mesh::CellType::Hex8,
                                                     "neo-hookean", fem::Formulation::Standard},
                                           PatchCase{"hex8_mean_dilatation_hgo",
                                                     mesh::CellType::Hex8, "hgo",
                                                     fem::Formulation::MeanDilatation},
                                           PatchCase{"tet4_neo_hookean", mesh::CellType::Tet4,
                                                     "neo-hookean", fem::Formulation::Standard}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace sinew::testing
