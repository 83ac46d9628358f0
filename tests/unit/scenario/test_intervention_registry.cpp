// Every registered intervention, over the registry's names, with its default parameters and with
// the example it registers (in its own file): the cases' cycles add up to the session's, every
// case uses the declared increments, and the example changes the session (an intervention
// registered without an example fails). For the built-in ones the table below also states the
// number of load cases and physiological cycles in closed form.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <string>

#include "common/doc_tables.hpp"
#include "study_test_support.hpp"

namespace sinew::interventions {
namespace {

struct Counts {
  size_t load_cases;
  std::int64_t cycles;
};

/// Counts from the parameters, in closed form.
using InterventionCase = std::function<Counts(const ParameterSet&)>;

std::int64_t whole(Real v) { return static_cast<std::int64_t>(v); }

// A session of `simulated` solved copies standing for max(simulated, session) cycles.
Counts repeated(Real simulated, std::int64_t session) {
  return {static_cast<size_t>(simulated), std::max(whole(simulated), session)};
}

const std::map<std::string, InterventionCase>& intervention_cases() {
  static const std::map<std::string, InterventionCase> table = {
      {"rest",
       [](const ParameterSet&) {
         return Counts{0, 0};
       }},
      // One tendon loading per two steps (both legs).
      {"running",
       [](const ParameterSet& p) {
         return repeated(p["simulated_cycles"], std::llround(p["cadence"] * p["duration"] / 2));
       }},
      {"eccentric",
       [](const ParameterSet& p) {
         return repeated(p["simulated_repetitions"], whole(p["sets"]) * whole(p["repetitions"]));
       }},
      {"static_stretch",
       [](const ParameterSet& p) {
         return repeated(p["simulated_repetitions"], whole(p["repetitions"]));
       }},
      {"active_release",
       [](const ParameterSet& p) { return repeated(p["simulated_passes"], whole(p["passes"])); }},
      {"instrument_mobilisation",
       [](const ParameterSet& p) { return repeated(p["simulated_passes"], whole(p["passes"])); }},
      // One load case per level, each standing for its repetitions.
      {"progressive_strengthening",
       [](const ParameterSet& p) {
         return Counts{static_cast<size_t>(p["levels"]),
                       whole(p["levels"]) * whole(p["repetitions_per_level"])};
       }},
  };
  return table;
}

class EachIntervention : public ::testing::TestWithParam<std::string> {
 protected:
  const interventions::InterventionRegistry& registry = scenario::testing::intervention_registry();
  const std::vector<ParameterSpec>& specs = registry.entry(GetParam()).parameters;
  const std::map<std::string, Real>& example = registry.entry(GetParam()).example;
};

// A session's counts, checked to be consistent: its load cases' cycles add up to its own, and
// every case uses the declared increments.
Counts session_counts(const interventions::InterventionRegistry& registry, const std::string& name,
                      const ParameterSet& p) {
  const auto session = registry.create(name, p);
  const auto cases = session->load_cases();
  const std::int64_t sum =
      std::accumulate(cases.begin(), cases.end(), std::int64_t{0},
                      [](std::int64_t s, const LoadCase& c) { return s + c.cycles; });
  if (!cases.empty()) {
    EXPECT_EQ(sum, session->cycles());
  }
  for (const auto& c : cases) EXPECT_EQ(c.increments, static_cast<int>(p["increments"]));
  return {cases.size(), session->cycles()};
}

TEST_P(EachIntervention, ExampleIsValidAndChangesTheSession) {
  ASSERT_FALSE(example.empty()) << "intervention " << GetParam()
                                << " registers no example parameters";
  const Counts d = session_counts(registry, GetParam(), resolve_parameters(specs, {}));
  const Counts e = session_counts(registry, GetParam(), resolve_parameters(specs, example));
  // The example differs from the defaults, so the counts depend on the parameters read.
  EXPECT_TRUE(d.load_cases != e.load_cases || d.cycles != e.cycles || GetParam() == "rest");
}

TEST_P(EachIntervention, BuiltInCountsFollowTheirClosedForm) {
  const auto it = intervention_cases().find(GetParam());
  if (it == intervention_cases().end()) GTEST_SKIP() << "no closed form stated for " << GetParam();
  const std::map<std::string, Real> defaults;
  for (const auto* given : {&defaults, &example}) {
    SCOPED_TRACE(given->empty() ? "defaults" : "example parameters");
    const ParameterSet p = resolve_parameters(specs, *given);
    const Counts expected = it->second(p);
    const Counts got = session_counts(registry, GetParam(), p);
    EXPECT_EQ(got.load_cases, expected.load_cases);
    EXPECT_EQ(got.cycles, expected.cycles);
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, EachIntervention,
                         ::testing::ValuesIn(scenario::testing::intervention_registry().names()),
                         [](const auto& param_info) {
                           return sinew::testing::safe_name(param_info.param);
                         });

}  // namespace
}  // namespace sinew::interventions
