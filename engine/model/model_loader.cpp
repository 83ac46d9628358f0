// Loading of the model section (mesh, materials, regions, boundary conditions, load curves,
// steps, solver, output) from YAML, with every problem reported at once.
#include <filesystem>
#include <set>

#include "mesh/gmsh_reader.hpp"
#include "model/boundary_types.hpp"
#include "model/mesh_generators.hpp"
#include "model/model_definition.hpp"
#include "model/tissue_loader.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

namespace {

class Loader : private BoundaryContext {
 public:
  /// `steps_required`: a model file solved on its own needs steps; a study's model does not
  /// (its arms' sessions define the loading).
  Loader(const materials::MaterialRegistry& registry, std::string file, bool steps_required = true)
      : registry_(registry), file_(std::move(file)), steps_required_(steps_required) {
    register_mesh_generators(generators_);
    register_boundary_types(boundary_types_);
  }

  ModelDefinition load(const YAML::Node& root_yaml, const std::string& key_prefix = {}) {
    YamlNode root(root_yaml, key_prefix, file_, &diag_);
    def_.source = file_;
    if (!root.expect_map({"mesh", "materials", "regions", "load_curves", "boundary", "steps",
                          "solver", "output", "fibre", "scars", "interface", "tissue"}) &&
        !root.is_map()) {
      diag_.throw_if_any();  // not a mapping: nothing else can be checked
    }
    const bool mesh_ok = load_mesh(root["mesh"]);
    load_materials(root["materials"]);
    load_curves(root["load_curves"]);
    if (mesh_ok) {
      load_regions(root["regions"]);
      load_boundary(root["boundary"]);
    }
    load_steps(root["steps"]);
    load_solver(root["solver"]);
    load_output(root["output"], mesh_ok);
    Vec3 fibre = Vec3::UnitX();
    if (root["fibre"].defined()) {
      auto f = root["fibre"].vec3();
      if (f && f->norm() == 0)
        root["fibre"].error("fibre direction must not be zero");
      else if (f)
        fibre = f->normalized();
    }
    diag_.throw_if_any();
    try {
      fem::initialise_point_fields(def_.model, fibre);
    } catch (const std::invalid_argument& e) {  // a cell in two regions or in none
      root["regions"].error(e.what());
      diag_.throw_if_any();
    }
    load_tissue_sections(root, def_);
    diag_.throw_if_any();
    return std::move(def_);
  }

 private:
  bool load_mesh(const YamlNode& n) {
    if (!n.require()) return false;
    if (n.is_map() && n["generator"].defined()) {
      auto g = n["generator"].string(generators_.names());
      if (!g) return false;
      const auto& entry = generators_.entry(*g);
      return entry.build(n, entry, def_);
    }
    // Without a generator: a Gmsh file (the box's keys are accepted to report the missing one).
    std::vector<std::string> allowed = key_names(generators_.entry("box").keys);
    allowed.insert(allowed.begin() + 1, "file");
    if (!n.expect_map(allowed)) return false;
    if (!n["file"].defined()) {
      n.error("give exactly one of 'generator' (box) or 'file' (Gmsh .msh 4.1)");
      return false;
    }
    auto f = n["file"].string();
    if (!f) return false;
    std::filesystem::path p(*f);
    if (p.is_relative()) p = std::filesystem::path(file_).parent_path() / p;
    try {
      def_.model.mesh = mesh::read_gmsh(p.string());
    } catch (const InputError& e) {
      n["file"].error(std::string("cannot read mesh: ") + e.what());
      return false;
    }
    return true;
  }

