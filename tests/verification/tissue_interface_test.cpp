// Verifies the tendon-sheath / fascia-underlay interface in the limits with known answers: stiff
// intact bonds = a tied single body, no bonds and no friction = free gliding, sliding under a
// known normal load = Coulomb's mu N.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// Bonds 1e4 MPa/mm stiff in every direction (contact_penalty too: compression bypasses the
// bonds and goes to contact) against a sheath whose shear stiffness per area is G / t ~ 0.17
// MPa/mm: the bond compliance is ~2e-5 of the sheath's. Strengths of 100 MPa are far above the
// tractions the probes cause (< 0.1 MPa), so nothing damages; 2 G_c = 20 > 100^2 / 1e4 = 1.
const char* kStiffBonds =
    "{adhesion_density: 1.0, friction_coefficient: 0.0, bond_stiffness: 1.0e4, "
    "contact_penalty: 1.0e4, normal_strength: 100.0, shear_strength: 100.0, "
    "mode_I_fracture_energy: 10.0, mode_II_fracture_energy: 10.0}";
constexpr Real kExcursion = 0.2;  // mm: sheath shear strain 0.2, moderately nonlinear
constexpr int kGlideIncrements = 5;

TendonModel bonded_tendon() {
  TendonModel t;
  t.interface = kStiffBonds;
  t.tissue = "{probe_force: 5, probe_excursion: " + num(kExcursion) +
             ", probe_increments: " + std::to_string(kGlideIncrements) + "}";
  return t;
}

// Metrics of the bonded model, shared by the tests below (computed once).
const tissue::MetricValues& bonded_metrics() {
  static const tissue::MetricValues values = initial_metrics(load(bonded_tendon().text()));
  return values;
}

// With adhesion density 1 and no damage, the bonded area is the interface's reference area:
// the tendon surface is made of planar quadrilaterals (straight axial edges between nodes of the
// cross-section polygon), each of area |d1 x d2| / 2 with d1, d2 its diagonals.
TEST(TissueInterface, BondedAreaOfIntactBondsIsTheInterfaceArea) {
  const auto def = load(bonded_tendon().text());
  const auto& mesh = def.model.mesh;
  Real area = 0.0;
  for (const auto& f : mesh.facet_set("interface_tendon")) {
    const auto n = mesh.facet_nodes(f);
    ASSERT_EQ(n.size(), 4u);
    const Vec3 d1 = mesh.points[n[2]] - mesh.points[n[0]];
    const Vec3 d2 = mesh.points[n[3]] - mesh.points[n[1]];
    area += 0.5 * d1.cross(d2).norm();
  }
  // The lateral surface of a circular cylinder of radius 2 and length 20 bounds it from above.
  EXPECT_GT(area, 0.9 * 2.0 * std::numbers::pi * 2.0 * 20.0);
  EXPECT_LT(area, 2.0 * std::numbers::pi * 2.0 * 20.0);
  EXPECT_NEAR(bonded_metrics()[tissue::kBondedArea], area, 1e-12 * area);
  std::printf("[ measured ] bonded area %.9g mm^2, facet area %.9g mm^2\n",
              bonded_metrics()[tissue::kBondedArea], area);
}

TEST(TissueInterface, StiffIntactBondsReproduceTheTiedBody) {
  auto bonded = load(bonded_tendon().text());
  const auto& with_bonds = bonded_metrics();
  EXPECT_DOUBLE_EQ(with_bonds[tissue::kAdhesionIntactFraction], 1.0);

  // The tied body: the sheath's inner nodes merged into the tendon's surface nodes.
  auto tied = load(bonded_tendon().text());
  const Index before = tied.model.mesh.n_nodes();
  const Index duplicates = static_cast<Index>(tied.model.mesh.node_set("interface_sheath").size());
  tie_interface(tied, "interface_tendon", "interface_sheath");
  ASSERT_EQ(tied.model.mesh.n_nodes(), before - duplicates);
  ASSERT_EQ(orphan_nodes(tied.model.mesh), 0);
  ASSERT_TRUE(tied.model.couplings.empty());
  const auto tied_values = initial_metrics(tied);
  // measure_metrics has no gliding probe without an interface: run the same probe by hand.
  EXPECT_TRUE(std::isnan(tied_values[tissue::kGlidingResistance]));
  const Real tied_glide = hand_gliding_resistance(tied, kExcursion, kGlideIncrements);
  // The hand probe on the bonded model must give the engine's own number (same definition).
  EXPECT_NEAR(hand_gliding_resistance(bonded, kExcursion, kGlideIncrements) /
                  with_bonds[tissue::kGlidingResistance],
              1.0, 1e-9);

  const Real glide_error = std::abs(with_bonds[tissue::kGlidingResistance] / tied_glide - 1.0);
  const Real stiffness_error =
      std::abs(with_bonds[tissue::kStiffness] / tied_values[tissue::kStiffness] - 1.0);
  EXPECT_GT(tied_glide, 1.0);  // N: the sheath resists (a zero here would make the check void)
  EXPECT_LT(glide_error, 1e-3) << "gliding resistance bonded "
                               << with_bonds[tissue::kGlidingResistance] << " N, tied "
                               << tied_glide << " N";
  EXPECT_LT(stiffness_error, 1e-3) << "stiffness bonded " << with_bonds[tissue::kStiffness]
                                   << " N/mm, tied " << tied_values[tissue::kStiffness];
  std::printf(
      "[ measured ] bonded vs tied: gliding resistance %.6g vs %.6g N (rel. diff %.2e), "
      "stiffness %.6g vs %.6g N/mm (rel. diff %.2e)\n",
      with_bonds[tissue::kGlidingResistance], tied_glide, glide_error,
      with_bonds[tissue::kStiffness], tied_values[tissue::kStiffness], stiffness_error);
}

