// Sweeps: parameter paths with value lists, ranges, or a Latin hypercube, expanded into sweep
// points with deterministic, readable arm-name suffixes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/yaml_node.hpp"

namespace sinew::scenario {

enum class SweepTarget { Model, Intervention };

struct SweepParameter {
  std::string key;  ///< the path as written: "model.<path>" or "intervention.<name>.<parameter>"
  SweepTarget target = SweepTarget::Model;
  std::string path;           ///< Model: the path below the model section
  std::string intervention;   ///< Intervention: its registry name
  std::string parameter;      ///< Intervention: the parameter
  std::vector<Real> values;   ///< grid: the values
  Real from = 0.0, to = 0.0;  ///< latin_hypercube: the interval
  std::string label;          ///< short name used in arm names
  model::YamlNode where;
};

enum class SweepMode { Grid, LatinHypercube };

struct SweepSpec {
  SweepMode mode = SweepMode::Grid;
  std::vector<std::string> arms;  ///< base arms the sweep applies to (empty: every arm)
  int samples = 0;                ///< latin_hypercube: number of points
  std::uint64_t seed = 1;         ///< latin_hypercube: random seed
  std::vector<SweepParameter> parameters;
};

struct SweepPoint {
  /// Appended to the arm name ("" without a sweep): "--<label>_<value>" per grid parameter, the
  /// value with 6 significant digits or as many more as tell the parameter's values apart.
  std::string suffix;
  std::map<std::string, Real> values;  ///< key -> value
};

/// Reads the `sweep` section (undefined: no sweep). Problems are reported through the node.
SweepSpec read_sweep(const model::YamlNode& n);

/// The sweep's points: the Cartesian product of the value lists (first parameter slowest), or
/// the Latin hypercube samples. One empty point without parameters.
std::vector<SweepPoint> sweep_points(const SweepSpec& sweep);

/// The number of points sweep_points() would make (computed without making them).
double sweep_size(const SweepSpec& sweep);

/// The points of one base arm: only the parameters that apply to it (the arm is in `arms`, or
/// `arms` is empty; an intervention parameter needs a session of that intervention). A grid is
/// the product of those parameters' values; Latin hypercube points keep their samples and
/// names, reduced to those parameters. One empty point when none applies.
std::vector<SweepPoint> arm_sweep_points(const SweepSpec& sweep, const std::string& arm,
                                         const std::vector<std::string>& interventions);

}  // namespace sinew::scenario
