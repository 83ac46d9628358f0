// Rigid-plate end (PlateTies in MechanicsProblem): the tied tangent is the derivative of the tied
// residual, a plate on a bar of two materials side by side shares its force by stiffness (E1 A1 :
// E2 A2) where a uniform traction shares it by area, every plate node moves by the same amount,
// displacement control of the plate gives back the force of force control as the sum of the
// nodal reactions, and a plate pulled through a series spring (a muscle in series) carries the
// force the spring and the bar's own stiffness share between them.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "common/linear_solver_registry.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::fem {
namespace {

std::shared_ptr<const materials::Material> neo_hookean(Real E, Real nu) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  return reg.create("neo-hookean", resolve_parameters(reg.entry("neo-hookean").parameters,
                                                      {{"E", E}, {"nu", nu}}));
}

constexpr Real kLength = 10.0, kE1 = 40.0, kE2 = 10.0;

// Bar 10 x 2 x 1 mm along x: cells with y < 1 of modulus E1, the others E2 (equal areas, equal
// Poisson ratio, so under a plate each half is uniformly strained and F1 : F2 = E1 : E2).
// Symmetry supports (x0 in x, y0 in y, z0 in z) leave it free to contract.
Model two_material_bar(int nx = 10) {
  Model m;
  m.mesh = mesh::make_box({Vec3::Zero(), Vec3(kLength, 2, 1), {nx, 4, 2}, mesh::CellType::Hex8});
  std::vector<Index> stiff, soft;
  for (Index c = 0; c < m.mesh.n_cells(); ++c) {
    Real y = 0.0;
    for (Index n : m.mesh.cell_nodes(c)) y += m.mesh.points[n].y() / 8.0;
    (y < 1.0 ? stiff : soft).push_back(c);
  }
  m.regions.push_back({"stiff", stiff, neo_hookean(kE1, 0.3), Formulation::Standard});
  m.regions.push_back({"soft", soft, neo_hookean(kE2, 0.3), Formulation::Standard});
  initialise_point_fields(m);
  m.displacements.push_back({"x0", m.mesh.node_set("x0"), 0, 0.0, -1});
  m.displacements.push_back({"y0", m.mesh.node_set("y0"), 1, 0.0, -1});
  m.displacements.push_back({"z0", m.mesh.node_set("z0"), 2, 0.0, -1});
  return m;
}

VecX solve(MechanicsProblem& p, int increments = 2) {
  solver::NewtonSettings settings;
  settings.linear_solver = "cholmod";
  solver::NewtonSolver newton(p, testing::registered_linear_solvers(), settings);
  VecX u = VecX::Zero(p.n_dofs());
  solver::LoadStepSettings steps;
  steps.increments = increments;
  const auto r = solver::run_load_steps(p, newton, u, steps);
  EXPECT_TRUE(r.completed) << r.failure;
  return u;
}

// Axial force carried by each region in the layer of cells at the loaded end: the mean of
// P_xx over the layer's volume times its area (volume / layer length).
std::pair<Real, Real> end_layer_forces(const MechanicsProblem& p, const VecX& u) {
  const auto states = p.point_states(u);
  const auto& dV = p.point_volumes();
  const auto& m = p.model();
  Real f[2] = {0.0, 0.0};
  for (int r = 0; r < 2; ++r)
    for (Index c : m.regions[r].cells) {
      Real x = 0.0;
      for (Index n : m.mesh.cell_nodes(c)) x += m.mesh.points[n].x() / 8.0;
      if (x < kLength - 1.0) continue;
      for (Index q = m.point_offset[c]; q < m.point_offset[c + 1]; ++q) {
        const Mat3 P = states[q].F * states[q].S;
        f[r] += P(0, 0) * dV[q] / 1.0;  // layer length 1 mm
      }
    }
  return {f[0], f[1]};
}

