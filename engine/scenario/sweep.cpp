// Sweep parsing and expansion (grid and Latin hypercube).
#include "scenario/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <set>
#include <sstream>

namespace sinew::scenario {

namespace {

// `v` with `digits` significant digits; 0: the shortest text that reads back as `v`.
std::string compact(Real v, int digits) {
  if (digits == 0) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
  }
  std::ostringstream s;
  s.precision(digits);
  s << v;
  return s.str();
}

// Significant digits for a parameter's values in arm names: 6 (readable), or as many more as it
// takes to print distinct values distinctly (0: shortest round trip, which always does), so
// 0.5000001 and 0.5000002 never give the same arm name.
int name_digits(const std::vector<Real>& values) {
  const std::set<Real> distinct(values.begin(), values.end());
  for (int digits = 6; digits <= 16; ++digits) {
    std::set<std::string> texts;
    for (Real v : distinct) texts.insert(compact(v, digits));
    if (texts.size() == distinct.size()) return digits;
  }
  return 0;
}

std::string last_segment(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

// Values of one parameter: a list, or {from, to, count} (grid) / {from, to} (hypercube).
void read_values(const model::YamlNode& v, SweepParameter& p, SweepMode mode) {
  if (v.is_sequence() || v.is_scalar()) {
    if (mode == SweepMode::LatinHypercube) {
      v.error("a Latin hypercube parameter needs a range {from, to}");
      return;
    }
    if (auto list = v.reals()) {
      if (list->empty()) v.error("expected at least one value");
      p.values = *list;
    }
    return;
  }
  if (!v.is_map()) {
    v.error("expected a list of values or a range {from, to, count}");
    return;
  }
  if (mode == SweepMode::LatinHypercube) {
    if (!v.expect_map({"from", "to"})) return;
  } else if (!v.expect_map({"from", "to", "count"})) {
    return;
  }
  const auto from = v["from"].real(), to = v["to"].real();
  if (from && to && !(*to > *from)) v["to"].error("'to' must be greater than 'from'");
  if (from) p.from = *from;
  if (to) p.to = *to;
  if (mode == SweepMode::Grid) {
    const auto count = v["count"].integer(2, 1000);
    if (from && to && count)
      for (long i = 0; i < *count; ++i)
        p.values.push_back(*from + (*to - *from) * i / (*count - 1));
  }
}

}  // namespace

SweepSpec read_sweep(const model::YamlNode& n) {
  SweepSpec s;
  if (!n.defined() || !n.expect_map({"mode", "samples", "seed", "arms", "parameters"})) return s;
  if (n["arms"].defined()) s.arms = n.value_or(n["arms"].strings(), std::vector<std::string>{});
  if (n["mode"].defined()) {
    const auto mode = n["mode"].string({"grid", "latin_hypercube"});
    if (mode && *mode == "latin_hypercube") s.mode = SweepMode::LatinHypercube;
  }
  if (s.mode == SweepMode::LatinHypercube) {
    if (n["samples"].require())
      s.samples = static_cast<int>(n.value_or(n["samples"].integer(1, 10000), 1L));
    if (n["seed"].defined())
      s.seed = static_cast<std::uint64_t>(n.value_or(n["seed"].integer(0), 1L));
  } else {
    for (const char* key : {"samples", "seed"})
      if (n[key].defined()) n[key].error("only for mode: latin_hypercube");
  }
  const auto params = n["parameters"];
  if (!params.require()) return s;
  if (!params.is_map() || params.size() == 0) {
    params.error("expected a mapping of parameter paths to values");
    return s;
  }
  std::map<std::string, int> label_count;
  for (const auto& key : params.keys()) {
    SweepParameter p{key, SweepTarget::Model, "", "", "", {}, 0.0, 0.0, "", params[key]};
    if (key.rfind("model.", 0) == 0 && key.size() > 6) {
      p.path = key.substr(6);
    } else if (key.rfind("intervention.", 0) == 0) {
      const auto rest = key.substr(13);
      const auto dot = rest.find('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) {
        params[key].error("expected 'intervention.<name>.<parameter>'");
        continue;
      }
      p.target = SweepTarget::Intervention;
      p.intervention = rest.substr(0, dot);
      p.parameter = rest.substr(dot + 1);
    } else {
      params[key].error("sweep path '" + key +
                        "' must start with 'model.' or 'intervention.<name>.'");
      continue;
    }
    read_values(params[key], p, s.mode);
    p.label = last_segment(key);
    ++label_count[p.label];
    s.parameters.push_back(std::move(p));
  }
  // Labels must tell parameters apart: fall back to the whole path where last segments clash.
  for (auto& p : s.parameters)
    if (label_count[p.label] > 1) p.label = p.target == SweepTarget::Model ? p.path : p.key;
  return s;
}

std::vector<SweepPoint> sweep_points(const SweepSpec& sweep) {
  if (sweep.parameters.empty()) return {SweepPoint{}};
  std::vector<SweepPoint> points;
  if (sweep.mode == SweepMode::Grid) {
    points.push_back({});
    for (const auto& p : sweep.parameters) {
      const int digits = name_digits(p.values);
      std::vector<SweepPoint> next;
      for (const auto& base : points)
        for (Real v : p.values) {
          SweepPoint q = base;
          q.values[p.key] = v;
          q.suffix += "--" + p.label + "_" + compact(v, digits);
          next.push_back(std::move(q));
        }
      points = std::move(next);
    }
    return points;
  }
  // Latin hypercube: each parameter's interval cut into `samples` strata, each stratum used
  // once, in an order shuffled by a seeded generator (own Fisher-Yates: the same on every
  // platform, unlike std::shuffle); a uniform position within the stratum.
  const int n = sweep.samples;
  std::mt19937_64 rng(sweep.seed);
  auto uniform = [&] { return static_cast<Real>(rng() >> 11) * 0x1.0p-53; };
  points.resize(static_cast<size_t>(n));
  const int width = static_cast<int>(std::to_string(std::max(n - 1, 0)).size());
  for (int i = 0; i < n; ++i) {
    std::string idx = std::to_string(i);
    points[i].suffix =
        "--lhs" +
        std::string(static_cast<size_t>(std::max(0, width - static_cast<int>(idx.size()))), '0') +
        idx;
  }
  for (const auto& p : sweep.parameters) {
    std::vector<int> strata(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) strata[i] = i;
    for (int i = n - 1; i > 0; --i)
      std::swap(strata[i], strata[rng() % static_cast<std::uint64_t>(i + 1)]);
    for (int i = 0; i < n; ++i)
      points[i].values[p.key] = p.from + (p.to - p.from) * (strata[i] + uniform()) / n;
  }
  return points;
}

double sweep_size(const SweepSpec& sweep) {
  if (sweep.parameters.empty()) return 1.0;
  if (sweep.mode == SweepMode::LatinHypercube) return sweep.samples;
  double n = 1.0;
  for (const auto& p : sweep.parameters) n *= static_cast<double>(p.values.size());
  return n;
}

std::vector<SweepPoint> arm_sweep_points(const SweepSpec& sweep, const std::string& arm,
                                         const std::vector<std::string>& interventions) {
  const bool listed = sweep.arms.empty() ||
                      std::find(sweep.arms.begin(), sweep.arms.end(), arm) != sweep.arms.end();
  SweepSpec own = sweep;
  own.parameters.clear();
  for (const auto& p : sweep.parameters)
    if (listed &&
        (p.target == SweepTarget::Model || std::find(interventions.begin(), interventions.end(),
                                                     p.intervention) != interventions.end()))
      own.parameters.push_back(p);
  if (own.parameters.empty()) return {SweepPoint{}};
  if (sweep.mode == SweepMode::Grid) return sweep_points(own);
  // The hypercube's samples are those of the whole sweep (so every arm sees the same points).
  auto points = sweep_points(sweep);
  for (auto& q : points)
    for (auto it = q.values.begin(); it != q.values.end();)
      it = std::any_of(own.parameters.begin(), own.parameters.end(),
                       [&](const SweepParameter& p) { return p.key == it->first; })
               ? std::next(it)
               : q.values.erase(it);
  return points;
}

}  // namespace sinew::scenario
