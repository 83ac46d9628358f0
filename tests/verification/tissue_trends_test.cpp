// Verifies monotonic trends of the tissue metrics: stiffness against scar size and scar fibre
// stiffness, gliding resistance against adhesion density, and the irreversibility of fibre
// damage and bond damage over a load-unload-reload history.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// A 10 mm, r = 2 mm tendon (coarse: 2 mm cells along the axis) with a scar in its middle, off
// the axis toward +z.
TendonModel short_tendon(const std::string& scars) {
  TendonModel t;
  t.length = 10.0;
  t.axial = 5;
  t.scars = scars;
  return t;
}

std::string scar(const std::string& semi_axes, Real fibre_ratio, Real adhesion = 1.0) {
  return "[{name: lesion, shape: ellipsoid, centre: [5, 0, 0.5], semi_axes: " + semi_axes +
         ", falloff: 1.0, fibre_stiffness_ratio: " + num(fibre_ratio) +
         ", dispersion: 0.1, adhesion_density: " + num(adhesion) + "}]";
}

std::string table(const char* what, const std::vector<Real>& v) {
  std::ostringstream os;
  os.precision(10);
  os << what;
  for (Real x : v) os << ' ' << x;
  return os.str();
}

// Nested ellipsoids: a point's scar fraction can only grow with the scar, and its fibres only
// soften, so the tendon's compliance grows (each case reaches strictly more points).
TEST(TissueTrends, StiffnessFallsAsScarGrows) {
  std::vector<Real> k;
  for (const char* size : {"[1.5, 0.8, 0.8]", "[2.5, 1.2, 1.2]", "[3.5, 1.6, 1.6]"})
    k.push_back(initial_metrics(load(short_tendon(scar(size, 0.2)).text()))[tissue::kStiffness]);
  EXPECT_GT(k[0], k[1]) << table("stiffness (N/mm):", k);
  EXPECT_GT(k[1], k[2]) << table("stiffness (N/mm):", k);
  std::printf("[ measured ] %s\n", table("stiffness vs scar size (N/mm):", k).c_str());
}

TEST(TissueTrends, StiffnessFallsWithScarFibreStiffness) {
  std::vector<Real> k;
  for (Real ratio : {0.8, 0.5, 0.2})
    k.push_back(initial_metrics(
        load(short_tendon(scar("[2.5, 1.2, 1.2]", ratio)).text()))[tissue::kStiffness]);
  EXPECT_GT(k[0], k[1]) << table("stiffness (N/mm):", k);
  EXPECT_GT(k[1], k[2]) << table("stiffness (N/mm):", k);
  std::printf("[ measured ] %s\n",
              table("stiffness vs fibre ratio 0.8/0.5/0.2 (N/mm):", k).c_str());
}

// Healthy paratenon glides freely (no bonds, no friction); the scar's footprint carries bonds of
// density rho. The default (weak) bonds break during the 1 mm probe, so this also covers the
// peak of a softening response.
TEST(TissueTrends, GlidingResistanceRisesWithAdhesionDensity) {
  std::vector<Real> g;
  for (Real rho : {0.25, 0.5, 1.0}) {
    auto t = short_tendon(scar("[2.5, 1.2, 1.2]", 0.5, rho));
    t.interface = "{adhesion_density: 0.0, friction_coefficient: 0.0}";
    g.push_back(initial_metrics(load(t.text()))[tissue::kGlidingResistance]);
  }
  EXPECT_GT(g[0], 0.0) << table("gliding resistance (N):", g);
  EXPECT_LT(g[0], g[1]) << table("gliding resistance (N):", g);
  EXPECT_LT(g[1], g[2]) << table("gliding resistance (N):", g);
  std::printf("[ measured ] %s\n",
              table("gliding resistance vs scar adhesion 0.25/0.5/1 (N):", g).c_str());
}

