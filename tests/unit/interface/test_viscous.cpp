// Viscous regularisation of the bond damage: D_v lags the rate-independent damage D and tends to
// it as the viscosity tends to zero; one step reproduces the backward-Euler update.
#include <cmath>

#include "interface_test_support.hpp"

namespace sinew::interface::test {
namespace {

/// Opens at a constant rate to 1.2 delta_f over 1 s in 1000 steps; returns the largest
/// difference between D_v and the rate-independent damage of the same path.
Real max_lag(Real viscosity) {
  const auto b = stacked_blocks();
  auto p = distinct_modes();
  p.viscosity = viscosity;
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real K = p.bond_stiffness, d0 = p.normal_strength / K, df = 2 * p.mode_I_energy / (K * d0);
  Real lag = 0.0, Dv_prev = 0.0;
  for (int k = 1; k <= 1000; ++k) {
    const Real t = 1e-3 * k, d = 1.2 * df * t;
    set.commit(translate_secondary(b, Vec3(0, 0, d)), t);
    const auto info = set.point_info()[0];
    const Real D = d <= d0 ? 0.0 : d >= df ? 1.0 : df * (d - d0) / (d * (df - d0));
    EXPECT_NEAR(info.rate_independent_damage, D, 1e-14);
    EXPECT_LE(info.damage, D + 1e-15);  // lags
    EXPECT_GE(info.damage, Dv_prev);    // and never decreases
    Dv_prev = info.damage;
    lag = std::max(lag, D - info.damage);
  }
  return lag;
}

TEST(Viscous, DamageLagsAndConvergesToTheRateIndependentOne) {
  EXPECT_LT(max_lag(0.0), 1e-14);
  Real previous = 1.0;
  for (Real eta : {1e-1, 1e-2, 1e-3, 1e-4, 1e-5}) {
    const Real lag = max_lag(eta);
    EXPECT_LT(lag, previous) << "eta_v = " << eta;
    previous = lag;
  }
  EXPECT_GT(max_lag(1e-1), 0.3);  // a real lag at eta_v = 0.1 s
  EXPECT_LT(previous, 0.01);      // gone at eta_v = 1e-5 s
}

TEST(Viscous, OneStepIsBackwardEuler) {
  const auto b = stacked_blocks();
  auto p = distinct_modes();
  p.viscosity = 0.5;
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  set.commit(translate_secondary(b, Vec3(0, 0, 0.02)), 0.1);
  const auto h1 = set.point_info()[0];
  set.commit(translate_secondary(b, Vec3(0, 0, 0.05)), 0.35);
  const auto h2 = set.point_info()[0];
  EXPECT_NEAR(h1.damage, 0.1 * h1.rate_independent_damage / (0.5 + 0.1), 1e-15);
  EXPECT_NEAR(h2.damage, (0.5 * h1.damage + 0.25 * h2.rate_independent_damage) / (0.5 + 0.25),
              1e-15);
  // The traction uses D_v; a repeated commit at the same time changes nothing.
  const VecX u = translate_secondary(b, Vec3(0, 0, 0.05));
  EXPECT_NEAR(set.total_force(u, 0.35).z(), (1 - h2.damage) * p.bond_stiffness * 0.05, 1e-15);
  set.commit(u, 0.35);
  EXPECT_EQ(set.point_info()[0].damage, h2.damage);
}

}  // namespace
}  // namespace sinew::interface::test
