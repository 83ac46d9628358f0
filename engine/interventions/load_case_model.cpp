// Boundary conditions of a load case on a tissue model.
#include "interventions/load_case_model.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "fem/surface_kernels.hpp"
#include "interventions/patch_coupling.hpp"
#include "tissue/end_condition.hpp"

namespace sinew::interventions {

namespace {

MatX reference_coordinates(const mesh::Mesh& m, const std::vector<Index>& nodes) {
  MatX X(3, static_cast<Index>(nodes.size()));
  for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = m.points[nodes[a]];
  return X;
}

// Outward normal of a facet (its node order is right-handed about the outward normal).
Vec3 facet_normal(const MatX& X) {
  const Index n = X.cols();
  const Vec3 d1 = X.col(2) - X.col(0);
  const Vec3 d2 = n == 4 ? Vec3(X.col(3) - X.col(1)) : Vec3(X.col(1) - X.col(0));
  const Vec3 v = n == 4 ? d1.cross(d2) : d2.cross(d1);
  return v.normalized();
}

// Adds `profile` shifted to start at t0 as a load curve; returns its index.
int add_curve(fem::Model& m, const Profile& profile, Real t0) {
  fem::LoadCurve c;
  c.points.clear();  // (a LoadCurve starts as the unit ramp)
  for (const auto& [s, v] : profile.points) c.points.emplace_back(t0 + s, v);
  m.curves.push_back(c);
  return static_cast<int>(m.curves.size()) - 1;
}

// Samples f at the given load-case times (sorted, unique, within [0, 1]).
template <class F>
Profile sampled(const std::set<Real>& times, F&& f) {
  Profile p;
  p.points.clear();
  for (Real s : times) p.points.emplace_back(s, f(s));
  return p;
}

std::set<Real> breakpoints(std::initializer_list<const Profile*> profiles, int uniform) {
  std::set<Real> t{0.0, 1.0};
  for (const auto* p : profiles)
    for (const auto& [s, v] : p->points)
      if (s >= 0.0 && s <= 1.0) t.insert(s);
  for (int i = 1; i < uniform; ++i) t.insert(static_cast<Real>(i) / uniform);
  return t;
}

// The facets of the bed's outer surface on the pressing side within the patch width, with their
// axial extent relative to the target.
struct StripFacet {
  mesh::Facet facet;
  Real lo, hi;
  std::vector<Index> nodes;
  MatX X;  // reference coordinates
};
struct Strip {
  std::vector<StripFacet> facets;
  Real lo = 1e300, hi = -1e300;  // mm: the strip's axial extent
};

Strip pressed_strip(const mesh::Mesh& mesh, const tissue::TissueModel& tissue,
                    const LoadingFrame& frame, Real width) {
  const auto& roles = tissue.roles;
  if (roles.bed_support.empty() || !mesh.facet_sets.count(roles.bed_support))
    throw std::invalid_argument(
        "a patch load needs the bed's outer surface as a facet set (tissue.bed_support = '" +
        roles.bed_support + "' is not a facet set)");
  const Vec3 a = roles.axis;
  const Vec3 across = a.cross(frame.side).normalized();
  Strip strip;
  for (const auto& f : mesh.facet_set(roles.bed_support)) {
    const auto nodes = mesh.facet_nodes(f);
    const MatX X = reference_coordinates(mesh, nodes);
    if (facet_normal(X).dot(frame.side) < 0.3) continue;
    // Facets partly under the patch width take part; the footprint is cut exactly later.
    Real b_lo = 1e300, b_hi = -1e300;
    for (Index k = 0; k < X.cols(); ++k) {
      const Real y = (Vec3(X.col(k)) - frame.target).dot(across);
      b_lo = std::min(b_lo, y);
      b_hi = std::max(b_hi, y);
    }
    if (b_lo >= 0.5 * width || b_hi <= -0.5 * width) continue;
    Real lo = 1e300, hi = -1e300;
    for (Index k = 0; k < X.cols(); ++k) {
      const Real x = (Vec3(X.col(k)) - frame.target).dot(a);
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    strip.lo = std::min(strip.lo, lo);
    strip.hi = std::max(strip.hi, hi);
    strip.facets.push_back({f, lo, hi, nodes, X});
  }
  if (strip.facets.empty())
    throw std::invalid_argument(fmt::format(
        "no facet of the bed surface '{}' faces the pressing side within the patch width ({:g} "
        "mm); widen the patch",
        roles.bed_support, width));
  return strip;
}

constexpr Real kTolerance = 1e-9;  // mm

// The coupling of a patch on the strip: the footprint window in the tissue's frame.
PatchSpec patch_spec(const Strip& strip, const PatchLoad& patch, const tissue::TissueModel& tissue,
                     const LoadingFrame& frame, Real start, Real end, Real t0) {
  PatchSpec spec;
  for (const auto& f : strip.facets) {
    spec.facets.push_back(f.nodes);
    spec.reference.push_back(f.X);
  }
  spec.window.origin = frame.target;
  spec.window.axis = tissue.roles.axis;
  spec.window.across = tissue.roles.axis.cross(frame.side).normalized();
  spec.window.length = patch.length;
  spec.window.width = patch.width;
  spec.force = patch.force;
  spec.force_profile = patch.force_profile;
  spec.t0 = t0;
  spec.start = start;
  spec.end = end;
  spec.move_from = patch.move_from;
  spec.move_to = patch.move_to;
  spec.drag = patch.drag;
  spec.grip_friction = patch.grip_friction;
  spec.grip_stiffness = patch.grip_stiffness;
  return spec;
}

PatchPlacement placement(const Strip& strip, const PatchLoad& patch,
                         const tissue::TissueModel& tissue, const LoadingFrame& frame) {
  PatchPlacement p;
  p.length = patch.length;
  p.bed_min = strip.lo;
  p.bed_max = strip.hi;
  const Real lo = strip.lo + 0.5 * p.length, hi = strip.hi - 0.5 * p.length;
  if (hi < lo - kTolerance)
    throw std::invalid_argument(fmt::format(
        "the bed surface is {:.3g} mm long on the pressing side, shorter than the patch ({:.3g} "
        "mm); shorten the patch",
        strip.hi - strip.lo, p.length));
  // A patch that never touches the bed is a mistake, not something to move onto it.
  if (std::max(patch.start, patch.end) + 0.5 * p.length <= strip.lo + kTolerance ||
      std::min(patch.start, patch.end) - 0.5 * p.length >= strip.hi - kTolerance)
    throw std::invalid_argument(fmt::format(
        "the patch at {:g}..{:g} mm from the scar centre lies off the bed; the whole patch lies "
        "on it for positions {:.3g}..{:.3g} mm",
        patch.start, patch.end, lo, hi));
  p.start = std::clamp(patch.start, lo, std::max(lo, hi));
  p.end = std::clamp(patch.end, lo, std::max(lo, hi));
  p.limited = std::abs(p.start - patch.start) > kTolerance ||
              std::abs(p.end - patch.end) > kTolerance;
  // The footprint where the patch lands: its exact area on the bed (patch_footprint.hpp).
  const PatchCoupling c(patch_spec(strip, patch, tissue, frame, p.start, p.end, 0.0));
  p.area = c.covered_area(patch.move_from);
  p.pressure = p.area > 0.0 ? patch.force / p.area : 0.0;
  return p;
}

void add_patch(fem::Model& m, const tissue::TissueModel& tissue, const LoadingFrame& frame,
               const PatchLoad& patch, Real t0) {
  const Strip strip = pressed_strip(m.mesh, tissue, frame, patch.width);
  const PatchPlacement place = placement(strip, patch, tissue, frame);
  m.couplings.push_back(std::make_shared<PatchCoupling>(patch_spec(strip, patch, tissue, frame,
                                                                   place.start, place.end, t0)));
}

// Area-weighted mean outward normal of the bed's outer surface, its axial part removed: about
// zero for a bed wrapped around the body, unit for a flat underlay (zero without a bed surface).
Vec3 bed_exposed_normal(const mesh::Mesh& m, const std::string& bed, const Vec3& a) {
  if (bed.empty() || !m.facet_sets.count(bed)) return Vec3::Zero();
  Vec3 sum = Vec3::Zero();
  Real area = 0.0;
  for (const auto& f : m.facet_set(bed)) {
    const MatX X = reference_coordinates(m, m.facet_nodes(f));
    const Real dA = fem::facet_mass(X).sum();
    sum += dA * facet_normal(X);
    area += dA;
  }
  if (area <= 0.0) return Vec3::Zero();
  sum /= area;
  return sum - sum.dot(a) * a;
}

// `profile` up to load-case time s and held at its value there afterwards.
Profile stopped_at(const Profile& profile, Real s) {
  Profile p;
  p.points.clear();
  for (const auto& point : profile.points)
    if (point.first < s) p.points.push_back(point);
  p.points.emplace_back(s, profile(s));
  return p;
}

}  // namespace

const std::vector<std::string>& press_side_values() {
  static const std::vector<std::string> values{"auto", "scar", "+x", "-x", "+y", "-y", "+z", "-z"};
  return values;
}

std::optional<PressSide> parse_press_side(const std::string& text) {
  if (text == "auto") return PressSide{};
  if (text == "scar") return PressSide{PressRule::Scar, Vec3::Zero()};
  if (text.size() != 2 || (text[0] != '+' && text[0] != '-') || text[1] < 'x' || text[1] > 'z')
    return std::nullopt;
  const Real sign = text[0] == '+' ? 1.0 : -1.0;
  return PressSide{PressRule::Direction, sign * Vec3::Unit(text[1] - 'x')};
}

LoadingFrame loading_frame(const fem::Model& model, const tissue::TissueModel& tissue,
                           Real bed_stiffness, const PressSide& press) {
  LoadingFrame frame;
  frame.bed_stiffness = bed_stiffness;
  const auto& m = model.mesh;
  const Vec3 a = tissue.roles.axis;
  Vec3 centroid = Vec3::Zero();
  std::set<Index> nodes;
  for (Index c : m.element_set(tissue.roles.body))
    for (Index n : m.cell_nodes(c)) nodes.insert(n);
  for (Index n : nodes) centroid += m.points[n];
  if (!nodes.empty()) centroid /= static_cast<Real>(nodes.size());
  frame.target = centroid;
  if (!tissue.scars.empty() && tissue.scars.front().shape.kind != tissue::ScarShapeKind::ElementSet)
    frame.target = tissue.scars.front().shape.centre;
  Vec3 radial = frame.target - centroid;
  radial -= radial.dot(a) * a;
  if (press.rule == PressRule::Direction) {
    const Vec3 normal = press.direction - press.direction.dot(a) * a;
    if (normal.norm() < 0.5)
      throw std::invalid_argument(
          "loading.press_side lies along the tissue's axis: choose a side normal to it");
    frame.side = normal.normalized();
    return frame;
  }
  const Vec3 exposed = press.rule == PressRule::Auto
                           ? bed_exposed_normal(m, tissue.roles.bed_support, a)
                           : Vec3::Zero();
  if (exposed.norm() >= 0.5) {
    frame.side = exposed.normalized();  // an underlay: pressed on its exposed face
    return frame;
  }
  if (radial.norm() < 1e-9) {
    // The target is on the axis line: press along the coordinate direction most normal to the
    // axis, z first (the posterior/top side of the generated tissue models).
    int k = 2;
    for (int j = 1; j >= 0; --j)
      if (std::abs(a[j]) < std::abs(a[k]) - 1e-12) k = j;
    radial = Vec3::Unit(k) - a[k] * a;
  }
  frame.side = radial.normalized();
  return frame;
}

PatchPlacement place_patch(const fem::Model& model, const tissue::TissueModel& tissue,
                           const LoadingFrame& frame, const PatchLoad& patch) {
  return placement(pressed_strip(model.mesh, tissue, frame, patch.width), patch, tissue, frame);
}

fem::Model load_case_model(const fem::Model& base, const tissue::TissueModel& tissue,
                           const LoadingFrame& frame, const LoadCase& load, Real t0) {
  fem::Model m = fem::unloaded_copy(base);
  const auto& roles = tissue.roles;
  const Vec3 a = roles.axis;
  const auto& mesh = m.mesh;

  // Fixed end: clamped, or translated rigidly by the excursion.
  const int excursion_curve = load.excursion != 0.0 ? add_curve(m, load.excursion_profile, t0) : -1;
  for (int c = 0; c < 3; ++c)
    m.displacements.push_back({roles.fixed_end, mesh.node_set(roles.fixed_end), c,
                               load.excursion * a[c], excursion_curve});

  // Loaded end: the axial force through the tissue's end condition (rigid plate or dead
  // traction), or its displacement (excursion + elongation) prescribed, directly or as the far
  // end of a series muscle.
  const auto& end_facets = mesh.facet_set(roles.loaded_end);
  if (load.axial_force != 0.0) {
    tissue::add_end_force(m, roles, load.axial_force, add_curve(m, load.force_profile, t0));
  } else {
    const auto times = breakpoints({&load.excursion_profile, &load.elongation_profile}, 1);
    const Profile travel = sampled(times, [&](Real s) {
      return load.excursion * load.excursion_profile(s) +
             load.elongation * load.elongation_profile(s);
    });
    const int curve = add_curve(m, travel, t0);
    if (load.muscle_stiffness > 0.0) {
      tissue::add_end_spring(m, roles, load.muscle_stiffness, 1.0, curve);
    } else {
      const auto end_nodes = mesh.nodes_of_facets(end_facets);
      for (int c = 0; c < 3; ++c)
        m.displacements.push_back({roles.loaded_end, end_nodes, c, a[c], curve});
    }
  }

  // The bed rests on the surrounding tissue: an elastic foundation on its outer surface.
  if (!roles.bed_support.empty() && mesh.facet_sets.count(roles.bed_support) &&
      frame.bed_stiffness > 0.0)
    m.foundations.push_back({roles.bed_support, mesh.facet_set(roles.bed_support),
                             frame.bed_stiffness});

  if (load.patch) add_patch(m, tissue, frame, *load.patch, t0);
  return m;
}

fem::Model hold_model(const fem::Model& base, const tissue::TissueModel& tissue,
                      const LoadingFrame& frame, const LoadCase& load, Real t0, const VecX& u,
                      Real reached_at) {
  if (load.axial_force == 0.0)
    throw std::invalid_argument("holding the position reached needs a force-limited load case");
  LoadCase held = load;
  held.axial_force = 0.0;
  held.elongation = 0.0;
  held.muscle_stiffness = 0.0;
  // A ramp that stopped early (past a limit load) left the excursion where it was then: the
  // joint stays at that angle, so the fixed end's translation is held there too.
  if (reached_at < 1.0) held.excursion_profile = stopped_at(load.excursion_profile, reached_at);
  fem::Model m = load_case_model(base, tissue, frame, held, t0);
  // The loaded end's own displacement prescription is replaced by the held plate.
  const auto& roles = tissue.roles;
  m.displacements.erase(std::remove_if(m.displacements.begin(), m.displacements.end(),
                                       [&](const fem::DisplacementBC& d) {
                                         return d.set_name == roles.loaded_end;
                                       }),
                        m.displacements.end());
  const int k = tissue::plate_component(roles);
  // mm along the axis: the plate's displacement (the mean over the end's nodes, which is the
  // plate's for a plate end and the mean for a traction end, which the plate then takes over).
  const auto nodes = m.mesh.nodes_of_facets(m.mesh.facet_set(roles.loaded_end));
  Real reached = 0.0;
  for (Index n : nodes) reached += u[3 * n + k];
  reached *= roles.axis[k] / static_cast<Real>(nodes.size());
  const int constant = add_curve(m, Profile{{{0.0, 1.0}, {1.0, 1.0}}}, t0);
  if (load.muscle_stiffness > 0.0)
    tissue::add_end_spring(m, roles, load.muscle_stiffness,
                           reached + load.axial_force / load.muscle_stiffness, constant);
  else
    tissue::add_end_plate_travel(m, roles, reached, constant);
  return m;
}

const PatchCoupling* patch_coupling(const fem::Model& model) {
  for (const auto& c : model.couplings)
    if (const auto* p = dynamic_cast<const PatchCoupling*>(c.get())) return p;
  return nullptr;
}

Real patch_normal_force(const fem::Model& model, Real t) {
  const PatchCoupling* p = patch_coupling(model);
  return p ? p->normal_force(t) : 0.0;
}

}  // namespace sinew::interventions
