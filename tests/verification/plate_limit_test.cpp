// Limit load of a force-controlled rigid-plate end (simulation/plate_limit.hpp): a tendon whose
// fibres damage (HGO, damage from fibre stretch 1.06, full at 1.15) over a soft matrix has a
// peak axial force. A load case asking for more than that completes the arm instead of failing
// it, and reports as its limit load the peak of the displacement-controlled force curve, within
// 2% of the peak of an independent, finely stepped displacement-controlled run.
#include <gtest/gtest.h>

#include <cmath>

#include "interventions/intervention.hpp"
#include "simulation/session_driver.hpp"
#include "simulation/session_loop.hpp"
#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

// One force-controlled load case of `force` N.
class Pull final : public interventions::Intervention {
 public:
  explicit Pull(Real force) : force_(force) {}
  std::vector<interventions::LoadCase> load_cases() const override {
    interventions::LoadCase c;
    c.name = "pull";
    c.increments = 4;
    c.axial_force = force_;
    return {c};
  }
  std::int64_t cycles() const override { return 1; }
  std::string summary() const override { return "pull"; }
  interventions::Evidence evidence() const override { return {}; }

 private:
  Real force_;
};

model::ModelDefinition damaging_tendon() {
  TendonModel t;
  t.axial = 4;
  t.tendon_material =
      "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0, damage_onset_stretch: "
      "1.06, damage_full_stretch: 1.15}";
  return load(t.text());
}

// The peak plate force of a displacement-controlled pull of the loaded end to 3 mm (stretch
// 1.15) in 300 steps.
Real displacement_controlled_peak(const model::ModelDefinition& def) {
  auto model = std::make_shared<fem::Model>(fem::unloaded_copy(def.model));
  for (int c = 0; c < 3; ++c)
    model->displacements.push_back({"fixed", model->mesh.node_set(def.tissue.roles.fixed_end), c,
                                    0.0, -1});
  model->foundations.push_back({"bed", model->mesh.facet_set(def.tissue.roles.bed_support), 0.01});
  const auto nodes =
      model->mesh.nodes_of_facets(model->mesh.facet_set(def.tissue.roles.loaded_end));
  model->plates.push_back({"end", nodes, 0, true, 3.0, 0});
  simulation::SessionDriver driver(def, registries().linear);
  simulation::Stage stage{"pull", model, {}, false, {}};
  stage.stepping.increments = 300;
  Real peak = 0.0;
  stage.until = [&](const simulation::StepOutput&, const VecX&) {
    const VecX r = driver.residual();
    Real f = 0.0;
    for (Index n : nodes) f += r[3 * n];
    peak = std::max(peak, f);
    return f < 0.9 * peak;  // well past the peak
  };
  const auto result = driver.run_stage(stage);
  EXPECT_TRUE(result.completed) << result.failure;
  return peak;
}

TEST(PlateLimitLoad, ForceBeyondCapacityReportsThePeakAndCompletesTheArm) {
  const model::ModelDefinition def = damaging_tendon();
  const Real reference = displacement_controlled_peak(def);
  EXPECT_GT(reference, 200.0);  // N: fibres of ~12 mm^2 at ~50 MPa
  EXPECT_LT(reference, 2000.0);

  interventions::SessionPlan plan{"overload", "pull", {}, std::make_shared<Pull>(2000.0)};
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

TEST(PlateLimitLoad, ForceWithinCapacityHasNoLimitLoad) {
  const model::ModelDefinition def = damaging_tendon();
  interventions::SessionPlan plan{"pull", "pull", {}, std::make_shared<Pull>(100.0)};
  const auto out = simulation::run_sessions(def, {plan}, registries().linear, {});
  ASSERT_EQ(out.status, "completed") << out.failure;
  EXPECT_TRUE(std::isnan(out.sessions[0].limit_load));
}

}  // namespace
}  // namespace sinew::testing
