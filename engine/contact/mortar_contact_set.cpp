// Construction, pairing, assembly and commit of segment-to-segment contact.
#include "contact/mortar_contact_set.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "contact/contact_history.hpp"
#include "contact/contact_set.hpp"

namespace sinew::contact {

namespace {

std::vector<std::vector<Index>> facet_corners(const mesh::Mesh& mesh,
                                              const std::vector<mesh::Facet>& facets,
                                              const char* side) {
  if (facets.empty())
    throw std::invalid_argument(std::string("contact: the ") + side + " facet set is empty");
  std::vector<std::vector<Index>> out;
  for (const auto& f : facets) {
    out.push_back(mesh.facet_nodes(f));
    if (out.back().size() != 3 && out.back().size() != 4)
      throw std::invalid_argument(std::string("contact: ") + side +
                                  " facets must be triangles or quadrilaterals");
  }
  return out;
}

Vec3 centre_of(const std::vector<Vec3>& x) {
  Vec3 c = Vec3::Zero();
  for (const Vec3& p : x) c += p / static_cast<Real>(x.size());
  return c;
}

Real diameter(const std::vector<Vec3>& x) {
  Real d = 0.0;
  for (const Vec3& a : x)
    for (const Vec3& b : x) d = std::max(d, (a - b).norm());
  return d;
}

}  // namespace

MortarContactSet::MortarContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& slave,
                                   const std::vector<mesh::Facet>& master, ContactParameters params,
                                   Real reach, int quadrature_order,
                                   std::optional<SegmentBonds> bonds)
    : reference_(mesh.points),
      slave_(facet_corners(mesh, slave, "slave")),
      master_(facet_corners(mesh, master, "master")),
      rule_(triangle_rule(quadrature_order)),
      params_(params) {
  params_.check();
  const VecX u0 = VecX::Zero(3 * mesh.n_nodes());
  for (const auto& f : slave_) {
    facet_size_ = std::max(facet_size_, diameter(corners(u0, f)));
    nodes_.insert(nodes_.end(), f.begin(), f.end());
  }
  for (const auto& f : master_) facet_size_ = std::max(facet_size_, diameter(corners(u0, f)));
  std::sort(nodes_.begin(), nodes_.end());
  nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
  for (const auto& f : master_) master_centre_.push_back(centre_of(corners(u0, f)));
  pair_facets(reach);
  pressure_.assign(nodes_.size(), 0.0);
  std::vector<std::vector<Vec3>> support(nodes_.size());
  for (const auto& f : slave_)
    for (Index n : f)
      for (Index c : f) support[slave_index(n)].push_back(reference_[static_cast<size_t>(c)]);
  for (const auto& x : support) support_size_ = std::max(support_size_, diameter(x));
  friction_force_.assign(nodes_.size(), Vec3::Zero());
  slip_.assign(nodes_.size(), 0.0);
  dissipation_.assign(nodes_.size(), 0.0);
  committed_u_ = u0;
  if (bonds) {
    MasterSurface surface(mesh, master);
    surface.rebuild(reference_, u0, surface.facet_size());
    std::vector<Real> areas;
    for (const auto& [node, a] : tributary_areas(mesh, slave)) areas.push_back(a);
    bonds_.emplace(reference_, nodes_, areas, surface, std::vector<std::vector<Index>>{}, *bonds);
  }
}

