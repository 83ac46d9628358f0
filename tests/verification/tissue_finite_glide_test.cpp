// The finite-sliding gliding probe (tissue.probe_sliding: finite): the keys are read; the
// node-to-segment (or, with tissue.probe_contact: segment_to_segment, the mortar) contact that
// stands in for the interface elements carries the interface's
// bonds with the same bonded area (the nodal density is a lumped projection of the interface's
// intact density, exact for a uniform density) and its contact and friction values; the small
// and finite probes agree at a small excursion; broken bonds dissipate G_c x bonded area.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "tissue/finite_glide.hpp"
#include "tissue/gliding_probe.hpp"
#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

TEST(TissueFiniteGlide, KeySelectsFiniteSliding) {
  TendonModel t;
  EXPECT_EQ(load(t.text()).tissue.probes.sliding, tissue::ProbeSliding::Small);
  t.tissue = "{probe_force: 5, probe_sliding: finite}";
  const auto def = load(t.text());
  EXPECT_EQ(def.tissue.probes.sliding, tissue::ProbeSliding::Finite);
  EXPECT_EQ(def.tissue.roles.interface_primary, "interface_tendon");
  EXPECT_EQ(def.tissue.roles.interface_secondary, "interface_sheath");
  EXPECT_EQ(def.tissue.probes.contact_penalty, 0.0);  // the interface's
  t.tissue = "{probe_force: 5, probe_sliding: finite, probe_contact_penalty: 1.5}";
  EXPECT_EQ(load(t.text()).tissue.probes.contact_penalty, 1.5);
  EXPECT_EQ(def.tissue.probes.contact, tissue::ProbeContact::NodeToSegment);
  t.tissue = "{probe_force: 5, probe_sliding: finite, probe_contact: segment_to_segment}";
  EXPECT_EQ(load(t.text()).tissue.probes.contact, tissue::ProbeContact::SegmentToSegment);
  t.tissue = "{probe_force: 5, probe_sliding: finite, probe_contact: mortar}";
  EXPECT_THROW(load(t.text()), InputErrors);
}

// Uniform density 0.7: every interface node of the tendon gets 0.7, every other node 0; the
// contact set's bonded area sum A rho equals the interface's sum w rho (both integrate the
// facets' area exactly: the lumped areas are the row sums of the facet mass matrix).
TEST(TissueFiniteGlide, BondsCarryTheInterfaceDensityAndArea) {
  TendonModel t;
  t.interface =
      "{adhesion_density: 0.7, friction_coefficient: 0.02, contact_penalty: 50, "
      "tangential_penalty: 2}";
  t.tissue = "{probe_force: 5, probe_sliding: finite, probe_excursion: 3}";
  const auto def = load(t.text());
  fem::MechanicsProblem problem(def.model);
  const auto* bonds = interface_of(problem);
  ASSERT_NE(bonds, nullptr);
  const auto& mesh = def.model.mesh;
  const auto rho = tissue::nodal_intact_density(mesh, *bonds);
  const auto on = mesh.nodes_of_facets(mesh.facet_set("interface_tendon"));
  Real on_sum = 0.0, total = 0.0;
  for (Index n : on) on_sum += rho[static_cast<size_t>(n)];
  for (Real r : rho) total += r;
  EXPECT_NEAR(on_sum, 0.7 * static_cast<Real>(on.size()), 1e-12);
  EXPECT_NEAR(total, on_sum, 1e-12);  // nothing off the interface

  const auto built =
      tissue::finite_sliding_interface(mesh, def.tissue.roles, *bonds, def.tissue.probes);
  const auto* contact = dynamic_cast<const contact::SegmentContactSet*>(built.get());
  ASSERT_NE(contact, nullptr);
  EXPECT_NEAR(contact->bonded_area(), bonds->initial_bond_area(),
              1e-12 * bonds->initial_bond_area());
  EXPECT_EQ(contact->nodes().size(), on.size());
  EXPECT_DOUBLE_EQ(contact->parameters().friction_coefficient, 0.02);
  EXPECT_DOUBLE_EQ(contact->parameters().normal_penalty, 50.0);
  EXPECT_DOUBLE_EQ(contact->parameters().tangential_penalty, 2.0);
  EXPECT_DOUBLE_EQ(contact->intact_fraction(), 1.0);
  // tissue.probe_contact_penalty replaces the interface's contact penalty in the probe only.
  auto probes = def.tissue.probes;
  probes.contact_penalty = 1.5;
  const auto soft = tissue::finite_sliding_interface(mesh, def.tissue.roles, *bonds, probes);
  EXPECT_DOUBLE_EQ(
      dynamic_cast<const contact::SegmentContactSet&>(*soft).parameters().normal_penalty, 1.5);
  EXPECT_DOUBLE_EQ(bonds->parameters().contact_penalty, 50.0);
  // The mortar formulation carries the same bonds (lumped areas) and values.
  probes = def.tissue.probes;
  probes.contact = tissue::ProbeContact::SegmentToSegment;
  const auto mortar_built =
      tissue::finite_sliding_interface(mesh, def.tissue.roles, *bonds, probes);
  const auto& mortar = dynamic_cast<const contact::MortarContactSet&>(*mortar_built);
  ASSERT_NE(mortar.bonds(), nullptr);
  EXPECT_NEAR(mortar.bonds()->bonded_area(), bonds->initial_bond_area(),
              1e-12 * bonds->initial_bond_area());
  EXPECT_EQ(mortar.nodes().size(), on.size());
  EXPECT_DOUBLE_EQ(mortar.parameters().friction_coefficient, 0.02);
  EXPECT_DOUBLE_EQ(mortar.parameters().normal_penalty, 50.0);
}

