// Boundary conditions of a load case on a tissue model.
#include "interventions/load_case_model.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "fem/surface_kernels.hpp"

namespace sinew::interventions {

namespace {

constexpr const char* kPatchSet = "patch";

MatX reference_coordinates(const mesh::Mesh& m, const std::vector<Index>& nodes) {
  MatX X(3, static_cast<Index>(nodes.size()));
  for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = m.points[nodes[a]];
  return X;
}

Real reference_area(const mesh::Mesh& m, const mesh::Facet& f) {
  return fem::facet_mass(reference_coordinates(m, m.facet_nodes(f))).sum();
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

Real overlap(Real a0, Real a1, Real b0, Real b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

void add_patch(fem::Model& m, const tissue::TissueModel& tissue, const LoadingFrame& frame,
               const PatchLoad& patch, Real t0) {
  const auto& roles = tissue.roles;
  const auto& mesh = m.mesh;
  if (roles.bed_support.empty() || !mesh.facet_sets.count(roles.bed_support))
    throw std::invalid_argument(
        "a patch load needs the bed's outer surface as a facet set (tissue.bed_support = '" +
        roles.bed_support + "' is not a facet set)");
  const Vec3 a = roles.axis;
  const Vec3 across = a.cross(frame.side).normalized();

  struct Covered {
    mesh::Facet facet;
    Real lo, hi, area;
    std::vector<Index> nodes;
  };
  std::vector<Covered> strip;  // facets on the pressing side within the patch width
  Real longest = 0.0;
  for (const auto& f : mesh.facet_set(roles.bed_support)) {
    const auto nodes = mesh.facet_nodes(f);
    const MatX X = reference_coordinates(mesh, nodes);
    const Vec3 c = X.rowwise().mean();
    if (facet_normal(X).dot(frame.side) < 0.3) continue;
    if (std::abs((c - frame.target).dot(across)) > 0.5 * patch.width) continue;
    Real lo = 1e300, hi = -1e300;
    for (Index k = 0; k < X.cols(); ++k) {
      const Real x = (Vec3(X.col(k)) - frame.target).dot(a);
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    longest = std::max(longest, hi - lo);
    strip.push_back({f, lo, hi, reference_area(mesh, f), nodes});
  }
  if (strip.empty())
    throw std::invalid_argument("no facet of the bed surface '" + roles.bed_support +
                                "' lies under the patch (width " + std::to_string(patch.width) +
                                " mm on the pressing side)");
  // A patch narrower than two facets is spread over two facet lengths so that a moving patch
  // is resolved by the mesh; the total force is kept.
  const Real length = std::max(patch.length, 2.0 * longest);
  auto centre = [&](Real s) {
    if (patch.move_to <= patch.move_from) return s < patch.move_from ? patch.start : patch.end;
    const Real x = std::clamp((s - patch.move_from) / (patch.move_to - patch.move_from), 0.0, 1.0);
    return patch.start + (patch.end - patch.start) * x;
  };
  auto coverage = [&](const Covered& f, Real s) {
    const Real x = centre(s);
    return overlap(f.lo, f.hi, x - 0.5 * length, x + 0.5 * length) / (f.hi - f.lo);
  };
  Real loaded_area = 0.0;
  for (const auto& f : strip) loaded_area += f.area * coverage(f, patch.move_from);
  if (loaded_area <= 0.0)
    throw std::invalid_argument("the patch at its start position covers no facet of '" +
                                roles.bed_support + "'");
  const Real p0 = patch.force / loaded_area;
  const Profile moving{{{patch.move_from, 0.0}, {patch.move_to, 1.0}}};
  const auto times = breakpoints({&patch.force_profile, &moving}, 64);
  const Real direction = patch.end > patch.start ? 1.0 : patch.end < patch.start ? -1.0 : 0.0;

  int grip_component = 0;
  a.cwiseAbs().maxCoeff(&grip_component);
  std::set<Index> gripped;
  for (const auto& f : strip) {
    const Profile profile =
        sampled(times, [&](Real s) { return coverage(f, s) * patch.force_profile(s); });
    if (std::all_of(profile.points.begin(), profile.points.end(),
                    [](const auto& p) { return p.second == 0.0; }))
      continue;
    const int curve = add_curve(m, profile, t0);
    m.pressures.push_back({kPatchSet, {f.facet}, p0, curve});
    if (patch.drag > 0.0 && direction != 0.0)
      m.tractions.push_back({"patch_drag", {f.facet}, patch.drag * p0 * direction * a, curve});
    if (patch.grip && coverage(f, patch.move_from) > 0.0)
      gripped.insert(f.nodes.begin(), f.nodes.end());
  }
  if (!gripped.empty())
    m.displacements.push_back(
        {"patch_grip", {gripped.begin(), gripped.end()}, grip_component, 0.0, -1});
}

}  // namespace

LoadingFrame loading_frame(const fem::Model& model, const tissue::TissueModel& tissue,
                           Real bed_stiffness) {
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

  // Loaded end: a dead axial traction, or its displacement (excursion + elongation) prescribed.
  const auto& end_facets = mesh.facet_set(roles.loaded_end);
  if (load.axial_force != 0.0) {
    Real area = 0.0;
    for (const auto& f : end_facets) area += reference_area(mesh, f);
    m.tractions.push_back({roles.loaded_end, end_facets, a * (load.axial_force / area),
                           add_curve(m, load.force_profile, t0)});
  } else {
    const auto times = breakpoints({&load.excursion_profile, &load.elongation_profile}, 1);
    const Profile travel = sampled(times, [&](Real s) {
      return load.excursion * load.excursion_profile(s) +
             load.elongation * load.elongation_profile(s);
    });
    const int curve = add_curve(m, travel, t0);
    const auto end_nodes = mesh.nodes_of_facets(end_facets);
    for (int c = 0; c < 3; ++c)
      m.displacements.push_back({roles.loaded_end, end_nodes, c, a[c], curve});
  }

  // The bed rests on the surrounding tissue: an elastic foundation on its outer surface.
  if (!roles.bed_support.empty() && mesh.facet_sets.count(roles.bed_support) &&
      frame.bed_stiffness > 0.0)
    m.foundations.push_back({roles.bed_support, mesh.facet_set(roles.bed_support),
                             frame.bed_stiffness});

  if (load.patch) add_patch(m, tissue, frame, *load.patch, t0);
  return m;
}

Real patch_normal_force(const fem::Model& model, Real t) {
  Real total = 0.0;
  for (const auto& bc : model.pressures)
    if (bc.set_name == kPatchSet)
      for (const auto& f : bc.facets)
        total += bc.pressure * model.curves[bc.curve](t) * reference_area(model.mesh, f);
  return total;
}

}  // namespace sinew::interventions