  void load_materials(const YamlNode& n) {
    if (!n.require() || !n.expect_map(n.keys())) return;
    if (n.size() == 0) n.error("at least one material is needed");
    for (const auto& name : n.keys()) {
      declared_materials_.insert(name);
      const YamlNode m = n[name];
      if (!m.is_map()) {
        m.error("expected a mapping with 'type' and the law's parameters");
        continue;
      }
      auto type = m["type"].string(registry_.names());
      if (!type) continue;
      const auto& entry = registry_.entry(*type);
      std::vector<std::string> allowed{"type"};
      for (const auto& p : entry.parameters) allowed.push_back(p.name);
      m.expect_map(allowed);
      std::map<std::string, Real> given;
      bool ok = true;
      for (const auto& key : m.keys()) {
        if (key == "type" || std::find(allowed.begin(), allowed.end(), key) == allowed.end())
          continue;
        const ParameterSpec* spec = nullptr;
        for (const auto& p : entry.parameters)
          if (p.name == key) spec = &p;
        auto v = m[key].real(Range{spec->min, spec->max, spec->min_exclusive, spec->max_exclusive});
        if (v)
          given[key] = *v;
        else
          ok = false;
      }
      if (!ok) continue;
      try {
        const auto params = resolve_parameters(entry.parameters, given);
        def_.materials[name] = registry_.create(*type, params);
      } catch (const ParameterError& e) {
        (m[e.key()].defined() ? m[e.key()] : m).error(e.what());
      }
    }
  }

  void load_curves(const YamlNode& n) {
    if (!n.defined() || !n.expect_map(n.keys())) return;
    for (const auto& name : n.keys()) {
      const YamlNode c = n[name];
      if (name == "ramp" || name == "constant") {  // look-ups would never reach it
        c.error("'" + name + "' is the name of a built-in curve; choose another name");
        continue;
      }
      if (!c.expect_sequence()) continue;
      fem::LoadCurve curve;
      curve.points.clear();
      bool ok = true;
      for (size_t i = 0; i < c.size(); ++i) {
        auto p = c[i].reals();
        if (!p || p->size() != 2) {
          if (p) c[i].error("expected a [time, value] pair");
          ok = false;
          continue;
        }
        if (!curve.points.empty() && (*p)[0] <= curve.points.back().first) {
          c[i].error("times must increase");
          ok = false;
        }
        curve.points.emplace_back((*p)[0], (*p)[1]);
      }
      if (c.size() == 0) {
        c.error("a load curve needs at least one [time, value] pair");
        ok = false;
      }
      if (ok) {
        curve_index_[name] = static_cast<int>(def_.model.curves.size());
        def_.model.curves.push_back(curve);
      }
    }
  }

  fem::Model& model() override { return def_.model; }

  std::optional<int> curve(const YamlNode& n, int fallback) override {
    if (!n.defined()) return fallback;
    auto name = n.string();
    if (!name) return std::nullopt;
    if (*name == "ramp") return 0;
    if (*name == "constant") return -1;
    auto it = curve_index_.find(*name);
    if (it == curve_index_.end()) {
      std::string known = "ramp, constant";
      for (const auto& [k, v] : curve_index_) known += ", " + k;
      n.error("unknown load curve '" + *name + "' (known: " + known + ")");
      return std::nullopt;
    }
    return it->second;
  }

  /// Curve index for a load (force, pressure, traction), which always evaluates a curve:
  /// "constant" (-1) becomes a curve equal to 1 at all times, added once.
  int load_curve(int c) override {
    if (c >= 0) return c;
    if (constant_curve_ < 0) {
      fem::LoadCurve one;
      one.points = {{0.0, 1.0}};
      constant_curve_ = static_cast<int>(def_.model.curves.size());
      def_.model.curves.push_back(one);
    }
    return constant_curve_;
  }

  template <class Get>
  auto set_lookup(const YamlNode& n, Get&& get) -> std::optional<std::decay_t<decltype(get(""))>> {
    auto name = n.string();
    if (!name) return std::nullopt;
    try {
      auto s = get(*name);
      if (s.empty()) {
        n.error("set '" + *name + "' is empty");
        return std::nullopt;
      }
      return s;
    } catch (const std::invalid_argument& e) {
      n.error(e.what());
      return std::nullopt;
    }
  }
  std::optional<std::vector<Index>> node_set(const YamlNode& n) override {
    return set_lookup(n, [&](const std::string& s) { return def_.model.mesh.node_set(s); });
  }
  std::optional<std::vector<mesh::Facet>> facet_set(const YamlNode& n) override {
    return set_lookup(n, [&](const std::string& s) { return def_.model.mesh.facet_set(s); });
  }

