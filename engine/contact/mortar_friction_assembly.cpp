// Assembly of segment-to-segment contact with friction: the pairs in contact are integrated
// once, their friction terms summed per slave node, the nodal return mapping run per node
// (mortar_friction.hpp), its force put on the slave node and its traction carried to the
// master corners through the pairs' M weights. The tangent chains d tau_a / d q_a through the
// summed term derivatives, so a slave node's friction couples every node of every pair it belongs
// to.
#include <algorithm>
#include <span>

#include "contact/mortar_contact_set.hpp"
#include "core/error.hpp"

namespace sinew::contact {

namespace {

/// Position of `node` in `nodes`, appended when missing.
size_t local_index(std::vector<Index>& nodes, Index node) {
  const auto it = std::find(nodes.begin(), nodes.end(), node);
  if (it != nodes.end()) return static_cast<size_t>(it - nodes.begin());
  nodes.push_back(node);
  return nodes.size() - 1;
}

}  // namespace

MortarContactSet::Gathered MortarContactSet::gather(const VecX& u, bool tangent) const {
  Gathered g;
  g.nodes.resize(nodes_.size());
  for (size_t k = 0; k < pairs_.size(); ++k)
    if (may_touch(u, k)) absorb(g, k, evaluate_pair(u, k, tangent));
  return g;
}

void MortarContactSet::absorb(Gathered& g, size_t k, MortarPairResult p) const {
  if (p.friction.area <= 0.0) return;
  const bool tangent = p.friction.d_dx.size() > 0;
  const std::vector<Index> local = pair_nodes(k);
  const size_t active = g.pairs.size();
  for (int a = 0; a < p.friction.slave; ++a) {
    NodeTerms& t = g.nodes[slave_index(local[static_cast<size_t>(a)])];
    t.q += p.friction.value.segment<MortarFrictionTerms::kNodal>(p.friction.nodal(a));
    t.parts.emplace_back(active, a);
    std::vector<size_t> at;
    for (Index n : local) at.push_back(local_index(t.nodes, n));
    if (!tangent) continue;
    const Index cols = 3 * static_cast<Index>(t.nodes.size());
    if (t.dq.cols() < cols) {
      const Index old = t.dq.cols();
      t.dq.conservativeResize(MortarFrictionTerms::kNodal, cols);
      t.dq.rightCols(cols - old).setZero();
    }
    for (size_t l = 0; l < local.size(); ++l)
      t.dq.middleCols<3>(3 * static_cast<Index>(at[l])) +=
          p.friction.d_dx.block(p.friction.nodal(a), 3 * static_cast<Index>(l),
                                MortarFrictionTerms::kNodal, 3);
  }
  g.pairs.push_back({k, std::move(p)});
}

void MortarContactSet::add_gathered(const Gathered& g, VecX& r, SparseMatrix* K,
                                    const fem::AssemblyPlan& plan) const {
  // The normal part, pair by pair (as without friction).
  for (const ActivePair& ap : g.pairs) {
    const std::vector<Index> local = pair_nodes(ap.pair);
    // The contact forces are external to each body: residual = internal - external.
    for (size_t a = 0; a < local.size(); ++a)
      r.segment<3>(3 * local[a]) -= ap.result.force.segment<3>(3 * static_cast<Index>(a));
    if (K) plan.scatter(std::span<const Index>(local), MatX(-ap.result.df_dx), *K);
  }
  // The friction, slave node by slave node: F_a on the slave node, -tau_a M_ac on the master
  // corners (mortar_friction.hpp).
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const NodeTerms& t = g.nodes[i];
    const MortarFrictionResponse f = evaluate_mortar_friction(t.q, friction_force_[i], params_);
    if (!f.active) continue;
    r.segment<3>(3 * nodes_[i]) -= f.force;
    const Index n = 3 * static_cast<Index>(t.nodes.size());
    MatX Kf;
    Eigen::Matrix<Real, 3, Eigen::Dynamic> dtau;
    auto column_of = [&](Index node) {
      return 3 *
             static_cast<Index>(std::find(t.nodes.begin(), t.nodes.end(), node) - t.nodes.begin());
    };
    if (K) {
      std::vector<const ActivePair*> parts;
      for (const auto& part : t.parts) parts.push_back(&g.pairs[part.first]);
      check_window(parts);
      Kf = MatX::Zero(n, n);
      Kf.middleRows<3>(column_of(nodes_[i])) -= f.dforce_dq * t.dq;
      dtau = f.dtraction_dq * t.dq;
    }
    for (const auto& [active, a] : t.parts) {
      const ActivePair& ap = g.pairs[active];
      const MortarFrictionTerms& terms = ap.result.friction;
      const std::vector<Index> local = pair_nodes(ap.pair);
      for (int c = 0; c < terms.master; ++c) {
        const Index node = local[static_cast<size_t>(terms.slave + c)];
        const Index at = terms.coupling(a, c);
        r.segment<3>(3 * node) += terms.value[at] * f.traction;
        if (!K) continue;
        const Index row = column_of(node);
        Kf.middleRows<3>(row) += terms.value[at] * dtau;
        for (size_t l = 0; l < local.size(); ++l)
          Kf.block<3, 3>(row, column_of(local[l])) +=
              f.traction * terms.d_dx.block<1, 3>(at, 3 * static_cast<Index>(l));
      }
    }
    if (K) plan.scatter(std::span<const Index>(t.nodes), Kf, *K);
  }
}

