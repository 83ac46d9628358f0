// The walk over a ModelSpec: sections in file order of the model reference, every value with
// its key and range (ranges of generator keys and parameters come from their registries).
#include "model/spec_visit.hpp"

#include "interface/interface_parameters.hpp"
#include "model/mesh_generators.hpp"

namespace sinew::model {

namespace {

constexpr Real kUnbounded = std::numeric_limits<Real>::infinity();
const Bounds kAny{};
const Bounds kPositive{0.0, kUnbounded, true, false};
const Bounds kNonNegative{0.0, kUnbounded, false, false};

Bounds bounds_of(const KeySpec& k) { return {k.min, k.max, k.min_exclusive, k.max_exclusive}; }

// Key-path segments as messages write them: ".key" and "[i]" (appended, not concatenated
// with operator+, which GCC 12 misreports under -Wrestrict).
std::string dotted(const std::string& key) {
  std::string s(1, '.');
  s.append(key);
  return s;
}
std::string indexed(size_t i) {
  std::string s(1, '[');
  s.append(std::to_string(i)).push_back(']');
  return s;
}

// Enters a section; calls body and leaves when the visitor descends.
template <class Body>
void section(SpecVisitor& v, const std::string& key, Body&& body) {
  if (!v.enter(key, "", dotted(key))) return;
  body();
  v.leave();
}

template <class Body>
void item(SpecVisitor& v, size_t i, const std::string& name, Body&& body) {
  if (!v.enter(std::to_string(i), name, indexed(i))) return;
  body();
  v.leave();
}

void vec3(SpecVisitor& v, const std::string& key, Vec3& x, const Bounds& b = kAny) {
  section(v, key, [&] {
    for (int i = 0; i < 3; ++i) v.number(std::to_string(i), x[i], b);
  });
}

void numbers(SpecVisitor& v, const std::string& key, std::vector<Real>& x) {
  section(v, key, [&] {
    for (size_t i = 0; i < x.size(); ++i) v.number(std::to_string(i), x[i], kAny);
  });
}

// An optional vector: set through its path, it starts from `fallback`.
void optional_vec3(SpecVisitor& v, const std::string& key, std::optional<Vec3>& x,
                   const Vec3& fallback) {
  Vec3 value = x.value_or(fallback);
  const Vec3 before = value;
  vec3(v, key, value);
  if (x || value != before) x = value;
}

void mesh_keys(SpecVisitor& v, MeshSpec& m) {
  MeshGeneratorRegistry generators;
  register_mesh_generators(generators);
  v.text("generator", m.generator);
  if (m.generator.empty() || !generators.contains(m.generator)) {
    v.text("file", m.file);
    return;
  }
  const auto& e = generators.entry(m.generator);
  auto b = [&](const char* key) { return bounds_of(e.key(key)); };
  if (m.generator == "box") {
    vec3(v, "size", m.box.size, b("size"));
    section(v, "divisions", [&] {
      for (int i = 0; i < 3; ++i) v.whole(std::to_string(i), m.box.divisions[i], b("divisions"));
    });
    v.text("cell", m.box_cell);
    vec3(v, "origin", m.box.origin);
  } else if (m.generator == "tendon_sheath") {
    auto& s = m.tendon_sheath;
    v.number("length", s.length, b("length"));
    section(v, "semi_axes", [&] {
      v.number("0", s.semi_axis_y, b("semi_axes"));
      v.number("1", s.semi_axis_z, b("semi_axes"));
    });
    v.number("sheath_thickness", s.sheath_thickness, b("sheath_thickness"));
    v.number("helix_angle", m.helix_angle_deg, b("helix_angle"));
    section(v, "divisions", [&] {
      const Bounds d = b("divisions");
      v.whole("axial", s.axial_divisions, d);
      v.whole("core", s.core_divisions, d);
      v.whole("tendon_radial", s.tendon_radial_divisions, d);
      v.whole("sheath_radial", s.sheath_radial_divisions, d);
    });
  } else if (m.generator == "fascia_band") {
    auto& s = m.fascia_band;
    v.number("length", s.length, b("length"));
    v.number("width", s.width, b("width"));
    v.number("thickness", s.thickness, b("thickness"));
    v.number("underlay_thickness", s.underlay_thickness, b("underlay_thickness"));
    section(v, "divisions", [&] {
      const Bounds d = b("divisions");
      v.whole("length", s.length_divisions, d);
      v.whole("width", s.width_divisions, d);
      v.whole("thickness", s.thickness_divisions, d);
      v.whole("underlay", s.underlay_divisions, d);
    });
  }
}

void materials(SpecVisitor& v, std::vector<MaterialSpec>& list, const LawParameters& laws) {
  section(v, "materials", [&] {
    for (auto& m : list) {
      if (!v.enter(m.name, "", dotted(m.name))) continue;
      v.text("type", m.type);
      const auto it = laws.find(m.type);
      if (it != laws.end()) {
        for (const auto& p : it->second) v.parameter(m.parameters, p);
      } else {
        for (auto& [k, x] : m.parameters) v.number(k, x, kAny);
      }
      v.leave();
    }
  });
}

void regions(SpecVisitor& v, std::vector<RegionSpec>& list) {
  section(v, "regions", [&] {
    for (size_t i = 0; i < list.size(); ++i) {
      auto& r = list[i];
      item(v, i, r.name, [&] {
        v.text("name", r.name);
        v.text("elements", r.elements);
        v.text("material", r.material);
        v.text("formulation", r.formulation);
      });
    }
  });
}

void curves(SpecVisitor& v, std::vector<CurveSpec>& list) {
  section(v, "load_curves", [&] {
    for (auto& c : list) {
      if (!v.enter(c.name, "", dotted(c.name))) continue;
      for (size_t i = 0; i < c.points.size(); ++i)
        item(v, i, "", [&] {
          v.number("0", c.points[i].first, kAny);
          v.number("1", c.points[i].second, kAny);
        });
      v.leave();
    }
  });
}

void boundary(SpecVisitor& v, std::vector<BoundarySpec>& list) {
  section(v, "boundary", [&] {
    for (size_t i = 0; i < list.size(); ++i) {
      auto& b = list[i];
      item(v, i, "", [&] {
        v.text("type", b.type);
        v.text("nodes", b.nodes);
        v.text("facets", b.facets);
        v.texts("components", b.components);
        v.text("component", b.component);
        numbers(v, "value", b.value);
        numbers(v, "total_force", b.total_force);
        v.text("curve", b.curve);
        v.number("stiffness", b.stiffness, kNonNegative);
      });
    }
  });
}

void steps(SpecVisitor& v, std::vector<StepSpec>& list) {
  section(v, "steps", [&] {
    for (size_t i = 0; i < list.size(); ++i) {
      auto& s = list[i];
      item(v, i, s.name, [&] {
        v.text("name", s.name);
        v.number("duration", s.duration, kPositive);
        v.whole("increments", s.stepping.increments, {1, 100000});
        v.flag("adaptive", s.stepping.adaptive);
        v.whole("max_cutbacks", s.stepping.max_cutbacks, {0, 30});
      });
    }
  });
}

std::string strategy_name(solver::NewtonStrategy s) {
  switch (s) {
    case solver::NewtonStrategy::Full: return "newton";
    case solver::NewtonStrategy::Bfgs: return "bfgs";
    case solver::NewtonStrategy::Auto: break;
  }
  return "auto";
}

void solver_keys(SpecVisitor& v, SolverSpec& s) {
  section(v, "solver", [&] {
    v.text("linear", s.linear_solver);
    v.whole("max_iterations", s.max_iterations, {1, 1000});
    v.number("residual_tolerance", s.residual_tolerance, kNonNegative);
    v.number("displacement_tolerance", s.displacement_tolerance, kNonNegative);
    v.number("energy_tolerance", s.energy_tolerance, kNonNegative);
    v.number("residual_absolute", s.residual_absolute, kNonNegative);
    v.number("residual_load", s.residual_load, kNonNegative);
    v.flag("line_search", s.line_search);
    std::string strategy = strategy_name(s.strategy);
    v.text("strategy", strategy);
    s.strategy = strategy == "newton" ? solver::NewtonStrategy::Full
                 : strategy == "bfgs" ? solver::NewtonStrategy::Bfgs
                                      : solver::NewtonStrategy::Auto;
    v.whole("bfgs_max_updates", s.bfgs_max_updates, {1, 100});
  });
}

void scars(SpecVisitor& v, std::vector<ScarSpec>& list) {
  section(v, "scars", [&] {
    for (size_t i = 0; i < list.size(); ++i) {
      auto& s = list[i];
      item(v, i, s.name, [&] {
        v.text("name", s.name);
        v.text("shape", s.shape);
        if (s.shape == "elements") {
          v.text("elements", s.elements);
        } else {
          vec3(v, "centre", s.centre);
          vec3(v, s.shape == "box" ? "half_sizes" : "semi_axes", s.size, kPositive);
          if (s.axes)
            section(v, "axes", [&] {
              vec3(v, "0", s.axes->first);
              vec3(v, "1", s.axes->second);
            });
          v.number("falloff", s.falloff, kNonNegative);
        }
        auto& q = s.properties;
        v.number("fibre_stiffness_ratio", q.fibre_stiffness_ratio, {0.0, 10.0, true, false});
        v.number("matrix_stiffness_ratio", q.matrix_stiffness_ratio, {0.0, 10.0, true, false});
        v.number("dispersion", q.dispersion, {0.0, 1.0 / 3.0});
        v.number("misalignment", q.misalignment_deg, {0.0, 90.0});
        v.number("adhesion_density", q.adhesion_density, {0.0, 1.0});
      });
    }
  });
}

void interface_keys(SpecVisitor& v, InterfaceSpec& s) {
  section(v, "interface", [&] {
    v.text("primary", s.primary);
    v.text("secondary", s.secondary);
    v.number("adhesion_density", s.adhesion_density, {0.0, 1.0});
    v.text("law", s.law);
    for (const auto& p : interface::interface_parameter_specs())
      if (p.name != "softening_law") v.parameter(s.parameters, p);
  });
}

void contact_keys(SpecVisitor& v, std::vector<ContactSpec>& list) {
  section(v, "contact", [&] {
    for (size_t i = 0; i < list.size(); ++i) {
      auto& c = list[i];
      item(v, i, c.name, [&] {
        v.text("name", c.name);
        if (c.master.empty()) {
          v.text("surface", c.surface);
        } else {
          v.text("master", c.master);
          v.number("reach", c.reach, kNonNegative);
          v.text("formulation", c.formulation);
        }
        v.text("facets", c.facets);
        if (c.master.empty()) {
          vec3(v, "centre", c.centre);
          vec3(v, "direction", c.direction);
          if (c.surface != "plane") v.number("radius", c.radius, kPositive);
        }
        v.number("friction_coefficient", c.friction_coefficient, kNonNegative);
        v.number("normal_penalty", c.normal_penalty, kNonNegative);
        v.number("tangential_penalty", c.tangential_penalty, kNonNegative);
        v.number("penalty_scale", c.penalty_scale, kPositive);
        section(v, "motion", [&] {
          for (size_t k = 0; k < c.motion.size(); ++k)
            item(v, k, "", [&] {
              v.number("0", c.motion[k].first, kAny);
              for (int j = 0; j < 3; ++j)
                v.number(std::to_string(j + 1), c.motion[k].second[j], kAny);
            });
        });
      });
    }
  });
}

void tissue_keys(SpecVisitor& v, TissueSpec& t) {
  section(v, "tissue", [&] {
    v.text("body", t.body);
    v.text("bed", t.bed);
    v.text("fixed_end", t.fixed_end);
    v.text("loaded_end", t.loaded_end);
    v.text("bed_support", t.bed_support);
    optional_vec3(v, "axis", t.axis, Vec3::UnitX());
    v.text("end_condition", t.end_condition);
    v.text("probe_sliding", t.probe_sliding);
    v.text("probe_contact", t.probe_contact);
    v.number("probe_force", t.probes.force, kPositive);
    v.number("probe_excursion", t.probes.excursion, kPositive);
    v.number("probe_contact_penalty", t.probes.contact_penalty, kNonNegative);
    // One key sets both probes' increments; 0 stands for the defaults (3 force, 5 excursion).
    const bool both = t.probes.force_increments == t.probes.excursion_increments;
    int k = both ? t.probes.force_increments : 0;
    const int before = k;
    v.whole("probe_increments", k, {0, 1000});
    if (k != before) {
      const tissue::ProbeSettings defaults;
      t.probes.force_increments = k > 0 ? k : defaults.force_increments;
      t.probes.excursion_increments = k > 0 ? k : defaults.excursion_increments;
    }
    // The gliding probe's own count, after the shared one (which it overrides).
    v.whole("probe_excursion_increments", t.probes.excursion_increments, {1, 1000});
  });
}

}  // namespace

void visit_spec(ModelSpec& spec, SpecVisitor& v, const LawParameters& laws) {
  section(v, "mesh", [&] { mesh_keys(v, spec.mesh); });
  materials(v, spec.materials, laws);
  regions(v, spec.regions);
  curves(v, spec.load_curves);
  boundary(v, spec.boundary);
  steps(v, spec.steps);
  solver_keys(v, spec.solver);
  section(v, "output", [&] {
    v.text("file", spec.output.file);
    v.texts("reactions", spec.output.reactions);
  });
  optional_vec3(v, "fibre", spec.fibre, Vec3::UnitX());
  scars(v, spec.scars);
  interface_keys(v, spec.interface);
  contact_keys(v, spec.contact);
  tissue_keys(v, spec.tissue);
}

}  // namespace sinew::model
