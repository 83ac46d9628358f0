// MechanicsProblem: the assembled tangent equals the finite difference of the assembled residual
// (solid elements of both formulations, follower pressure, foundation, dead traction), and the
// assembly is bit-identical across runs and thread counts.
#include <gtest/gtest.h>

#include <omp.h>

#include <cstring>
#include <map>
#include <random>
#include <set>

#include "fem/mechanics_problem.hpp"
#include "materials/fibre_fatigue.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"

namespace sinew::fem {
namespace {

std::shared_ptr<const materials::Material> make_material(const std::string& law,
                                                         std::map<std::string, Real> given) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  return reg.create(law, resolve_parameters(reg.entry(law).parameters, given));
}

struct TestModel {
  Model model;
  TestModel(mesh::CellType cell, const std::string& law, Formulation form) {
    model.mesh = mesh::make_box({Vec3::Zero(), Vec3(2, 1, 1), {4, 2, 2}, cell});
    std::map<std::string, Real> given;
    if (law == "neo-hookean") given = {{"E", 3.0}, {"nu", 0.3}};
    model.regions.push_back({"all", model.mesh.element_set("all"), make_material(law, given),
                             form});
    initialise_point_fields(model, Vec3(1, 0.3, 0.1));
    model.displacements.push_back({"x0", model.mesh.node_set("x0"), 0, 0.0, -1});
    model.pressures.push_back({"z1", model.mesh.facet_set("z1"), 0.2, 0});
    model.foundations.push_back({"y0", model.mesh.facet_set("y0"), 0.5});
    model.tractions.push_back({"x1", model.mesh.facet_set("x1"), Vec3(0.1, 0.0, 0.05), 0});
  }
};

VecX random_state(Index n, unsigned seed, Real scale) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<Real> d(-scale, scale);
  VecX u(n);
  for (Index i = 0; i < n; ++i) u[i] = d(rng);
  return u;
}

