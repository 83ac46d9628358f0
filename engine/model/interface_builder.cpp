// The adhesion/contact interface between the body and its bed, built on the paired facets of
// two facet sets, with bond density blended over the scar footprint.
#include "core/parameters.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/interface_set.hpp"
#include "mesh/facet_pairing.hpp"
#include "model/mesh_generators.hpp"
#include "model/model_errors.hpp"
#include "tissue/scar.hpp"

namespace sinew::model {

namespace {

// Default facet sets: those of the model's generator, none for a mesh file or a box.
std::pair<std::string, std::string> default_sets(const std::string& generator) {
  MeshGeneratorRegistry generators;
  register_mesh_generators(generators);
  if (!generators.contains(generator)) return {"", ""};
  const auto& e = generators.entry(generator);
  return {e.interface_primary, e.interface_secondary};
}

Real model_size(const mesh::Mesh& m) {
  Vec3 lo = m.points.front(), hi = m.points.front();
  for (const auto& p : m.points) {
    lo = lo.cwiseMin(p);
    hi = hi.cwiseMax(p);
  }
  return (hi - lo).norm();
}

// The interface pairs of the two facet sets, or an error (empty result).
std::vector<mesh::FacetPair> pair_sets(const mesh::Mesh& mesh, const std::string& primary,
                                       const std::string& secondary, bool primary_given,
                                       ModelErrors& errors) {
  try {
    return mesh::pair_facets(mesh, mesh.facet_set(primary), mesh.facet_set(secondary),
                             1e-6 * model_size(mesh));
  } catch (const std::invalid_argument& e) {
    errors.add(primary_given ? "interface.primary" : "interface",
               "facet sets '" + primary + "' and '" + secondary + "' do not pair: " + e.what());
    return {};
  }
}

}  // namespace

void build_interface(const ModelSpec& spec, ModelDefinition& def, ModelErrors& errors) {
  const InterfaceSpec& s = spec.interface;
  auto [primary, secondary] = default_sets(def.generator);
  if (!s.given && primary.empty()) return;  // not a tissue model: no interface
  if (!s.primary.empty()) primary = s.primary;
  if (!s.secondary.empty()) secondary = s.secondary;
  if (primary.empty() || secondary.empty()) {
    errors.add("interface",
               "give the two facet sets to join: 'primary' (tendon/fascia side) and 'secondary'");
    return;
  }
  interface::CohesiveLawRegistry laws;
  interface::register_cohesive_laws(laws);
  if (!laws.contains(s.law)) {
    errors.add("interface.law",
               "'" + s.law + "' is not allowed (allowed: " + laws.joined_names() + ")");
    return;
  }
  const auto& mesh = def.model.mesh;
  const auto facet_pairs = pair_sets(mesh, primary, secondary, !s.primary.empty(), errors);
  if (facet_pairs.empty()) return;
  std::vector<interface::InterfacePair> pairs;
  for (const auto& fp : facet_pairs)
    pairs.push_back({fp.n_nodes, fp.primary_nodes, fp.secondary_nodes});
  try {
    auto params = interface::InterfaceParameters::from(
        resolve_parameters(interface::interface_parameter_specs(), s.parameters));
    params.softening = laws.entry(s.law).law;
    // Bond density per Gauss point: the healthy density blended toward each scar's density.
    const interface::InterfaceSet probe(mesh, pairs, params, s.adhesion_density);
    std::vector<Real> rho;
    rho.reserve(static_cast<size_t>(probe.n_gauss_points()));
    for (const auto& p : probe.point_info())
      rho.push_back(tissue::blended_adhesion_density(def.tissue.scars, s.adhesion_density,
                                                     p.reference_position,
                                                     facet_pairs[p.pair].primary.cell));
    def.model.couplings.push_back(std::make_shared<interface::InterfaceSet>(
        mesh, std::move(pairs), params, std::move(rho), interface::RhoLayout::PerGaussPoint));
    def.tissue.enabled = true;
    def.tissue.roles.interface_primary = primary;
    def.tissue.roles.interface_secondary = secondary;
  } catch (const ParameterError& e) {
    errors.add(s.parameters.count(e.key()) ? "interface." + e.key() : "interface", e.what());
  } catch (const std::invalid_argument& e) {
    errors.add("interface", e.what());
  }
}

}  // namespace sinew::model
