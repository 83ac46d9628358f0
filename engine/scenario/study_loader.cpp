// Reading and validating study files, and expanding their sweeps into resolved arms.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "interventions/load_case_model.hpp"
#include "model/model_builder.hpp"
#include "model/model_reader.hpp"
#include "model/spec_paths.hpp"
#include "model/yaml_node.hpp"
#include "scenario/study_spec.hpp"
#include "scenario/sweep.hpp"
#include "simulation/output_table.hpp"
#include "tissue/metrics.hpp"

namespace sinew::scenario {

namespace fs = std::filesystem;
using model::Diagnostics;
using model::Range;
using model::YamlNode;

namespace {

// The fields a study may keep (output.fields): the solid fields of the output-field table and
// "interface" (the interface surface with all its fields).
std::vector<std::string> selectable_fields() {
  std::vector<std::string> names;
  for (const auto& f : simulation::field_catalogue())
    if (f.association == fem::Association::Point || f.association == fem::Association::Cell)
      names.push_back(f.name);
  names.push_back("interface");
  return names;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string format_number(Real v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

// Arm names become file, folder and HDF5 link names: a safe character set (no '/', no control
// characters), a bounded length, and never only dots ("." and ".." name folders themselves).
constexpr std::size_t kMaxArmName = 100;
const char* const kArmNameRule =
    "arm names match [A-Za-z0-9_.-]{1,100}: letters, digits, '_', '.' and '-' only, at most 100 "
    "characters (sweep suffix included), and not only dots such as '.' or '..'";

bool valid_arm_name(const std::string& s) {
  static const std::regex re("[A-Za-z0-9_.-]+");
  return s.size() <= kMaxArmName && std::regex_match(s, re) &&
         s.find_first_not_of('.') != std::string::npos;
}

// `name` for a message: control characters as \xNN, so the message stays on one line.
std::string printable(const std::string& name) {
  std::string s;
  for (unsigned char c : name) {
    if (c >= 0x20 && c != 0x7f) {
      s.push_back(static_cast<char>(c));
      continue;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    s += buf;
  }
  return s;
}

// The shortest text that reads back as `v`: sweep values reach the model exactly as given, so
// values apart in the 12th digit give different models, not two runs of one.
std::string round_trip(Real v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

// "{path: value, ...}" of a sweep point.
std::string describe_point(const std::map<std::string, Real>& values) {
  if (values.empty()) return "(no sweep)";
  std::string s = "{";
  for (const auto& [key, v] : values) s += (s.size() > 1 ? ", " : "") + key + ": " + round_trip(v);
  return s + "}";
}

// One override of a model value (`model.set`, `probes`): path below the model, value, and the
// study node it was written at (errors about it are reported there).
struct Override {
  std::string path, value;
  YamlNode where;
  std::optional<std::vector<std::string>> items;  // a list value: [x, y, z], [a, b]
};

// Where the model section comes from and the overrides (`model.set`, `probes`) on it.
struct ModelSource {
  std::string text;           // YAML text holding the model
  std::string file;           // its file (messages, relative paths)
  bool inline_model = false;  // the `model` mapping of the study file itself
  std::vector<Override> overrides;
  YamlNode where;  // the study's `model` node (for errors)
};

// The model mapping parsed from its text (so marks give file:line:column).
YAML::Node parse_model(const ModelSource& src) {
  YAML::Node doc = model::parse_yaml(src.text, src.file);
  return src.inline_model ? YAML::Node(doc["model"]) : doc;
}

// `key = value` lines: the canonical text of an arm (model lines come from the model spec).
void add_line(std::string& text, const std::string& key, const std::string& value) {
  text += key + " = " + value + "\n";
}

struct SessionInput {
  std::string name, intervention;
  std::map<std::string, Real> given;
  std::map<std::string, YamlNode> nodes;  // parameter -> its node (error locations)
  YamlNode where;
};

struct ArmInput {
  std::string name;
  std::vector<SessionInput> sessions;
  YamlNode where;
};

class StudyLoader {
 public:
  StudyLoader(const std::string& text, const std::string& file, const StudyRegistries& regs)
      : text_(text), file_(file), regs_(regs) {}

  StudySpec load(bool check_models) {
    const YAML::Node doc = model::parse_yaml(text_, file_);
    const YamlNode root(doc, "", file_, &diag_);
    StudySpec study;
    study.file = file_;
    study.text = text_;
    if (!root.expect_map({"description", "model", "loading", "probes", "arms", "sweep",
                          "output"}) &&
        !root.is_map())
      diag_.throw_if_any();  // not a mapping: nothing else can be checked
    if (root["description"].defined())
      study.description = root.value_or(root["description"].string(), std::string());
    bool model_ok = read_model(root["model"]);
    read_loading(root["loading"]);
    read_probes(root["probes"], study.probes);
    read_output(root["output"], study);
    read_arms(root["arms"]);
    const auto sweep = read_sweep(root["sweep"]);
    check_sweep_interventions(sweep);
    check_sweep_arms(sweep, root["sweep"]["arms"]);
    check_sweep_size(sweep, root["sweep"]);
    if (model_ok) model_ok = read_base_model();
    if (model_ok && check_models) check_base_model();
    diag_.throw_if_any();
    if (model_ok) note_unused_model_sections(study);

    expand(study, sweep, model_ok && check_models);
    diag_.throw_if_any();
    return study;
  }

 private:
  fs::path folder() const { return fs::path(file_).parent_path(); }

  bool read_model(const YamlNode& n) {
    if (!n.require()) return false;
    source_.where = n;
    if (n.is_scalar() || (n.is_map() && n["file"].defined())) {
      YamlNode file_node = n.is_scalar() ? n : n["file"];
      if (n.is_map()) n.expect_map({"file", "set"});
      auto name = file_node.string();
      if (!name) return false;
      const fs::path p = folder() / *name;
      if (!fs::is_regular_file(p)) {
        file_node.error("model file '" + p.string() + "' does not exist");
        return false;
      }
      source_.text = read_text(p);
      source_.file = p.string();
      if (n.is_map() && n["set"].defined()) {
        const YamlNode set = n["set"];
        if (!set.is_map()) {
          set.error("expected a mapping of model key paths to values");
          return false;
        }
        for (const auto& key : set.keys()) {
          const YamlNode v = set[key];
          if (v.is_sequence()) {
            if (auto items = v.strings()) source_.overrides.push_back({key, "", v, *items});
          } else if (!v.is_scalar()) {
            v.error("expected a value or a list of values");
          } else {
            source_.overrides.push_back({key, v.raw().Scalar(), v, std::nullopt});
          }
        }
      }
      return true;
    }
    if (!n.is_map()) {
      n.error("expected a model file name or a model mapping");
      return false;
    }
    source_.text = text_;
    source_.file = file_;
    source_.inline_model = true;
    return true;
  }

  void read_loading(const YamlNode& n) {
    if (!n.defined() || !n.expect_map({"bed_stiffness", "press_side"})) return;
    if (n["bed_stiffness"].defined())
      bed_stiffness_ = n.value_or(n["bed_stiffness"].real(Range::non_negative()), bed_stiffness_);
    if (n["press_side"].defined())
      press_side_ =
          n.value_or(n["press_side"].string(interventions::press_side_values()), press_side_);
  }

  void read_probes(const YamlNode& n, ProbeSelection& probes) {
    std::vector<std::string> all;
    for (const auto& m : tissue::metric_table()) all.emplace_back(m.name);
    probes.metrics = all;
    if (!n.defined() ||
        !n.expect_map({"metrics", "force", "excursion", "increments", "excursion_increments"}))
      return;
    if (n["metrics"].defined()) probes.metrics = n.value_or(n["metrics"].strings(all), all);
    auto forward = [&](const char* key, const char* model_key, Range range) {
      if (!n[key].defined()) return;
      if (auto v = n[key].real(range))
        source_.overrides.push_back({model_key, round_trip(*v), n[key], std::nullopt});
    };
    forward("force", "tissue.probe_force", Range::positive());
    forward("excursion", "tissue.probe_excursion", Range::positive());
    // The shared count first: the gliding probe's own one overrides it.
    for (const auto& [key, model_key] :
         {std::pair{"increments", "tissue.probe_increments"},
          std::pair{"excursion_increments", "tissue.probe_excursion_increments"}})
      if (n[key].defined())
        if (auto v = n[key].integer(1, 1000))
          source_.overrides.push_back({model_key, std::to_string(*v), n[key], std::nullopt});
  }

  void read_output(const YamlNode& n, StudySpec& study) {
    study.output.file = "results.h5";
    if (n.defined() && n.expect_map({"file", "fields", "every", "vtk"})) {
      if (n["file"].defined()) {
        auto f = n["file"].string();
        if (f && (f->size() < 4 || f->substr(f->size() - 3) != ".h5"))
          n["file"].error("value '" + *f + "': the results file name must end in .h5");
        else if (f)
          study.output.file = *f;
      }
      if (n["fields"].defined())
        study.output.fields = n.value_or(n["fields"].strings(selectable_fields()), {});
      if (n["every"].defined())
        study.output.every = static_cast<int>(n.value_or(n["every"].integer(1, 1000000), 1L));
      if (n["vtk"].defined()) study.output.vtk = n.value_or(n["vtk"].boolean(), true);
    }
    study.results_path = (folder() / study.output.file).lexically_normal().string();
  }

  void read_arms(const YamlNode& n) {
    if (!n.require() || !n.expect_sequence()) return;
    if (n.size() == 0) n.error("a study needs at least one arm");
    std::set<std::string> names;
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode a = n[i];
      if (!a.expect_map({"name", "sessions"})) continue;
      ArmInput arm{"", {}, a};
      if (a["name"].require()) {
        auto name = a["name"].string();
        if (name && !valid_arm_name(*name))
          a["name"].error("value '" + printable(*name) + "': " + kArmNameRule);
        else if (name && !names.insert(*name).second)
          a["name"].error("value '" + *name + "': another arm has this name");
        else if (name)
          arm.name = *name;
      }
      const YamlNode sessions = a["sessions"];
      if (sessions.require() && sessions.expect_sequence()) {
        if (sessions.size() == 0) sessions.error("an arm needs at least one session");
        std::set<std::string> session_names;
        for (size_t k = 0; k < sessions.size(); ++k) read_session(sessions[k], arm, session_names);
      }
      arms_.push_back(std::move(arm));
    }
  }

  void read_session(const YamlNode& s, ArmInput& arm, std::set<std::string>& names) {
    if (!s.is_map()) {
      s.error("expected a mapping with 'intervention' and its parameters");
      return;
    }
    SessionInput in{"", "", {}, {}, s};
    if (!s["intervention"].require()) return;
    auto kind = s["intervention"].string(regs_.interventions.names());
    if (!kind) return;
    in.intervention = *kind;
    const auto& entry = regs_.interventions.entry(*kind);
    std::vector<std::string> allowed{"intervention", "name"};
    for (const auto& p : entry.parameters) allowed.push_back(p.name);
    s.expect_map(allowed);
    in.name = *kind;
    if (s["name"].defined()) in.name = s.value_or(s["name"].string(), in.name);
    if (!names.insert(in.name).second) {
      int k = 2;
      while (!names.insert(in.name + "-" + std::to_string(k)).second) ++k;
      if (s["name"].defined())
        s["name"].error("value '" + in.name + "': another session of this arm has this name");
      in.name += "-" + std::to_string(k);
    }
    for (const auto& p : entry.parameters) {
      const YamlNode v = s[p.name];
      if (!v.defined()) continue;
      in.nodes.emplace(p.name, v);
      if (auto x = v.real()) {
        if (!p.accepts(*x))
          v.error("value " + format_number(*x) + " is out of range; allowed " + p.allowed() +
                  (p.unit == "1" ? "" : " " + p.unit) + " (" + p.description + ")");
        else
          in.given[p.name] = *x;
      }
    }
    arm.sessions.push_back(std::move(in));
  }

  // Intervention sweep paths name a registered intervention and one of its parameters.
  void check_sweep_interventions(const SweepSpec& sweep) {
    for (const auto& p : sweep.parameters) {
      if (p.target != SweepTarget::Intervention) continue;
      if (!regs_.interventions.contains(p.intervention)) {
        p.where.error("unknown intervention '" + p.intervention +
                      "' (allowed: " + regs_.interventions.joined_names() + ")");
        continue;
      }
      const auto& specs = regs_.interventions.entry(p.intervention).parameters;
      std::string names;
      bool found = false;
      for (const auto& s : specs) {
        names += (names.empty() ? "" : ", ") + s.name;
        found = found || s.name == p.parameter;
      }
      if (!found)
        p.where.error("intervention '" + p.intervention + "' has no parameter '" + p.parameter +
                      "' (allowed: " + names + ")");
    }
  }

  // A study of more arms than anyone could run is refused before its arms are made.
  void check_sweep_size(const SweepSpec& sweep, const YamlNode& where) {
    constexpr double kMaxArms = 100000;
    const double arms = sweep_size(sweep) * static_cast<double>(arms_.size());
    if (arms > kMaxArms)
      where.error(
          fmt::format("the sweep makes {:.3g} points; with {} arm(s) that is up to {:.3g} "
                      "arms, and a study has at most {:.0f} (split it into several)",
                      sweep_size(sweep), arms_.size(), arms, kMaxArms));
  }

  // `sweep.arms` names base arms of the study.
  void check_sweep_arms(const SweepSpec& sweep, const YamlNode& where) {
    std::string known;
    for (const auto& a : arms_) known += (known.empty() ? "" : ", ") + a.name;
    for (const auto& name : sweep.arms)
      if (std::none_of(arms_.begin(), arms_.end(),
                       [&](const ArmInput& a) { return a.name == name; }))
        where.error("unknown arm '" + name + "' (arms: " + known + ")");
  }

  // A model file shared with `sinew solve` may carry its own boundary conditions and steps;
  // the arms' sessions replace them, which the user is told rather than left to guess.
  void note_unused_model_sections(StudySpec& study) const {
    auto note = [&](bool present, const char* key) {
      if (present)
        study.notes.push_back(std::string("model.") + key +
                              " is not used by studies: each arm's sessions define the loading "
                              "(docs/scenario-reference.md)");
    };
    note(!base_.spec.boundary.empty(), "boundary");
    note(base_.spec.steps_given, "steps");
  }

  // Reads the model section into the base spec and applies `model.set` and the probe settings;
  // reading errors point at the model's own lines, override errors at the override.
  bool read_base_model() {
    try {
      base_ = model::read_model_node(parse_model(source_), source_.file,
                                     source_.inline_model ? "model" : "", regs_.materials, false);
    } catch (const InputError& e) {
      diag_.add(e.where(), e.key_path(), e.message());
      return false;
    }
    laws_ = model::law_parameters(regs_.materials);
    const size_t before = diag_.size();
    for (const auto& o : source_.overrides) {
      const auto r = o.items ? model::set_spec_list(base_.spec, o.path, *o.items, laws_)
                             : model::set_spec_value(base_.spec, o.path, o.value, laws_);
      if (!r.error.empty()) o.where.error("cannot set '" + o.path + "': " + r.error);
      override_keys_.push_back(r.error.empty() ? base_.spec.key(r.key_path) : std::string());
    }
    if (diag_.size() > before || !base_.errors.empty()) {
      for (const auto& err : base_.errors) diag_.add(err.where(), err.key_path(), err.message());
      return false;
    }
    return true;
  }

  // The base model (with `model.set` and probe settings) builds without errors; its errors
  // point at the model's own lines, or at the override that set the value.
  void check_base_model() {
    const size_t before = diag_.size();
    try {
      model::load_model(base_, regs_.materials);
    } catch (const InputErrors& e) {
      for (const auto& err : e.errors()) add_model_error(err);
    }
    base_model_failed_ = diag_.size() > before;
  }

  void add_model_error(const InputError& err) {
    for (size_t i = 0; i < override_keys_.size(); ++i)
      if (!override_keys_[i].empty() && err.key_path() == override_keys_[i]) {
        source_.overrides[i].where.error(err.message());
        return;
      }
    diag_.add(err.where(), err.key_path(), err.message());
  }

  // An expanded arm name is a safe file name and unique: part files and result groups are
  // named after it, so two arms with one name would overwrite each other's results.
  void check_expanded_name(const ArmSpec& spec, const ArmInput& arm,
                           std::map<std::string, const ArmSpec*>& seen) {
    const YamlNode where = arm.where["name"].defined() ? arm.where["name"] : arm.where;
    if (!arm.name.empty() && valid_arm_name(arm.name) && !valid_arm_name(spec.name)) {
      if (reported_paths_.insert("name@" + arm.name).second)  // once per arm, not per point
        where.error("arm '" + spec.name + "' (" + std::to_string(spec.name.size()) +
                    " characters with its sweep suffix): " + kArmNameRule);
      return;
    }
    const auto [it, inserted] = seen.emplace(spec.name, &spec);
    if (inserted || arm.name.empty()) return;
    const ArmSpec& first = *it->second;
    where.error("arm name '" + spec.name + "' is given to two arms: '" + first.base_arm +
                "' at sweep point " + describe_point(first.sweep_values) + " and '" +
                spec.base_arm + "' at sweep point " + describe_point(spec.sweep_values) +
                "; arm names must be unique (sweep values that are equal, or arm names that "
                "equal another arm's name with its sweep suffix)");
  }

  void expand(StudySpec& study, const SweepSpec& sweep, bool check_models) {
    std::map<std::string, const ArmSpec*> seen;
    std::vector<std::vector<SweepPoint>> arm_points;
    size_t total = 0;
    for (const auto& arm : arms_) {
      std::vector<std::string> interventions;
      for (const auto& s : arm.sessions) interventions.push_back(s.intervention);
      arm_points.push_back(arm_sweep_points(sweep, arm.name, interventions));
      total += arm_points.back().size();
    }
    study.arms.reserve(total);  // `seen` points into it
    for (size_t a = 0; a < arms_.size(); ++a) {
      const auto& arm = arms_[a];
      for (const auto& point : arm_points[a]) {
        ArmSpec spec;
        spec.base_arm = arm.name;
        spec.name = arm.name + point.suffix;
        spec.sweep_values = point.values;
        spec.bed_stiffness = bed_stiffness_;
        spec.press_side = press_side_;
        build_model(spec, point, sweep, check_models);
        build_sessions(spec, arm, point, sweep);
        finish_spec(spec);
        study.arms.push_back(std::move(spec));
        check_expanded_name(study.arms.back(), arm, seen);
      }
    }
  }

  void build_model(ArmSpec& spec, const SweepPoint& point, const SweepSpec& sweep,
                   bool check_models) {
    spec.model = base_.spec;
    std::vector<const SweepParameter*> applied;
    for (const auto& p : sweep.parameters) {
      if (p.target != SweepTarget::Model || !point.values.count(p.key)) continue;
      const Real value = point.values.at(p.key);
      const auto r = model::set_spec_number(spec.model, p.path, value, laws_);
      if (!r.error.empty()) {
        // A path that names no value: once; a value the key refuses: once per value, naming
        // the first arm it makes.
        const bool found = !r.key_path.empty();
        if (reported_paths_.insert(found ? p.key + "=" + round_trip(value) : p.key).second)
          p.where.error((found ? "arm '" + spec.name + "': " : std::string()) +
                        "cannot set 'model." + p.path + "': " + r.error);
        continue;
      }
      applied.push_back(&p);
    }
    if (!check_models || base_model_failed_ || applied.empty()) return;
    try {
      model::build_model(spec.model, regs_.materials);
    } catch (const InputErrors& e) {
      for (const auto* p : applied)
        if (reported_paths_.insert(p->key + "@" + spec.name).second)
          p->where.error("arm '" + spec.name + "': the model is not valid with this value: " +
                         e.errors().front().message());
    }
  }

  void build_sessions(ArmSpec& spec, const ArmInput& arm, const SweepPoint& point,
                      const SweepSpec& sweep) {
    for (const auto& in : arm.sessions) {
      SessionPlan plan;
      plan.name = in.name;
      plan.intervention = in.intervention;
      auto given = in.given;
      for (const auto& p : sweep.parameters)
        if (p.target == SweepTarget::Intervention && p.intervention == in.intervention &&
            point.values.count(p.key)) {
          const auto& specs = regs_.interventions.entry(in.intervention).parameters;
          const auto it = std::find_if(specs.begin(), specs.end(), [&](const ParameterSpec& s) {
            return s.name == p.parameter;
          });
          if (it == specs.end()) {
            if (reported_paths_.insert(p.key).second)
              p.where.error("intervention '" + in.intervention + "' has no parameter '" +
                            p.parameter + "'");
            continue;
          }
          const Real v = point.values.at(p.key);
          if (!it->accepts(v)) {
            if (reported_paths_.insert(p.key + "=" + format_number(v)).second)
              p.where.error("value " + format_number(v) + " is out of range for '" + p.parameter +
                            "'; allowed " + it->allowed() + " " + it->unit);
            continue;
          }
          given[p.parameter] = v;
        }
      try {
        const auto params =
            resolve_parameters(regs_.interventions.entry(in.intervention).parameters, given);
        plan.parameters = params.values();
        plan.impl = regs_.interventions.create(in.intervention, params);
      } catch (const ParameterError& e) {
        const auto it = in.nodes.find(e.key());
        (it != in.nodes.end() ? it->second : in.where).error(e.what());
        continue;
      }
      spec.sessions.push_back(std::move(plan));
    }
  }

  // The arm's canonical text: one `key = value` line per value, numbers in full.
  void finish_spec(ArmSpec& spec) const {
    std::string t;
    add_line(t, "arm", spec.name);
    add_line(t, "base_arm", spec.base_arm);
    for (const auto& [k, v] : spec.sweep_values) add_line(t, "sweep." + k, round_trip(v));
    add_line(t, "loading.bed_stiffness", round_trip(spec.bed_stiffness));
    // Only when set: the arms of earlier studies keep their spec hashes.
    if (spec.press_side != "auto") add_line(t, "loading.press_side", spec.press_side);
    for (size_t i = 0; i < spec.sessions.size(); ++i) {
      const auto& s = spec.sessions[i];
      const std::string key = "sessions[" + std::to_string(i) + "].";
      add_line(t, key + "name", s.name);
      add_line(t, key + "intervention", s.intervention);
      for (const auto& [k, v] : s.parameters) add_line(t, key + k, round_trip(v));
    }
    std::istringstream model_lines(model::canonical_text(spec.model, laws_));
    for (std::string line; std::getline(model_lines, line);) t += "model." + line + "\n";
    spec.spec_text = t;
    spec.spec_hash = fnv1a_hex(spec.spec_text);
  }

  std::string text_, file_;
  const StudyRegistries& regs_;
  Diagnostics diag_;
  ModelSource source_{{}, {}, false, {}, YamlNode(YAML::Node(), "", "", nullptr)};
  Real bed_stiffness_ = 0.01;
  std::string press_side_ = "auto";
  std::vector<ArmInput> arms_;
  std::set<std::string> reported_paths_;
  bool base_model_failed_ = false;
  model::ModelReading base_;                // the model after `model.set` and probe settings
  model::LawParameters laws_;               // parameter declarations of the material laws
  std::vector<std::string> override_keys_;  // key path each applied override set
};

}  // namespace

model::ModelDefinition ArmSpec::load_model(const materials::MaterialRegistry& materials) const {
  return model::build_model(model, materials);
}

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

StudySpec load_study_text(const std::string& text, const std::string& file_name,
                          const StudyRegistries& registries, bool check_models) {
  return StudyLoader(text, file_name, registries).load(check_models);
}

StudySpec load_study(const std::string& path, const StudyRegistries& registries,
                     bool check_models) {
  if (!fs::is_regular_file(path))
    throw InputError({path, 0, 0}, "", "cannot read the study file (it does not exist)");
  return load_study_text(read_text(path), path, registries, check_models);
}

}  // namespace sinew::scenario
