// Construction, search, assembly and commit of node-to-segment contact.
#include "contact/segment_contact_set.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>

#include "contact/contact_history.hpp"
#include "contact/contact_set.hpp"

namespace sinew::contact {

SegmentContactSet::SegmentContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& slave,
                                     const std::vector<mesh::Facet>& master,
                                     ContactParameters params, Real reach,
                                     std::optional<SegmentBonds> bonds)
    : reference_(mesh.points), master_(mesh, master), params_(params) {
  if (slave.empty()) throw std::invalid_argument("contact: the slave facet set is empty");
  params_.check();
  for (const auto& [node, a] : tributary_areas(mesh, slave)) {
    nodes_.push_back(node);
    areas_.push_back(a);
  }
  const VecX u0 = VecX::Zero(3 * mesh.n_nodes());
  allowed_.resize(nodes_.size());
  if (reach > 0.0)
    for (size_t k = 0; k < nodes_.size(); ++k)
      for (Index f = 0; f < master_.size(); ++f) {
        Vec3 centre = Vec3::Zero();
        for (const Vec3& x : master_.corners(reference_, u0, f)) centre += 0.25 * x;
        if ((centre - reference_[static_cast<size_t>(nodes_[k])]).norm() <= reach)
          allowed_[k].push_back(f);
      }
  rebuild(u0);
  // The stick points start at the projections of the reference positions: no force before
  // the first commit (as for rigid surfaces).
  history_.assign(nodes_.size(), SegmentHistory{});
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const auto mp =
        master_.find(reference_, u0, reference_[static_cast<size_t>(nodes_[k])], -1, allowed_[k]);
    history_[k].facet = history_[k].stick_facet = mp.facet;
    history_[k].stick_xi = mp.projection.xi;
  }
  if (bonds) bonds_.emplace(reference_, nodes_, areas_, master_, allowed_, *bonds);
}

void SegmentContactSet::rebuild(const VecX& u) {
  master_.rebuild(reference_, u, master_.facet_size());
}

std::vector<std::vector<Index>> SegmentContactSet::node_groups() const {
  std::vector<std::vector<Index>> groups;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    auto add_facet = [&](Index f) {
      const auto& q = master_.nodes(f);
      groups.push_back({nodes_[k], q[0], q[1], q[2], q[3]});
    };
    if (allowed_[k].empty())
      for (Index f = 0; f < master_.size(); ++f) add_facet(f);
    else
      for (Index f : allowed_[k]) add_facet(f);
  }
  if (bonds_)
    for (auto& g : bonds_->node_groups()) groups.push_back(std::move(g));
  // A stick point on a neighbouring facet couples the two facets' nodes.
  for (Index f = 0; f < master_.size(); ++f) {
    std::vector<Index> patch(master_.nodes(f).begin(), master_.nodes(f).end());
    for (Index g : master_.neighbours(f))
      patch.insert(patch.end(), master_.nodes(g).begin(), master_.nodes(g).end());
    std::sort(patch.begin(), patch.end());
    patch.erase(std::unique(patch.begin(), patch.end()), patch.end());
    groups.push_back(std::move(patch));
  }
  return groups;
}

Vec3 SegmentContactSet::stick_position(const VecX& u, const SegmentHistory& h) const {
  return patch_point<Real>(master_.corners(reference_, u, h.stick_facet), h.stick_xi).x;
}

SegmentContactSet::NodeState SegmentContactSet::evaluate_node(const VecX& u, size_t k) const {
  const SegmentHistory& h = history_[k];
  const Index node = nodes_[k];
  const Vec3 x = reference_[static_cast<size_t>(node)] + u.segment<3>(3 * node);
  NodeState s;
  s.master = master_.find(reference_, u, x, h.facet, allowed_[k]);
  // A node deeper than a facet size has passed through the master (or faces its far side).
  if (s.master.facet >= 0 && s.master.projection.gap < -master_.facet_size()) s.master.facet = -1;
  if (s.master.facet < 0) return s;
  const Index f = s.master.facet;
  SegmentInput in;
  in.slave = x;
  in.facet = master_.corners(reference_, u, f);
  in.xi = s.master.projection.xi;
  // Beyond a kink edge the closest point is clamped to it; beyond the master's rim the facet
  // is extended (segment_law.hpp).
  for (int i = 0; i < 2; ++i) {
    const auto c = static_cast<size_t>(i);
    if (std::abs(in.xi[i]) <= 1.0 + 1e-9) continue;
    if (master_.boundary_edge(f, i, in.xi[i] > 0.0 ? 1 : -1)) {
      in.extended[c] = true;
    } else {
      in.clamped[c] = true;
      in.xi[i] = std::clamp(in.xi[i], -1.0, 1.0);
    }
  }
  in.area = areas_[k];
  Index sf = h.stick_facet;
  in.stick_xi = h.stick_xi;
  if (sf < 0) {
    sf = f;
    in.stick_xi = in.xi;
  } else if (!master_.adjacent(f, sf)) {
    // More than one facet in one increment: the stick point is carried over to the current
    // facet in its (extrapolated) convected coordinates, dropping its dependence on the far
    // facet's nodes, which the sparsity pattern does not couple.
    in.stick_xi = project_on_patch(in.facet, stick_position(u, h), in.xi).xi;
    sf = f;
  }
  in.separate_stick = sf != f;
  if (in.separate_stick) in.stick_facet = master_.corners(reference_, u, sf);
  s.local = {node};
  for (Index n : master_.nodes(f)) s.local.push_back(n);
  if (in.separate_stick)
    for (Index n : master_.nodes(sf)) s.local.push_back(n);
  s.response = evaluate_segment(in, params_);
  return s;
}

