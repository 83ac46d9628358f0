// Consistent tangents of the interface element against central differences of the residual, on
// tilted, warped and deformed facets (so that the derivative of the current mid-surface normal
// matters), for every branch of the law; the same through InterfaceSet::add and the sparse
// assembly; symmetry where theory says so; and the cost of one element evaluation.
#include <chrono>
#include <cstdio>

#include "interface_test_support.hpp"

namespace sinew::interface::test {
namespace {

constexpr Real kTol = 1e-6;

InterfaceParameters with_friction(Real mu) {
  auto p = distinct_modes();
  p.friction_coefficient = mu;
  return p;
}

/// Checks both the quad and the triangle element and reports the measured errors.
void expect_consistent(const char* name, Vec3 gap, const InterfaceParameters& p, Real rho,
                       const PointHistory& h = {}, Real dt = 0.0) {
  for (int n : {4, 3}) {
    KernelCase c = tilted_case(n, gap, p);
    c.rho.assign(c.rho.size(), rho);
    c.history.assign(c.history.size(), h);
    c.dt = dt;
    const Real err = kernel_tangent_error(c);
    std::printf("[ tangent  ] %-34s %s: max|K - K_fd|/max|K| = %.2e\n", name,
                n == 4 ? "quad" : "tri ", err);
    EXPECT_LT(err, kTol) << name << " n = " << n;
  }
}

/// Every Gauss point of the case is in the expected branch.
void expect_branch(Vec3 gap, const InterfaceParameters& p, Real rho, bool contact, bool slipping,
                   bool softening, const PointHistory& h = {}) {
  KernelCase c = tilted_case(4, gap, p);
  c.rho.assign(4, rho);
  c.history.assign(4, h);
  std::array<ElementPoint, 4> pts;
  kernel_residual(c, nullptr, pts);
  for (const auto& e : pts) {
    EXPECT_EQ(e.response.in_contact, contact);
    EXPECT_EQ(e.response.slipping, slipping);
    EXPECT_EQ(e.response.updated.damage > h.damage, softening);
  }
}

TEST(Tangents, IntactBondsInOpeningMixedMode) {
  const Vec3 gap(0.002, -0.001, 0.003);  // local (t1, t2, n); delta below onset
  expect_branch(gap, distinct_modes(), 1.0, false, false, false);
  expect_consistent("intact bonds, opening + shear", gap, distinct_modes(), 1.0);
}

TEST(Tangents, IntactBondsInCompressionWithShear) {
  // Shear carried by bonds, normal by contact: T = K g_t + eps_n g_n n depends on n.
  const Vec3 gap(0.002, 0.001, -0.002);
  expect_branch(gap, distinct_modes(), 1.0, true, false, false);
  expect_consistent("intact bonds, compression + shear", gap, distinct_modes(), 0.8);
}

TEST(Tangents, SofteningBilinearAndExponentialMixedMode) {
  const Vec3 gap(0.03, 0.02, 0.04);
  expect_branch(gap, distinct_modes(), 1.0, false, false, true);
  expect_consistent("softening bilinear, mixed", gap, distinct_modes(), 1.0);
  auto p = distinct_modes();
  p.softening = SofteningLaw::Exponential;
  expect_consistent("softening exponential, mixed", gap, p, 0.6);
  // From a damaged committed state, still loading.
  PointHistory h;
  h.damage = h.viscous_damage = 0.2;
  expect_consistent("softening from D = 0.2", gap, distinct_modes(), 1.0, h);
  // With viscous regularisation.
  p = distinct_modes();
  p.viscosity = 0.05;
  h.viscous_damage = 0.1;
  expect_consistent("softening, viscous", gap, p, 1.0, h, 0.02);
}

TEST(Tangents, SofteningInShearUnderCompression) {
  const Vec3 gap(0.03, 0.0, -0.002);
  expect_branch(gap, distinct_modes(), 1.0, true, false, true);
  expect_consistent("softening shear under compression", gap, distinct_modes(), 1.0);
}

TEST(Tangents, UnloadingOnTheSecant) {
  PointHistory h;
  h.damage = h.viscous_damage = 0.5;
  h.max_separation = 0.05;
  const Vec3 gap(0.003, 0.002, 0.004);
  expect_branch(gap, distinct_modes(), 1.0, false, false, false, h);
  expect_consistent("secant unloading", gap, distinct_modes(), 1.0, h);
}

TEST(Tangents, ContactPenetration) {
  const Vec3 gap(0.001, 0.002, -0.01);
  expect_branch(gap, distinct_modes(), 0.0, true, false, false);
  expect_consistent("contact, frictionless", gap, distinct_modes(), 0.0);
}

TEST(Tangents, FrictionStick) {
  // p = eps_n 0.01 = 1 MPa, mu p = 0.3; |T_trial| = eps_t |g_t| ~ 0.11.
  const Vec3 gap(0.001, 0.0005, -0.01);
  expect_branch(gap, with_friction(0.3), 0.0, true, false, false);
  expect_consistent("friction stick", gap, with_friction(0.3), 0.0);
}

TEST(Tangents, FrictionSlip) {
  const Vec3 gap(0.01, 0.005, -0.01);  // |T_trial| ~ 1.1 > mu p = 0.3
  expect_branch(gap, with_friction(0.3), 0.0, true, true, false);
  expect_consistent("friction slip", gap, with_friction(0.3), 0.0);
  // A committed slip with an out-of-plane part: its projection depends on n.
  PointHistory h;
  h.slip = tilt() * Vec3(0.004, -0.002, 0.003);
  expect_consistent("friction slip, committed slip", gap, with_friction(0.3), 0.0, h);
}

TEST(Tangents, FrictionSlipWithSofteningBonds) {
  const Vec3 gap(0.03, 0.01, -0.005);
  expect_branch(gap, with_friction(0.3), 0.7, true, true, true);
  expect_consistent("friction slip + softening bonds", gap, with_friction(0.3), 0.7);
}

TEST(Tangents, SymmetricOnlyForIntactBondsInOpening) {
  auto asymmetry = [](Vec3 gap, const InterfaceParameters& p, Real rho) {
    KernelCase c = tilted_case(4, gap, p);
    c.rho.assign(4, rho);
    ElementMatrix K;
    kernel_residual(c, &K);
    return (K - K.transpose()).cwiseAbs().maxCoeff() / K.cwiseAbs().maxCoeff();
  };
  EXPECT_LT(asymmetry(Vec3(0.002, -0.001, 0.003), distinct_modes(), 1.0), 1e-14);
  EXPECT_GT(asymmetry(Vec3(0.001, 0.002, -0.01), distinct_modes(), 0.0), 1e-4);   // contact
  EXPECT_GT(asymmetry(Vec3(0.01, 0.005, -0.01), with_friction(0.3), 0.0), 1e-2);  // slip
}

TEST(Tangents, AssembledTangentMatchesDifferencesOfTheAssembledResidual) {
  const auto b = stacked_blocks();
  InterfaceSet set(b.mesh, {b.pair}, with_friction(0.3), 0.7);
  // A non-uniform state: sheared, pressed and tilted secondary face, twisted primary face.
  VecX u = VecX::Zero(3 * b.mesh.n_nodes());
  for (int a = 0; a < 4; ++a) {
    const Index p = b.pair.primary[a], s = b.pair.secondary[a];
    const Vec3 X = b.mesh.points[static_cast<size_t>(p)];
    u.segment<3>(3 * p) = Vec3(0.01 * X.y(), -0.02 * X.x(), 0.01 * X.x() * X.y());
    u.segment<3>(3 * s) =
        u.segment<3>(3 * p) + Vec3(0.03 + 0.002 * a, 0.01, -0.005 + 0.001 * X.x());
  }
  const fem::AssemblyPlan plan(b.mesh.n_nodes(), set.node_groups());
  auto residual = [&](const VecX& v) {
    VecX r = VecX::Zero(v.size());
    set.add(v, 0.0, r, nullptr, plan);
    return r;
  };
  SparseMatrix K = plan.pattern();
  VecX r = VecX::Zero(u.size());
  set.add(u, 0.0, r, &K, plan);
  EXPECT_LT((r - residual(u)).norm(), 1e-15);
  const MatX Kd = MatX(K);
  Real err = 0.0;
  const Real h = 1e-7;
  for (Index j = 0; j < u.size(); ++j) {
    VecX up = u, um = u;
    up(j) += h;
    um(j) -= h;
    const VecX col = (residual(up) - residual(um)) / (2 * h);
    err = std::max(err, (Kd.col(j) - col).cwiseAbs().maxCoeff());
  }
  err /= Kd.cwiseAbs().maxCoeff();
  std::printf("[ tangent  ] assembled (InterfaceSet::add): %.2e\n", err);
  EXPECT_LT(err, kTol);
  // Nodes outside the pair get nothing.
  for (Index i = 0; i < 4; ++i) EXPECT_EQ(r.segment<3>(3 * i).norm(), 0.0);
}

TEST(Tangents, CostPerElementEvaluation) {
  // The most expensive path: bonds softening, contact and friction slip at every point.
  KernelCase c = tilted_case(4, Vec3(0.03, 0.01, -0.005), with_friction(0.3));
  c.rho.assign(4, 0.7);
  ElementVector r;
  ElementMatrix K;
  const int reps = 20000;
  Real sink = 0.0;
  auto time_us = [&](bool tangent) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i) {
      c.us(0, 0) += 1e-12;  // keep the compiler from hoisting the call
      interface_element(c.X, c.up, c.us, c.history, c.rho, c.p, c.dt, r, tangent ? &K : nullptr);
      sink += r(0);
    }
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<Real, std::micro>(t1 - t0).count() / reps;
  };
  const Real with = time_us(true), without = time_us(false);
  std::printf("[ cost     ] quad pair: %.2f us with tangent, %.2f us residual only (sink %g)\n",
              with, without, sink);
#ifdef NDEBUG
  EXPECT_LT(with, 50.0);
#endif
}

