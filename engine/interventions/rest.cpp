// Rest: no load. The session has no load cases; its metrics before and after are equal (the
// acute model has no healing or deconditioning; multi-week remodelling builds on the recorded
// duration).
#include <fmt/format.h>

#include "interventions/intervention.hpp"
#include "interventions/parameter_specs.hpp"

namespace sinew::interventions {

namespace {

class Rest final : public Intervention {
 public:
  explicit Rest(const ParameterSet& p) : days_(p["days"]) {}
  std::vector<LoadCase> load_cases() const override { return {}; }
  std::int64_t cycles() const override { return 0; }
  std::string summary() const override { return fmt::format("{:g} days without loading", days_); }
  Evidence evidence() const override {
    return {"strong physiology, no trial favouring rest",
            "Unloading lowers tendon stiffness by 29% in 23 days and 58% in 90 days; rest removes "
            "the anabolic stimulus. No randomised trial favours rest: continued pain-monitored "
            "running did as well as 6 weeks of rest (VISA-A 57 -> 85 vs 57 -> 91, n.s.; "
            "Silbernagel et al. 2007, Am J Sports Med 35:897)."};
  }

 private:
  Real days_;
};

}  // namespace

void add_rest(InterventionRegistry& r) {
  r.add("rest", [](const ParameterSet& p) { return std::make_unique<Rest>(p); },
        "no load; recorded for later remodelling",
        {quantity("days", "d", "length of the rest period (recorded only)", 7.0, 0.0, 3650.0)},
        {{"days", 21}});
}

}  // namespace sinew::interventions