void SegmentContactSet::add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                            const fem::AssemblyPlan& plan) const {
  (void)t;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const NodeState s = evaluate_node(u, k);
    if (s.master.facet < 0 || !s.response.in_contact) continue;
    // The contact forces are external to each body: residual = internal - external.
    for (size_t a = 0; a < s.local.size(); ++a)
      r.segment<3>(3 * s.local[a]) -= s.response.force.segment<3>(3 * static_cast<Index>(a));
    if (K) plan.scatter(std::span<const Index>(s.local), MatX(-s.response.df_dx), *K);
  }
  if (bonds_) bonds_->add(reference_, u, r, K, plan);
}

void SegmentContactSet::commit(const VecX& u, Real t) {
  (void)t;
  if (bonds_) bonds_->commit(reference_, u);
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const NodeState s = evaluate_node(u, k);
    SegmentHistory& h = history_[k];
    const Index f = s.master.facet;
    h.facet = f;
    h.in_contact = f >= 0 && s.response.in_contact;
    h.pressure = h.in_contact ? s.response.pressure : 0.0;
    if (f < 0) {
      h.stick_facet = -1;
      continue;
    }
    const Vec2 xi = s.master.projection.xi;
    if (!h.in_contact || params_.friction_coefficient == 0.0 || h.stick_facet < 0) {
      // Out of contact the stick point follows the node's projection (no memory).
      h.stick_facet = f;
      h.stick_xi = xi;
      continue;
    }
    if (!s.response.slipping) continue;  // stick: the material stick point is kept
    const Vec3 z_new = s.response.new_stick;
    const Vec3 ds = z_new - stick_position(u, h);
    h.slip += ds.norm();
    h.dissipation -= areas_[k] * s.response.traction.dot(ds);
    const auto mp = master_.find(reference_, u, z_new, f, allowed_[k]);
    h.stick_facet = mp.facet >= 0 ? mp.facet : f;
    h.stick_xi = mp.facet >= 0 ? mp.projection.xi
                               : project_on_patch(master_.corners(reference_, u, f), z_new, xi).xi;
  }
  rebuild(u);
}

std::unique_ptr<fem::Coupling> SegmentContactSet::clone() const {
  return std::make_unique<SegmentContactSet>(*this);
}

std::vector<SegmentNodeInfo> SegmentContactSet::node_info() const {
  std::vector<SegmentNodeInfo> out;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const auto& h = history_[k];
    out.push_back({nodes_[k], areas_[k], h.facet, h.pressure, h.slip, h.dissipation, h.in_contact});
  }
  return out;
}

std::vector<SegmentResponse> SegmentContactSet::evaluate(const VecX& u) const {
  std::vector<SegmentResponse> out;
  for (size_t k = 0; k < nodes_.size(); ++k) out.push_back(evaluate_node(u, k).response);
  return out;
}

Vec3 SegmentContactSet::total_force(const VecX& u) const {
  Vec3 f = Vec3::Zero();
  for (const auto& r : evaluate(u))
    if (r.in_contact) f += r.force.head<3>();
  if (bonds_) f += bonds_->slave_force(reference_, u);
  return f;
}

Real SegmentContactSet::bond_dissipated_energy() const {
  return bonds_ ? bonds_->dissipated_energy() : 0.0;
}

Real SegmentContactSet::intact_fraction() const { return bonds_ ? bonds_->intact_fraction() : 1.0; }

Real SegmentContactSet::bonded_area() const { return bonds_ ? bonds_->bonded_area() : 0.0; }

std::vector<Real> SegmentContactSet::bond_damage() const {
  std::vector<Real> d(nodes_.size(), 0.0);
  if (bonds_)
    for (size_t b = 0; b < bonds_->anchors().size(); ++b)
      d[bonds_->anchors()[b].slave] = bonds_->damage()[b];
  return d;
}

Real SegmentContactSet::friction_dissipated_energy() const { return total_dissipation(history_); }

std::vector<materials::StateVariable> SegmentContactSet::state_variables() const {
  return contact_history_variables();
}

std::vector<Real> SegmentContactSet::state_values() const { return contact_history_rows(history_); }

}  // namespace sinew::contact
