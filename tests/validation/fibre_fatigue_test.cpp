// Validation of the fibre fatigue law (materials/fibre_fatigue.hpp): (1) the S-N line of
// Schechtman & Bader 1997 reproduced by a material point of the tendon hgo law driven to a peak
// fibre stress and cycled to failure; (2) the in-vivo negative control of Peltonen et al. 2010,
// hops that leave the Achilles tendon's stiffness unchanged, on the healthy Achilles model with
// fatigue switched on. (2) is open: the in-vitro line without repair breaks the fibres.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "achilles_models.hpp"
#include "interventions/intervention.hpp"
#include "materials/fibre_fatigue.hpp"
#include "materials/hgo.hpp"
#include "simulation/session_loop.hpp"

namespace sinew::testing {
namespace {

constexpr Real kUts = 100.0;  // MPa (Schechtman & Bader 1997, EDL tendons)

// The paper's median line: N_f = 10^((101.3 - S) / 14.8), S in % of the UTS.
Real line_cycles(Real stress) { return std::pow(10.0, (101.3 - 100.0 * stress / kUts) / 14.8); }

// Material-point driver: the tendon hgo law (shipped defaults, fatigue_uts = 100 MPa) stretched
// along its fibre (isochoric) until its nominal fibre stress is `stress`, that peak committed,
// then cycled: the smallest whole number of cycles that takes the Miner damage to 1.
std::int64_t model_cycles_to_failure(Real stress) {
  const materials::Hgo law(resolve_parameters(materials::Hgo::parameter_specs(),
                                              {{materials::FibreFatigue::kUtsKey, kUts}}));
  materials::PointFields p = law.default_fields();
  materials::initialise_state(law, p);
  auto uniaxial = [](Real l) { return Mat3(Vec3(l * l, 1.0 / l, 1.0 / l).asDiagonal()); };
  Real lo = 1.0, hi = 1.3;
  for (int i = 0; i < 200; ++i) {
    const Real mid = 0.5 * (lo + hi);
    (law.fibre_stress(uniaxial(mid), p) < stress ? lo : hi) = mid;
  }
  law.update_state(uniaxial(0.5 * (lo + hi)), p);
  EXPECT_NEAR(p.state[materials::FibreFatigue::kPeakSlot], stress, 1e-9 * stress);
  auto broken = [&](std::int64_t n) {
    materials::PointFields q = p;
    law.apply_cycles(n, q);
    return q.state[materials::FibreFatigue::kDamageSlot] >= 1.0;
  };
  std::int64_t a = 0, b = 1;  // broken(a) false, broken(b) true
  while (!broken(b)) b *= 2;
  while (b - a > 1) (broken((a + b) / 2) ? b : a) = (a + b) / 2;
  return b;
}

TEST(Validation, FatigueSnLineSchechtmanBader1997) {
  std::vector<Real> levels{90.0, 60.0, 30.0}, model, line;  // MPa: 90, 60, 30% of the UTS
  Real worst = 0.0;                                         // decades
  for (Real s : levels) {
    const auto n = static_cast<Real>(model_cycles_to_failure(s));
    model.push_back(n);
    line.push_back(line_cycles(s));
    worst = std::max(worst, std::abs(std::log10(n / line_cycles(s))));
    std::printf("[ measured ] %.0f MPa: %.0f cycles to failure (line %.1f)\n", s, n,
                line_cycles(s));
  }
  CaseRecord c;
  c.id = "fatigue-sn-line";
  c.title = "Fibre fatigue: cycles to failure at 30, 60, 90% UTS (material point)";
  c.source = "Schechtman & Bader 1997";
  c.quantity = "largest |log10(N_model / N_line)|";
  c.unit = "decades";
  c.expected = "on the median line S = 101.3 - 14.8 log10 N";
  c.model = worst;
  // The model is the median line by construction; whole cycles round N_f up by < 1 cycle.
  c.pass = worst < 0.1;
  c.note = "hgo tendon defaults, fatigue_uts 100 MPa; Miner damage 1 = failure";
  c.series = {{"stress_MPa", levels}, {"model_cycles", model}, {"line_cycles", line}};
  write_record(c);
  EXPECT_LT(worst, 0.1);  // 5.8 cycles at 90% rounds to 6: 0.014 decades
}

// Hops of the Peltonen et al. 2010 protocol as one force-controlled load case standing for
// `hops` cycles at the tendon force of a maximal contraction (the paper's 3.5 kN).
class Hops final : public interventions::Intervention {
 public:
  explicit Hops(std::int64_t hops) : hops_(hops) {}
  std::vector<interventions::LoadCase> load_cases() const override {
    interventions::LoadCase c;
    c.name = "hops";
    c.increments = 10;
    c.axial_force = 3500.0;
    c.cycles = hops_;
    return {c};
  }
  std::int64_t cycles() const override { return hops_; }
  std::string summary() const override { return "hops"; }
  interventions::Evidence evidence() const override { return {}; }

