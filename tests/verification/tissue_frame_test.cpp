// Verifies that the tissue metrics do not depend on how the model is oriented in space: a
// tendon-sheath model rotated rigidly (mesh, fibres, interface, tissue axis) gives the same
// numbers as the original.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include <Eigen/Geometry>

#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// Rotates a loaded tendon-sheath model by Q: node positions, per-point fibre directions, the
// interface (rebuilt on the rotated mesh with the same pairs, parameters and per-point bond
// densities) and the tissue axis. Scar fractions and every other per-point scalar are unchanged.
void rotate_model(model::ModelDefinition& def, const Mat3& Q) {
  auto& model = def.model;
  for (auto& X : model.mesh.points) X = Q * X;
  for (auto& f : model.point_fields) f.fibre = Q * f.fibre;
  for (auto& coupling : model.couplings) {
    const auto* set = dynamic_cast<const interface::InterfaceSet*>(coupling.get());
    ASSERT_NE(set, nullptr);
    std::vector<Real> rho;
    for (const auto& p : set->point_info()) rho.push_back(p.rho);
    coupling = std::make_shared<interface::InterfaceSet>(model.mesh, set->pairs(),
                                                         set->parameters(), std::move(rho),
                                                         interface::RhoLayout::PerGaussPoint);
  }
  def.tissue.roles.axis = Q * def.tissue.roles.axis;
}

// A short tendon with a scar that adheres to the sheath, so that both probes have something to
// measure (stiffness and scar strains; gliding against the scar's bonds, which stay intact over
// the 0.05 mm excursion).
TendonModel scarred_tendon() {
  TendonModel t;
  t.length = 10.0;
  t.axial = 5;
  t.scars =
      "[{name: lesion, shape: ellipsoid, centre: [5, 0, 0.5], semi_axes: [2.5, 1.2, 1.2], "
      "falloff: 1.0, fibre_stiffness_ratio: 0.5, dispersion: 0.1, adhesion_density: 1.0}]";
  t.interface =
      "{adhesion_density: 0.0, friction_coefficient: 0.0, normal_strength: 10.0, "
      "shear_strength: 10.0, mode_I_fracture_energy: 10.0, mode_II_fracture_energy: 10.0}";
  // The rigid-plate end moves along a coordinate direction only: the rotated model (an oblique
  // axis) is probed with the traction end, and so is the original it is compared with.
  t.tissue = "{probe_force: 20, probe_excursion: 0.05, end_condition: traction}";
  return t;
}

TEST(TissueFrame, RotatedModelGivesTheSameMetrics) {
  const auto original = initial_metrics(load(scarred_tendon().text()));
  auto rotated = load(scarred_tendon().text());
  // A rotation about an oblique axis: the tendon axis becomes a direction with no zero
  // component, so no probe can rely on it being a coordinate axis.
  const Mat3 Q = Eigen::AngleAxis<Real>(0.7, Vec3(1.0, 2.0, 3.0).normalized()).toRotationMatrix();
  rotate_model(rotated, Q);
  const auto turned = initial_metrics(rotated);
  for (int k = 0; k < tissue::kMetricCount; ++k) {
    const auto name = tissue::metric_table()[k].name;
    if (std::isnan(original[k])) {
      EXPECT_TRUE(std::isnan(turned[k])) << name;
      continue;
    }
    EXPECT_NEAR(turned[k], original[k], 1e-6 * std::abs(original[k]) + 1e-12)
        << name << ": rotated " << turned[k] << ", original " << original[k];
    std::printf("[ measured ] %s: original %.9g, rotated %.9g\n", std::string(name).c_str(),
                original[k], turned[k]);
  }
  EXPECT_GT(original[tissue::kGlidingResistance], 0.01);  // N: the bonds resist
}

}  // namespace
}  // namespace sinew::testing