// The gliding probe of a model's initial state, with the given sliding and contact formulation.
tissue::GlidingCurve probe(const std::string& text, tissue::ProbeSliding sliding,
                           tissue::ProbeContact contact = tissue::ProbeContact::NodeToSegment) {
  auto def = load(text);
  def.tissue.probes.sliding = sliding;
  def.tissue.probes.contact = contact;
  fem::MechanicsProblem problem(def.model);
  return tissue::run_gliding_probe(problem, def.tissue, def.newton, registries().linear);
}

// Fully bonded, no friction; the scar models' bond law (K = 0.0228 MPa/mm, strength 0.05 MPa:
// elastic to 2.2 mm of slip). At 0.1 mm both probes load the same bonds elastically: the
// interface elements integrate K over the facets with 2 x 2 Gauss points, the contact set
// lumps it to the nodes. Contact penalty 1 MPa/mm (see docs/metrics.md: at the default 100
// the unloaded, exactly touching surfaces make Newton's active set chatter).
TEST(TissueFiniteGlide, SmallAndFiniteAgreeAtSmallExcursion) {
  TendonModel t;
  t.interface =
      "{adhesion_density: 1.0, friction_coefficient: 0.0, contact_penalty: 1.0, "
      "bond_stiffness: 0.0228, shear_strength: 0.05, normal_strength: 0.05, "
      "mode_I_fracture_energy: 0.1, mode_II_fracture_energy: 0.1}";
  t.tissue = "{probe_force: 5, probe_excursion: 0.1, probe_increments: 1}";
  const auto small = probe(t.text(), tissue::ProbeSliding::Small);
  const auto finite = probe(t.text(), tissue::ProbeSliding::Finite);
  const auto mortar =
      probe(t.text(), tissue::ProbeSliding::Finite, tissue::ProbeContact::SegmentToSegment);
  const Real fs = small.points.back().second, ff = finite.points.back().second;
  const Real fm = mortar.points.back().second;
  std::printf(
      "[ measured ] gliding force at 0.1 mm: small %.6g N, finite %.6g N (%+.2f%%), finite "
      "segment-to-segment %.6g N (%+.2f%%)\n",
      fs, ff, 100.0 * (ff / fs - 1.0), fm, 100.0 * (fm / fs - 1.0));
  EXPECT_GT(fs, 0.01);
  EXPECT_NEAR(ff / fs, 1.0, 0.05);
  EXPECT_NEAR(fm / fs, 1.0, 0.05);
  EXPECT_NEAR(finite.bonded_area, small.bonded_area, 1e-9 * small.bonded_area);
  EXPECT_NEAR(mortar.bonded_area, small.bonded_area, 1e-9 * small.bonded_area);
}

