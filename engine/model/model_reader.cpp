// Reading of the model section (mesh, materials, regions, load curves, boundary conditions,
// steps, solver, output, fibre) into a ModelSpec; the tissue sections are read in
// tissue_reader.cpp, the contact section in contact_reader.cpp.
#include "model/model_reader.hpp"

#include <algorithm>
#include <filesystem>

#include "model/boundary_types.hpp"
#include "model/mesh_generators.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

void read_tissue_sections(const YamlNode& root, ModelSpec& spec);  // tissue_reader.cpp
void read_contact_section(const YamlNode& root, ModelSpec& spec);  // contact_reader.cpp

namespace {

// The keys of one boundary condition, by their declarations: required ones must be there,
// `value` is one number or a list (the condition's builder checks how many).
void read_boundary_keys(const YamlNode& b, const BoundaryTypeEntry& entry, BoundarySpec& spec) {
  static const std::vector<std::string> kAxisNames{"x", "y", "z"};
  for (const auto& k : entry.keys) {
    const YamlNode n = b[k.name];
    if (!n.defined()) {
      if (k.required()) n.require();
      continue;
    }
    if (k.name == "nodes") spec.nodes = n.value_or(n.string(), std::string());
    if (k.name == "facets") spec.facets = n.value_or(n.string(), std::string());
    if (k.name == "curve") spec.curve = n.value_or(n.string(), spec.curve);
    if (k.name == "component") spec.component = n.value_or(n.string(kAxisNames), std::string());
    if (k.name == "components")
      spec.components = n.value_or(n.strings(kAxisNames), std::vector<std::string>{});
    if (k.name == "stiffness") spec.stiffness = n.value_or(n.real(key_range(k)), 0.0);
    if (k.name == "total_force")
      if (auto v = n.vec3()) spec.total_force = {(*v)[0], (*v)[1], (*v)[2]};
    if (k.name == "value") {
      if (n.is_scalar()) {
        if (auto v = n.real()) spec.value = {*v};
      } else if (auto v = n.reals()) {
        spec.value = *v;
      }
    }
  }
}

class Reader {
 public:
  Reader(const materials::MaterialRegistry& registry, std::string file, bool steps_required)
      : registry_(registry), file_(std::move(file)), steps_required_(steps_required) {
    register_mesh_generators(generators_);
    register_boundary_types(boundary_types_);
  }

  ModelReading read(const YAML::Node& root_yaml, const std::string& key_prefix) {
    YamlNode root(root_yaml, key_prefix, file_, &diag_);
    spec_.source = file_;
    spec_.key_prefix = key_prefix;
    if (!root.expect_map({"mesh", "materials", "regions", "load_curves", "boundary", "steps",
                          "solver", "output", "fibre", "scars", "interface", "contact",
                          "tissue"}) &&
        !root.is_map())
      return finish();  // not a mapping: nothing else can be checked
    read_mesh(root["mesh"]);
    read_materials(root["materials"]);
    read_curves(root["load_curves"]);
    read_regions(root["regions"]);
    read_boundary(root["boundary"]);
    read_steps(root["steps"]);
    read_solver(root["solver"]);
    read_output(root["output"]);
    if (root["fibre"].defined()) {
      auto f = root["fibre"].vec3();
      if (f && f->norm() == 0)
        root["fibre"].error("fibre direction must not be zero");
      else if (f)
        spec_.fibre = *f;
    }
    read_tissue_sections(root, spec_);
    read_contact_section(root, spec_);
    return finish();
  }

 private:
  ModelReading finish() {
    spec_.origins = diag_.origins();
    return {std::move(spec_), diag_.errors()};
  }

