// The finite-sliding gliding probe's interface (tissue.probe_sliding: finite): the key is read,
// and the node-to-segment contact that stands in for the interface elements carries the
// interface's bonds with the same bonded area (the nodal density is a lumped projection of the
// interface's intact density, exact for a uniform density) and its contact and friction values.
#include <gtest/gtest.h>

#include <cmath>

#include "tissue/finite_glide.hpp"
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

  const auto contact =
      tissue::finite_sliding_interface(mesh, def.tissue.roles, *bonds, def.tissue.probes.excursion);
  EXPECT_NEAR(contact->bonded_area(), bonds->initial_bond_area(),
              1e-12 * bonds->initial_bond_area());
  EXPECT_EQ(contact->nodes().size(), on.size());
  EXPECT_DOUBLE_EQ(contact->parameters().friction_coefficient, 0.02);
  EXPECT_DOUBLE_EQ(contact->parameters().normal_penalty, 50.0);
  EXPECT_DOUBLE_EQ(contact->parameters().tangential_penalty, 2.0);
  EXPECT_DOUBLE_EQ(contact->intact_fraction(), 1.0);
}

}  // namespace
}  // namespace sinew::testing
