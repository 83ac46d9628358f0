// Anchoring, assembly and commit of the adhesion bonds of a contact set's slave nodes.
#include "contact/anchored_bonds.hpp"

#include <span>
#include <stdexcept>

#include "interface/bond_dissipation.hpp"

namespace sinew::contact {

AnchoredBonds::AnchoredBonds(const std::vector<Vec3>& reference, const std::vector<Index>& nodes,
                             const std::vector<Real>& areas, const MasterSurface& master,
                             const std::vector<std::vector<Index>>& allowed,
                             const SegmentBonds& bonds)
    : law_(bonds.law) {
  law_.validate();
  const auto& rho = bonds.node_density;
  if (!rho.empty() && rho.size() != reference.size())
    throw std::invalid_argument("contact: the bond densities must be given for every node");
  const VecX u0 = VecX::Zero(3 * static_cast<Index>(reference.size()));
  static const std::vector<Index> all;
  for (size_t k = 0; k < nodes.size(); ++k) {
    const Real density = rho.empty() ? bonds.density : rho[static_cast<size_t>(nodes[k])];
    if (!(density >= 0.0 && density <= 1.0))
      throw std::invalid_argument("contact: the bond density must lie in [0, 1]");
    const Vec3& X = reference[static_cast<size_t>(nodes[k])];
    const auto mp = master.find(reference, u0, X, -1, k < allowed.size() ? allowed[k] : all);
    if (mp.facet < 0) continue;
    anchors_.push_back({k, nodes[k], areas[k], density, master.nodes(mp.facet), mp.projection.xi});
  }
  damage_.assign(anchors_.size(), 0.0);
  dissipation_.assign(anchors_.size(), 0.0);
}

std::vector<Index> AnchoredBonds::local_nodes(size_t b) const {
  const BondAnchor& a = anchors_[b];
  return {a.node, a.facet[0], a.facet[1], a.facet[2], a.facet[3]};
}

std::vector<std::vector<Index>> AnchoredBonds::node_groups() const {
  std::vector<std::vector<Index>> groups;
  for (size_t b = 0; b < anchors_.size(); ++b) groups.push_back(local_nodes(b));
  return groups;
}

BondResponse AnchoredBonds::evaluate(const std::vector<Vec3>& reference, const VecX& u,
                                     size_t b) const {
  const BondAnchor& a = anchors_[b];
  auto position = [&](Index n) { return reference[static_cast<size_t>(n)] + u.segment<3>(3 * n); };
  BondInput in;
  in.slave = position(a.node);
  for (size_t c = 0; c < 4; ++c) in.facet[c] = position(a.facet[c]);
  in.xi = a.xi;
  in.area = a.area;
  in.density = a.density;
  return evaluate_bond(in, damage_[b], law_);
}

void AnchoredBonds::add(const std::vector<Vec3>& reference, const VecX& u, VecX& r, SparseMatrix* K,
                        const fem::AssemblyPlan& plan) const {
  for (size_t b = 0; b < anchors_.size(); ++b) {
    if (damage_[b] >= 1.0) continue;
    const BondResponse resp = evaluate(reference, u, b);
    const std::vector<Index> local = local_nodes(b);
    // The bond forces are external to each body: residual = internal - external.
    for (size_t a = 0; a < local.size(); ++a)
      r.segment<3>(3 * local[a]) -= resp.force.segment<3>(3 * static_cast<Index>(a));
    if (K) plan.scatter(std::span<const Index>(local), MatX(-resp.df_dx), *K);
  }
}

void AnchoredBonds::commit(const std::vector<Vec3>& reference, const VecX& u) {
  for (size_t b = 0; b < anchors_.size(); ++b) {
    if (damage_[b] >= 1.0) continue;
    const BondResponse resp = evaluate(reference, u, b);
    dissipation_[b] +=
        anchors_[b].area * anchors_[b].density *
        interface::damage_dissipation_increment(damage_[b], resp.damage, resp.mixity, law_);
    damage_[b] = resp.damage;
  }
}

Vec3 AnchoredBonds::slave_force(const std::vector<Vec3>& reference, const VecX& u) const {
  Vec3 f = Vec3::Zero();
  for (size_t b = 0; b < anchors_.size(); ++b) f += evaluate(reference, u, b).force.head<3>();
  return f;
}

Real AnchoredBonds::dissipated_energy() const {
  Real e = 0.0;
  for (Real d : dissipation_) e += d;
  return e;
}

Real AnchoredBonds::intact_fraction() const {
  Real bonded = 0.0, intact = 0.0;
  for (size_t b = 0; b < anchors_.size(); ++b) {
    bonded += anchors_[b].area * anchors_[b].density;
    intact += anchors_[b].area * anchors_[b].density * (1.0 - damage_[b]);
  }
  return bonded > 0.0 ? intact / bonded : 1.0;
}

Real AnchoredBonds::bonded_area() const {
  Real area = 0.0;
  for (const BondAnchor& a : anchors_) area += a.area * a.density;
  return area;
}

}  // namespace sinew::contact