TEST(TissueInterface, NoBondsNoFrictionGlidesFreely) {
  auto free_model = bonded_tendon();
  free_model.interface = "{adhesion_density: 0.0, friction_coefficient: 0.0}";
  auto free_def = load(free_model.text());
  const Real bonded_glide = bonded_metrics()[tissue::kGlidingResistance];
  const Real free_glide = initial_metrics(free_def)[tissue::kGlidingResistance];
  EXPECT_GT(bonded_glide, 1.0);
  EXPECT_LT(free_glide, 1e-6 * bonded_glide)
      << "free " << free_glide << " N, bonded " << bonded_glide << " N";
  std::printf("[ measured ] free gliding resistance %.3g N = %.3g of the bonded %.6g N\n",
              free_glide, free_glide / bonded_glide, bonded_glide);
}

// A fascia band pressed onto its underlay by a pressure p on its top face, then slid along x by
// prescribing both of its ends (y held) while the pressure holds: once every interface point
// slips, the friction force is mu times the contact force, and the contact force is the
// pressure's, N = p L W. The ends' summed x reaction balances the friction.
// p = 0.002 MPa keeps the fascia's in-plane strains ~1e-3 or below, so the follower pressure acts
// on the reference area to that order; the excursion (0.05 mm) is 1e4 times the elastic slip
// mu p / eps_t before full sliding.
TEST(TissueInterface, CoulombFrictionGivesMuTimesNormalLoad) {
  constexpr Real mu = 0.2, p = 0.002, length = 10.0, width = 6.0, slide = 0.05;
  const std::string yaml = R"(
mesh:
  generator: fascia_band
  length: )" + num(length) +
                           R"(
  width: )" + num(width) + R"(
  thickness: 1.0
  underlay_thickness: 2.0
  divisions: {length: 5, width: 3, thickness: 1, underlay: 1}
materials:
  fascia: {type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0}
  fat: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: fascia, elements: fascia, material: fascia, formulation: mean-dilatation}
  - {name: underlay, elements: underlay, material: fat}
fibre: [1, 0, 0]
interface: {adhesion_density: 0.0, friction_coefficient: )" +
                           num(mu) + R"(}
load_curves:
  press_hold: [[0, 0], [1, 1], [2, 1]]
  slide_after: [[0, 0], [1, 0], [2, 1]]
boundary:
  - {type: fixed, nodes: underlay_bottom, components: [x, y, z]}
  - {type: pressure, facets: fascia_top, value: )" +
                           num(p) + R"(, curve: press_hold}
  - {type: displacement, nodes: fascia_distal, component: x, value: )" +
                           num(slide) + R"(, curve: slide_after}
  - {type: displacement, nodes: fascia_proximal, component: x, value: )" +
                           num(slide) + R"(, curve: slide_after}
  - {type: fixed, nodes: fascia_distal, components: [y]}
  - {type: fixed, nodes: fascia_proximal, components: [y]}
steps:
  - {name: press, increments: 2}
  - {name: slide, increments: 4}
solver: {linear: umfpack}
output: {reactions: [fascia_distal, fascia_proximal]}
)";
  auto def = load(yaml);
  def.tissue.enabled = false;  // the metric probes are not what this test checks
  const auto result = solve(def);
  ASSERT_TRUE(result.completed) << result.failure;
  ASSERT_EQ(result.outputs.size(), 7u);  // the undeformed state at t = 0, then 2 + 4 increments
  auto x_reaction = [](const simulation::StepOutput& o) {
    return o.reactions.at("fascia_distal").x() + o.reactions.at("fascia_proximal").x();
  };
  // After pressing, before sliding: the ends' x reactions cancel (symmetric band).
  const Real mu_n = mu * p * length * width;
  EXPECT_LT(std::abs(x_reaction(result.outputs[2])), 1e-3 * mu_n);
  const Real friction = x_reaction(result.outputs.back());
  const Real error = friction / mu_n - 1.0;
  EXPECT_LT(std::abs(error), 0.01) << "friction " << friction << " N, mu N = " << mu_n << " N";
  std::printf("[ measured ] friction %.6g N, mu N %.6g N, rel. error %.2e\n", friction, mu_n,
              error);
}

}  // namespace
}  // namespace sinew::testing
