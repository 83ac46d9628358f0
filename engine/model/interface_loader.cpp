// The `interface` section: the adhesion/contact interface between the body and its bed, built
// on the paired facets of two facet sets, with bond density blended over the scar footprint.
#include <algorithm>

#include "core/parameters.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/interface_set.hpp"
#include "mesh/facet_pairing.hpp"
#include "model/mesh_generators.hpp"
#include "model/model_definition.hpp"
#include "model/yaml_node.hpp"
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

}  // namespace

void load_interface(const YamlNode& n, ModelDefinition& def) {
  auto [primary_set, secondary_set] = default_sets(def.generator);
  if (!n.defined() && primary_set.empty()) return;  // not a tissue model: no interface
  std::map<std::string, Real> given;
  Real healthy_density = 0.0;
  interface::CohesiveLawRegistry laws;
  interface::register_cohesive_laws(laws);
  interface::SofteningLaw softening = laws.entry("bilinear").law;
  bool ok = true;
  if (n.defined()) {
    const auto specs = interface::interface_parameter_specs();
    std::vector<std::string> allowed{"primary", "secondary", "adhesion_density", "law"};
    for (const auto& s : specs)
      if (s.name != "softening_law") allowed.push_back(s.name);
    if (!n.expect_map(allowed)) return;
    for (const char* key : {"primary", "secondary"})
      if (n[key].defined()) {
        auto v = n[key].string();
        if (v)
          (std::string(key) == "primary" ? primary_set : secondary_set) = *v;
        else
          ok = false;
      }
    if (n["adhesion_density"].defined()) {
      auto v = n["adhesion_density"].real(Range{0.0, 1.0});
      if (v)
        healthy_density = *v;
      else
        ok = false;
    }
    if (n["law"].defined()) {
      auto law = n["law"].string(laws.names());
      if (law)
        softening = laws.entry(*law).law;
      else
        ok = false;
    }
    for (const auto& s : specs) {
      if (s.name == "softening_law" || !n[s.name].defined()) continue;
      auto v = n[s.name].real(Range{s.min, s.max, s.min_exclusive, s.max_exclusive});
      if (v)
        given[s.name] = *v;
      else
        ok = false;
    }
  }
  const YamlNode& where = n;  // without a section, errors go to its (missing) path
  if (primary_set.empty() || secondary_set.empty()) {
    where.error("give the two facet sets to join: 'primary' (tendon/fascia side) and 'secondary'");
    return;
  }
  if (!ok) return;
  const auto& mesh = def.model.mesh;
  std::vector<mesh::FacetPair> facet_pairs;
  try {
    facet_pairs = mesh::pair_facets(mesh, mesh.facet_set(primary_set),
                                    mesh.facet_set(secondary_set), 1e-6 * model_size(mesh));
  } catch (const std::invalid_argument& e) {
    (n["primary"].defined() ? n["primary"] : where)
        .error("facet sets '" + primary_set + "' and '" + secondary_set +
               "' do not pair: " + e.what());
    return;
  }
  std::vector<interface::InterfacePair> pairs;
  for (const auto& fp : facet_pairs)
    pairs.push_back({fp.n_nodes, fp.primary_nodes, fp.secondary_nodes});
  try {
    auto params = interface::InterfaceParameters::from(
        resolve_parameters(interface::interface_parameter_specs(), given));
    params.softening = softening;
    // Bond density per Gauss point: the healthy density blended toward each scar's density.
    const interface::InterfaceSet probe(mesh, pairs, params, healthy_density);
    std::vector<Real> rho;
    rho.reserve(static_cast<size_t>(probe.n_gauss_points()));
    for (const auto& p : probe.point_info())
      rho.push_back(tissue::blended_adhesion_density(def.tissue.scars, healthy_density,
                                                     p.reference_position,
                                                     facet_pairs[p.pair].primary.cell));
    def.model.couplings.push_back(std::make_shared<interface::InterfaceSet>(
        mesh, std::move(pairs), params, std::move(rho), interface::RhoLayout::PerGaussPoint));
    def.tissue.enabled = true;
  } catch (const ParameterError& e) {
    (n[e.key()].defined() ? n[e.key()] : where).error(e.what());
  } catch (const std::invalid_argument& e) {
    where.error(e.what());
  }
}

}  // namespace sinew::model