void expect_tangent_matches_fd(TestModel& tm) {
  MechanicsProblem p(tm.model);
  EXPECT_FALSE(p.is_symmetric());  // follower pressure
  const VecX u = random_state(p.n_dofs(), 3, 0.05);
  const Real t = 0.7;
  SparseMatrix K = p.pattern();
  VecX r0, rp, rm;
  p.evaluate(u, t, r0, &K);
  const MatX Kd = MatX(K);
  const Real h = 1e-6;
  Real worst = 0, scale = Kd.cwiseAbs().maxCoeff();
  for (Index j = 0; j < p.n_dofs(); ++j) {
    VecX up = u, um = u;
    up[j] += h;
    um[j] -= h;
    p.evaluate(up, t, rp, nullptr);
    p.evaluate(um, t, rm, nullptr);
    const VecX col = (rp - rm) / (2 * h);
    worst = std::max(worst, (col - Kd.col(j)).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst / scale, 1e-7) << "largest tangent error " << worst << " of scale " << scale;
}

TEST(MechanicsProblem, TangentIsDerivativeOfResidualHex8Standard) {
  TestModel tm(mesh::CellType::Hex8, "neo-hookean", Formulation::Standard);
  expect_tangent_matches_fd(tm);
}

TEST(MechanicsProblem, TangentIsDerivativeOfResidualHex8MeanDilatation) {
  TestModel tm(mesh::CellType::Hex8, "hgo", Formulation::MeanDilatation);
  expect_tangent_matches_fd(tm);
}

TEST(MechanicsProblem, TangentIsDerivativeOfResidualTet4) {
  TestModel tm(mesh::CellType::Tet4, "neo-hookean", Formulation::Standard);
  expect_tangent_matches_fd(tm);
}

TEST(MechanicsProblem, ResidualIsDerivativeOfStrainEnergy) {
  // Without external loads, r = dW/du.
  TestModel tm(mesh::CellType::Hex8, "hgo", Formulation::MeanDilatation);
  tm.model.pressures.clear();
  tm.model.foundations.clear();
  tm.model.tractions.clear();
  MechanicsProblem p(tm.model);
  const VecX u = random_state(p.n_dofs(), 5, 0.05);
  VecX r;
  p.evaluate(u, 0.0, r, nullptr);
  const Real h = 1e-6;
  for (Index j = 0; j < p.n_dofs(); j += 7) {
    VecX up = u, um = u;
    up[j] += h;
    um[j] -= h;
    const Real fd = (p.strain_energy(up) - p.strain_energy(um)) / (2 * h);
    EXPECT_NEAR(fd, r[j], 1e-6 * (1 + r.cwiseAbs().maxCoeff())) << "dof " << j;
  }
}

TEST(MechanicsProblem, AssemblyIsBitIdenticalAcrossRunsAndThreadCounts) {
  TestModel tm(mesh::CellType::Hex8, "hgo", Formulation::MeanDilatation);
  MechanicsProblem p(tm.model);
  const VecX u = random_state(p.n_dofs(), 11, 0.05);
  auto run = [&](int threads) {
    omp_set_num_threads(threads);
    SparseMatrix K = p.pattern();
    VecX r;
    p.evaluate(u, 0.5, r, &K);
    return std::make_pair(r, VecX(Eigen::Map<const VecX>(K.valuePtr(), K.nonZeros())));
  };
  const auto a = run(1), b = run(2), c = run(2);
  omp_set_num_threads(omp_get_num_procs());
  EXPECT_EQ(0, std::memcmp(a.first.data(), b.first.data(), sizeof(Real) * a.first.size()));
  EXPECT_EQ(0, std::memcmp(a.second.data(), b.second.data(), sizeof(Real) * a.second.size()));
  EXPECT_EQ(0, std::memcmp(b.second.data(), c.second.data(), sizeof(Real) * b.second.size()));
}

TEST(MechanicsProblem, ColoursNeverShareANode) {
  TestModel tm(mesh::CellType::Tet4, "neo-hookean", Formulation::Standard);
  MechanicsProblem p(tm.model);
  for (const auto& colour : p.plan().colours()) {
    std::set<Index> seen;
    for (Index c : colour)
      for (Index n : tm.model.mesh.cell_nodes(c)) EXPECT_TRUE(seen.insert(n).second);
  }
}

}  // namespace
}  // namespace sinew::fem

namespace sinew::fem {
namespace {

// Fibre fatigue through the problem: commit records every point's peak fibre stress, and
// apply_cycles(n) adds n / N_f(peak) (Schechtman & Bader line, fibre_fatigue.hpp) at every point.
TEST(MechanicsProblem, ApplyCyclesAddsTheMinerFractionAtEveryPoint) {
  Model model;
  model.mesh = mesh::make_box({Vec3::Zero(), Vec3(2, 1, 1), {2, 1, 1}, mesh::CellType::Hex8});
  const auto law = make_material("hgo", {{"fatigue_uts", 100.0}});
  model.regions.push_back({"all", model.mesh.element_set("all"), law, Formulation::Standard});
  initialise_point_fields(model, Vec3(1, 0, 0));
  MechanicsProblem p(model);
  VecX u = VecX::Zero(p.n_dofs());
  for (Index a = 0; a < model.mesh.n_nodes(); ++a) u[3 * a] = 0.04 * model.mesh.points[a].x();
  p.commit(u, 1.0);
  const auto peak = p.state_variable("fibre_stress_peak").values;
  ASSERT_EQ(peak.size(), p.fields().size());
  const materials::FibreFatigue fatigue(100.0);
  const std::int64_t n = 500;
  p.apply_cycles(n);
  const auto damage = p.state_variable("fatigue_damage").values;
  const auto after = p.state_variable("fibre_stress_peak").values;
  for (size_t i = 0; i < peak.size(); ++i) {
    ASSERT_GT(peak[i], 10.0);  // 4% fibre strain on the tendon defaults: tens of MPa
    EXPECT_NEAR(damage[i], static_cast<Real>(n) / fatigue.cycles_to_failure(peak[i]), 1e-14);
    EXPECT_EQ(after[i], 0.0);
  }
}

}  // namespace
}  // namespace sinew::fem
