// Reading of the model's `contact` section (rigid analytical surfaces touching the body) into
// a ModelSpec.
#include "model/model_spec.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

namespace {

const std::vector<std::string> kShapes{"plane", "cylinder", "sphere"};

void read_number(const YamlNode& n, Real& out, Range range) {
  if (n.defined()) out = n.value_or(n.real(range), out);
}

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

ContactSpec read_contact(const YamlNode& n, size_t i) {
  ContactSpec c;
  c.name = "contact" + std::to_string(i + 1);
  if (!n.expect_map({"name", "surface", "facets", "centre", "direction", "radius",
                     "friction_coefficient", "normal_penalty", "tangential_penalty",
                     "penalty_scale", "motion"}))
    return c;
  if (n["name"].defined()) c.name = n.value_or(n["name"].string(), c.name);
  c.surface = n.value_or(n["surface"].string(kShapes), std::string());
  c.facets = n.value_or(n["facets"].string(), std::string());
  if (n["centre"].defined()) c.centre = n.value_or(n["centre"].vec3(), c.centre);
  if (n["direction"].defined()) {
    auto d = n["direction"].vec3();
    if (d && d->norm() == 0)
      n["direction"].error("the direction must not be zero");
    else if (d)
      c.direction = *d;
  }
  if (c.surface == "cylinder" || c.surface == "sphere") {
    if (n["radius"].require()) read_number(n["radius"], c.radius, Range::positive());
  } else if (n["radius"].defined()) {
    n["radius"].error("a plane has no radius");
  }
  read_number(n["friction_coefficient"], c.friction_coefficient, Range::non_negative());
  read_number(n["normal_penalty"], c.normal_penalty, Range::non_negative());
  read_number(n["tangential_penalty"], c.tangential_penalty, Range::non_negative());
  read_number(n["penalty_scale"], c.penalty_scale, Range::positive());
  read_motion(n["motion"], c);
  return c;
}

}  // namespace

void read_contact_section(const YamlNode& root, ModelSpec& spec) {
  const YamlNode n = root["contact"];
  if (!n.defined() || !n.expect_sequence()) return;
  for (size_t i = 0; i < n.size(); ++i) spec.contact.push_back(read_contact(n[i], i));
}

}  // namespace sinew::model
