// Static stretch: the tendon (or fascia) is lengthened to a joint position and held. The hold is
// a time interval of the load case (LoadCase::hold): a viscoelastic law (hgo-visco) relaxes or
// creeps during it, an elastic one is unchanged.
//
// How the stretch reaches the tissue: `muscle_stiffness` = 0 prescribes `elongation` on the
// tissue's loaded end itself (rigid). With a series muscle (muscle_stiffness > 0, N/mm),
// `elongation` is the muscle-tendon unit's (MTU) lengthening set by the joint, shared between
// the muscle spring and the tendon by their stiffnesses. Relaxed gastrocnemius fascicles strain
// ~86% and the tendon ~9% over the passive range, the tendon taking 52 +- 12% of the MTU
// lengthening (Hoang et al. 2007, J Exp Biol 210:4159): the passive muscle is about as compliant
// as the free tendon, so k_m of the order of the tendon's own stiffness; the value of a given
// model is an assumption [D]. `force_limit` > 0 stretches instead to a passive MTU force (the
// end of the range, where the subject stops), then holds that joint position: the force then
// relaxes through the muscle as the tendon creeps. Passive plantarflexor torques at end-range
// dorsiflexion of a few tens of N m over a ~50 mm Achilles moment arm make a few hundred N
// (assumed [D]). `excursion`: the dorsiflexion that stretches the calf also slides the tendon
// distally relative to its bed (moment arm x ankle rotation, as for running and eccentric).
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
        muscle_stiffness_(p["muscle_stiffness"]),
        force_limit_(p["force_limit"]),
        excursion_(p["excursion"]),
        hold_(p["hold"]),
        reps_(as_int(p["repetitions"])),
        simulated_(as_int(p["simulated_repetitions"])),
        increments_(as_int(p["increments"])) {}

  std::vector<LoadCase> load_cases() const override {
    LoadCase c;
    c.increments = increments_;
    c.muscle_stiffness = muscle_stiffness_;
    if (force_limit_ > 0.0) {
      c.axial_force = force_limit_;
      c.hold_position = true;
    } else {
      c.elongation = elongation_;
    }
    c.excursion = -excursion_;  // distally: toward the fixed (calcaneal) end
    c.hold = hold_;
    return repeated(c, "stretch", simulated_, cycles());
  }
  std::int64_t cycles() const override { return std::max(reps_, simulated_); }
  std::string summary() const override {
    const std::string series = muscle_stiffness_ > 0.0
                                   ? fmt::format(", muscle {:g} N/mm in series", muscle_stiffness_)
                                   : std::string();
    if (force_limit_ > 0.0)
      return fmt::format("{} x {:g} s hold at the position of {:g} N{}", reps_, hold_, force_limit_,
                         series);
    return fmt::format("{} x {:g} s hold at {:g} mm {}elongation{}", reps_, hold_, elongation_,
                       muscle_stiffness_ > 0.0 ? "muscle-tendon " : "", series);
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
  Real elongation_, muscle_stiffness_, force_limit_, excursion_, hold_;
  int reps_, simulated_, increments_;
};

}  // namespace

void add_static_stretch(InterventionRegistry& r) {
  r.add("static_stretch", [](const ParameterSet& p) { return std::make_unique<StaticStretch>(p); },
        "static stretch: a joint position (elongation or force limit), held",
        {positive("elongation", "mm",
                  "lengthening: of the muscle-tendon unit with a series muscle, else of the "
                  "loaded end itself (not used with force_limit)",
                  1.0, 50.0),
         quantity("muscle_stiffness", "N/mm",
                  "stiffness of a passive muscle in series with the tissue (0: none, the "
                  "elongation acts on the loaded end directly)",
                  0.0, 0.0, 1.0e5),
         quantity("force_limit", "N",
                  "> 0: stretch to this passive force (end of range), then hold that joint "
                  "position; 0: stretch by the elongation",
                  0.0, 0.0, 1.0e5),
         quantity("excursion", "mm",
                  "tendon excursion relative to its bed as the joint moves into the stretch", 0.0,
                  0.0, 50.0),
         quantity("hold", "s",
                  "hold time per repetition: the position is held this long (relaxation of "
                  "rate-dependent laws such as hgo-visco)",
                  30.0, 0.0, 3600.0),
         count("repetitions", "holds per session", 3, 1, 1000),
         count("simulated_repetitions", "load cases solved", 1, 1, 20),
         count("increments", "load increments per load case", 6, 1, 200)},
        {{"repetitions", 5}, {"simulated_repetitions", 2}});
}

}  // namespace sinew::interventions
