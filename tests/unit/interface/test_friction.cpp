// Friction: a block pressed onto the primary body by a known normal force and then slid carries
// a tangential force mu N once sliding (solved by Newton on the interface alone, with the
// assembled non-symmetric tangent); and without bonds and friction nothing resists sliding.
#include <Eigen/LU>

#include "interface_test_support.hpp"

namespace sinew::interface::test {
namespace {

/// Equilibrium of the secondary facet nodes (8..11) under a downward force N (spread equally)
/// with their x displacement prescribed to `slide`; y, z solved by Newton. Returns the
/// converged u and the number of iterations.
int press_and_slide(const InterfaceSet& set, const StackedBlocks& b, Real N, Real slide, Real t,
                    VecX& u) {
  const fem::AssemblyPlan plan(b.mesh.n_nodes(), set.node_groups());
  std::vector<Index> free;
  for (Index i = 8; i < 12; ++i) {
    u(3 * i) = slide;
    free.push_back(3 * i + 1);
    free.push_back(3 * i + 2);
  }
  VecX f_ext = VecX::Zero(u.size());
  for (Index i = 8; i < 12; ++i) f_ext(3 * i + 2) = -N / 4;
  const int nf = static_cast<int>(free.size());
  for (int it = 1; it <= 30; ++it) {
    VecX r = VecX::Zero(u.size());
    SparseMatrix K = plan.pattern();
    set.add(u, t, r, &K, plan);
    r -= f_ext;
    const MatX Kd(K);
    VecX rf(nf);
    MatX Kf(nf, nf);
    for (int i = 0; i < nf; ++i) {
      rf(i) = r(free[i]);
      for (int j = 0; j < nf; ++j) Kf(i, j) = Kd(free[i], free[j]);
    }
    if (rf.norm() < 1e-14 * N) return it;
    const VecX du = Kf.fullPivLu().solve(-rf);
    for (int i = 0; i < nf; ++i) u(free[i]) += du(i);
  }
  ADD_FAILURE() << "Newton did not converge";
  return -1;
}

TEST(Friction, SlidingBlockCarriesMuTimesTheNormalForce) {
  const auto b = stacked_blocks();
  InterfaceParameters p;  // defaults: mu = 0.016 (lubricated tendon-pulley)
  const Real N = 1.5;     // N
  InterfaceSet set(b.mesh, {b.pair}, p, 0.0);
  VecX u = VecX::Zero(3 * b.mesh.n_nodes());
  EXPECT_GT(press_and_slide(set, b, N, 0.0, 1.0, u), 0);
  set.commit(u, 1.0);
  // Penetration N / (eps_n A) and the normal force on the primary body.
  EXPECT_NEAR(u(3 * 8 + 2), -N / p.contact_penalty, 1e-14);
  EXPECT_NEAR(set.total_force(u, 1.0).z(), -N, 1e-12 * N);

  // Slide in steps: stick (elastic slip) below mu N / eps_t, then sliding at mu N.
  const Real stick_limit = p.friction_coefficient * N / p.tangential_penalty;  // A = 1
  for (int k = 1; k <= 40; ++k) {
    const Real s = 0.05 * k / 40;
    const Real s_small = 0.5 * stick_limit;
    const Real x = k == 1 ? s_small : s;
    EXPECT_GT(press_and_slide(set, b, N, x, 1.0 + k, u), 0);
    const Vec3 f = set.total_force(u, 1.0 + k);
    EXPECT_NEAR(f.z(), -N, 1e-12 * N);
    if (k == 1) {
      EXPECT_NEAR(f.x(), p.tangential_penalty * x, 1e-10 * N);  // sticking: eps_t x A
      EXPECT_FALSE(set.evaluate(u, 1.0 + k)[0].slipping);
    } else {
      EXPECT_NEAR(f.x(), p.friction_coefficient * N, 1e-8 * p.friction_coefficient * N);
      EXPECT_NEAR(f.y(), 0.0, 1e-14);
      EXPECT_TRUE(set.evaluate(u, 1.0 + k)[0].slipping);
    }
    set.commit(u, 1.0 + k);
  }
  // Slip s = x - mu p/eps_t; friction work mu N (x_end - stick limit) (step-wise exact).
  EXPECT_NEAR(set.point_info()[0].slip, 0.05 - stick_limit, 1e-12);
  EXPECT_NEAR(set.friction_dissipated_energy(), p.friction_coefficient * N * (0.05 - stick_limit),
              1e-10);
}

TEST(Friction, NoBondsAndNoFrictionLeaveSlidingFree) {
  const auto b = stacked_blocks();
  InterfaceParameters p;
  p.friction_coefficient = 0.0;
  InterfaceSet set(b.mesh, {b.pair}, p, 0.0);
  for (Real pressed : {0.0, -0.01}) {
    const VecX u = translate_secondary(b, Vec3(0.3, -0.2, pressed));
    const Vec3 f = set.total_force(u, 1.0);
    EXPECT_LT(f.head<2>().norm(), 1e-12);
    EXPECT_NEAR(f.z(), p.contact_penalty * pressed, 1e-12);
  }
  // Friction without contact (opening) resists nothing either.
  InterfaceSet rough(b.mesh, {b.pair}, InterfaceParameters{}, 0.0);
  EXPECT_LT(rough.total_force(translate_secondary(b, Vec3(0.3, 0.1, 0.01)), 1.0).norm(), 1e-12);
}

}  // namespace
}  // namespace sinew::interface::test
