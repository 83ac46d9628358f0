// Registration of the boundary-condition types: their keys and the construction of each.
#include "model/boundary_types.hpp"

#include <algorithm>
#include <limits>

#include "fem/surface_kernels.hpp"

namespace sinew::model {

namespace {

const std::vector<std::string> kComponents{"x", "y", "z"};

int component_index(const std::string& c) { return c == "x" ? 0 : c == "y" ? 1 : 2; }

Real reference_area(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets) {
  Real area = 0.0;
  for (const auto& f : facets) {
    const auto nodes = mesh.facet_nodes(f);
    MatX X(3, static_cast<Index>(nodes.size()));
    for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = mesh.points[nodes[a]];
    area += fem::facet_mass(X).sum();
  }
  return area;
}

const KeySpec kNodes{"nodes", "", "required", "node set", "the nodes it acts on"};
const KeySpec kFacets{"facets", "", "required", "facet set", "the facets it acts on"};
const KeySpec kCurve{"curve", "", "`ramp`", "load curve", "multiplies the value at time t"};

// A value of `n` numbers, or an error at `path`.value naming what was expected.
bool has_size(const BoundarySpec& b, size_t n, const std::string& path, BoundaryContext& ctx) {
  if (b.value.size() == n) return true;
  ctx.error(path + ".value", n == 1 ? std::string("expected a number, got a list")
                                    : "expected a list of " + std::to_string(n) + " numbers, got " +
                                          std::to_string(b.value.size()));
  return false;
}

Vec3 as_vec3(const std::vector<Real>& v) { return {v[0], v[1], v[2]}; }

// Components are x, y or z (values set by key path are checked here).
bool valid_components(const std::vector<std::string>& components, const std::string& path,
                      BoundaryContext& ctx) {
  for (const auto& c : components)
    if (std::find(kComponents.begin(), kComponents.end(), c) == kComponents.end()) {
      ctx.error(path, "'" + c + "' is not allowed (allowed: x, y, z)");
      return false;
    }
  return true;
}

void fixed(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b.nodes, path + ".nodes");
  if (!valid_components(b.components, path + ".components", ctx) || !nodes) return;
  for (const auto& c : b.components)
    ctx.model().displacements.push_back({b.nodes, *nodes, component_index(c), 0.0, -1});
}

void displacement(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b.nodes, path + ".nodes");
  auto c = ctx.curve(b.curve, path + ".curve");
  if (!valid_components({b.component}, path + ".component", ctx)) return;
  if (!has_size(b, 1, path, ctx) || !nodes || !c) return;
  ctx.model().displacements.push_back({b.nodes, *nodes, component_index(b.component), b.value[0],
                                       *c});
}

void force(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b.nodes, path + ".nodes");
  auto c = ctx.curve(b.curve, path + ".curve");
  if (!has_size(b, 3, path, ctx) || !nodes || !c) return;
  ctx.model().nodal_forces.push_back({b.nodes, *nodes, as_vec3(b.value), ctx.load_curve(*c)});
}

void pressure(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto facets = ctx.facet_set(b.facets, path + ".facets");
  auto c = ctx.curve(b.curve, path + ".curve");
  if (!has_size(b, 1, path, ctx) || !facets || !c) return;
  ctx.model().pressures.push_back({b.facets, *facets, b.value[0], ctx.load_curve(*c)});
}

// Either a traction (MPa) or the total force (N) spread evenly over the reference area.
void traction(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto facets = ctx.facet_set(b.facets, path + ".facets");
  const bool by_force = !b.total_force.empty();
  if (by_force == !b.value.empty()) {
    ctx.error(path, "give exactly one of 'value' (traction, MPa) or 'total_force' (N)");
    return;
  }
  auto c = ctx.curve(b.curve, path + ".curve");
  if (!by_force && !has_size(b, 3, path, ctx)) return;
  if (!facets || !c) return;
  Vec3 value = as_vec3(by_force ? b.total_force : b.value);
  if (by_force) value /= reference_area(ctx.model().mesh, *facets);
  ctx.model().tractions.push_back({b.facets, *facets, value, ctx.load_curve(*c)});
}

// A rigid plate on the nodes, pulled by a total force in one component (shared by stiffness).
void plate(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b.nodes, path + ".nodes");
  auto c = ctx.curve(b.curve, path + ".curve");
  if (!valid_components({b.component}, path + ".component", ctx)) return;
  if (!has_size(b, 1, path, ctx) || !nodes || !c) return;
  ctx.model().plates.push_back({b.nodes, *nodes, component_index(b.component), false, b.value[0],
                                ctx.load_curve(*c)});
}

void foundation(const BoundarySpec& b, const std::string& path, BoundaryContext& ctx) {
  auto facets = ctx.facet_set(b.facets, path + ".facets");
  if (!facets) return;
  ctx.model().foundations.push_back({b.facets, *facets, b.stiffness});
}

}  // namespace

void register_boundary_types(BoundaryTypeRegistry& registry) {
  registry.add("fixed", {"displacement 0 in each listed component at all times",
                         {kNodes,
                          {"components", "", "required", "`x`, `y`, `z`, or a list of them",
                           "the fixed components"}},
                         fixed});
  registry.add("displacement",
               {"prescribed displacement u = value x curve(t) in one component",
                {kNodes,
                 {"component", "", "required", "`x`, `y` or `z`", "the displaced component"},
                 {"value", "mm", "required", "number", "displacement at curve value 1"},
                 kCurve},
                displacement});
  registry.add("force",
               {"force value x curve(t) applied to each node of the set",
                {kNodes, {"value", "N", "required", "[Fx, Fy, Fz]", "force per node"}, kCurve},
                force});
  registry.add("pressure", {"follower pressure on the current surface, traction -p n",
                            {kFacets, {"value", "MPa", "required", "number", "pressure p"}, kCurve},
                            pressure});
  registry.add("traction", {"dead traction per unit reference area",
                            {kFacets,
                             {"value", "MPa", "one of `value`, `total_force`", "[tx, ty, tz]",
                              "traction per unit reference area"},
                             {"total_force", "N", "one of `value`, `total_force`", "[Fx, Fy, Fz]",
                              "force spread evenly over the facets' reference area"},
                             kCurve},
                            traction});
  registry.add("plate",
               {"rigid plate: the nodes share one displacement in the component, free across it; "
                "total force value x curve(t), split among the nodes by stiffness",
                {kNodes,
                 {"component", "", "required", "`x`, `y` or `z`", "the plate's direction"},
                 {"value", "N", "required", "number", "total force on the plate"},
                 kCurve},
                plate});
  const KeySpec stiffness{"stiffness",
                          "N/mm³",
                          "required",
                          "≥ 0",
                          "foundation stiffness k: traction -k u per unit reference area",
                          0.0,
                          std::numeric_limits<Real>::infinity()};
  registry.add("foundation",
               {"elastic foundation: springs to the reference position, not scaled by a curve",
                {kFacets, stiffness},
                foundation});
}

}  // namespace sinew::model
