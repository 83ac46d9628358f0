// Fascia-on-underlay generator: two boxes from make_box, appended as separate bodies.
#include "mesh/fascia_band_generator.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/spec_checks.hpp"

namespace sinew::mesh {

constexpr const char* kFasciaBand = "fascia-band";

Mesh generate_fascia_band(const FasciaBandSpec& s) {
  require_positive_length(s.length, kFasciaBand, "length");
  require_positive_length(s.width, kFasciaBand, "width");
  require_positive_length(s.thickness, kFasciaBand, "thickness");
  require_positive_length(s.underlay_thickness, kFasciaBand, "underlay_thickness");
  require_divisions(s.length_divisions, kFasciaBand, "length_divisions");
  require_divisions(s.width_divisions, kFasciaBand, "width_divisions");
  require_divisions(s.thickness_divisions, kFasciaBand, "thickness_divisions");
  require_divisions(s.underlay_divisions, kFasciaBand, "underlay_divisions");

  // Both boxes compute x and y with the same expressions; the planes are snapped below.
  BoxSpec fascia;
  fascia.origin = Vec3(0, -s.width / 2, 0);
  fascia.size = Vec3(s.length, s.width, s.thickness);
  fascia.divisions = {s.length_divisions, s.width_divisions, s.thickness_divisions};
  BoxSpec underlay = fascia;
  underlay.origin.z() = -s.underlay_thickness;
  underlay.size.z() = s.underlay_thickness;
  underlay.divisions[2] = s.underlay_divisions;

  Mesh m;
  m.block_names.clear();
  append_body(m, make_box(fascia), "fascia",
              {{"x0", "fascia_distal"},
               {"x1", "fascia_proximal"},
               {"z1", "fascia_top"},
               {"z0", "interface_fascia"}});
  append_body(m, make_box(underlay), "underlay",
              {{"x0", "underlay_distal"},
               {"x1", "underlay_proximal"},
               {"z0", "underlay_bottom"},
               {"z1", "interface_underlay"}});
  // make_box puts the far planes at origin + (size*n)/n, which can miss by an ulp: snap them so
  // the duplicated interface nodes coincide bit for bit and the end planes are exact.
  auto snap = [&](const char* set, int axis, Real value) {
    for (Index n : m.node_set(set)) m.points[size_t(n)][axis] = value;
  };
  snap("interface_fascia", 2, 0.0);
  snap("interface_underlay", 2, 0.0);
  snap("fascia_top", 2, s.thickness);
  snap("fascia_proximal", 0, s.length);
  snap("underlay_proximal", 0, s.length);
  add_all_sets(m);
  return m;
}

}  // namespace sinew::mesh