TEST(Tangents, CostPerPairOfTheAssembly) {
  // A 20 x 20 grid of quad pairs (primary grid z = 0, duplicated secondary grid), sheared and
  // pressed: InterfaceSet::add with the tangent, including the scatter into the sparse matrix.
  const int m = 20;
  mesh::Mesh mesh;
  for (int side = 0; side < 2; ++side)
    for (int j = 0; j <= m; ++j)
      for (int i = 0; i <= m; ++i) mesh.points.emplace_back(0.5 * i, 0.5 * j, 0.0);
  const Index off = (m + 1) * (m + 1);
  std::vector<InterfacePair> pairs;
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < m; ++i) {
      InterfacePair pr;
      const Index c = j * (m + 1) + i;
      pr.primary = {c, c + 1, c + m + 2, c + m + 1};
      for (int a = 0; a < 4; ++a) pr.secondary[a] = pr.primary[a] + off;
      pairs.push_back(pr);
    }
  InterfaceParameters p;
  p.friction_coefficient = 0.3;
  const InterfaceSet set(mesh, pairs, p, 0.7);
  VecX u = VecX::Zero(3 * mesh.n_nodes());
  for (Index i = off; i < 2 * off; ++i) u.segment<3>(3 * i) = Vec3(0.03, 0.01, -0.005);
  const fem::AssemblyPlan plan(mesh.n_nodes(), set.node_groups());
  SparseMatrix K = plan.pattern();
  VecX r = VecX::Zero(u.size());
  const int reps = 50;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) set.add(u, 0.0, r, &K, plan);
  const auto t1 = std::chrono::steady_clock::now();
  const Real us = std::chrono::duration<Real, std::micro>(t1 - t0).count() / (reps * m * m);
  std::printf("[ cost     ] InterfaceSet::add with tangent: %.2f us per quad pair\n", us);
  // Uniform state: the resultant is pressure x area (10 x 10 mm).
  EXPECT_NEAR(set.total_force(u, 0.0).z(), -p.contact_penalty * 0.005 * 100.0, 1e-9);
}

}  // namespace
}  // namespace sinew::interface::test
