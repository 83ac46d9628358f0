// Shared helpers of the validation tests (tests/validation): a shipped model file read as text
// with coarse-mesh and load substitutions, a force ramp that records the force-elongation curve
// and the fibre damage, the modulus over the curve's upper (linear) region, and the record each
// case writes for tools/validation_report.py.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "verification/tissue_support.hpp"

namespace sinew::testing {

/// The text of a shipped model file (scenarios/models/<name>.yaml).
inline std::string model_text(const std::string& name) {
  std::ifstream in(std::string(SINEW_SOURCE_DIR) + "/scenarios/models/" + name + ".yaml");
  if (!in) throw std::runtime_error("cannot read model " + name);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

/// Replaces the first match of `pattern` in `text` (which must match).
inline std::string substitute(const std::string& text, const std::string& pattern,
                              const std::string& replacement) {
  const std::regex re(pattern);
  if (!std::regex_search(text, re)) throw std::runtime_error("no match for " + pattern);
  return std::regex_replace(text, re, replacement, std::regex_constants::format_first_only);
}

/// Removes the top-level `scars:` section (up to the next top-level key): the unscarred
/// counterpart of a scar model.
inline std::string without_scars(const std::string& text) {
  return substitute(text, R"(\nscars:\n(?:[ #][^\n]*\n)*)", "\n");
}

/// One point of a force ramp: the force the tendon carries (reaction at its fixed end), the
/// mean axial displacement of its loaded end, and the largest fibre damage anywhere.
struct RampPoint {
  Real force = 0.0;       ///< N
  Real elongation = 0.0;  ///< mm
  Real max_damage = 0.0;  ///< 1
};

struct Ramp {
  std::vector<RampPoint> points;  ///< from the unloaded state
  Real length = 0.0;              ///< mm, the body's reference length
  Real area = 0.0;                ///< mm^2, the meshed (polygonal) cross-section
  bool completed = false;
  std::string failure;
};

/// Thrown from the ramp's observer to end a run at the first fibre damage.
struct RampStopped {};

/// Solves the model `text` (its single ramp step, the tissue probes off) and records the
/// force-elongation curve of the body between `fixed_set` (node set) and `loaded_set` (facet
/// set). With `stop_at_damage` the run ends after the first increment with fibre damage (a
/// damaged, softening tendon costs many cut-backs and the case needs only the onset).
inline Ramp run_ramp(const std::string& text, const std::string& body_set,
                     const std::string& fixed_set, const std::string& loaded_set, Real length,
                     bool stop_at_damage = false) {
  auto def = load(text);
  def.tissue.enabled = false;
  def.output.reaction_sets = {fixed_set};
  const auto& mesh = def.model.mesh;
  const auto loaded = mesh.nodes_of_facets(mesh.facet_set(loaded_set));
  Ramp ramp;
  ramp.length = length;
  ramp.area = set_volume(mesh, body_set) / length;
  const auto observe = [&](const simulation::StepOutput& out, const VecX& u) {
    if (!out.record.nominal || out.problem == nullptr) return;
    RampPoint p;
    p.force = std::abs(out.reactions.at(fixed_set).x());
    for (Index a : loaded) p.elongation += u[3 * a];
    p.elongation /= static_cast<Real>(loaded.size());
    const auto damage = out.problem->point_output("fibre_damage").values;
    for (Real d : damage) p.max_damage = std::max(p.max_damage, d);
    ramp.points.push_back(p);
    if (stop_at_damage && p.max_damage > 0.0) throw RampStopped{};
  };
  simulation::RunResult result;
  try {
    result = simulation::run_model(def, registries().linear, {}, observe);
  } catch (const RampStopped&) {
    result.failure = "stopped at the first fibre damage";
  }
  // The run reports the reference state (t = 0) first; keep the curve starting at zero force.
  if (ramp.points.empty() || ramp.points.front().force > 0.0)
    ramp.points.insert(ramp.points.begin(), RampPoint{});
  ramp.completed = result.completed;
  ramp.failure = result.failure;
  return ramp;
}

/// Strain (elongation / length) at force `f`, linearly interpolated on the ramp.
inline Real strain_at(const Ramp& r, Real f) {
  for (size_t i = 1; i < r.points.size(); ++i) {
    const auto &a = r.points[i - 1], &b = r.points[i];
    if (b.force >= f * (1.0 - 1e-9)) {
      const Real s = (f - a.force) / (b.force - a.force);
      return (a.elongation + s * (b.elongation - a.elongation)) / r.length;
    }
  }
  throw std::runtime_error("the ramp does not reach the force");
}

/// Young's modulus as the experiments compute it: the least-squares slope of force against
/// elongation over the ramp points from `lower` x the peak force to the peak, times L / A.
inline Real upper_region_modulus(const Ramp& r, Real lower) {
  const Real peak = r.points.back().force;
  Real n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& p : r.points)
    if (p.force >= lower * peak - 1e-9) {
      n += 1;
      sx += p.elongation;
      sy += p.force;
      sxx += p.elongation * p.elongation;
      sxy += p.elongation * p.force;
    }
  if (n < 2) throw std::runtime_error("fewer than two points in the upper region");
  const Real slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return slope * r.length / r.area;
}

/// One validation case as tools/validation_report.py reads it: the experiment (source, mean
/// and spread, or `expected` in words for a qualitative case), the model's value, whether the
/// case passes, and curves for the figure.
struct CaseRecord {
  std::string id, title, source, quantity, unit, note;
  std::string expected;  ///< qualitative cases: what the experiment found ("" = mean +- spread)
  Real mean = 0.0, spread = 0.0, model = 0.0;
  bool pass = false;
  std::vector<std::pair<std::string, std::vector<Real>>> series;  ///< named columns
  bool within() const { return std::abs(model - mean) <= spread; }
};

inline std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Writes <build>/validation/<id>.json (the report's input).
inline void write_record(const CaseRecord& c) {
  const auto folder = std::filesystem::path(SINEW_BINARY_DIR) / "validation";
  std::filesystem::create_directories(folder);
  std::ofstream out(folder / (c.id + ".json"));
  out.precision(10);
  out << "{\n  \"id\": " << json_string(c.id) << ",\n  \"title\": " << json_string(c.title)
      << ",\n  \"source\": " << json_string(c.source)
      << ",\n  \"quantity\": " << json_string(c.quantity)
      << ",\n  \"unit\": " << json_string(c.unit) << ",\n  \"note\": " << json_string(c.note)
      << ",\n  \"expected\": " << json_string(c.expected) << ",\n  \"mean\": " << c.mean
      << ",\n  \"spread\": " << c.spread << ",\n  \"model\": " << c.model
      << ",\n  \"pass\": " << (c.pass ? "true" : "false") << ",\n  \"series\": {";
  for (size_t i = 0; i < c.series.size(); ++i) {
    out << (i ? ",\n" : "\n") << "    " << json_string(c.series[i].first) << ": [";
    for (size_t j = 0; j < c.series[i].second.size(); ++j)
      out << (j ? ", " : "") << c.series[i].second[j];
    out << "]";
  }
  out << "\n  }\n}\n";
}

/// The force, elongation and strain columns of a ramp, prefixed (e.g. "healthy ").
inline void add_ramp_series(CaseRecord& c, const Ramp& r, const std::string& prefix = "") {
  std::vector<Real> f, e, s;
  for (const auto& p : r.points) {
    f.push_back(p.force);
    e.push_back(p.elongation);
    s.push_back(p.elongation / r.length);
  }
  c.series.push_back({prefix + "force_N", f});
  c.series.push_back({prefix + "elongation_mm", e});
  c.series.push_back({prefix + "strain", s});
}

}  // namespace sinew::testing
