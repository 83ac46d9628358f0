// Building of the model section (mesh, materials, curves, regions, boundary conditions, steps,
// solver, output) from its spec; the tissue sections are built in tissue_builder.cpp, the
// contact surfaces in contact_builder.cpp.
#include "model/model_builder.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <unistd.h>

#include "mesh/gmsh_reader.hpp"
#include "mesh/node_split.hpp"
#include "model/boundary_types.hpp"
#include "model/mesh_generators.hpp"
#include "model/model_errors.hpp"

namespace sinew::model {

void build_tissue_sections(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors);
void build_contact(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors);

namespace {

class Builder : private BoundaryContext {
 public:
  Builder(const ModelSpec& spec, const materials::MaterialRegistry& registry)
      : spec_(spec), registry_(registry), errors_(spec) {
    register_mesh_generators(generators_);
    register_boundary_types(boundary_types_);
  }

  ModelDefinition build() {
    def_.source = spec_.source;
    const bool mesh_ok = build_mesh();
    build_materials();
    build_curves();
    if (mesh_ok) {
      build_regions();
      build_boundary();
    }
    build_steps();
    build_solver();
    build_output(mesh_ok);
    errors_.throw_if_any();
    try {
      fem::initialise_point_fields(def_.model,
                                   spec_.fibre ? spec_.fibre->normalized() : Vec3::UnitX());
    } catch (const std::invalid_argument& e) {  // a cell in two regions or in none
      errors_.add("regions", e.what());
      errors_.throw_if_any();
    }
    build_tissue_sections(spec_, def_, errors_);
    build_contact(spec_, def_, errors_);
    errors_.throw_if_any();
    return std::move(def_);
  }

 private:
  bool build_mesh() {
    const auto& m = spec_.mesh;
    def_.generator = m.generator;
    try {
      if (!m.generator.empty()) {
        if (!generators_.contains(m.generator)) {
          errors_.add("mesh.generator", "'" + m.generator + "' is not allowed (allowed: " +
                                            generators_.joined_names() + ")");
          return false;
        }
        const auto& entry = generators_.entry(m.generator);
        if (!fits_in_memory(entry.cells(m))) return false;
        entry.build(m, def_);
        return true;
      }
      def_.model.mesh = mesh::read_gmsh(m.file);
      split_interface_nodes();
      return true;
    } catch (const InputError& e) {
      errors_.add("mesh.file", std::string("cannot read mesh: ") + e.what());
    } catch (const std::invalid_argument& e) {
      errors_.add("mesh", e.what());
    }
    return false;
  }

  // A conforming mesh file (the tissue's body and bed share the nodes of their common surface,
  // as Gmsh meshes them by default) is split there before any set is used, so the interface
  // joins two coincident sides (docs/gmsh.md). A mesh with duplicated nodes is left unchanged.
  void split_interface_nodes() {
    const auto& s = spec_.interface;
    const std::string body = spec_.tissue.body.empty() ? "tendon" : spec_.tissue.body;
    const std::string& bed = spec_.tissue.bed;
    const auto& sets = def_.model.mesh.element_sets;
    if (!s.given || bed.empty() || s.primary.empty() || s.secondary.empty() ||
        !sets.contains(body) || !sets.contains(bed))
      return;
    def_.interface_split =
        mesh::split_shared_nodes(def_.model.mesh, body, bed, s.primary, s.secondary);
  }

  // A mesh whose solve could not fit in the machine's memory is refused before it is built
  // (10 kB per hex8 cell: stiffness, factor and point state of the models shipped; an estimate).
  bool fits_in_memory(double cells) {
    constexpr double kBytesPerCell = 10e3;
    const double memory =
        static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
    if (cells * kBytesPerCell <= memory || memory <= 0) return true;
    errors_.add("mesh.divisions",
                fmt::format("the mesh would have {:.3g} cells, about {:.3g} GB to solve (10 kB "
                            "per cell); this machine has {:.3g} GB",
                            cells, cells * kBytesPerCell / 1e9, memory / 1e9));
    return false;
  }

  void build_materials() {
    for (const auto& m : spec_.materials) {
      const std::string path = "materials." + m.name;
      if (!registry_.contains(m.type)) {
        errors_.add(path + ".type",
                    "'" + m.type + "' is not allowed (allowed: " + registry_.joined_names() + ")");
        continue;
      }
      try {
        const auto params = resolve_parameters(registry_.entry(m.type).parameters, m.parameters);
        def_.materials[m.name] = registry_.create(m.type, params);
      } catch (const ParameterError& e) {
        errors_.add(m.parameters.count(e.key()) ? path + "." + e.key() : path, e.what());
      }
    }
  }

  void build_curves() {
    for (const auto& c : spec_.load_curves) {
      fem::LoadCurve curve;
      curve.points.assign(c.points.begin(), c.points.end());
      bool ok = !curve.points.empty();
      for (size_t i = 1; i < curve.points.size(); ++i)
        if (curve.points[i].first <= curve.points[i - 1].first) ok = false;
      if (!ok) {
        errors_.add("load_curves." + c.name,
                    "a load curve needs [time, value] pairs with increasing times");
        continue;
      }
      curve_index_[c.name] = static_cast<int>(def_.model.curves.size());
      def_.model.curves.push_back(curve);
    }
  }

  fem::Model& model() override { return def_.model; }
  void error(const std::string& path, const std::string& message) override {
    errors_.add(path, message);
  }

