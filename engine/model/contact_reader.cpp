// Reading of the model's `contact` section (rigid analytical surfaces, or master facet sets
// of the mesh, touching the body) into a ModelSpec.
#include "model/model_spec.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

namespace {

const std::vector<std::string> kShapes{"plane", "cylinder", "sphere"};
const std::vector<std::string> kFormulations{"node_to_segment", "segment_to_segment"};

// `motion`: [[t, dx, dy, dz], ...] with non-decreasing times.
void read_motion(const YamlNode& m, ContactSpec& c) {
  if (!m.defined() || !m.expect_sequence()) return;
  for (size_t i = 0; i < m.size(); ++i) {
    auto p = m[i].reals();
    if (!p || p->size() != 4) {
      if (p) m[i].error("expected a [time, dx, dy, dz] point");
      continue;
    }
    if (!c.motion.empty() && (*p)[0] < c.motion.back().first) m[i].error("times must not decrease");
    c.motion.emplace_back((*p)[0], Vec3((*p)[1], (*p)[2], (*p)[3]));
  }
}

// The rigid surface's shape, placement and motion.
void read_rigid(const YamlNode& n, ContactSpec& c) {
  for (const char* key : {"reach", "formulation"})
    if (n[key].defined()) n[key].error(std::string(key) + " applies to a master facet set");
  c.surface = n.value_or(n["surface"].string(kShapes), std::string());
  if (n["centre"].defined()) c.centre = n.value_or(n["centre"].vec3(), c.centre);
  if (n["direction"].defined()) {
    auto d = n["direction"].vec3();
    if (d && d->norm() == 0)
      n["direction"].error("the direction must not be zero");
    else if (d)
      c.direction = *d;
  }
  if (c.surface == "cylinder" || c.surface == "sphere") {
    if (n["radius"].require()) n["radius"].read_real(c.radius, Range::positive());
  } else if (n["radius"].defined()) {
    n["radius"].error("a plane has no radius");
  }
  read_motion(n["motion"], c);
}

// A master facet set of the mesh: meshed, so none of the rigid surface's keys.
void read_master(const YamlNode& n, ContactSpec& c) {
  c.master = n.value_or(n["master"].string(), std::string());
  for (const char* key : {"surface", "centre", "direction", "radius", "motion"})
    if (n[key].defined()) n[key].error("not a key of contact with a master facet set");
  n["reach"].read_real(c.reach, Range::non_negative());
  if (n["formulation"].defined())
    c.formulation = n.value_or(n["formulation"].string(kFormulations), c.formulation);
}

ContactSpec read_contact(const YamlNode& n, size_t i) {
  ContactSpec c;
  c.name = "contact" + std::to_string(i + 1);
  if (!n.expect_map({"name", "surface", "master", "facets", "centre", "direction", "radius",
                     "friction_coefficient", "normal_penalty", "tangential_penalty",
                     "penalty_scale", "motion", "reach", "formulation"}))
    return c;
  if (n["name"].defined()) c.name = n.value_or(n["name"].string(), c.name);
  if (n["master"].defined())
    read_master(n, c);
  else
    read_rigid(n, c);
  c.facets = n.value_or(n["facets"].string(), std::string());
  n["friction_coefficient"].read_real(c.friction_coefficient, Range::non_negative());
  n["normal_penalty"].read_real(c.normal_penalty, Range::non_negative());
  n["tangential_penalty"].read_real(c.tangential_penalty, Range::non_negative());
  n["penalty_scale"].read_real(c.penalty_scale, Range::positive());
  return c;
}

}  // namespace

void read_contact_section(const YamlNode& root, ModelSpec& spec) {
  const YamlNode n = root["contact"];
  if (!n.defined() || !n.expect_sequence()) return;
  for (size_t i = 0; i < n.size(); ++i) spec.contact.push_back(read_contact(n[i], i));
}

}  // namespace sinew::model