  void load_regions(const YamlNode& n) {
    if (!n.require() || !n.expect_sequence()) return;
    if (n.size() == 0) n.error("at least one region is needed");
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode r = n[i];
      if (!r.expect_map({"name", "elements", "material", "formulation"})) continue;
      fem::Region region;
      region.name = r.value_or(r["name"].defined() ? r["name"].string() : std::nullopt,
                               "region" + std::to_string(i));
      auto cells = set_lookup(r["elements"],
                              [&](const std::string& s) { return def_.model.mesh.element_set(s); });
      auto mat = r["material"].string();
      if (mat && !def_.materials.count(*mat) && declared_materials_.count(*mat)) {
        mat.reset();  // declared but rejected: its own errors are already reported
      } else if (mat && !def_.materials.count(*mat)) {
        std::string known;
        for (const auto& [k, v] : def_.materials) known += (known.empty() ? "" : ", ") + k;
        r["material"].error("unknown material '" + *mat + "' (defined: " + known + ")");
        mat.reset();
      }
      std::string form = "standard";
      if (r["formulation"].defined())
        form = r.value_or(r["formulation"].string({"standard", "mean-dilatation"}), form);
      if (!cells || !mat) continue;
      region.cells = *cells;
      region.material = def_.materials.at(*mat);
      region.formulation = form == "mean-dilatation" ? fem::Formulation::MeanDilatation
                                                     : fem::Formulation::Standard;
      if (region.formulation == fem::Formulation::MeanDilatation) {
        if (!region.material->is_uncoupled())
          r["formulation"].error("mean-dilatation needs an uncoupled material; '" + *mat + "' is " +
                                 region.material->name());
        for (Index c : region.cells)
          if (def_.model.mesh.cell_type(c) != mesh::CellType::Hex8) {
            r["formulation"].error("mean-dilatation needs hex8 cells");
            break;
          }
      }
      def_.model.regions.push_back(std::move(region));
    }
  }