  void read_mesh(const YamlNode& n) {
    if (!n.require()) return;
    if (n.is_map() && n["generator"].defined()) {
      auto g = n["generator"].string(generators_.names());
      if (!g) return;
      spec_.mesh.generator = *g;
      const auto& entry = generators_.entry(*g);
      entry.read(n, entry, spec_.mesh);
      return;
    }
    // Without a generator: a Gmsh file (the box's keys are accepted to report the missing one).
    std::vector<std::string> allowed = key_names(generators_.entry("box").keys);
    allowed.insert(allowed.begin() + 1, "file");
    if (!n.expect_map(allowed)) return;
    if (!n["file"].defined()) {
      n.error("give exactly one of 'generator' (box) or 'file' (Gmsh .msh 4.1)");
      return;
    }
    auto f = n["file"].string();
    if (!f) return;
    std::filesystem::path p(*f);
    if (p.is_relative()) p = std::filesystem::path(file_).parent_path() / p;
    spec_.mesh.file = p.string();
  }

  void read_materials(const YamlNode& n) {
    if (!n.require() || !n.expect_map(n.keys())) return;
    if (n.size() == 0) n.error("at least one material is needed");
    for (const auto& name : n.keys()) {
      const YamlNode m = n[name];
      MaterialSpec spec{name, "", {}};
      if (!m.is_map()) {
        m.error("expected a mapping with 'type' and the law's parameters");
        spec_.materials.push_back(spec);
        continue;
      }
      auto type = m["type"].string(registry_.names());
      if (type) {
        spec.type = *type;
        const auto& entry = registry_.entry(*type);
        std::vector<std::string> allowed{"type"};
        for (const auto& p : entry.parameters) allowed.push_back(p.name);
        m.expect_map(allowed);
        for (const auto& p : entry.parameters) {
          if (!m[p.name].defined()) continue;
          if (auto v = m[p.name].real(Range{p.min, p.max, p.min_exclusive, p.max_exclusive}))
            spec.parameters[p.name] = *v;
        }
      }
      spec_.materials.push_back(std::move(spec));
    }
  }

  void read_curves(const YamlNode& n) {
    if (!n.defined() || !n.expect_map(n.keys())) return;
    for (const auto& name : n.keys()) {
      const YamlNode c = n[name];
      if (name == "ramp" || name == "constant") {  // look-ups would never reach it
        c.error("'" + name + "' is the name of a built-in curve; choose another name");
        continue;
      }
      if (!c.expect_sequence()) continue;
      CurveSpec curve{name, {}};
      for (size_t i = 0; i < c.size(); ++i) {
        auto p = c[i].reals();
        if (!p || p->size() != 2) {
          if (p) c[i].error("expected a [time, value] pair");
          continue;
        }
        if (!curve.points.empty() && (*p)[0] <= curve.points.back().first)
          c[i].error("times must increase");
        curve.points.emplace_back((*p)[0], (*p)[1]);
      }
      if (c.size() == 0) c.error("a load curve needs at least one [time, value] pair");
      spec_.load_curves.push_back(std::move(curve));
    }
  }

  void read_regions(const YamlNode& n) {
    if (!n.require() || !n.expect_sequence()) return;
    if (n.size() == 0) n.error("at least one region is needed");
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode r = n[i];
      RegionSpec region;
      region.name = "region" + std::to_string(i);
      if (!r.expect_map({"name", "elements", "material", "formulation"})) {
        spec_.regions.push_back(region);
        continue;
      }
      if (r["name"].defined()) region.name = r.value_or(r["name"].string(), region.name);
      region.elements = r.value_or(r["elements"].string(), std::string());
      region.material = r.value_or(r["material"].string(), std::string());
      if (r["formulation"].defined())
        region.formulation = r.value_or(r["formulation"].string({"standard", "mean-dilatation"}),
                                        region.formulation);
      spec_.regions.push_back(std::move(region));
    }
  }