void MortarContactSet::pair_facets(Real reach) {
  const VecX u0 = VecX::Zero(3 * static_cast<Index>(reference_.size()));
  std::vector<Real> master_size;
  Real largest = 0.0;
  for (const auto& f : master_) {
    master_size.push_back(diameter(corners(u0, f)));
    largest = std::max(largest, master_size.back());
  }
  // Master facets sorted by the x of their centres: a slave facet scans only the slab of
  // centres within its range in x (O(n log n) instead of every slave-master pair).
  std::vector<size_t> by_x(master_.size());
  for (size_t m = 0; m < by_x.size(); ++m) by_x[m] = m;
  std::sort(by_x.begin(), by_x.end(),
            [&](size_t a, size_t b) { return master_centre_[a].x() < master_centre_[b].x(); });
  std::vector<Real> xs_sorted;
  for (size_t m : by_x) xs_sorted.push_back(master_centre_[m].x());
  for (size_t s = 0; s < slave_.size(); ++s) {
    const auto xs = corners(u0, slave_[s]);
    const Vec3 c = centre_of(xs);
    const Real size = diameter(xs);
    std::vector<Index> found;
    if (reach <= 0.0) {
      for (size_t m = 0; m < master_.size(); ++m) found.push_back(static_cast<Index>(m));
    } else {
      const Real slab = reach + size + largest;
      const auto lo = std::lower_bound(xs_sorted.begin(), xs_sorted.end(), c.x() - slab);
      const auto hi = std::upper_bound(xs_sorted.begin(), xs_sorted.end(), c.x() + slab);
      for (auto it = lo; it != hi; ++it) {
        const size_t m = by_x[static_cast<size_t>(it - xs_sorted.begin())];
        if ((c - master_centre_[m]).norm() <= reach + size + master_size[m])
          found.push_back(static_cast<Index>(m));
      }
      std::sort(found.begin(), found.end());
    }
    for (Index m : found) pairs_.emplace_back(static_cast<Index>(s), m);
  }
}

size_t MortarContactSet::slave_index(Index node) const {
  return static_cast<size_t>(std::lower_bound(nodes_.begin(), nodes_.end(), node) - nodes_.begin());
}

std::vector<Vec3> MortarContactSet::corners(const VecX& u, const std::vector<Index>& facet) const {
  std::vector<Vec3> x;
  for (Index n : facet) x.push_back(reference_[static_cast<size_t>(n)] + u.segment<3>(3 * n));
  return x;
}

std::vector<Index> MortarContactSet::pair_nodes(size_t k) const {
  std::vector<Index> local = slave_[static_cast<size_t>(pairs_[k].first)];
  const auto& m = master_[static_cast<size_t>(pairs_[k].second)];
  local.insert(local.end(), m.begin(), m.end());
  return local;
}

std::vector<std::vector<Index>> MortarContactSet::node_groups() const {
  std::vector<std::vector<Index>> groups;
  for (size_t k = 0; k < pairs_.size(); ++k) groups.push_back(pair_nodes(k));
  if (has_friction())
    for (auto& g : friction_groups()) groups.push_back(std::move(g));
  if (bonds_)
    for (auto& g : bonds_->node_groups()) groups.push_back(std::move(g));
  return groups;
}

bool MortarContactSet::may_touch(const VecX& u, size_t k) const {
  Eigen::AlignedBox<Real, 3> a, b;
  for (const Vec3& x : corners(u, slave_[static_cast<size_t>(pairs_[k].first)])) a.extend(x);
  for (const Vec3& x : corners(u, master_[static_cast<size_t>(pairs_[k].second)])) b.extend(x);
  const Vec3 margin = Vec3::Constant(facet_size_);
  a.min() -= margin;
  a.max() += margin;
  return a.intersects(b);
}

MortarPairResult MortarContactSet::evaluate_pair(const VecX& u, size_t k, bool tangent) const {
  MortarPairInput in;
  in.slave = corners(u, slave_[static_cast<size_t>(pairs_[k].first)]);
  in.master = corners(u, master_[static_cast<size_t>(pairs_[k].second)]);
  in.normal_penalty = params_.normal_penalty;
  // As in node-to-segment contact: deeper than a facet size, the slave has passed the master.
  in.depth_limit = facet_size_;
  if (has_friction()) {
    in.slave_committed = corners(committed_u_, slave_[static_cast<size_t>(pairs_[k].first)]);
    in.master_committed = corners(committed_u_, master_[static_cast<size_t>(pairs_[k].second)]);
    in.friction_band = kFrictionBand * facet_size_;
  }
  return integrate_mortar_pair(in, rule_, tangent);
}