 private:
  std::int64_t hops_;
};

// Peltonen et al. 2010 (J Exp Biol 213:1259): 1,150-2,600 two-legged hops left the Achilles
// tendon's stiffness unchanged (430 +- 200 vs 390 +- 190 N/mm, n.s.); taken here as a change
// below 2%. The healthy model (coarse mesh) with fatigue_uts = 100 MPa carries 1,150 cycles at
// 3.5 kN (61 MPa nominal on 57 mm^2: N_f ~ 500 on the in-vitro line) and is probed (500 N)
// before and after. The line has no repair, so the fibres break: the case is open
// (docs/validation.md). The test asserts that documented behaviour: a loss well over 2%.
TEST(Validation, FatigueHopsPeltonen2010) {
  const std::int64_t hops = 1150;
  auto text = coarse_achilles("achilles-healthy", 3500.0, 10);
  text = substitute(text, R"(k: 1000\.0)", "k: 1000.0\n    fatigue_uts: 100.0");
  const auto def = load(text);
  interventions::SessionPlan plan{"hops", "hops", {}, std::make_shared<Hops>(hops)};
  const auto out = simulation::run_sessions(def, {plan}, registries().linear, {});
  ASSERT_EQ(out.status, "completed") << out.failure;
  ASSERT_EQ(out.probes.size(), 2u);
  const Real before = out.probes[0].values[tissue::kStiffness];
  const Real after = out.probes[1].values[tissue::kStiffness];
  ASSERT_TRUE(std::isfinite(before));
  // A probe on fully fatigued fibres does not converge (NaN: the matrix alone cannot carry the
  // 500 N): the stiffness is then lost, recorded as 0.
  const Real change = std::isfinite(after) ? after / before - 1.0 : -1.0;
  std::printf("[ measured ] stiffness %.1f -> %.1f N/mm after %lld hops at 3.5 kN (%.1f%%)\n",
              before, after, static_cast<long long>(hops), 100.0 * change);
  CaseRecord c;
  c.id = "fatigue-hops-stiffness";
  c.title = "Fibre fatigue on: Achilles stiffness after 1,150 hops at 3.5 kN (healthy model)";
  c.source = "Peltonen et al. 2010";
  c.quantity = "stiffness change";
  c.unit = "%";
  c.mean = 0.0;
  c.spread = 2.0;
  c.model = 100.0 * change;
  c.pass = c.within();
  c.note = "fatigue_uts 100 MPa; probe at 500 N before and after one 3.5 kN load case";
  c.series = {{"stiffness_N_per_mm", {before, std::isfinite(after) ? after : 0.0}}};
  write_record(c);
  EXPECT_LT(change, -0.02);  // open: the in-vitro line breaks the fibres
  RecordProperty("stiffness_before", std::to_string(before));
  RecordProperty("stiffness_after", std::to_string(after));
}

}  // namespace
}  // namespace sinew::testing
