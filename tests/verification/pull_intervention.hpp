// A one-case test intervention: a single force-controlled pull of the loaded end, for tests of
// the limit load of a force-controlled plate (simulation/plate_limit.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "interventions/intervention.hpp"

namespace sinew::testing {

/// One load case "pull": the plate end ramped to `force` N under force control in `increments`
/// steps, one cycle, no hold.
class Pull final : public interventions::Intervention {
 public:
  Pull(Real force, int increments) : force_(force), increments_(increments) {}
  std::vector<interventions::LoadCase> load_cases() const override {
    interventions::LoadCase c;
    c.name = "pull";
    c.increments = increments_;
    c.axial_force = force_;
    return {c};
  }
  std::int64_t cycles() const override { return 1; }
  std::string summary() const override { return "pull"; }
  interventions::Evidence evidence() const override { return {}; }

 private:
  Real force_;
  int increments_;
};

}  // namespace sinew::testing
