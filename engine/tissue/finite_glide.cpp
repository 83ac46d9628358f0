// Building the finite-sliding interface of the gliding probe (finite_glide.hpp).
#include "tissue/finite_glide.hpp"

#include <algorithm>
#include <stdexcept>

#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"

namespace sinew::tissue {

namespace {

// The mortar pairs' n x n triangle rule in the probe: exact for affine facets from n = 2; on
// the tendon's curved (non-affine) facets n = 3 leaves about 1e-4 of a uniform pressure
// (theory.md) at a quarter of the default rule's cost.
constexpr int kMortarQuadrature = 3;

}  // namespace

std::vector<Real> nodal_intact_density(const mesh::Mesh& mesh,
                                       const interface::InterfaceSet& bonds) {
  const auto points = bonds.point_info();
  std::vector<Real> pair_area(static_cast<size_t>(bonds.n_pairs()), 0.0);
  std::vector<Real> pair_intact(pair_area.size(), 0.0);
  for (const auto& p : points) {
    pair_area[static_cast<size_t>(p.pair)] += p.weight;
    pair_intact[static_cast<size_t>(p.pair)] += p.weight * p.intact;
  }
  std::vector<Real> sum(mesh.points.size(), 0.0), weight(mesh.points.size(), 0.0);
  for (size_t k = 0; k < pair_area.size(); ++k) {
    const auto& pair = bonds.pairs()[k];
    if (!(pair_area[k] > 0.0)) continue;
    const Real share = pair_area[k] / pair.n_nodes;
    for (int a = 0; a < pair.n_nodes; ++a) {
      const auto n = static_cast<size_t>(pair.primary[static_cast<size_t>(a)]);
      sum[n] += share * pair_intact[k] / pair_area[k];
      weight[n] += share;
    }
  }
  for (size_t n = 0; n < sum.size(); ++n)
    sum[n] = weight[n] > 0.0 ? std::clamp(sum[n] / weight[n], 0.0, 1.0) : 0.0;
  return sum;
}

namespace {

// The largest corner-to-corner distance over the facets (mm).
Real largest_facet_size(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets) {
  Real size = 0.0;
  for (const auto& f : facets) {
    const auto nodes = mesh.facet_nodes(f);
    for (Index a : nodes)
      for (Index b : nodes) size = std::max(size, (mesh.points[a] - mesh.points[b]).norm());
  }
  return size;
}

}  // namespace

std::shared_ptr<fem::Coupling> finite_sliding_interface(const mesh::Mesh& mesh,
                                                        const TissueRoles& roles,
                                                        const interface::InterfaceSet& bonds,
                                                        const ProbeSettings& probes) {
  if (roles.interface_primary.empty() || roles.interface_secondary.empty())
    throw std::invalid_argument(
        "finite-sliding gliding probe: the model names no interface facet sets");
  const auto& slave = mesh.facet_set(roles.interface_primary);
  const auto& master = mesh.facet_set(roles.interface_secondary);
  const auto& p = bonds.parameters();
  contact::ContactParameters contact;
  contact.normal_penalty = probes.contact_penalty > 0.0 ? probes.contact_penalty
                                                        : p.contact_penalty;
  contact.tangential_penalty = p.tangential_penalty;
  contact.friction_coefficient = p.friction_coefficient;
  contact::SegmentBonds bond;
  bond.law = p;
  bond.node_density = nodal_intact_density(mesh, bonds);
  const Real reach = probes.excursion + 2.0 * largest_facet_size(mesh, master);
  if (probes.contact == ProbeContact::SegmentToSegment)
    return std::make_shared<contact::MortarContactSet>(mesh, slave, master, contact, reach,
                                                       kMortarQuadrature, std::move(bond));
  return std::make_shared<contact::SegmentContactSet>(mesh, slave, master, contact, reach,
                                                      std::move(bond));
}

}  // namespace sinew::tissue