void MortarContactSet::add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                           const fem::AssemblyPlan& plan) const {
  (void)t;
  if (bonds_) bonds_->add(reference_, u, r, K, plan);
  if (has_friction()) {
    add_gathered(gather(u, K != nullptr), r, K, plan);
    return;
  }
  for (size_t k = 0; k < pairs_.size(); ++k) {
    if (!may_touch(u, k)) continue;
    const MortarPairResult p = evaluate_pair(u, k, K != nullptr);
    if (p.contact_area <= 0.0) continue;
    const std::vector<Index> local = pair_nodes(k);
    // The contact forces are external to each body: residual = internal - external.
    for (size_t a = 0; a < local.size(); ++a)
      r.segment<3>(3 * local[a]) -= p.force.segment<3>(3 * static_cast<Index>(a));
    if (K) plan.scatter(std::span<const Index>(local), MatX(-p.df_dx), *K);
  }
}

MortarContactSet::Evaluation MortarContactSet::evaluate(const VecX& u) const {
  return evaluate(u, nullptr);
}

MortarContactSet::Evaluation MortarContactSet::evaluate(const VecX& u, Gathered* gathered) const {
  Evaluation e;
  Gathered local;
  Gathered& g = gathered ? *gathered : local;
  if (has_friction()) g.nodes.assign(nodes_.size(), NodeTerms{});  // absorbed below
  std::vector<Real> normal_force(nodes_.size(), 0.0), weight(nodes_.size(), 0.0);
  for (size_t k = 0; k < pairs_.size(); ++k) {
    if (!may_touch(u, k)) continue;
    MortarPairResult p = evaluate_pair(u, k, false);
    if (!p.overlap) continue;
    e.overlap_area += p.overlap_area;
    e.contact_area += p.contact_area;
    e.point_pressures.insert(e.point_pressures.end(), p.pressures.begin(), p.pressures.end());
    const auto& facet = slave_[static_cast<size_t>(pairs_[k].first)];
    for (size_t a = 0; a < facet.size(); ++a) {
      const Vec3 f = p.force.segment<3>(3 * static_cast<Index>(a));
      e.force += f;
      const size_t i = slave_index(facet[a]);
      normal_force[i] -= f.dot(p.normal);
      weight[i] += p.slave_weight[a];
    }
    if (has_friction()) absorb(g, k, std::move(p));
  }
  e.node_pressure.assign(nodes_.size(), 0.0);
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (weight[i] > 0.0) e.node_pressure[i] = normal_force[i] / weight[i];
  if (has_friction()) {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Vec3 f = evaluate_mortar_friction(g.nodes[i].q, friction_force_[i], params_).force;
      e.friction_force += f;
      e.friction_magnitude += f.norm();
      e.normal_force += g.nodes[i].q[1];
    }
    e.force += e.friction_force;
  }
  if (bonds_) {
    e.bond_force = bonds_->slave_force(reference_, u);
    e.force += e.bond_force;
  }
  return e;
}

void MortarContactSet::commit(const VecX& u, Real t) {
  (void)t;
  if (bonds_) bonds_->commit(reference_, u);
  Gathered g;
  pressure_ = evaluate(u, &g).node_pressure;
  if (!has_friction()) return;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const MortarFrictionResponse f =
        evaluate_mortar_friction(g.nodes[i].q, friction_force_[i], params_);
    friction_force_[i] = f.force;
    slip_[i] += f.slip_increment;
    dissipation_[i] += f.dissipation_increment;
  }
  committed_u_ = u;
}

Real MortarContactSet::friction_dissipated_energy() const {
  Real e = 0.0;
  for (Real d : dissipation_) e += d;
  return e;
}

std::unique_ptr<fem::Coupling> MortarContactSet::clone() const {
  return std::make_unique<MortarContactSet>(*this);
}

std::vector<materials::StateVariable> MortarContactSet::state_variables() const {
  return contact_history_variables();
}

std::vector<Real> MortarContactSet::state_values() const {
  std::vector<Real> out;
  for (size_t i = 0; i < pressure_.size(); ++i)
    out.insert(out.end(), {pressure_[i], slip_[i], dissipation_[i]});
  return out;
}

}  // namespace sinew::contact