  void read_boundary(const YamlNode& n) {
    if (!n.defined() || !n.expect_sequence()) return;
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode b = n[i];
      BoundarySpec spec;
      if (!b.is_map()) {
        b.error("expected a mapping with a 'type'");
      } else if (auto type = b["type"].string(boundary_types_.names())) {
        spec.type = *type;
        const auto& entry = boundary_types_.entry(*type);
        b.expect_map(key_names(entry.keys, {"type"}));
        read_boundary_keys(b, entry, spec);
      }
      spec_.boundary.push_back(std::move(spec));
    }
  }

  void read_steps(const YamlNode& n) {
    if (!steps_required_ && !n.defined()) return;
    spec_.steps_given = n.defined();
    if (!n.require() || !n.expect_sequence()) return;
    if (n.size() == 0) n.error("at least one step is needed");
    for (size_t i = 0; i < n.size(); ++i) {
      const YamlNode s = n[i];
      StepSpec step;
      step.name = "step" + std::to_string(i + 1);
      if (s.expect_map({"name", "duration", "increments", "adaptive", "max_cutbacks"})) {
        if (s["name"].defined()) step.name = s.value_or(s["name"].string(), step.name);
        if (s["duration"].defined())
          step.duration = s.value_or(s["duration"].real(Range::positive()), 1.0);
        auto& st = step.stepping;
        if (s["increments"].defined())
          st.increments = static_cast<int>(s.value_or(s["increments"].integer(1, 100000), 10L));
        if (s["adaptive"].defined()) st.adaptive = s.value_or(s["adaptive"].boolean(), true);
        if (s["max_cutbacks"].defined())
          st.max_cutbacks = static_cast<int>(s.value_or(s["max_cutbacks"].integer(0, 30), 8L));
      }
      spec_.steps.push_back(std::move(step));
    }
  }

  void read_solver(const YamlNode& n) {
    if (!n.defined()) return;
    if (!n.expect_map({"linear", "max_iterations", "residual_tolerance", "displacement_tolerance",
                       "energy_tolerance", "residual_absolute", "residual_load", "line_search",
                       "strategy", "bfgs_max_updates"}))
      return;
    auto& s = spec_.solver;
    if (n["linear"].defined())
      s.linear_solver =
          n.value_or(n["linear"].string(solver::linear_solver_names()), s.linear_solver);
    if (n["max_iterations"].defined())
      s.max_iterations = static_cast<int>(n.value_or(n["max_iterations"].integer(1, 1000), 25L));
    auto tolerance = [&](const char* key, Real& out) {
      if (n[key].defined()) out = n.value_or(n[key].real(Range::non_negative()), out);
    };
    tolerance("residual_tolerance", s.residual_tolerance);
    tolerance("displacement_tolerance", s.displacement_tolerance);
    tolerance("energy_tolerance", s.energy_tolerance);
    tolerance("residual_absolute", s.residual_absolute);
    tolerance("residual_load", s.residual_load);
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

  void read_output(const YamlNode& n) {
    if (!n.defined() || !n.expect_map({"file", "reactions"})) return;
    if (n["file"].defined()) spec_.output.file = n.value_or(n["file"].string(), std::string());
    if (n["reactions"].defined())
      spec_.output.reactions = n.value_or(n["reactions"].strings(), std::vector<std::string>{});
  }

  const materials::MaterialRegistry& registry_;
  MeshGeneratorRegistry generators_;
  BoundaryTypeRegistry boundary_types_;
  std::string file_;
  bool steps_required_ = true;
  Diagnostics diag_;
  ModelSpec spec_;
};

}  // namespace

ModelReading read_model_node(const YAML::Node& root, const std::string& file_name,
                             const std::string& key_prefix,
                             const materials::MaterialRegistry& materials, bool steps_required) {
  return Reader(materials, file_name, steps_required).read(root, key_prefix);
}

ModelReading read_model_text(const std::string& text, const std::string& file_name,
                             const materials::MaterialRegistry& materials) {
  return read_model_node(parse_yaml(text, file_name), file_name, "", materials, true);
}

ModelReading read_model_file(const std::string& path, const materials::MaterialRegistry& materials,
                             bool steps_required) {
  return read_model_node(load_yaml_file(path), path, "", materials, steps_required);
}

}  // namespace sinew::model
