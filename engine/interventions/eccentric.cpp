// Eccentric heel drops (Alfredson protocol): sets x repetitions at a peak tendon force while the
// tendon lengthens. A load case ramps the force to its peak over the first half, then slides the
// tendon distally by `lengthening` relative to its bed under that force (the heel drops into
// dorsiflexion).
//
// Protocol 3 sets x 15 reps (Alfredson et al. 1998, Am J Sports Med 26:360). Quasi-static
// Achilles force ~ body weight x ankle-forefoot lever / moment arm ~ 2-3 BW per leg [D]; knee
// flexion does not change the peak (Weinert-Aplin et al. 2015). The lengthening is the tendon's
// joint-driven excursion, about moment arm x ankle rotation (41-48 mm, Obst et al. 2017: 10 mm
// ~ 13 deg); axial gliding of a straight tendon is exact with the small-sliding interface
// (docs/theory.md, Small-sliding limit).
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class Eccentric final : public Intervention {
 public:
  explicit Eccentric(const ParameterSet& p)
      : mass_(p["body_mass"]),
        multiple_(p["force_multiple"]),
        sets_(as_int(p["sets"])),
        reps_(as_int(p["repetitions"])),
        lengthening_(p["lengthening"]),
        simulated_(as_int(p["simulated_repetitions"])),
        increments_(as_int(p["increments"])) {}

  Real peak_force() const { return mass_ * kGravity * multiple_; }

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    c.axial_force = peak_force();
    c.force_profile = ramp(0.0, 0.5);
    c.excursion = -lengthening_;  // distally: toward the fixed (calcaneal) end
    c.excursion_profile = ramp(0.5, 1.0);
    return repeated(c, "heel drop", simulated_, cycles());
  }
  std::int64_t cycles() const override {
    return std::max<std::int64_t>(simulated_, static_cast<std::int64_t>(sets_) * reps_);
  }
  std::string summary() const override {
    return fmt::format("{} x {} heel drops at {:.0f} N ({:g} BW), {:g} mm lengthening", sets_,
                       reps_, peak_force(), multiple_, lengthening_);
  }
  Evidence evidence() const override {
    return {"moderate that loading helps; weak that eccentric matters",
            "15/15 recreational athletes back to running at 12 weeks, uncontrolled (Alfredson "
            "1998); 89% satisfactory in mid-portion vs 32% insertional (Fahlstrom et al. 2003, "
            "KSSTA 11:327); 9 RCTs, 1 of adequate quality (Kingma et al. 2007, BJSM 41:e1); up "
            "to 45% non-responders and eccentric not superior to other loading (Malliaras et "
            "al. 2013, Sports Med 43:267)."};
  }

 private:
  Real mass_, multiple_;
  int sets_, reps_;
  Real lengthening_;
  int simulated_, increments_;
};

}  // namespace

void add_eccentric(InterventionRegistry& r) {
  r.add("eccentric", [](const ParameterSet& p) { return std::make_unique<Eccentric>(p); },
        "eccentric heel drops: peak force, then tendon lengthening under it",
        {positive("body_mass", "kg", "body mass", 70.0, 300.0),
         positive("force_multiple", "BW", "peak tendon force in body weights", 2.5, 15.0),
         count("sets", "sets per session", 3, 1, 100),
         count("repetitions", "repetitions per set", 15, 1, 1000),
         quantity("lengthening", "mm", "tendon excursion relative to its bed under the peak force",
                  1.0, 0.0, 50.0),
         count("simulated_repetitions", "load cases solved (damage follows the peak)", 1, 1, 20),
         count("increments", "load increments per load case", 8, 1, 200)},
        {{"sets", 2}, {"repetitions", 12}, {"simulated_repetitions", 2}});
}

}  // namespace sinew::interventions
