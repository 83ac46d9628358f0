// Declared parameters of plug-ins (materials, solvers, ...): name, unit, allowed range, default,
// description; and the resolution of user-given values against those declarations.
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace sinew {

/// "[a, b]", "> a", "<= b", ... for an interval with optional open ends.
std::string describe_interval(Real min, Real max, bool min_exclusive, bool max_exclusive);
/// True when v is finite and lies in the interval.
bool in_interval(Real v, Real min, Real max, bool min_exclusive, bool max_exclusive);

/// One declared scalar parameter. A parameter without default is required.
struct ParameterSpec {
  std::string name;
  std::string unit;  ///< e.g. "MPa", "1" for dimensionless
  std::string description;
  std::optional<Real> default_value;
  Real min = -std::numeric_limits<Real>::infinity();
  Real max = std::numeric_limits<Real>::infinity();
  bool min_exclusive = false;  ///< true: value must be > min
  bool max_exclusive = false;  ///< true: value must be < max
  bool whole = false;          ///< true: value must be a whole number (counts)
  /// true: 0 switches a material law's fibre contribution off (hgo's k1; ti-mooney-rivlin's c3
  /// and c5), which the fibre tests use to compare a law with its matrix alone.
  bool fibre_term = false;

  /// Human-readable allowed range, e.g. "> 0", "[0, 0.333333]".
  std::string allowed() const;
  bool accepts(Real v) const;
};

/// A user value that violates its declaration (or names no declared parameter).
class ParameterError : public std::runtime_error {
 public:
  ParameterError(std::string key, const std::string& message)
      : std::runtime_error(message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

/// Resolved parameter values (every declared parameter present, all within range).
class ParameterSet {
 public:
  ParameterSet() = default;
  explicit ParameterSet(std::map<std::string, Real> values) : values_(std::move(values)) {}
  Real operator[](const std::string& name) const;
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  const std::map<std::string, Real>& values() const { return values_; }

 private:
  std::map<std::string, Real> values_;
};

/// Checks `given` against `specs`: unknown names, missing required ones and out-of-range values
/// throw ParameterError naming the key; defaults fill the rest.
ParameterSet resolve_parameters(const std::vector<ParameterSpec>& specs,
                                const std::map<std::string, Real>& given);

}  // namespace sinew
