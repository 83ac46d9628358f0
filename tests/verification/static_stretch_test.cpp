// Static stretch through a series muscle (interventions/static_stretch.cpp, LoadCase::
// muscle_stiffness): the loaded end is a rigid plate pulled through a spring k_m whose far end
// is the muscle-tendon unit's (MTU) lengthening. (1) The tendon's force (the clamp's reaction)
// is the spring's, k_m (d - plate displacement). (2) The force-limited stretch reaches its force
// limit. (3) With hgo-visco, holding the joint position makes the force fall and the plate move
// on (the tendon creeps into the muscle spring), monotonically, to the elastic equilibrium of
// the same spring and MTU position, with a time constant between the law's relaxation time tau
// (a rigid series link) and its creep time tau (1 + beta) (no series link): for a linear fibre,
// tau_eff = tau (k_m + k_inf + beta k_inf) / (k_m + k_inf). (4) A force-limited stretch past a
// bonded tendon's limit load holds from the plate position and model time its ramp reached, the
// forces continuous; the hold model keeps the excursion where a stopped ramp left it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "interventions/intervention.hpp"
#include "interventions/load_case_model.hpp"
#include "simulation/session_loop.hpp"
#include "tissue_support.hpp"

namespace sinew::testing {
namespace {

constexpr Real kMuscle = 100.0;  // N/mm
constexpr Real kTau = 5.0, kBeta = 0.4;

model::ModelDefinition tendon(bool visco) {
  TendonModel t;
  t.axial = 4;
  t.tendon_material = visco ? "{type: hgo-visco, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: "
                              "1000.0, tau: 5.0, beta: 0.4}"
                            : "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 1000.0}";
  t.output = "{reactions: [tendon_distal]}";
  return load(t.text());
}

struct Sample {
  Real t, force, plate;  // s, N (tendon, from the clamp), mm
};

// Runs one static stretch session; samples every reported step.
std::vector<Sample> stretch(const model::ModelDefinition& def,
                            const std::map<std::string, Real>& given) {
  interventions::InterventionRegistry registry;
  interventions::register_interventions(registry);
  auto impl =
      registry.create("static_stretch",
                      resolve_parameters(registry.entry("static_stretch").parameters, given));
  interventions::SessionPlan plan{"stretch", "static_stretch", {}, std::move(impl)};
  const auto nodes =
      def.model.mesh.nodes_of_facets(def.model.mesh.facet_set(def.tissue.roles.loaded_end));
  std::vector<Sample> samples;
  simulation::SessionsOptions options;
  options.on_step = [&](const simulation::StepOutput& out, const VecX& u) {
    if (out.reactions.count("tendon_distal") && u.size() > 0)
      samples.push_back({out.record.t, -out.reactions.at("tendon_distal").x(), u[3 * nodes[0]]});
  };
  const auto result = simulation::run_sessions(def, {plan}, registries().linear, options);
  EXPECT_EQ(result.status, "completed") << result.failure;
  return samples;
}

// The sample at model time t (the session's load case runs from t = 0).
Sample at(const std::vector<Sample>& s, Real t) {
  for (const auto& x : s)
    if (std::abs(x.t - t) < 1e-9) return x;
  ADD_FAILURE() << "no sample at t = " << t;
  return {};
}

TEST(StaticStretchSeriesMuscle, TendonForceIsTheSpringForce) {
  const Real d = 0.5;  // mm of MTU lengthening
  const auto s = stretch(tendon(false), {{"elongation", d},
                                         {"muscle_stiffness", kMuscle},
                                         {"hold", 0.0},
                                         {"simulated_repetitions", 1}});
  const Sample end = at(s, 1.0);
  EXPECT_NEAR(end.force, kMuscle * (d - end.plate), 1e-6 * end.force);
  EXPECT_GT(end.plate, 0.05 * d);  // the tendon takes a real share,
  EXPECT_LT(end.plate, 0.95 * d);  // and so does the muscle
  RecordProperty("tendon_force", std::to_string(end.force));
  RecordProperty("tendon_share", std::to_string(end.plate / d));
}

TEST(StaticStretchSeriesMuscle, ForceLimitedStretchReachesItsLimitThenRelaxesThroughTheMuscle) {
  const Real limit = 60.0, hold = 60.0;  // N, s (12 tau)
  const auto s = stretch(tendon(true), {{"force_limit", limit},
                                        {"muscle_stiffness", kMuscle},
                                        {"hold", hold},
                                        {"increments", 24},
                                        {"simulated_repetitions", 1}});
  const Sample top = at(s, 1.0);
  EXPECT_NEAR(top.force, limit, 1e-6 * limit);
  // The hold keeps the MTU position d = plate + limit / k_m: force and plate move together.
  const Real d = top.plate + limit / kMuscle;
  Real last_force = top.force, last_plate = top.plate;
  std::vector<Sample> hold_samples;
  for (const auto& x : s) {
    if (x.t <= 1.0 + 1e-9) continue;
    hold_samples.push_back(x);
    EXPECT_NEAR(x.force, kMuscle * (d - x.plate), 1e-6 * limit) << "t = " << x.t;
    EXPECT_LT(x.force, last_force) << "t = " << x.t;
    EXPECT_GT(x.plate, last_plate) << "t = " << x.t;
    last_force = x.force;
    last_plate = x.plate;
  }
  ASSERT_GE(hold_samples.size(), 20u);
  const Sample end = hold_samples.back();
  EXPECT_LT(end.force, 0.99 * limit);

  // The long-time limit: the elastic equilibrium (hgo, the same equilibrium law) of the same
  // spring pulled to the same MTU position.
  const auto eq = stretch(tendon(false), {{"elongation", d},
                                          {"muscle_stiffness", kMuscle},
                                          {"hold", 0.0},
                                          {"increments", 12},
                                          {"simulated_repetitions", 1}});
  const Real f_inf = at(eq, 1.0).force;
  EXPECT_NEAR(end.force, f_inf, 1e-3 * (limit - f_inf));

  // Time constant of the decay over the first part of the hold, between tau and tau (1 + beta).
  const Sample a = hold_samples[1], b = hold_samples[6];
  const Real tau_eff = (b.t - a.t) / std::log((a.force - f_inf) / (b.force - f_inf));
  EXPECT_GT(tau_eff, kTau);
  EXPECT_LT(tau_eff, kTau * (1.0 + kBeta));
  RecordProperty("relaxed_force", std::to_string(end.force));
  RecordProperty("equilibrium_force", std::to_string(f_inf));
  RecordProperty("tau_eff", std::to_string(tau_eff));
  RecordProperty("creep", std::to_string(end.plate - top.plate));
}

// A tendon held only by its bond to the sheath (strength 0.05 MPa, fracture energy 0.1 N/mm:
// broken by 2 G / tau = 4 mm of slip, no viscosity, no friction; the sheath's outer surface is
// the fixed end): a force limit of 40 N is more than the peeling bond carries, so the ramp ends
// just past its limit load under plate displacement control (simulation/plate_limit.hpp),
// before load-case time 1. No excursion: a force case with one is not rerun past its limit.
model::ModelDefinition bonded_tendon() {
  TendonModel t = sheath_held_tendon(
      "{adhesion_density: 1.0, friction_coefficient: 0.0, bond_stiffness: 0.0228, "
      "normal_strength: 0.05, shear_strength: 0.05, mode_I_fracture_energy: 0.1, "
      "mode_II_fracture_energy: 0.1}");
  t.output = "{reactions: [sheath_outer, tendon_proximal]}";
  return load(t.text());
}

struct StageSample {
  std::string stage;
  // s; N: the plate's force (the loaded end's reaction under plate displacement control) and
  // the fixed end's reaction (bond and bed foundation); mm: the plate's displacement
  Real t, plate_force, fixed_force, plate;
};

bool is_hold(const StageSample& x) {
  return x.stage.size() > 5 && x.stage.compare(x.stage.size() - 5, 5, " hold") == 0;
}

// The hold starts from exactly the state the ramp ended in, also when the ramp stopped past a
// limit load: at the plate position and the model time reached there (not at load-case time
// 1, which would drop the time between as if it had not passed), with the forces continuous.
TEST(StaticStretchBondedBed, HoldAfterALimitLoadStartsFromTheRampsLastState) {
  constexpr int kIncrements = 6;
  constexpr Real kHold = 30.0;
  const auto def = bonded_tendon();
  interventions::InterventionRegistry registry;
  interventions::register_interventions(registry);
  auto impl = registry.create("static_stretch",
                              resolve_parameters(registry.entry("static_stretch").parameters,
                                                 {{"force_limit", 40.0},
                                                  {"hold", kHold},
                                                  {"increments", kIncrements},
                                                  {"repetitions", 1},
                                                  {"simulated_repetitions", 1}}));
  interventions::SessionPlan plan{"stretch", "static_stretch", {}, std::move(impl)};
  const auto nodes =
      def.model.mesh.nodes_of_facets(def.model.mesh.facet_set(def.tissue.roles.loaded_end));
  std::vector<StageSample> samples;
  std::vector<std::string> warnings;
  simulation::SessionsOptions options;
  options.log = LogSink([&](LogLevel level, const std::string& m) {
    if (level == LogLevel::Warning) warnings.push_back(m);
  });
  options.on_step = [&](const simulation::StepOutput& out, const VecX& u) {
    if (out.reactions.count("sheath_outer") && u.size() > 0)
      samples.push_back({out.step, out.record.t, out.reactions.at("tendon_proximal").x(),
                         out.reactions.at("sheath_outer").x(), u[3 * nodes[0]]});
  };
  const auto result = simulation::run_sessions(def, {plan}, registries().linear, options);
  ASSERT_EQ(result.status, "completed") << result.failure;
  ASSERT_EQ(result.sessions.size(), 1u);
  EXPECT_LT(result.sessions[0].limit_load, 40.0);

  const auto first_hold = std::find_if(samples.begin(), samples.end(), is_hold);
  ASSERT_NE(first_hold, samples.end());
  ASSERT_NE(first_hold, samples.begin());
  const StageSample ramp_end = *(first_hold - 1), hold = *first_hold;
  EXPECT_NE(ramp_end.stage.find("plate displacement control"), std::string::npos);
  EXPECT_LT(ramp_end.t, 1.0);  // the ramp stopped part-way
  EXPECT_GT(ramp_end.plate_force, 1.0);
  EXPECT_LT(ramp_end.plate_force, result.sessions[0].limit_load);  // just past the peak
  EXPECT_NEAR(hold.plate_force, ramp_end.plate_force, 1e-6 * ramp_end.plate_force);
  EXPECT_NEAR(hold.fixed_force, ramp_end.fixed_force, 1e-6 * std::abs(ramp_end.fixed_force));
  EXPECT_NEAR(hold.plate, ramp_end.plate, 1e-9);
  // The hold's increments divide the time from the ramp's end to the schedule's end, 1 + hold.
  EXPECT_NEAR(hold.t, ramp_end.t + (1.0 + kHold - ramp_end.t) / kIncrements, 1e-9);
  EXPECT_NEAR(samples.back().t, 1.0 + kHold, 1e-9);
  EXPECT_EQ(std::count_if(samples.begin(), samples.end(), is_hold), kIncrements);
  // No increment of the hold failed (the ramp's own cut-backs come before ramp_end.t).
  for (const auto& w : warnings) {
    const auto at = w.find("step to t = ");
    if (at == std::string::npos) continue;
    EXPECT_LE(std::stod(w.substr(at + 12)), ramp_end.t + 1e-12) << w;
  }
  RecordProperty("limit_load", std::to_string(result.sessions[0].limit_load));
  RecordProperty("ramp_end_time", std::to_string(ramp_end.t));
  RecordProperty("ramp_end_plate_force", std::to_string(ramp_end.plate_force));
  RecordProperty("hold_plate_force", std::to_string(hold.plate_force));
  RecordProperty("ramp_end_fixed_force", std::to_string(ramp_end.fixed_force));
  RecordProperty("hold_fixed_force", std::to_string(hold.fixed_force));
}

// The hold model of a ramp stopped at load-case time 0.4 (past a limit load) keeps the fixed
// end where the excursion had taken it then, 0.4 x 6 mm, for the whole hold; a complete ramp's
// hold keeps the full 6 mm.
TEST(StaticStretchBondedBed, HoldModelKeepsTheExcursionReached) {
  const auto def = bonded_tendon();
  const auto frame = interventions::loading_frame(def.model, def.tissue, 0.01);
  interventions::LoadCase c;
  c.axial_force = 40.0;
  c.hold_position = true;
  c.excursion = -6.0;
  c.hold = 30.0;
  const Real t0 = 2.0;
  const VecX u = VecX::Zero(3 * def.model.mesh.n_nodes());
  const auto fixed_end_x = [&](const fem::Model& m, Real t) {
    for (const auto& d : m.displacements)
      if (d.set_name == def.tissue.roles.fixed_end && d.component == 0)
        return d.curve < 0 ? d.value : d.value * m.curves[d.curve](t);
    return std::nan("");
  };
  const auto stopped = interventions::hold_model(def.model, def.tissue, frame, c, t0, u, 0.4);
  for (Real s : {0.4, 1.0, 31.0}) EXPECT_NEAR(fixed_end_x(stopped, t0 + s), -2.4, 1e-12) << s;
  const auto complete = interventions::hold_model(def.model, def.tissue, frame, c, t0, u);
  for (Real s : {1.0, 31.0}) EXPECT_NEAR(fixed_end_x(complete, t0 + s), -6.0, 1e-12) << s;
}

}  // namespace
}  // namespace sinew::testing
