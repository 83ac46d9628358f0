// Progressive strengthening (heavy slow resistance): a series of load levels rising from a
// start force to an end force, one load case per level; repetitions at each level are recorded.
//
// Heavy slow resistance equals eccentric training for the Achilles at 12 and 52 weeks (Beyer et
// al. 2015, Am J Sports Med 43:1704). Tendon adaptation needs about 4.5% strain; 2.9% did not
// change stiffness (Arampatzis et al. 2007, J Exp Biol 210:2743). Default levels 1-3 kN span
// 30-90% of the 3.5 kN Achilles MVC force (Peltonen et al. 2010).
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class ProgressiveStrengthening final : public Intervention {
 public:
  explicit ProgressiveStrengthening(const ParameterSet& p)
      : start_(p["start_force"]),
        end_(p["end_force"]),
        levels_(as_int(p["levels"])),
        reps_(as_int(p["repetitions_per_level"])),
        increments_(as_int(p["increments"])) {}

  Real level_force(int i) const {
    return levels_ == 1 ? end_ : start_ + (end_ - start_) * i / (levels_ - 1);
  }

  std::vector<LoadCase> load_cases() const override {
    std::vector<LoadCase> cases;
    for (int i = 0; i < levels_; ++i) {
      LoadCase c;
      c.name = fmt::format("level {}/{}: {:.0f} N", i + 1, levels_, level_force(i));
      c.increments = increments_;
      c.axial_force = level_force(i);
      c.cycles = reps_;
      cases.push_back(c);
    }
    return cases;
  }
  std::int64_t cycles() const override { return static_cast<std::int64_t>(levels_) * reps_; }
  std::string summary() const override {
    return fmt::format("{} levels {:.0f} -> {:.0f} N, {} repetitions each", levels_, start_, end_,
                       reps_);
  }
  Evidence evidence() const override {
    return {"moderate",
            "Heavy slow resistance equals eccentric training for Achilles tendinopathy at 12 and "
            "52 weeks, with better satisfaction and compliance (Beyer et al. 2015, Am J Sports "
            "Med 43:1704); in patellar tendinopathy it was good at both 12 weeks and 6 months, "
            "unlike corticosteroid (Kongsgaard et al. 2009, SJMSS 19:790)."};
  }

 private:
  Real start_, end_;
  int levels_, reps_, increments_;
};

}  // namespace

void add_progressive_strengthening(InterventionRegistry& r) {
  r.add("progressive_strengthening",
        [](const ParameterSet& p) { return std::make_unique<ProgressiveStrengthening>(p); },
        "progressive strengthening: rising load levels",
        {positive("start_force", "N", "tendon force of the first level", 1000.0, 20000.0),
         positive("end_force", "N", "tendon force of the last level", 3000.0, 20000.0),
         count("levels", "load levels (load cases)", 3, 1, 50),
         count("repetitions_per_level", "repetitions at each level (recorded)", 15, 1, 10000),
         count("increments", "load increments per load case", 8, 1, 200)},
        {{"levels", 4}, {"repetitions_per_level", 10}});
}

}  // namespace sinew::interventions