TEST(PlateTies, TangentIsDerivativeOfTiedResidual) {
  Model m = two_material_bar(3);
  m.plates.push_back({"x1", m.mesh.node_set("x1"), 0, false, 0.7, 0});
  MechanicsProblem p(m);
  std::mt19937 rng(5);
  std::uniform_real_distribution<Real> d(-0.05, 0.05);
  VecX u(p.n_dofs());
  for (Index i = 0; i < u.size(); ++i) u[i] = d(rng);  // untied: the tie rows are tested too
  SparseMatrix K = p.pattern();
  VecX r0, rp, rm;
  p.evaluate(u, 0.6, r0, &K);
  const MatX Kd = MatX(K);
  const Real h = 1e-6, scale = Kd.cwiseAbs().maxCoeff();
  Real worst = 0.0;
  for (Index j = 0; j < p.n_dofs(); ++j) {
    VecX up = u, um = u;
    up[j] += h;
    um[j] -= h;
    p.evaluate(up, 0.6, rp, nullptr);
    p.evaluate(um, 0.6, rm, nullptr);
    worst = std::max(worst, ((rp - rm) / (2 * h) - Kd.col(j)).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst / scale, 1e-7) << "largest tangent error " << worst << " of scale " << scale;
  EXPECT_LT((MatX(K) - MatX(K).transpose()).cwiseAbs().maxCoeff(), 1e-12 * scale);
}

TEST(PlateTies, PlateSharesForceByStiffnessTractionByArea) {
  const Real F = 0.02;  // N: strains ~ 1e-3, the small-strain split
  Model plate = two_material_bar();
  plate.plates.push_back({"x1", plate.mesh.node_set("x1"), 0, false, F, 0});
  MechanicsProblem pp(plate);
  const VecX up = solve(pp);
  const auto [f1, f2] = end_layer_forces(pp, up);
  EXPECT_NEAR(f1 + f2, F, 1e-3 * F);
  EXPECT_NEAR(f1 / f2, kE1 / kE2, 0.01 * kE1 / kE2);
  RecordProperty("plate_split", std::to_string(f1 / f2));
  // Every plate node at the plate's displacement: exactly in the field the elements see, to
  // rounding in the solver's unknowns.
  const VecX tied = pp.tied(up);
  const Real d = pp.plate_displacement(0, up);
  EXPECT_NEAR(d, F * kLength / (kE1 + kE2), 2e-3 * d);  // E1 A1 + E2 A2, A = 1 mm^2 each
  for (Index n : plate.mesh.node_set("x1")) {
    EXPECT_EQ(tied[3 * n], d);
    EXPECT_NEAR(up[3 * n], d, 1e-12 * d);
  }

  Model traction = two_material_bar();
  traction.tractions.push_back({"x1", traction.mesh.facet_set("x1"), Vec3(F / 2.0, 0, 0), 0});
  MechanicsProblem pt(traction);
  const VecX ut = solve(pt);
  const auto [t1, t2] = end_layer_forces(pt, ut);
  EXPECT_NEAR(t1 + t2, F, 1e-3 * F);
  EXPECT_LT(t1 / t2, 2.0);
  RecordProperty("traction_split",
                 std::to_string(t1 / t2));  // near the area ratio 1, far from the stiffness ratio 4
  Real lo = 1e300, hi = -1e300;
  for (Index n : traction.mesh.node_set("x1")) {
    lo = std::min(lo, ut[3 * n]);
    hi = std::max(hi, ut[3 * n]);
  }
  EXPECT_GT(hi - lo, 0.1 * d);  // the soft half of the end lags behind the stiff one
}

TEST(PlateTies, DisplacementControlGivesBackTheForceAsSumOfReactions) {
  const Real F = 0.02;
  Model force = two_material_bar();
  force.plates.push_back({"x1", force.mesh.node_set("x1"), 0, false, F, 0});
  MechanicsProblem pf(force);
  const VecX uf = solve(pf);
  const Real d = pf.plate_displacement(0, uf);

  Model disp = two_material_bar();
  disp.plates.push_back({"x1", disp.mesh.node_set("x1"), 0, true, d, 0});
  MechanicsProblem pd(disp);
  const VecX ud = solve(pd);
  VecX r;
  pd.evaluate(ud, 1.0, r, nullptr);
  const auto& nodes = disp.mesh.node_set("x1");
  Real sum = 0.0;
  for (Index n : nodes) sum += r[3 * n];
  EXPECT_NEAR(pd.set_force(nodes, r).x(), sum, 1e-14 * F);
  EXPECT_NEAR(sum, F, 1e-8 * F);
  EXPECT_NEAR((ud - uf).cwiseAbs().maxCoeff(), 0.0, 1e-9 * d);
}

// Bar 10 x 2 x 1 mm along x of neo-Hookean E = 10 MPa, nu = 0 (lambda = 0) with symmetry
// supports: uniaxial, lateral stretch exactly 1 (S_yy = mu (1 - C_yy^-1) = 0), so the tendon's
// force at axial stretch l is A mu (l - 1/l), its small-strain stiffness k_t = E A / L = 2 N/mm,
// and the discrete bar (homogeneous strain) reproduces both exactly.
constexpr Real kBarE = 10.0, kBarArea = 2.0;
Model uniaxial_bar() {
  Model m;
  m.mesh = mesh::make_box({Vec3::Zero(), Vec3(kLength, 2, 1), {4, 2, 1}, mesh::CellType::Hex8});
  std::vector<Index> all(static_cast<size_t>(m.mesh.n_cells()));
  for (Index c = 0; c < m.mesh.n_cells(); ++c) all[static_cast<size_t>(c)] = c;
  m.regions.push_back({"bar", all, neo_hookean(kBarE, 0.0), Formulation::Standard});
  initialise_point_fields(m);
  m.displacements.push_back({"x0", m.mesh.node_set("x0"), 0, 0.0, -1});
  m.displacements.push_back({"y0", m.mesh.node_set("y0"), 1, 0.0, -1});
  m.displacements.push_back({"z0", m.mesh.node_set("z0"), 2, 0.0, -1});
  return m;
}

// Solves with the absolute residual floor `floor` (N; the small-strain case has forces ~1e-7 N).
VecX solve_tight(MechanicsProblem& p, int increments, Real floor) {
  solver::NewtonSettings settings;
  settings.linear_solver = "cholmod";
  settings.residual_absolute = floor;
  solver::NewtonSolver newton(p, testing::registered_linear_solvers(), settings);
  VecX u = VecX::Zero(p.n_dofs());
  solver::LoadStepSettings steps;
  steps.increments = increments;
  const auto r = solver::run_load_steps(p, newton, u, steps);
  EXPECT_TRUE(r.completed) << r.failure;
  return u;
}

// The x reaction of the clamped end x0 (N, negative: it holds the bar back).
Real clamp_reaction(MechanicsProblem& p, const VecX& u) {
  VecX r;
  p.evaluate(u, 1.0, r, nullptr);
  return p.set_force(p.model().mesh.node_set("x0"), r).x();
}

TEST(PlateTies, SeriesSpringSharesTheTravelByStiffness) {
  const Real k_t = kBarE * kBarArea / kLength, k_m = 3.0;
  // Small strain (~1e-8): the bar is linear to that order (its nonlinearity is ~strain / 2,
  // the rounding of mu (I - C^-1) ~1e-16 mu over the stress), F = k_m k_t / (k_m + k_t) d.
  {
    const Real d = 2e-7;
    Model m = uniaxial_bar();
    m.plates.push_back({"x1", m.mesh.node_set("x1"), 0, false, d, 0, k_m});
    MechanicsProblem p(m);
    const VecX u = solve_tight(p, 1, 1e-14);
    const Real force = k_m * (d - p.plate_displacement(0, u));
    const Real closed = k_m * k_t / (k_m + k_t) * d;
    EXPECT_NEAR(force / closed, 1.0, 1e-8);
    EXPECT_NEAR(-clamp_reaction(p, u) / closed, 1.0, 1e-8);
    RecordProperty("small_strain_error", std::to_string(force / closed - 1.0));
  }
  // Finite strain (d = 6 mm, stretch ~1.2): the force solves k_m (d - u) = A mu (l - 1/l),
  // l = 1 + u / L, found here by bisection; the clamp carries the spring's force.
  const Real d = 6.0, mu = 0.5 * kBarE;
  auto mismatch = [&](Real u) {
    const Real l = 1.0 + u / kLength;
    return k_m * (d - u) - kBarArea * mu * (l - 1.0 / l);
  };
  Real lo = 0.0, hi = d;
  for (int i = 0; i < 200; ++i) (mismatch(0.5 * (lo + hi)) > 0.0 ? lo : hi) = 0.5 * (lo + hi);
  const Real u_exact = 0.5 * (lo + hi);
  Model m = uniaxial_bar();
  m.plates.push_back({"x1", m.mesh.node_set("x1"), 0, false, d, 0, k_m});
  MechanicsProblem p(m);
  const VecX u = solve_tight(p, 4, 0.0);
  const Real up = p.plate_displacement(0, u);
  EXPECT_NEAR(up / u_exact, 1.0, 1e-8);
  EXPECT_NEAR(-clamp_reaction(p, u) / (k_m * (d - up)), 1.0, 1e-8);
  RecordProperty("finite_strain_plate_displacement", std::to_string(up));
}

TEST(PlateTies, SeriesSpringTangentIsDerivativeOfResidual) {
  Model m = two_material_bar(3);
  m.plates.push_back({"x1", m.mesh.node_set("x1"), 0, false, 0.4, 0, 5.0});
  MechanicsProblem p(m);
  std::mt19937 rng(7);
  std::uniform_real_distribution<Real> d(-0.05, 0.05);
  VecX u(p.n_dofs());
  for (Index i = 0; i < u.size(); ++i) u[i] = d(rng);
  SparseMatrix K = p.pattern();
  VecX r0, rp, rm;
  p.evaluate(u, 0.6, r0, &K);
  const MatX Kd = MatX(K);
  const Real h = 1e-6, scale = Kd.cwiseAbs().maxCoeff();
  Real worst = 0.0;
  for (Index j = 0; j < p.n_dofs(); ++j) {
    VecX up = u, um = u;
    up[j] += h;
    um[j] -= h;
    p.evaluate(up, 0.6, rp, nullptr);
    p.evaluate(um, 0.6, rm, nullptr);
    worst = std::max(worst, ((rp - rm) / (2 * h) - Kd.col(j)).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst / scale, 1e-7) << "largest tangent error " << worst << " of scale " << scale;
}

TEST(PlateTies, RejectsASeriesSpringUnderDisplacementControl) {
  Model m = two_material_bar();
  m.plates.push_back({"x1", m.mesh.node_set("x1"), 0, true, 1.0, 0, 2.0});
  EXPECT_THROW(MechanicsProblem p(m), std::invalid_argument);
}

TEST(PlateTies, RejectsAPlateNodeWithAPrescribedDisplacement) {
  Model m = two_material_bar();
  m.plates.push_back({"x0", m.mesh.node_set("x0"), 0, false, 1.0, 0});
  EXPECT_THROW(MechanicsProblem p(m), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::fem
