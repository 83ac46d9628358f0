// Registration of the boundary-condition types: their keys and the construction of each.
#include "model/boundary_types.hpp"

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

void fixed(const YamlNode& b, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b["nodes"]);
  auto comps = b["components"].strings(kComponents);
  if (!nodes || !comps) return;
  for (const auto& c : *comps)
    ctx.model().displacements.push_back({*b["nodes"].string(), *nodes, component_index(c), 0.0,
                                         -1});
}

void displacement(const YamlNode& b, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b["nodes"]);
  auto comp = b["component"].string(kComponents);
  auto value = b["value"].real();
  auto c = ctx.curve(b["curve"], 0);
  if (!nodes || !comp || !value || !c) return;
  ctx.model().displacements.push_back({*b["nodes"].string(), *nodes, component_index(*comp), *value,
                                       *c});
}

void force(const YamlNode& b, BoundaryContext& ctx) {
  auto nodes = ctx.node_set(b["nodes"]);
  auto value = b["value"].vec3();
  auto c = ctx.curve(b["curve"], 0);
  if (!nodes || !value || !c) return;
  ctx.model().nodal_forces.push_back({*b["nodes"].string(), *nodes, *value, ctx.load_curve(*c)});
}

void pressure(const YamlNode& b, BoundaryContext& ctx) {
  auto facets = ctx.facet_set(b["facets"]);
  auto value = b["value"].real();
  auto c = ctx.curve(b["curve"], 0);
  if (!facets || !value || !c) return;
  ctx.model().pressures.push_back({*b["facets"].string(), *facets, *value, ctx.load_curve(*c)});
}

// Either a traction (MPa) or the total force (N) spread evenly over the reference area.
void traction(const YamlNode& b, BoundaryContext& ctx) {
  auto facets = ctx.facet_set(b["facets"]);
  const bool by_force = b["total_force"].defined();
  if (by_force == b["value"].defined()) {
    b.error("give exactly one of 'value' (traction, MPa) or 'total_force' (N)");
    return;
  }
  auto value = by_force ? b["total_force"].vec3() : b["value"].vec3();
  auto c = ctx.curve(b["curve"], 0);
  if (!facets || !value || !c) return;
  if (by_force) *value /= reference_area(ctx.model().mesh, *facets);
  ctx.model().tractions.push_back({*b["facets"].string(), *facets, *value, ctx.load_curve(*c)});
}

void foundation(const YamlNode& b, BoundaryContext& ctx, const KeySpec& stiffness) {
  auto facets = ctx.facet_set(b["facets"]);
  auto k = b["stiffness"].real(key_range(stiffness));
  if (!facets || !k) return;
  ctx.model().foundations.push_back({*b["facets"].string(), *facets, *k});
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
                [stiffness](const YamlNode& b, BoundaryContext& ctx) {
                  foundation(b, ctx, stiffness);
                }});
}

}  // namespace sinew::model