// Fibre damage from 2% fibre strain (complete at 10%) and bonds all along the tendon: the
// proximal end is pulled to 2.4% mean strain, released to 0, then pulled to 3%. At every
// reported increment neither a point's fibre damage nor the interface's intact bond fraction may
// go back. (Much beyond 3% the softening scar fibres localise the strain and the coarse mesh
// inverts elements: damage is meant to be checked here, not failure.)
// The bonds' fracture energy (0.05 N/mm: softening from 0.005 to 2 mm of slip) keeps their
// softening slope (0.025 MPa/mm) below the sheath's shear stiffness (~0.17 MPa/mm), so the
// displacement-controlled pull has no snap-back.
TEST(TissueTrends, FibreDamageAndBondLossNeverHeal) {
  auto t = short_tendon(scar("[2.5, 1.2, 1.2]", 0.5));
  t.tendon_material =
      "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0, "
      "damage_onset_stretch: 1.02, damage_full_stretch: 1.10}";
  t.interface =
      "{adhesion_density: 1.0, friction_coefficient: 0.0, mode_I_fracture_energy: 0.05, "
      "mode_II_fracture_energy: 0.05}";
  t.load_curves = "{pull_release_pull: [[0, 0], [1, 0.24], [2, 0], [3, 0.3]]}";
  t.boundary =
      "[{type: fixed, nodes: tendon_distal, components: [x, y, z]},"
      " {type: fixed, nodes: sheath_outer, components: [x, y, z]},"
      " {type: displacement, nodes: tendon_proximal, component: x, value: 1.0, "
      "curve: pull_release_pull}]";
  t.steps =
      "[{name: pull, increments: 4}, {name: release, increments: 4}, "
      "{name: pull_again, increments: 4}]";
  auto def = load(t.text());

  std::vector<Real> previous_damage(def.model.point_fields.size(), 0.0);
  Real previous_intact = 1.0;
  std::vector<Real> max_damage, intact, bonded;  // per output
  int violations = 0, outputs = 0;
  const auto result = simulation::run_model(
      def, registries().linear, {}, [&](const simulation::StepOutput& out, const VecX&) {
        ASSERT_NE(out.problem, nullptr);
        const auto damage = out.problem->point_output("fibre_damage").values;
        ASSERT_EQ(damage.size(), previous_damage.size());
        for (size_t p = 0; p < damage.size(); ++p)
          if (damage[p] < previous_damage[p]) ++violations;
        previous_damage = damage;
        const auto* bonds = interface_of(*out.problem);
        ASSERT_NE(bonds, nullptr);
        const Real f = bonds->intact_fraction();
        EXPECT_LE(f, previous_intact) << "intact fraction rose at t = " << out.record.t;
        previous_intact = f;
        max_damage.push_back(*std::max_element(damage.begin(), damage.end()));
        intact.push_back(f);
        bonded.push_back(bonds->intact_bond_area());
        ++outputs;
      });
  ASSERT_TRUE(result.completed) << result.failure;
  ASSERT_EQ(outputs, 13);  // the undeformed state at t = 0, then 3 x 4 increments
  EXPECT_EQ(violations, 0);
  // Nothing damaged at t = 0; damage did occur in the first pull, stayed during the release
  // and grew in the second pull beyond the first one's stretch.
  EXPECT_EQ(max_damage[0], 0.0) << table("max damage:", max_damage);
  EXPECT_EQ(intact[0], 1.0) << table("intact fraction:", intact);
  EXPECT_GT(max_damage[4], 0.05) << table("max damage:", max_damage);
  EXPECT_EQ(max_damage[8], max_damage[4]) << table("max damage:", max_damage);
  EXPECT_GT(max_damage[12], max_damage[4] + 0.01) << table("max damage:", max_damage);
  // Bonds broke; the state metrics after the run see the damage too.
  EXPECT_LT(intact.back(), 0.99) << table("intact fraction:", intact);
  ASSERT_EQ(result.metrics.size(), 2u);
  EXPECT_DOUBLE_EQ(result.metrics[0].values[tissue::kAdhesionIntactFraction], 1.0);
  EXPECT_DOUBLE_EQ(result.metrics[1].values[tissue::kAdhesionIntactFraction], intact.back());
  // The bonded area is the fraction's numerator: the fraction times the initial bonded area.
  const Real initial_area = result.metrics[0].values[tissue::kBondedArea];
  EXPECT_GT(initial_area, 0.0);
  EXPECT_DOUBLE_EQ(result.metrics[1].values[tissue::kBondedArea], bonded.back());
  EXPECT_NEAR(bonded.back(), intact.back() * initial_area, 1e-12 * initial_area);
  EXPECT_EQ(result.metrics[0].values[tissue::kScarMeanFibreDamage], 0.0);
  EXPECT_GT(result.metrics[1].values[tissue::kScarMeanFibreDamage], 0.0);
  std::printf("[ measured ] %s\n[ measured ] %s\n", table("max fibre damage:", max_damage).c_str(),
              table("intact bond fraction:", intact).c_str());
}

}  // namespace
}  // namespace sinew::testing