std::vector<std::vector<Index>> MortarContactSet::friction_groups() const {
  // Per slave node: its facets' nodes and the master facets paired with them.
  std::vector<std::vector<Index>> support(nodes_.size()), partners(nodes_.size());
  for (const auto& f : slave_)
    for (Index n : f) {
      auto& s = support[slave_index(n)];
      s.insert(s.end(), f.begin(), f.end());
    }
  for (const auto& [s, m] : pairs_)
    for (Index n : slave_[static_cast<size_t>(s)]) partners[slave_index(n)].push_back(m);
  std::vector<std::vector<Index>> groups;
  // Slave node a's friction couples its facets' nodes with each partner's nodes ...
  for (size_t a = 0; a < nodes_.size(); ++a) {
    auto& own = support[a];
    std::sort(own.begin(), own.end());
    own.erase(std::unique(own.begin(), own.end()), own.end());
    auto& ms = partners[a];
    std::sort(ms.begin(), ms.end());
    ms.erase(std::unique(ms.begin(), ms.end()), ms.end());
    for (Index m : ms) {
      std::vector<Index> g = own;
      const auto& q = master_[static_cast<size_t>(m)];
      g.insert(g.end(), q.begin(), q.end());
      groups.push_back(std::move(g));
    }
  }
  // ... and the nodes of partners that touch its facets at once, which lie within the window
  // of one another: one group per master facet with the facets within the window of it
  // (master centres sorted by x, so each facet scans a slab).
  const Real window = friction_window();
  std::vector<bool> paired(master_.size(), false);
  for (const auto& pair : pairs_) paired[static_cast<size_t>(pair.second)] = true;
  std::vector<size_t> by_x;
  for (size_t m = 0; m < master_.size(); ++m)
    if (paired[m]) by_x.push_back(m);
  std::sort(by_x.begin(), by_x.end(),
            [&](size_t a, size_t b) { return master_centre_[a].x() < master_centre_[b].x(); });
  std::vector<Real> x;
  for (size_t m : by_x) x.push_back(master_centre_[m].x());
  for (size_t m : by_x) {
    const Vec3& c = master_centre_[m];
    std::vector<Index> g;
    const auto lo = std::lower_bound(x.begin(), x.end(), c.x() - window);
    const auto hi = std::upper_bound(x.begin(), x.end(), c.x() + window);
    for (auto it = lo; it != hi; ++it) {
      const size_t n = by_x[static_cast<size_t>(it - x.begin())];
      if ((master_centre_[n] - c).norm() > window) continue;
      g.insert(g.end(), master_[n].begin(), master_[n].end());
    }
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    groups.push_back(std::move(g));
  }
  return groups;
}

void MortarContactSet::check_window(const std::vector<const ActivePair*>& parts) const {
  for (const ActivePair* p : parts)
    for (const ActivePair* q : parts) {
      const auto i = static_cast<size_t>(pairs_[p->pair].second);
      const auto j = static_cast<size_t>(pairs_[q->pair].second);
      if ((master_centre_[i] - master_centre_[j]).norm() > friction_window())
        throw NumericalError(
            NumericalError::Kind::Diverged,
            "contact: two master facets touch the facets of one slave node further apart "
            "than the friction's sparsity window (a master stretched or folded far beyond its "
            "reference layout)");
    }
}

}  // namespace sinew::contact