  void load_boundary(const YamlNode& n) {
    if (!n.defined()) return;
    if (!n.expect_sequence()) return;
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode b = n[i];
      if (!b.is_map()) {
        b.error("expected a mapping with a 'type'");
        continue;
      }
      auto type = b["type"].string(boundary_types_.names());
      if (!type) continue;
      const auto& entry = boundary_types_.entry(*type);
      b.expect_map(key_names(entry.keys, {"type"}));
      entry.build(b, *this);
    }
  }

  void load_steps(const YamlNode& n) {
    if (!steps_required_ && !n.defined()) return;
    if (!n.require() || !n.expect_sequence()) return;
    if (n.size() == 0) n.error("at least one step is needed");
    Real t = 0;
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode s = n[i];
      if (!s.expect_map({"name", "duration", "increments", "adaptive", "max_cutbacks"})) continue;
      StepDefinition step;
      step.name = s.value_or(s["name"].defined() ? s["name"].string() : std::nullopt,
                             "step" + std::to_string(i + 1));
      if (s["duration"].defined())
        step.duration = s.value_or(s["duration"].real(Range::positive()), 1.0);
      if (s["increments"].defined())
        step.stepping.increments =
            static_cast<int>(s.value_or(s["increments"].integer(1, 100000), 10L));
      if (s["adaptive"].defined())
        step.stepping.adaptive = s.value_or(s["adaptive"].boolean(), true);
      if (s["max_cutbacks"].defined())
        step.stepping.max_cutbacks =
            static_cast<int>(s.value_or(s["max_cutbacks"].integer(0, 30), 8L));
      step.stepping.t_start = t;
      step.stepping.t_end = t + step.duration;
      t = step.stepping.t_end;
      def_.steps.push_back(step);
    }
  }

  void load_solver(const YamlNode& n) {
    if (!n.defined()) return;
    if (!n.expect_map({"linear", "max_iterations", "residual_tolerance", "displacement_tolerance",
                       "energy_tolerance", "residual_absolute", "line_search", "strategy",
                       "bfgs_max_updates"}))
      return;
    auto& s = def_.newton;
    if (n["linear"].defined()) {
      s.linear_solver =
          n.value_or(n["linear"].string(solver::linear_solver_names()), s.linear_solver);
    }
    if (n["max_iterations"].defined())
      s.max_iterations = static_cast<int>(n.value_or(n["max_iterations"].integer(1, 1000), 25L));
    if (n["residual_tolerance"].defined())
      s.residual_tolerance =
          n.value_or(n["residual_tolerance"].real(Range::non_negative()), s.residual_tolerance);
    if (n["displacement_tolerance"].defined())
      s.displacement_tolerance = n.value_or(n["displacement_tolerance"].real(Range::non_negative()),
                                            s.displacement_tolerance);
    if (n["energy_tolerance"].defined())
      s.energy_tolerance =
          n.value_or(n["energy_tolerance"].real(Range::non_negative()), s.energy_tolerance);
    if (n["residual_absolute"].defined())
      s.residual_absolute =
          n.value_or(n["residual_absolute"].real(Range::non_negative()), s.residual_absolute);
    if (n["strategy"].defined()) {
      auto strategy = n["strategy"].string({"auto", "newton", "bfgs"});
      if (strategy)
        s.strategy = *strategy == "bfgs"     ? solver::NewtonStrategy::Bfgs
                     : *strategy == "newton" ? solver::NewtonStrategy::Full
                                             : solver::NewtonStrategy::Auto;
    }
    if (n["bfgs_max_updates"].defined())
      s.bfgs_max_updates = static_cast<int>(n.value_or(n["bfgs_max_updates"].integer(1, 100), 10L));
    if (n["line_search"].defined()) s.line_search = n.value_or(n["line_search"].boolean(), true);
  }

  void load_output(const YamlNode& n, bool mesh_ok) {
    if (!n.defined()) return;
    if (!n.expect_map({"file", "reactions"})) return;
    if (n["file"].defined()) def_.output.file = n.value_or(n["file"].string(), std::string());
    if (n["reactions"].defined()) {
      auto sets = n["reactions"].strings();
      if (sets && mesh_ok)
        for (size_t i = 0; i < sets->size(); ++i) {
          if (!def_.model.mesh.node_sets.count((*sets)[i]))
            n["reactions"].error("unknown node set '" + (*sets)[i] + "'");
          else
            def_.output.reaction_sets.push_back((*sets)[i]);
        }
    }
  }

  const materials::MaterialRegistry& registry_;
  MeshGeneratorRegistry generators_;
  BoundaryTypeRegistry boundary_types_;
  std::string file_;
  bool steps_required_ = true;
  Diagnostics diag_;
  ModelDefinition def_;
  std::map<std::string, int> curve_index_;
  std::set<std::string> declared_materials_;  ///< every name under `materials`, valid or not
  int constant_curve_ = -1;                   ///< index of the curve "constant" loads use
};

}  // namespace

ModelDefinition load_model_text(const std::string& text, const std::string& file_name,
                                const materials::MaterialRegistry& materials) {
  return Loader(materials, file_name).load(parse_yaml(text, file_name));
}

ModelDefinition load_model_node(const YAML::Node& root, const std::string& file_name,
                                const std::string& key_prefix,
                                const materials::MaterialRegistry& materials) {
  return Loader(materials, file_name, false).load(root, key_prefix);
}

ModelDefinition load_model_file(const std::string& path,
                                const materials::MaterialRegistry& materials) {
  return Loader(materials, path).load(load_yaml_file(path));
}

}  // namespace sinew::model