  std::optional<int> curve(const std::string& name, const std::string& path) override {
    if (name == "ramp") return 0;
    if (name == "constant") return -1;
    auto it = curve_index_.find(name);
    if (it != curve_index_.end()) return it->second;
    std::string known = "ramp, constant";
    for (const auto& [k, v] : curve_index_) known += ", " + k;
    errors_.add(path, "unknown load curve '" + name + "' (known: " + known + ")");
    return std::nullopt;
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
  auto set_lookup(const std::string& name, const std::string& path, Get&& get)
      -> std::optional<std::decay_t<decltype(get(""))>> {
    if (name.empty()) {
      errors_.add(path, "missing required key");
      return std::nullopt;
    }
    try {
      auto s = get(name);
      if (!s.empty()) return s;
      errors_.add(path, "set '" + name + "' is empty");
    } catch (const std::invalid_argument& e) {
      errors_.add(path, e.what());
    }
    return std::nullopt;
  }
  std::optional<std::vector<Index>> node_set(const std::string& name,
                                             const std::string& path) override {
    return set_lookup(name, path,
                      [&](const std::string& s) { return def_.model.mesh.node_set(s); });
  }
  std::optional<std::vector<mesh::Facet>> facet_set(const std::string& name,
                                                    const std::string& path) override {
    return set_lookup(name, path,
                      [&](const std::string& s) { return def_.model.mesh.facet_set(s); });
  }

  void build_regions() {
    for (size_t i = 0; i < spec_.regions.size(); ++i) {
      const auto& r = spec_.regions[i];
      const std::string path = "regions[" + std::to_string(i) + "]";
      auto cells = set_lookup(r.elements, path + ".elements",
                              [&](const std::string& s) { return def_.model.mesh.element_set(s); });
      const bool known = def_.materials.count(r.material) > 0;
      if (!known && !declared_material(r.material)) {
        std::string defined;
        for (const auto& [k, v] : def_.materials) defined += (defined.empty() ? "" : ", ") + k;
        errors_.add(path + ".material",
                    "unknown material '" + r.material + "' (defined: " + defined + ")");
      }
      if (r.formulation != "standard" && r.formulation != "mean-dilatation")
        errors_.add(path + ".formulation", "'" + r.formulation +
                                               "' is not allowed (allowed: standard, "
                                               "mean-dilatation)");
      if (!cells || !known) continue;
      fem::Region region;
      region.name = r.name;
      region.cells = *cells;
      region.material = def_.materials.at(r.material);
      region.formulation = r.formulation == "mean-dilatation" ? fem::Formulation::MeanDilatation
                                                              : fem::Formulation::Standard;
      if (region.formulation == fem::Formulation::MeanDilatation)
        check_mean_dilatation(region, r.material, path);
      def_.model.regions.push_back(std::move(region));
    }
  }

  // Declared but rejected: its own errors are already reported.
  bool declared_material(const std::string& name) const {
    return std::any_of(spec_.materials.begin(), spec_.materials.end(),
                       [&](const MaterialSpec& m) { return m.name == name; });
  }

  void check_mean_dilatation(const fem::Region& region, const std::string& material,
                             const std::string& path) {
    if (!region.material->is_uncoupled())
      errors_.add(path + ".formulation", "mean-dilatation needs an uncoupled material; '" +
                                             material + "' is " + region.material->name());
    for (Index c : region.cells)
      if (def_.model.mesh.cell_type(c) != mesh::CellType::Hex8) {
        errors_.add(path + ".formulation", "mean-dilatation needs hex8 cells");
        break;
      }
  }

  void build_boundary() {
    for (size_t i = 0; i < spec_.boundary.size(); ++i) {
      const auto& b = spec_.boundary[i];
      const std::string path = "boundary[" + std::to_string(i) + "]";
      if (!boundary_types_.contains(b.type)) {
        errors_.add(path + ".type", "'" + b.type + "' is not allowed (allowed: " +
                                        boundary_types_.joined_names() + ")");
        continue;
      }
      boundary_types_.entry(b.type).build(b, path, *this);
    }
  }

  void build_steps() {
    Real t = 0;
    for (const auto& s : spec_.steps) {
      StepDefinition step{s.name, s.duration, s.stepping};
      step.stepping.t_start = t;
      step.stepping.t_end = t + s.duration;
      t = step.stepping.t_end;
      def_.steps.push_back(step);
    }
  }

  void build_solver() {
    def_.newton = spec_.solver;
    const auto names = solver::linear_solver_names();
    if (std::find(names.begin(), names.end(), def_.newton.linear_solver) == names.end()) {
      std::string allowed;
      for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
      errors_.add("solver.linear",
                  "'" + def_.newton.linear_solver + "' is not allowed (allowed: " + allowed + ")");
    }
  }

  void build_output(bool mesh_ok) {
    def_.output.file = spec_.output.file;
    if (!mesh_ok) return;
    for (const auto& set : spec_.output.reactions) {
      if (!def_.model.mesh.node_sets.count(set))
        errors_.add("output.reactions", "unknown node set '" + set + "'");
      else
        def_.output.reaction_sets.push_back(set);
    }
  }

  const ModelSpec& spec_;
  const materials::MaterialRegistry& registry_;
  ModelErrors errors_;
  MeshGeneratorRegistry generators_;
  BoundaryTypeRegistry boundary_types_;
  ModelDefinition def_;
  std::map<std::string, int> curve_index_;
  int constant_curve_ = -1;  ///< index of the curve "constant" loads use
};

}  // namespace

ModelDefinition build_model(const ModelSpec& spec, const materials::MaterialRegistry& materials) {
  return Builder(spec, materials).build();
}

LawParameters law_parameters(const materials::MaterialRegistry& materials) {
  LawParameters laws;
  for (const auto& name : materials.names()) laws[name] = materials.entry(name).parameters;
  return laws;
}

}  // namespace sinew::model