// Bonds broken by a 1 mm slide (onset at tau / K = 0.05 mm, failure at 2 G_c / tau = 0.4 mm)
// dissipate G_c times the bonded area: the contact set's envelope dissipation is exact
// (interface/bond_dissipation.hpp). A stiff sheath (E 500 MPa) makes the slip follow the
// excursion; no friction, so the force is zero once the bonds are gone.
TEST(TissueFiniteGlide, BrokenBondsDissipateFractureEnergyTimesArea) {
  TendonModel t;
  t.interface =
      "{adhesion_density: 1.0, friction_coefficient: 0.0, contact_penalty: 1.0, "
      "bond_stiffness: 1.0, shear_strength: 0.05, normal_strength: 0.05, "
      "mode_I_fracture_energy: 0.01, mode_II_fracture_energy: 0.01}";
  t.tissue = "{probe_force: 5, probe_excursion: 1.0, probe_increments: 10}";
  std::string text = t.text();
  const std::string soft = "{type: neo-hookean, E: 0.5, nu: 0.45}";
  text.replace(text.find(soft), soft.size(), "{type: neo-hookean, E: 500, nu: 0.45}");
  for (auto contact :
       {tissue::ProbeContact::NodeToSegment, tissue::ProbeContact::SegmentToSegment}) {
    const auto curve = probe(text, tissue::ProbeSliding::Finite, contact);
    const Real expected = 0.01 * curve.bonded_area;
    Real peak = 0.0;
    for (const auto& [e, f] : curve.points) peak = std::max(peak, std::abs(f));
    std::printf(
        "[ measured ] finite probe (%s): bond dissipation %.6g mJ, G_c x area %.6g mJ "
        "(%+.3f%%); force at 1 mm %.3g N (peak %.4g N)\n",
        contact == tissue::ProbeContact::NodeToSegment ? "node-to-segment" : "segment-to-segment",
        curve.bond_dissipation, expected, 100.0 * (curve.bond_dissipation / expected - 1.0),
        curve.points.back().second, peak);
    EXPECT_NEAR(curve.bond_dissipation / expected, 1.0, 0.02);
    EXPECT_LT(std::abs(curve.points.back().second), 1e-6 * peak);
  }
}

// No bonds, friction 0.1, nothing presses the tendon on its sheath: the normal force, and so
// the friction force mu N, is zero, and so is the gliding force over a 10 mm slide (four
// facets: the tendon's nodes slide along the sheath's kink lines from facet to facet, and half
// the tendon leaves the sheath past its rim; contact_rim_test.cpp checks both places). The
// probe starts each step from the body translated rigidly, which is the solution here: every
// step converges in one Newton iteration, so steps span 1, 2, 4 and the last 3 increments.
TEST(TissueFiniteGlide, UnbondedUnloadedTendonGlidesFreely) {
  TendonModel t;
  t.interface = "{adhesion_density: 0.0, friction_coefficient: 0.1}";
  t.tissue = "{probe_force: 5, probe_excursion: 10.0, probe_increments: 10}";
  const auto curve = probe(t.text(), tissue::ProbeSliding::Finite);
  ASSERT_EQ(curve.points.size(), 4u);
  const Real reported[] = {1.0, 3.0, 7.0, 10.0};  // mm: increment ends, 1 mm each
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(curve.points[i].first, reported[i], 1e-12) << i;
  for (const auto& [e, f] : curve.points) EXPECT_LT(std::abs(f), 1e-8) << "at " << e << " mm";
  EXPECT_EQ(curve.bonded_area, 0.0);
}

}  // namespace
}  // namespace sinew::testing
