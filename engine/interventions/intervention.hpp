// The interface every intervention (rest, running, eccentric loading, stretching, ART, IASTM,
// strengthening, ...) implements, and their registry. An intervention is one parameterised
// session; it turns its parameters into load cases and tells how many physiological cycles the
// session stands for and what the clinical evidence behind it is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "core/registry.hpp"
#include "interventions/load_case.hpp"

namespace sinew::interventions {

/// What the clinical literature does and does not support (docs/interventions.md, from the
/// domain reference sec. 6). Sinew compares mechanical hypotheses, not cure rates.
struct Evidence {
  std::string grade;  ///< e.g. "weak", "moderate"
  std::string note;   ///< one paragraph with citations
};

class Intervention {
 public:
  virtual ~Intervention() = default;
  /// The load cases of one session, in order (empty for rest).
  virtual std::vector<LoadCase> load_cases() const = 0;
  /// Physiological loading cycles the session stands for (steps, repetitions, passes).
  virtual std::int64_t cycles() const = 0;
  /// One line for tables and logs, e.g. "30 min at 170 steps/min, peak 4.12 kN".
  virtual std::string summary() const = 0;
  virtual Evidence evidence() const = 0;
};

using InterventionRegistry = Registry<Intervention, const ParameterSet&>;

/// Adds every intervention listed as REGISTERED in sinew_module(interventions ...) of
/// engine/CMakeLists.txt, in that order. The file <stem>.cpp of each defines
/// `void add_<stem>(InterventionRegistry&)`, which adds it with its parameter specs and an example
/// parameter set (run by the parameterised tests): a new intervention is one file plus its line
/// in the list.
void register_interventions(InterventionRegistry& registry);

/// Standard gravity (m/s^2), for body-weight multiples.
inline constexpr Real kGravity = 9.81;

}  // namespace sinew::interventions
