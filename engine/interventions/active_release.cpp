// Active Release Technique (ART): a thumb presses a patch of skin over the scar and holds it
// (the patch grips the bed by friction, at most grip_friction x the thumb force along the axis)
// while the tendon is moved from shortened to lengthened beneath it. Mechanical hypothesis: the
// held bed concentrates the relative sliding at the scar adhesion and breaks bonds there.
//
// Load case: the thumb force ramps up over the first 30% while the tendon moves to -excursion/2
// (shortened); then the tendon slides to +excursion/2 (lengthened) under the held patch.
// Default force 50 N on 15 x 15 mm: the 227 kPa mean deep-friction pressure of 40
// physiotherapists (Appl Sci 2020 10:2705) over the patch [D]. ~30 passes per session
// (NCT07078513). Grip friction 1.0: skin friction coefficients are ~0.5 for dry skin and
// typically > 1 for moist skin (review of the measured data: Derler & Gerhardt 2012, Tribol Lett
// 45:1); a thumb pad held on skin is taken between the two, range 0.5-1.5 [assumed].
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class ActiveRelease final : public Intervention {
 public:
  explicit ActiveRelease(const ParameterSet& p)
      : force_(p["thumb_force"]),
        length_(p["contact_length"]),
        width_(p["contact_width"]),
        excursion_(p["excursion"]),
        offset_(p["position"]),
        grip_(p["grip_friction"]),
        passes_(as_int(p["passes"])),
        simulated_(as_int(p["simulated_passes"])),
        increments_(as_int(p["increments"])) {}

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    c.excursion = excursion_;
    // -1/2 (shortened) at s = 0.3, +1/2 (lengthened) at s = 1.
    c.excursion_profile = Profile{{{0.0, 0.0}, {0.3, -0.5}, {1.0, 0.5}}};
    PatchLoad patch;
    patch.force = force_;
    patch.force_profile = ramp(0.0, 0.3);
    patch.length = length_;
    patch.width = width_;
    patch.start = patch.end = offset_;
    patch.grip_friction = grip_;
    c.patch = patch;
    return repeated(c, "pass", simulated_, cycles());
  }
  std::int64_t cycles() const override { return std::max(passes_, simulated_); }
  std::string summary() const override {
    return fmt::format(
        "{} passes, {:g} N thumb on {:g} x {:g} mm (grip mu {:g}), {:g} mm excursion", passes_,
        force_, length_, width_, grip_, excursion_);
  }
  Evidence evidence() const override {
    return {"very weak for running injuries",
            "One uncontrolled pilot (n = 20 healthy men) reported sit-and-reach gains after one "
            "session (George et al. 2006, JMPT 29:224); a critically appraised topic gives Level "
            "B only for acute hamstring extensibility (J Sport Rehabil 2024 33:202); head-to-head "
            "trials find it no better than other soft-tissue work; plantar fasciitis trials are "
            "small, without sham. That ART breaks adhesions is a mechanical hypothesis, not a "
            "finding."};
  }

 private:
  Real force_, length_, width_, excursion_, offset_, grip_;
  int passes_, simulated_, increments_;
};

}  // namespace

void add_active_release(InterventionRegistry& r) {
  r.add(
      "active_release", [](const ParameterSet& p) { return std::make_unique<ActiveRelease>(p); },
      "Active Release Technique: thumb patch gripping the skin over the scar, tendon slides beneath",
      {positive("thumb_force", "N", "normal force of the thumb", 50.0, 500.0),
       positive("contact_length", "mm", "patch length along the tendon", 15.0, 200.0),
       positive("contact_width", "mm", "patch width across the tendon", 15.0, 200.0),
       positive("excursion", "mm", "tendon travel from shortened to lengthened", 1.0, 50.0),
       quantity("position", "mm", "patch centre along the axis, from the scar centre", 0.0, -1000.0,
                1000.0),
       positive("grip_friction", "1",
                "friction coefficient of the thumb's grip on the skin (holds <= mu x force)", 1.0,
                5.0),
       count("passes", "passes per session (recorded)", 30, 1, 10000),
       count("simulated_passes", "load cases solved", 1, 1, 20),
       count("increments", "load increments per load case", 10, 2, 200)},
      {{"passes", 12}, {"simulated_passes", 3}});
}

}  // namespace sinew::interventions
