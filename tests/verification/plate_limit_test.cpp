// Limit load of a force-controlled rigid-plate end (simulation/plate_limit.hpp). A load case
// asking for more than the model carries completes the arm instead of failing it and reports a
// limit load within 2% of the peak of an independent, finely stepped displacement-controlled
// run: (1) a tendon pulled out of its sheath by peeling a cohesive bond, a softening that plate
// displacement control follows past the peak; (2) a tendon whose fibres damage (HGO, damage
// from fibre stretch 1.06, full at 1.15) over a soft matrix, where force and displacement
// control both stop converging at the peak (the softening continuum localises).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "interventions/intervention.hpp"
#include "pull_intervention.hpp"
#include "simulation/session_driver.hpp"
#include "simulation/session_loop.hpp"
#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// Plate-limit pulls: a few force increments, then the limit-load rerun.
constexpr int kIncrements = 4;

// A stiff tendon held only by its bond to the sheath (bond strength 0.05 MPa, fracture energy
// 0.01 N/mm; the sheath's outer surface is the fixed end): pulling it out peels the bond, a
// softening the plate's displacement control follows past the peak.
model::ModelDefinition bonded_tendon() {
  return load(sheath_held_tendon(
                  "{adhesion_density: 1.0, friction_coefficient: 0.0, normal_strength: 0.05, "
                  "shear_strength: 0.05, mode_I_fracture_energy: 0.01, "
                  "mode_II_fracture_energy: 0.01}")
                  .text());
}

model::ModelDefinition damaging_tendon() {
  TendonModel t;
  t.axial = 4;
  t.tendon_material =
      "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0, damage_onset_stretch: "
      "1.06, damage_full_stretch: 1.15}";
  return load(t.text());
}

// The peak plate force of a displacement-controlled pull of the loaded end to 3 mm (stretch
// 1.15) in 200 steps. The run passes the peak, or stops converging at it: the softening fibres
// of the continuum localise there. When it stops, the force must have turned over (its last
// value below the largest: a step past the peak converged, as where the localisation snaps the
// force down) or its last increment must have shrunk to under 25% of the largest (the curve is
// flattening out): this is its peak, not a failure on the way up. Which of the two happens
// depends on round-off (the BLAS kernels of the machine).
Real displacement_controlled_peak(const model::ModelDefinition& def, Real travel = 3.0) {
  auto model = std::make_shared<fem::Model>(fem::unloaded_copy(def.model));
  for (int c = 0; c < 3; ++c)
    model->displacements.push_back({"fixed", model->mesh.node_set(def.tissue.roles.fixed_end), c,
                                    0.0, -1});
  model->foundations.push_back({"bed", model->mesh.facet_set(def.tissue.roles.bed_support), 0.01});
  const auto nodes =
      model->mesh.nodes_of_facets(model->mesh.facet_set(def.tissue.roles.loaded_end));
  model->plates.push_back({"end", nodes, 0, true, travel, 0});
  simulation::SessionDriver driver(def, registries().linear);
  simulation::Stage stage{"pull", model, {}, false, {}};
  stage.stepping.increments = 200;
  std::vector<Real> force{0.0};
  stage.until = [&](const simulation::StepOutput&, const VecX&) {
    const VecX r = driver.residual();
    Real f = 0.0;
    for (Index n : nodes) f += r[3 * n];
    force.push_back(f);
    return f < 0.9 * *std::max_element(force.begin(), force.end());  // well past the peak
  };
  const auto result = driver.run_stage(stage);
  const Real peak = *std::max_element(force.begin(), force.end());
  if (!result.completed) {
    if (force.size() < 4) {
      ADD_FAILURE() << "stopped after " << force.size() - 1 << " steps: " << result.failure;
      return peak;
    }
    const size_t n = force.size();
    Real steepest = 0.0;
    for (size_t i = 1; i < n; ++i) steepest = std::max(steepest, force[i] - force[i - 1]);
    const bool turned_over = force[n - 1] < peak;
    const bool flattening = std::abs(force[n - 1] - force[n - 2]) < 0.25 * steepest;
    EXPECT_TRUE(turned_over || flattening)
        << "last increments " << force[n - 2] - force[n - 3] << ", " << force[n - 1] - force[n - 2]
        << " N, steepest " << steepest << " N: " << result.failure;
  }
  return peak;
}

TEST(PlateLimitLoad, ForceBeyondCapacityReportsThePeakAndCompletesTheArm) {
  const model::ModelDefinition def = damaging_tendon();
  const Real reference = displacement_controlled_peak(def);
  EXPECT_GT(reference, 200.0);  // N: fibres of ~12 mm^2 at ~50 MPa
  EXPECT_LT(reference, 2000.0);

  interventions::SessionPlan plan{
      "overload", "pull", {}, std::make_shared<Pull>(2000.0, kIncrements)};
  simulation::SessionsOptions options;
  const auto out = simulation::run_sessions(def, {plan}, registries().linear, options);
  ASSERT_EQ(out.status, "completed") << out.failure;
  ASSERT_EQ(out.sessions.size(), 1u);
  const Real limit = out.sessions[0].limit_load;
  ASSERT_FALSE(std::isnan(limit));
  EXPECT_NEAR(limit, reference, 0.02 * reference);
  RecordProperty("limit_load", std::to_string(limit));
  RecordProperty("displacement_controlled_peak", std::to_string(reference));
}

TEST(PlateLimitLoad, PeelingBondIsFollowedPastItsPeak) {
  const model::ModelDefinition def = bonded_tendon();
  const Real reference = displacement_controlled_peak(def, 1.0);
  interventions::SessionPlan plan{
      "overload", "pull", {}, std::make_shared<Pull>(100.0, kIncrements)};
  const auto out = simulation::run_sessions(def, {plan}, registries().linear, {});
  ASSERT_EQ(out.status, "completed") << out.failure;
  const Real limit = out.sessions[0].limit_load;
  ASSERT_FALSE(std::isnan(limit));
  EXPECT_NEAR(limit, reference, 0.02 * reference);
  RecordProperty("bond_limit_load", std::to_string(limit));
  RecordProperty("bond_displacement_controlled_peak", std::to_string(reference));
}

TEST(PlateLimitLoad, ForceWithinCapacityHasNoLimitLoad) {
  const model::ModelDefinition def = damaging_tendon();
  interventions::SessionPlan plan{"pull", "pull", {}, std::make_shared<Pull>(100.0, kIncrements)};
  const auto out = simulation::run_sessions(def, {plan}, registries().linear, {});
  ASSERT_EQ(out.status, "completed") << out.failure;
  EXPECT_TRUE(std::isnan(out.sessions[0].limit_load));
}

}  // namespace
}  // namespace sinew::testing
