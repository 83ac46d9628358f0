// Hertz line contact: a rigid cylinder of radius R pressed into an elastic half-space in plane
// strain (one element thick, out-of-plane displacement fixed). For a load P per unit length the
// pressure is p(x) = p0 sqrt(1 - x^2/a^2) with half-width a = sqrt(4 P R / (pi E*)) and peak
// p0 = 2 P / (pi a), E* = E / (1 - nu^2) (Johnson 1985, Contact Mechanics, Cambridge University
// Press, sec. 4.2). Half model (symmetry at x = 0) on a mesh graded towards the first contact
// point; P is measured (the indentation of a 2D half-space depends on the block's size), a from
// a least-squares fit of p^2 = p0^2 (1 - x^2/a^2) to the nodal pressures.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "contact/contact_set.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::contact {
namespace {

constexpr Real kE = 10.0, kNu = 0.3, kR = 20.0, kWidth = 20.0, kDepth = 10.0;

// Geometric grading of [0, n] onto [0, length] with first element h0 and ratio q.
Real graded(Real i, Real h0, Real q) { return h0 * (std::pow(q, i) - 1.0) / (q - 1.0); }

struct HertzResult {
  Real load = 0.0;  ///< P per unit length (N/mm)
  Real peak = 0.0;  ///< nodal pressure at x = 0 (MPa)
  Real half_width = 0.0;
};

HertzResult indent(int nx, int nz, Real h0, Real qx, Real qz, Real depth) {
  fem::Model model;
  model.mesh = mesh::make_box({Vec3::Zero(), Vec3(nx, 1.0, nz), {nx, 1, nz}, mesh::CellType::Hex8});
  const Real sx = kWidth / graded(nx, h0, qx), sz = kDepth / graded(nz, h0, qz);
  for (auto& X : model.mesh.points)  // top face z = 0, body below
    X = Vec3(sx * graded(X.x(), h0, qx), X.y(), -sz * graded(nz - X.z(), h0, qz));
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  model.regions.push_back({"block", model.mesh.element_set("all"),
                           reg.create("neo-hookean",
                                      resolve_parameters(reg.entry("neo-hookean").parameters,
                                                         {{"E", kE}, {"nu", kNu}}))});
  fem::initialise_point_fields(model);
  for (Index n : model.mesh.node_set("all")) model.displacements.push_back({"all", {n}, 1, 0, -1});
  for (Index n : model.mesh.node_set("x0")) model.displacements.push_back({"x0", {n}, 0, 0, -1});
  for (Index n : model.mesh.node_set("z0")) model.displacements.push_back({"z0", {n}, 2, 0, -1});
  RigidSurface cylinder;
  cylinder.shape = RigidShape::Cylinder;
  cylinder.centre = Vec3(0.0, 0.0, kR);
  cylinder.direction = Vec3::UnitY();
  cylinder.radius = kR;
  cylinder.motion.points = {{0.0, Vec3::Zero()}, {1.0, Vec3(0.0, 0.0, -depth)}};
  model.couplings.push_back(std::make_shared<ContactSet>(
      model.mesh, model.mesh.facet_set("z1"), cylinder, ContactParameters{1e4, 1e4, 0.0}));

  fem::MechanicsProblem problem(model);
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear);
  solver::NewtonSettings ns;
  ns.linear_solver = "umfpack";
  solver::NewtonSolver newton(problem, linear, ns);
  VecX u = VecX::Zero(problem.n_dofs());
  const auto res = solver::run_load_steps(problem, newton, u, {0.0, 1.0, 2, true, 8});
  EXPECT_TRUE(res.completed) << res.failure;
  const auto& set = dynamic_cast<const ContactSet&>(*problem.couplings().front());
  HertzResult out;
  // Half model, one element (1 mm) thick: the load per unit length is twice the force.
  out.load = -2.0 * set.total_force(u, 1.0).z();
  // Least squares of p^2 = c0 + c1 x^2 over the contact nodes of one row (y = 0), the last
  // two left out (the edge of the contact zone is where the lumped pressure is worst).
  std::vector<std::pair<Real, Real>> row;  // (x, p)
  for (const auto& n : set.node_info())
    if (model.mesh.points[n.node].y() < 0.5 && n.pressure > 0.0)
      row.emplace_back(model.mesh.points[n.node].x() + u[3 * n.node], n.pressure);
  std::sort(row.begin(), row.end());
  out.peak = row.front().second;
  Eigen::MatrixXd A(static_cast<Index>(row.size()) - 2, 2);
  VecX b(A.rows());
  for (Index i = 0; i < A.rows(); ++i) {
    A.row(i) << 1.0, row[static_cast<size_t>(i)].first * row[static_cast<size_t>(i)].first;
    b[i] = row[static_cast<size_t>(i)].second * row[static_cast<size_t>(i)].second;
  }
  const VecX c = A.colPivHouseholderQr().solve(b);
  out.half_width = std::sqrt(-c[0] / c[1]);
  return out;
}

TEST(ContactHertz, HalfWidthAndPeakPressureOfACylinderOnAHalfSpace) {
  const HertzResult r = indent(50, 40, 0.03, 1.08, 1.08, 0.04);
  const Real Estar = kE / (1.0 - kNu * kNu);
  const Real a = std::sqrt(4.0 * r.load * kR / (std::numbers::pi * Estar));
  const Real p0 = 2.0 * r.load / (std::numbers::pi * a);
  // Measured: P = 0.195 N/mm, a within 0.8% and p0 within 0.6% of Hertz.
  EXPECT_NEAR(r.peak, p0, 0.02 * p0);
  EXPECT_NEAR(r.half_width, a, 0.02 * a);
}

}  // namespace
}  // namespace sinew::contact
