// Every registered intervention, over the registry's names: with its default parameters and
// with a second set from the table below, the session has the number of load cases and the
// physiological cycles its parameters state, the cases' cycles add up to the session's, and
// every case uses the declared increments. An intervention without a row here fails.
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

struct InterventionCase {
  std::map<std::string, Real> varied;                   ///< a non-default parameter set
  std::function<Counts(const ParameterSet&)> expected;  ///< counts from the parameters
};

std::int64_t whole(Real v) { return static_cast<std::int64_t>(v); }

// A session of `simulated` solved copies standing for max(simulated, session) cycles.
Counts repeated(Real simulated, std::int64_t session) {
  return {static_cast<size_t>(simulated), std::max(whole(simulated), session)};
}

const std::map<std::string, InterventionCase>& intervention_cases() {
  static const std::map<std::string, InterventionCase> table = {
      {"rest",
       {{{"days", 21}},
        [](const ParameterSet&) {
          return Counts{0, 0};
        }}},
      // One tendon loading per two steps (both legs).
      {"running",
       {{{"cadence", 180}, {"duration", 20}, {"simulated_cycles", 3}},
        [](const ParameterSet& p) {
          return repeated(p["simulated_cycles"], std::llround(p["cadence"] * p["duration"] / 2));
        }}},
      {"eccentric",
       {{{"sets", 2}, {"repetitions", 12}, {"simulated_repetitions", 2}},
        [](const ParameterSet& p) {
          return repeated(p["simulated_repetitions"], whole(p["sets"]) * whole(p["repetitions"]));
        }}},
      {"static_stretch",
       {{{"repetitions", 5}, {"simulated_repetitions", 2}},
        [](const ParameterSet& p) {
          return repeated(p["simulated_repetitions"], whole(p["repetitions"]));
        }}},
      {"active_release",
       {{{"passes", 12}, {"simulated_passes", 3}},
        [](const ParameterSet& p) { return repeated(p["simulated_passes"], whole(p["passes"])); }}},
      {"instrument_mobilisation",
       {{{"passes", 7}, {"simulated_passes", 2}},
        [](const ParameterSet& p) { return repeated(p["simulated_passes"], whole(p["passes"])); }}},
      // One load case per level, each standing for its repetitions.
      {"progressive_strengthening",
       {{{"levels", 4}, {"repetitions_per_level", 10}},
        [](const ParameterSet& p) {
          return Counts{static_cast<size_t>(p["levels"]),
                        whole(p["levels"]) * whole(p["repetitions_per_level"])};
        }}},
  };
  return table;
}

class EachIntervention : public ::testing::TestWithParam<std::string> {};

TEST_P(EachIntervention, LoadCasesAndCyclesFollowTheParameters) {
  const auto it = intervention_cases().find(GetParam());
  ASSERT_NE(it, intervention_cases().end()) << "no test case for intervention " << GetParam();
  const auto& registry = scenario::testing::intervention_registry();
  const auto& specs = registry.entry(GetParam()).parameters;
  const std::map<std::string, Real> defaults;
  for (const auto* given : {&defaults, &it->second.varied}) {
    SCOPED_TRACE(given->empty() ? "defaults" : "varied parameters");
    const ParameterSet p = resolve_parameters(specs, *given);
    const auto session = registry.create(GetParam(), p);
    const Counts expected = it->second.expected(p);
    const auto cases = session->load_cases();
    ASSERT_EQ(cases.size(), expected.load_cases);
    EXPECT_EQ(session->cycles(), expected.cycles);
    if (cases.empty()) continue;
    const std::int64_t sum =
        std::accumulate(cases.begin(), cases.end(), std::int64_t{0},
                        [](std::int64_t s, const LoadCase& c) { return s + c.cycles; });
    EXPECT_EQ(sum, expected.cycles);
    for (const auto& c : cases) EXPECT_EQ(c.increments, static_cast<int>(p["increments"]));
  }
  // The varied set differs from the defaults, so the counts depend on the parameters read.
  const Counts d = it->second.expected(resolve_parameters(specs, {}));
  const Counts v = it->second.expected(resolve_parameters(specs, it->second.varied));
  EXPECT_TRUE(d.load_cases != v.load_cases || d.cycles != v.cycles || GetParam() == "rest");
}

INSTANTIATE_TEST_SUITE_P(Registry, EachIntervention,
                         ::testing::ValuesIn(scenario::testing::intervention_registry().names()),
                         [](const auto& param_info) {
                           return sinew::testing::safe_name(param_info.param);
                         });

}  // namespace
}  // namespace sinew::interventions
