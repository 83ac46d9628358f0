// Traction-separation response of one interface element under monotonic opening, sliding and
// proportional mixed-mode paths (bilinear and exponential laws): the traction follows the law
// point by point and the work of separation equals the fracture energy; unloading follows the
// damaged secant and damage never decreases.
#include <cmath>
#include <cstdio>

#include "interface_test_support.hpp"

namespace sinew::interface::test {
namespace {

/// Drives the secondary block along `dir` to `dmax` in `steps` increments, committing each one;
/// calls check(d, force on primary) and returns the work sum(F.dg) (trapezoidal rule).
template <class Check>
Real drive(InterfaceSet& set, const StackedBlocks& b, const Vec3& dir, Real dmax, int steps,
           Check&& check) {
  Real work = 0.0, d_prev = 0.0;
  Vec3 f_prev = Vec3::Zero();
  for (int k = 1; k <= steps; ++k) {
    const Real d = dmax * k / steps;
    const VecX u = translate_secondary(b, d * dir);
    const Vec3 f = set.total_force(u, k);
    check(d, f);
    work += 0.5 * (f + f_prev).dot(dir) * (d - d_prev);
    f_prev = f;
    d_prev = d;
    set.commit(u, k);
  }
  return work;
}

void report(const char* name, Real work, Real dissipated, Real Gc) {
  std::printf("[ energy   ] %-28s work/G_c - 1 = %+.2e, dissipated/G_c - 1 = %+.2e\n", name,
              work / Gc - 1, dissipated / Gc - 1);
}

/// Bilinear traction magnitude along a proportional path: onset d0, failure df.
Real bilinear(Real K, Real d0, Real df, Real d) {
  if (d <= d0) return K * d;
  if (d >= df) return 0.0;
  return K * d0 * (df - d) / (df - d0);
}

/// Exponential softening after a linear rise (work K d0^2/2 + K d0 dc).
Real exponential(Real K, Real d0, Real dc, Real d) {
  return d <= d0 ? K * d : K * d0 * std::exp(-(d - d0) / dc);
}

TEST(SeparationLaws, BilinearModeIFollowsTheLawAndDissipatesGIc) {
  const auto b = stacked_blocks();
  const auto p = distinct_modes();
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real K = p.bond_stiffness, d0 = p.normal_strength / K, df = 2 * p.mode_I_energy / (K * d0);
  const Real work = drive(set, b, Vec3(0, 0, 1), 1.2 * df, 2400, [&](Real d, const Vec3& f) {
    EXPECT_NEAR(f.z(), bilinear(K, d0, df, d), 1e-10 * p.normal_strength) << "d = " << d;
    EXPECT_NEAR(f.head<2>().norm(), 0.0, 1e-14);
  });
  report("bilinear mode I", work, set.damage_dissipated_energy(), p.mode_I_energy);
  EXPECT_NEAR(work, p.mode_I_energy * 1.0, 0.01 * p.mode_I_energy);
  EXPECT_NEAR(set.damage_dissipated_energy(), p.mode_I_energy, 0.01 * p.mode_I_energy);
  EXPECT_EQ(set.intact_fraction(), 0.0);
}

TEST(SeparationLaws, BilinearModeIIFollowsTheLawAndDissipatesGIIc) {
  const auto b = stacked_blocks();
  const auto p = distinct_modes();
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real K = p.bond_stiffness, d0 = p.shear_strength / K, df = 2 * p.mode_II_energy / (K * d0);
  const Real work = drive(set, b, Vec3(1, 0, 0), 1.2 * df, 2400, [&](Real d, const Vec3& f) {
    EXPECT_NEAR(f.x(), bilinear(K, d0, df, d), 1e-10 * p.shear_strength) << "d = " << d;
    EXPECT_NEAR(f.tail<2>().norm(), 0.0, 1e-14);
  });
  report("bilinear mode II", work, set.damage_dissipated_energy(), p.mode_II_energy);
  EXPECT_NEAR(work, p.mode_II_energy, 0.01 * p.mode_II_energy);
  EXPECT_NEAR(set.damage_dissipated_energy(), p.mode_II_energy, 0.01 * p.mode_II_energy);
}

TEST(SeparationLaws, BilinearMixedModeOnsetIsQuadraticAndWorkIsBenzeggaghKenane) {
  const auto b = stacked_blocks();
  const auto p = distinct_modes();
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real theta = 0.7;  // angle of the path from the normal
  const Vec3 dir(std::sin(theta), 0, std::cos(theta));
  const Real K = p.bond_stiffness;
  // Onset where (t_n/sigma_n)^2 + (t_t/tau_t)^2 = 1 with t = K d0 dir.
  const Real d0 = 1.0 / (K * std::sqrt(std::pow(std::cos(theta) / p.normal_strength, 2) +
                                       std::pow(std::sin(theta) / p.shear_strength, 2)));
  const Real B = std::pow(std::sin(theta), 2);
  const Real Gc = p.mode_I_energy + (p.mode_II_energy - p.mode_I_energy) * B * B;  // eta = 2
  const Real df = 2 * Gc / (K * d0);
  const Real work = drive(set, b, dir, 1.2 * df, 2400, [&](Real d, const Vec3& f) {
    EXPECT_NEAR((f - bilinear(K, d0, df, d) * dir).norm(), 0.0, 1e-10 * p.normal_strength);
  });
  report("bilinear mixed (B = 0.42)", work, set.damage_dissipated_energy(), Gc);
  EXPECT_NEAR(work, Gc, 0.01 * Gc);
  EXPECT_NEAR(set.damage_dissipated_energy(), Gc, 0.01 * Gc);
}

TEST(SeparationLaws, ExponentialModesIAndIIFollowTheLawAndDissipateGc) {
  for (int mode = 1; mode <= 2; ++mode) {
    const auto b = stacked_blocks();
    auto p = distinct_modes();
    p.softening = SofteningLaw::Exponential;
    InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
    const Real K = p.bond_stiffness;
    const Real strength = mode == 1 ? p.normal_strength : p.shear_strength;
    const Real Gc = mode == 1 ? p.mode_I_energy : p.mode_II_energy;
    const Vec3 dir = mode == 1 ? Vec3(0, 0, 1) : Vec3(1, 0, 0);
    const Real d0 = strength / K, dc = Gc / (K * d0) - 0.5 * d0;
    const Real work = drive(set, b, dir, d0 + 16 * dc, 6000, [&](Real d, const Vec3& f) {
      EXPECT_NEAR((f - exponential(K, d0, dc, d) * dir).norm(), 0.0, 1e-10 * strength);
    });
    report(mode == 1 ? "exponential mode I" : "exponential mode II", work,
           set.damage_dissipated_energy(), Gc);
    EXPECT_NEAR(work, Gc, 0.01 * Gc) << "mode " << mode;
    EXPECT_NEAR(set.damage_dissipated_energy(), Gc, 0.01 * Gc) << "mode " << mode;
  }
}

TEST(SeparationLaws, TrianglePairDissipatesGcTimesItsArea) {
  mesh::Mesh m;
  for (int side = 0; side < 2; ++side)
    for (const Vec3& x : {Vec3(0, 0, 0), Vec3(2, 0, 0), Vec3(0, 1, 0)}) m.points.push_back(x);
  InterfacePair pair;
  pair.n_nodes = 3;
  pair.primary = {0, 1, 2, 0};
  pair.secondary = {3, 4, 5, 0};
  const auto p = distinct_modes();
  InterfaceSet set(m, {pair}, p, 1.0);
  EXPECT_EQ(set.n_gauss_points(), 3);
  const Real K = p.bond_stiffness, d0 = p.normal_strength / K, df = 2 * p.mode_I_energy / (K * d0);
  Real work = 0.0, f_prev = 0.0;
  const int steps = 2400;
  for (int k = 1; k <= steps; ++k) {
    const Real d = 1.2 * df * k / steps;
    VecX u = VecX::Zero(18);
    for (int a = 3; a < 6; ++a) u(3 * a + 2) = d;
    const Real f = set.total_force(u, k).z();
    EXPECT_NEAR(f, 1.0 * bilinear(K, d0, df, d), 1e-10);  // area 1
    work += 0.5 * (f + f_prev) * 1.2 * df / steps;
    f_prev = f;
    set.commit(u, k);
  }
  report("bilinear mode I, triangle", work, set.damage_dissipated_energy(), p.mode_I_energy);
  EXPECT_NEAR(work, p.mode_I_energy * 1.0, 0.01 * p.mode_I_energy);
}

TEST(SeparationLaws, UnloadingFollowsTheDamagedSecantAndDamageNeverDecreases) {
  const auto b = stacked_blocks();
  const auto p = distinct_modes();
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real K = p.bond_stiffness, d0 = p.normal_strength / K, df = 2 * p.mode_I_energy / (K * d0);
  const Real d1 = d0 + 0.3 * (df - d0);
  // Load to d1, unload to 0, reload to 1.1 df: openings along the path.
  std::vector<Real> path;
  for (int k = 1; k <= 300; ++k) path.push_back(d1 * k / 300);
  for (int k = 299; k >= 0; --k) path.push_back(d1 * k / 300);
  for (int k = 1; k <= 1100; ++k) path.push_back(1.1 * df * k / 1100);
  const Real D1 = df * (d1 - d0) / (d1 * (df - d0));
  Real D_prev = 0.0;
  bool unloading = false;
  Real d_prev = 0.0, d_max = 0.0;
  int t = 0;
  for (Real d : path) {
    const VecX u = translate_secondary(b, Vec3(0, 0, d));
    const Real f = set.total_force(u, ++t).z();
    if (d < d_prev) unloading = true;
    if (unloading && d <= d1) {
      // On the secant of the damage reached at d1, down to the origin and back up.
      EXPECT_NEAR(f, (1 - D1) * K * d, 1e-12) << "d = " << d;
    } else {
      EXPECT_NEAR(f, bilinear(K, d0, df, d), 1e-12) << "d = " << d;  // the virgin envelope
    }
    set.commit(u, t);
    const Real D = set.point_info()[0].damage;
    EXPECT_GE(D, D_prev) << "damage decreased at d = " << d;
    D_prev = D;
    d_prev = d;
    d_max = std::max(d_max, d);
    EXPECT_NEAR(set.point_info()[0].max_separation, d_max, 1e-15);
  }
  EXPECT_EQ(D_prev, 1.0);
  EXPECT_TRUE(unloading);
}

TEST(SeparationLaws, ChangingModeMixityNeverHealsDamage) {
  // Damage in opening, then slide in the (tougher) shear mode at the same effective separation:
  // the mode II threshold alone would give less damage, but damage is kept.
  const auto b = stacked_blocks();
  const auto p = distinct_modes();
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  const Real d = 0.02;
  Real D_prev = 0.0;
  for (int k = 0; k <= 40; ++k) {
    const Real phi = 1.5707963267948966 * k / 40;  // from opening to sliding
    const VecX u = translate_secondary(b, d * Vec3(std::sin(phi), 0, std::cos(phi)));
    set.commit(u, k);
    const Real D = set.point_info()[0].damage;
    EXPECT_GE(D, D_prev);
    D_prev = D;
  }
  const Real K = p.bond_stiffness, d0 = p.normal_strength / K, df = 2 * p.mode_I_energy / (K * d0);
  EXPECT_NEAR(D_prev, df * (d - d0) / (d * (df - d0)), 1e-14);  // the mode I damage, kept
}

}  // namespace
}  // namespace sinew::interface::test
