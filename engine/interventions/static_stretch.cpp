// Static stretch: the tendon (or fascia) is elongated by a prescribed amount and held. The hold
// is a time interval of the load case (LoadCase::hold) in which the elongation stays: a
// viscoelastic law (hgo-visco) relaxes during it, an elastic one is unchanged.
//
// 30 s holds are as effective for range of motion as 60 s (Bandy et al. 1997, Phys Ther
// 77:1090); gains are mostly stretch tolerance (PMC7690681). The default elongation of 1 mm
// (2% of a 50 mm segment) is an assumption [D]; the IT band lengthens only ~2 mm (Falvey 2010).
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class StaticStretch final : public Intervention {
 public:
  explicit StaticStretch(const ParameterSet& p)
      : elongation_(p["elongation"]),
        hold_(p["hold"]),
        reps_(as_int(p["repetitions"])),
        simulated_(as_int(p["simulated_repetitions"])),
        increments_(as_int(p["increments"])) {}

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    c.elongation = elongation_;
    c.hold = hold_;
    return repeated(c, "stretch", simulated_, cycles());
  }
  std::int64_t cycles() const override { return std::max(reps_, simulated_); }
  std::string summary() const override {
    return fmt::format("{} x {:g} s hold at {:g} mm elongation", reps_, hold_, elongation_);
  }
  Evidence evidence() const override {
    return {"weak-moderate (plantar fascia); none for collagen alignment",
            "Range of motion rises mainly through stretch tolerance; passive stiffness falls "
            "only at high intensity (PMC8571324). Plantar-fascia-specific stretching beat calf "
            "stretching at 8 weeks (DiGiovanni et al. 2003, JBJS Am). The IT band cannot be "
            "lengthened meaningfully (Falvey 2010). That stretching aligns new collagen has not "
            "been shown in humans."};
  }

 private:
  Real elongation_, hold_;
  int reps_, simulated_, increments_;
};

}  // namespace

void add_static_stretch(InterventionRegistry& r) {
  r.add("static_stretch", [](const ParameterSet& p) { return std::make_unique<StaticStretch>(p); },
        "static stretch: prescribed elongation, held",
        {positive("elongation", "mm", "elongation of the loaded end", 1.0, 50.0),
         quantity("hold", "s",
                  "hold time per repetition: the elongation is held this long (relaxation of "
                  "rate-dependent laws such as hgo-visco)",
                  30.0, 0.0, 3600.0),
         count("repetitions", "holds per session", 3, 1, 1000),
         count("simulated_repetitions", "load cases solved", 1, 1, 20),
         count("increments", "load increments per load case", 6, 1, 200)},
        {{"repetitions", 5}, {"simulated_repetitions", 2}});
}

}  // namespace sinew::interventions
