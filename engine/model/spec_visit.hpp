// A walk over every value of a ModelSpec in one fixed order, with each value's key, type and
// allowed range: the one description of the spec's key paths that setting a value by path,
// the canonical text (an arm's identity) and listing the paths are all built on.
#pragma once

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "model/model_spec.hpp"

namespace sinew::model {

/// The interval a number must lie in (and whether it must be whole).
struct Bounds {
  Real min = -std::numeric_limits<Real>::infinity();
  Real max = std::numeric_limits<Real>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
  bool accepts(Real v) const { return in_interval(v, min, max, min_exclusive, max_exclusive); }
  std::string describe() const { return describe_interval(min, max, min_exclusive, max_exclusive); }
};

/// Receives the spec's values. A section or list item is entered with its key (a section's or
/// mapping item's name, or a list item's index), the name a list item may also be addressed by,
/// and its key-path segment as messages write it (".key" or "[i]"); false skips it.
class SpecVisitor {
 public:
  virtual ~SpecVisitor() = default;
  virtual bool enter(const std::string& key, const std::string& name,
                     const std::string& segment) = 0;
  virtual void leave() = 0;
  virtual void number(const std::string& key, Real& value, const Bounds& bounds) = 0;
  virtual void whole(const std::string& key, int& value, const Bounds& bounds) = 0;
  virtual void flag(const std::string& key, bool& value) = 0;
  virtual void text(const std::string& key, std::string& value) = 0;
  virtual void texts(const std::string& key, std::vector<std::string>& value) = 0;
  /// A declared parameter of a map of given values (a material's, the interface's): absent
  /// means the declaration's default.
  virtual void parameter(std::map<std::string, Real>& given, const ParameterSpec& spec) = 0;
};

/// The parameter declarations of the material laws (by law name) the walk needs.
using LawParameters = std::map<std::string, std::vector<ParameterSpec>>;

/// Walks `spec`. Mesh keys are those of its generator, material parameters those of each
/// material's law in `laws` (a law not in it: only the parameters given).
void visit_spec(ModelSpec& spec, SpecVisitor& visitor, const LawParameters& laws);

}  // namespace sinew::model
