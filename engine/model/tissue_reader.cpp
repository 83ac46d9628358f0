// Reading of the tissue sections of a model (scars, the adhesion interface, tissue roles and
// probe settings) into a ModelSpec.
#include <algorithm>

#include "core/parameters.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/interface_parameters.hpp"
#include "model/model_spec.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

namespace {

void read_axes(const YamlNode& a, ScarSpec& scar) {
  if (!a.is_sequence() || a.size() != 2) {
    a.error(
        "expected two directions [[first axis], [second axis]] (the third is their cross "
        "product)");
    return;
  }
  auto e1 = a[0].vec3(), e2 = a[1].vec3();
  if (!e1 || !e2) return;
  const Vec3 u = e1->normalized();
  const Vec3 v = *e2 - u.dot(*e2) * u;
  if (e1->norm() == 0 || v.norm() < 1e-9 * std::max(1.0, e2->norm()))
    a.error("the two axes must be non-zero and not parallel");
  else
    scar.axes = std::make_pair(*e1, *e2);
}

ScarSpec read_scar(const YamlNode& s, size_t i) {
  ScarSpec scar;
  scar.name = "scar" + std::to_string(i + 1);
  if (!s.expect_map({"name", "shape", "centre", "semi_axes", "half_sizes", "axes", "falloff",
                     "elements", "fibre_stiffness_ratio", "matrix_stiffness_ratio", "dispersion",
                     "misalignment", "adhesion_density"}))
    return scar;
  if (s["name"].defined()) scar.name = s.value_or(s["name"].string(), scar.name);
  auto shape = s["shape"].string({"ellipsoid", "box", "elements"});
  if (!shape) return scar;
  scar.shape = *shape;
  if (*shape == "elements") {
    scar.elements = s.value_or(s["elements"].string(), std::string());
    for (const char* k : {"centre", "semi_axes", "half_sizes", "axes", "falloff"})
      if (s[k].defined())
        s[k].error(std::string("'") + k + "' does not apply to an element-set scar");
  } else {
    const char* size_key = *shape == "box" ? "half_sizes" : "semi_axes";
    const char* other = *shape == "box" ? "semi_axes" : "half_sizes";
    if (s[other].defined())
      s[other].error(std::string("a ") + *shape + " scar takes '" + size_key + "', not '" + other +
                     "'");
    if (s["centre"].require()) scar.centre = s.value_or(s["centre"].vec3(), scar.centre);
    if (s[size_key].require())
      scar.size = s.value_or(s[size_key].vec3(Range::positive()), scar.size);
    s["falloff"].read_real(scar.falloff, Range::non_negative());
    if (s["axes"].defined()) read_axes(s["axes"], scar);
  }
  auto& q = scar.properties;
  s["fibre_stiffness_ratio"].read_real(q.fibre_stiffness_ratio, Range{0.0, 10.0, true, false});
  s["matrix_stiffness_ratio"].read_real(q.matrix_stiffness_ratio, Range{0.0, 10.0, true, false});
  s["dispersion"].read_real(q.dispersion, Range{0.0, 1.0 / 3.0});
  s["misalignment"].read_real(q.misalignment_deg, Range{0.0, 90.0});
  s["adhesion_density"].read_real(q.adhesion_density, Range{0.0, 1.0});
  return scar;
}

void read_interface(const YamlNode& n, InterfaceSpec& spec) {
  if (!n.defined()) return;
  spec.given = true;
  const auto specs = interface::interface_parameter_specs();
  std::vector<std::string> allowed{"primary", "secondary", "adhesion_density", "law"};
  for (const auto& s : specs)
    if (s.name != "softening_law") allowed.push_back(s.name);
  if (!n.expect_map(allowed)) return;
  if (n["primary"].defined()) spec.primary = n.value_or(n["primary"].string(), std::string());
  if (n["secondary"].defined()) spec.secondary = n.value_or(n["secondary"].string(), std::string());
  n["adhesion_density"].read_real(spec.adhesion_density, Range{0.0, 1.0});
  if (n["law"].defined()) {
    interface::CohesiveLawRegistry laws;
    interface::register_cohesive_laws(laws);
    spec.law = n.value_or(n["law"].string(laws.names()), spec.law);
  }
  for (const auto& s : specs) {
    if (s.name == "softening_law" || !n[s.name].defined()) continue;
    if (auto v = n[s.name].real(Range{s.min, s.max, s.min_exclusive, s.max_exclusive}))
      spec.parameters[s.name] = *v;
  }
}

void read_roles(const YamlNode& n, TissueSpec& t) {
  if (!n.defined()) return;
  t.given = true;
  if (!n.expect_map({"body", "bed", "fixed_end", "loaded_end", "bed_support", "axis",
                     "end_condition", "probe_force", "probe_excursion", "probe_increments",
                     "probe_excursion_increments", "probe_sliding", "probe_contact_penalty",
                     "probe_contact"}))
    return;
  auto name = [&](const char* key, std::string& out) {
    if (n[key].defined()) out = n.value_or(n[key].string(), std::string());
  };
  name("body", t.body);
  name("bed", t.bed);
  name("fixed_end", t.fixed_end);
  name("loaded_end", t.loaded_end);
  name("bed_support", t.bed_support);
  if (n["axis"].defined()) {
    auto a = n["axis"].vec3();
    if (a && a->norm() > 0)
      t.axis = *a;
    else if (a)
      n["axis"].error("axis must not be zero");
  }
  if (n["end_condition"].defined())
    t.end_condition = n.value_or(n["end_condition"].string({"plate", "traction"}), std::string());
  if (n["probe_sliding"].defined())
    t.probe_sliding = n.value_or(n["probe_sliding"].string({"small", "finite"}), std::string());
  if (n["probe_contact"].defined())
    t.probe_contact =
        n.value_or(n["probe_contact"].string({"node_to_segment", "segment_to_segment"}),
                   std::string());
  n["probe_force"].read_real(t.probes.force, Range::positive());
  n["probe_excursion"].read_real(t.probes.excursion, Range::positive());
  n["probe_contact_penalty"].read_real(t.probes.contact_penalty, Range::positive());
  if (n["probe_increments"].defined())
    if (auto k = n["probe_increments"].integer(1, 1000))
      t.probes.force_increments = t.probes.excursion_increments = static_cast<int>(*k);
  if (n["probe_excursion_increments"].defined())
    if (auto k = n["probe_excursion_increments"].integer(1, 1000))
      t.probes.excursion_increments = static_cast<int>(*k);
}

}  // namespace

void read_tissue_sections(const YamlNode& root, ModelSpec& spec) {
  read_roles(root["tissue"], spec.tissue);
  const YamlNode scars = root["scars"];
  if (scars.defined() && scars.expect_sequence())
    for (size_t i = 0; i < scars.size(); ++i) spec.scars.push_back(read_scar(scars[i], i));
  read_interface(root["interface"], spec.interface);
}

}  // namespace sinew::model
