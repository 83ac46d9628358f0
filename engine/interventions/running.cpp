// Running bout: the tendon force of the stance phase, as a multiple of body weight, applied as
// peak load cases; the number of loading cycles (one per step of that leg) is recorded.
//
// Peak Achilles force 8.2-10.1 body weights when running (Reiter et al. 2024, MSSE,
// shear-wave tensiometry); earlier estimates 3.06-4.64 kN (summary in Sci Rep 2021). The default
// 6 BW (4.1 kN at 70 kg) lies between them. Cadence 166-178 steps/min in recreational runners
// (Thakkar et al. 2019, MSSE 51:1444); each leg loads once per two steps.
//
// `excursion`: the tendon slides distally relative to its bed while the force rises, as the ankle
// dorsiflexes in stance (excursion ~ moment arm x ankle rotation, e.g. 45 mm x 13 deg ~ 10 mm;
// Achilles moment arm 41-48 mm, Obst et al. 2017). 0 (the default) loads by force alone.
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class Running final : public Intervention {
 public:
  explicit Running(const ParameterSet& p)
      : mass_(p["body_mass"]),
        multiple_(p["force_multiple"]),
        cadence_(p["cadence"]),
        minutes_(p["duration"]),
        excursion_(p["excursion"]),
        simulated_(as_int(p["simulated_cycles"])),
        increments_(as_int(p["increments"])) {}

  Real peak_force() const { return mass_ * kGravity * multiple_; }

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    c.axial_force = peak_force();
    c.excursion = -excursion_;  // distally: toward the fixed (calcaneal) end, with the force
    return repeated(c, "stance peak", simulated_, cycles());
  }
  std::int64_t cycles() const override {
    // Steps per minute count both legs: one loading cycle of this tendon per two steps.
    return std::max<std::int64_t>(simulated_, std::llround(cadence_ * minutes_ / 2.0));
  }
  std::string summary() const override {
    const std::string glide = excursion_ > 0.0 ? fmt::format(", {:g} mm excursion", excursion_)
                                               : std::string();
    return fmt::format("{:g} min at {:g} steps/min, peak {:.0f} N ({:g} BW){}", minutes_, cadence_,
                       peak_force(), multiple_, glide);
  }
  Evidence evidence() const override {
    return {"moderate (loading helps; n = 38)",
            "Continued pain-monitored running and jumping did no harm compared with rest in "
            "Achilles tendinopathy (VISA-A 57 -> 85 active vs 57 -> 91 rest, n.s.; Silbernagel "
            "et al. 2007, Am J Sports Med 35:897). Peak Achilles force while running is 8.2-10.1 "
            "body weights (Reiter et al. 2024, MSSE)."};
  }

 private:
  Real mass_, multiple_, cadence_, minutes_, excursion_;
  int simulated_, increments_;
};

}  // namespace

void add_running(InterventionRegistry& r) {
  r.add("running", [](const ParameterSet& p) { return std::make_unique<Running>(p); },
        "running bout: peak stance tendon force, cycle count from cadence x duration",
        {positive("body_mass", "kg", "runner's body mass", 70.0, 300.0),
         positive("force_multiple", "BW", "peak tendon force in body weights", 6.0, 15.0),
         positive("cadence", "steps/min", "step frequency (both legs)", 170.0, 300.0),
         positive("duration", "min", "running time", 30.0, 1440.0),
         quantity("excursion", "mm",
                  "tendon excursion relative to its bed during stance, with the force (0: force "
                  "only)",
                  0.0, 0.0, 50.0),
         count("simulated_cycles", "peak load cases solved (damage follows the peak)", 1, 1, 20),
         count("increments", "load increments per load case", 8, 1, 200)},
        {{"cadence", 180}, {"duration", 20}, {"simulated_cycles", 3}});
}

}  // namespace sinew::interventions
