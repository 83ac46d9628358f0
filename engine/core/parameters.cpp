// Resolution of user-given parameter values against their declarations.
#include "core/parameters.hpp"

#include <cmath>
#include <sstream>

namespace sinew {

namespace {
std::string num(Real v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

std::string describe_interval(Real min, Real max, bool min_exclusive, bool max_exclusive) {
  const bool lo = std::isfinite(min), hi = std::isfinite(max);
  if (lo && hi)
    return std::string(min_exclusive ? "(" : "[") + num(min) + ", " + num(max) +
           (max_exclusive ? ")" : "]");
  if (lo) return std::string(min_exclusive ? "> " : ">= ") + num(min);
  if (hi) return std::string(max_exclusive ? "< " : "<= ") + num(max);
  return "any finite number";
}

bool in_interval(Real v, Real min, Real max, bool min_exclusive, bool max_exclusive) {
  if (!std::isfinite(v)) return false;
  if (min_exclusive ? !(v > min) : !(v >= min)) return false;
  if (max_exclusive ? !(v < max) : !(v <= max)) return false;
  return true;
}

std::string ParameterSpec::allowed() const {
  const std::string interval = describe_interval(min, max, min_exclusive, max_exclusive);
  return whole ? "a whole number in " + interval : interval;
}

bool ParameterSpec::accepts(Real v) const {
  return in_interval(v, min, max, min_exclusive, max_exclusive) && (!whole || v == std::round(v));
}

Real ParameterSet::operator[](const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::logic_error("parameter '" + name + "' was not declared");
  return it->second;
}

ParameterSet resolve_parameters(const std::vector<ParameterSpec>& specs,
                                const std::map<std::string, Real>& given) {
  std::map<std::string, Real> out;
  for (const auto& [key, value] : given) {
    const ParameterSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == key) spec = &s;
    if (!spec) {
      std::string names;
      for (const auto& s : specs) names += (names.empty() ? "" : ", ") + s.name;
      throw ParameterError(key, "unknown parameter '" + key + "' (allowed: " + names + ")");
    }
    if (!spec->accepts(value))
      throw ParameterError(key, "value " + num(value) + " is out of range; allowed " +
                                    spec->allowed() + (spec->unit.empty() ? "" : " " + spec->unit));
    out[key] = value;
  }
  for (const auto& s : specs) {
    if (out.count(s.name)) continue;
    if (!s.default_value)
      throw ParameterError(s.name, "required parameter '" + s.name + "' (" + s.unit + ", " +
                                       s.description + ") is missing");
    out[s.name] = *s.default_value;
  }
  return ParameterSet(std::move(out));
}

}  // namespace sinew
