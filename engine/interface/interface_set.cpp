// InterfaceSet: validation of the pairs, assembly of the interface elements into the global
// residual and tangent, history commit and the metric queries.
#include "interface/interface_set.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace sinew::interface {

namespace {

std::string pair_name(size_t k) { return "interface pair " + std::to_string(k); }

/// Node list of a pair in element dof order: primary nodes, then secondary nodes.
std::array<Index, 8> element_nodes(const InterfacePair& p) {
  std::array<Index, 8> nodes{};
  for (int a = 0; a < p.n_nodes; ++a) {
    nodes[static_cast<size_t>(a)] = p.primary[static_cast<size_t>(a)];
    nodes[static_cast<size_t>(p.n_nodes + a)] = p.secondary[static_cast<size_t>(a)];
  }
  return nodes;
}

/// The pair's reference mid-surface nodes, after checking its nodes: valid, distinct, and each
/// primary node coinciding with its secondary node. The gap is the displacement jump, so a small
/// reference offset (meshing round-off, a pairing tolerance) is ignored, but an offset comparable
/// to the facet (a mis-ordered or wrong pairing) is an error; 1% of the facet diameter separates
/// the two.
FacetMatrix checked_reference(const mesh::Mesh& mesh, const InterfacePair& pr, size_t k,
                              Index n_nodes) {
  if (pr.n_nodes != 3 && pr.n_nodes != 4)
    throw std::invalid_argument(pair_name(k) + ": n_nodes must be 3 or 4");
  const auto nodes = element_nodes(pr);
  const int m = 2 * pr.n_nodes;
  for (int i = 0; i < m; ++i) {
    if (nodes[i] < 0 || nodes[i] >= n_nodes)
      throw std::invalid_argument(pair_name(k) + ": node id " + std::to_string(nodes[i]) +
                                  " is not a mesh node");
    for (int j = 0; j < i; ++j)
      if (nodes[i] == nodes[j])
        throw std::invalid_argument(pair_name(k) + ": node " + std::to_string(nodes[i]) +
                                    " appears twice (the interface needs duplicated nodes)");
  }
  FacetMatrix X(3, pr.n_nodes);
  Real size = 0.0;
  for (int a = 0; a < pr.n_nodes; ++a)
    for (int b = 0; b < a; ++b)
      size = std::max(size, (mesh.points[static_cast<size_t>(pr.primary[a])] -
                             mesh.points[static_cast<size_t>(pr.primary[b])])
                                .norm());
  for (int a = 0; a < pr.n_nodes; ++a) {
    const Vec3& Xp = mesh.points[static_cast<size_t>(pr.primary[a])];
    const Vec3& Xs = mesh.points[static_cast<size_t>(pr.secondary[a])];
    if ((Xp - Xs).norm() > 1e-2 * size)
      throw std::invalid_argument(pair_name(k) + ": primary node " + std::to_string(pr.primary[a]) +
                                  " and secondary node " + std::to_string(pr.secondary[a]) +
                                  " do not coincide");
    X.col(a) = 0.5 * (Xp + Xs);
  }
  return X;
}

/// Bond density at every Gauss point, from one value per pair or per point; each in [0, 1].
std::vector<Real> densities_per_point(std::vector<Real> rho, RhoLayout layout,
                                      const std::vector<Index>& first_point) {
  const size_t n_pairs = first_point.size() - 1;
  const size_t n_points = static_cast<size_t>(first_point.back());
  std::vector<Real> out;
  if (layout == RhoLayout::PerPair) {
    if (rho.size() != n_pairs)
      throw std::invalid_argument("interface: " + std::to_string(rho.size()) +
                                  " bond densities given for " + std::to_string(n_pairs) +
                                  " pairs");
    out.resize(n_points);
    for (size_t k = 0; k < n_pairs; ++k)
      std::fill(out.begin() + first_point[k], out.begin() + first_point[k + 1], rho[k]);
  } else {
    if (rho.size() != n_points)
      throw std::invalid_argument("interface: " + std::to_string(rho.size()) +
                                  " bond densities given for " + std::to_string(n_points) +
                                  " Gauss points");
    out = std::move(rho);
  }
  for (Real v : out)
    if (!(v >= 0.0 && v <= 1.0))
      throw std::invalid_argument("interface: bond density " + std::to_string(v) +
                                  " is outside [0, 1]");
  return out;
}

}  // namespace

InterfaceSet::InterfaceSet(const mesh::Mesh& mesh, std::vector<InterfacePair> pairs,
                           InterfaceParameters params, std::vector<Real> rho, RhoLayout layout)
    : params_(params), pairs_(std::move(pairs)), n_nodes_(mesh.n_nodes()) {
  params_.validate();
  first_point_.assign(1, 0);
  reference_.reserve(pairs_.size());
  for (size_t k = 0; k < pairs_.size(); ++k) {
    reference_.push_back(checked_reference(mesh, pairs_[k], k, n_nodes_));
    first_point_.push_back(first_point_.back() + gauss_points_per_facet(pairs_[k].n_nodes));
  }

  const size_t n_points = static_cast<size_t>(first_point_.back());
  rho_ = densities_per_point(std::move(rho), layout, first_point_);

  history_.assign(n_points, PointHistory{});
  weight_.resize(n_points);
  point_position_.resize(n_points);
  const VecX zero = VecX::Zero(3 * n_nodes_);
  for (size_t k = 0; k < pairs_.size(); ++k) {
    std::array<ElementPoint, 4> pts;
    ElementVector r;
    try {
      evaluate_pair(k, zero, 0.0, r, nullptr,
                    std::span(pts.data(),
                              static_cast<size_t>(gauss_points_per_facet(pairs_[k].n_nodes))));
    } catch (const NumericalError&) {
      throw std::invalid_argument(pair_name(k) + ": degenerate facet");
    }
    for (Index q = first_point_[k]; q < first_point_[k + 1]; ++q) {
      weight_[static_cast<size_t>(q)] = pts[static_cast<size_t>(q - first_point_[k])].weight;
      point_position_[static_cast<size_t>(q)] =
          pts[static_cast<size_t>(q - first_point_[k])].reference_position;
    }
  }
}

InterfaceSet::InterfaceSet(const mesh::Mesh& mesh, std::vector<InterfacePair> pairs,
                           InterfaceParameters params, Real rho)
    : InterfaceSet(mesh, pairs, params, std::vector<Real>(pairs.size(), rho), RhoLayout::PerPair) {}

void InterfaceSet::evaluate_pair(size_t k, const VecX& u, Real dt, ElementVector& r,
                                 ElementMatrix* K, std::span<ElementPoint> points) const {
  const InterfacePair& pr = pairs_[k];
  FacetMatrix up(3, pr.n_nodes), us(3, pr.n_nodes);
  for (int a = 0; a < pr.n_nodes; ++a) {
    up.col(a) = u.segment<3>(3 * pr.primary[static_cast<size_t>(a)]);
    us.col(a) = u.segment<3>(3 * pr.secondary[static_cast<size_t>(a)]);
  }
  const size_t q0 = static_cast<size_t>(first_point_[k]);
  const size_t nq = static_cast<size_t>(first_point_[k + 1]) - q0;
  interface_element(reference_[k], up, us, std::span(history_).subspan(q0, nq),
                    std::span(rho_).subspan(q0, nq), params_, dt, r, K, points);
}

std::vector<std::vector<Index>> InterfaceSet::node_groups() const {
  std::vector<std::vector<Index>> groups;
  groups.reserve(pairs_.size());
  for (const auto& pr : pairs_) {
    const auto nodes = element_nodes(pr);
    groups.emplace_back(nodes.begin(), nodes.begin() + 2 * pr.n_nodes);
  }
  return groups;
}

void InterfaceSet::add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                       const fem::AssemblyPlan& plan) const {
  SINEW_ASSERT(u.size() == 3 * n_nodes_ && r.size() == 3 * n_nodes_);
  const Real dt = t - t_committed_;
  ElementVector re;
  ElementMatrix Ke;
  for (size_t k = 0; k < pairs_.size(); ++k) {
    evaluate_pair(k, u, dt, re, K ? &Ke : nullptr, {});
    const auto nodes = element_nodes(pairs_[k]);
    const int m = 2 * pairs_[k].n_nodes;
    for (int a = 0; a < m; ++a)
      r.segment<3>(3 * nodes[static_cast<size_t>(a)]) += re.segment<3>(3 * a);
    if (K) plan.scatter(std::span<const Index>(nodes.data(), static_cast<size_t>(m)), Ke, *K);
  }
}

void InterfaceSet::commit(const VecX& u, Real t) {
  SINEW_ASSERT(u.size() == 3 * n_nodes_);
  const Real dt = t - t_committed_;
  ElementVector re;
  std::array<ElementPoint, 4> pts;
  for (size_t k = 0; k < pairs_.size(); ++k) {
    const size_t nq = static_cast<size_t>(first_point_[k + 1] - first_point_[k]);
    evaluate_pair(k, u, dt, re, nullptr, std::span(pts.data(), nq));
    for (size_t q = 0; q < nq; ++q)
      history_[static_cast<size_t>(first_point_[k]) + q] = pts[q].response.updated;
  }
  t_committed_ = t;
}

std::unique_ptr<fem::Coupling> InterfaceSet::clone() const {
  return std::make_unique<InterfaceSet>(*this);
}

std::vector<InterfacePointInfo> InterfaceSet::point_info() const {
  std::vector<InterfacePointInfo> out(history_.size());
  for (size_t k = 0; k < pairs_.size(); ++k)
    for (Index q = first_point_[k]; q < first_point_[k + 1]; ++q) {
      const size_t i = static_cast<size_t>(q);
      const PointHistory& h = history_[i];
      InterfacePointInfo& o = out[i];
      o.pair = static_cast<Index>(k);
      o.local = static_cast<int>(q - first_point_[k]);
      o.weight = weight_[i];
      o.reference_position = point_position_[i];
      o.rho = rho_[i];
      o.damage = h.viscous_damage;
      o.rate_independent_damage = h.damage;
      o.intact = rho_[i] * (1.0 - h.viscous_damage);
      o.max_separation = h.max_separation;
      o.slip = h.slip.norm();
    }
  return out;
}

std::vector<InterfacePointState> InterfaceSet::evaluate(const VecX& u, Real t) const {
  SINEW_ASSERT(u.size() == 3 * n_nodes_);
  std::vector<InterfacePointState> out(history_.size());
  ElementVector re;
  std::array<ElementPoint, 4> pts;
  for (size_t k = 0; k < pairs_.size(); ++k) {
    const size_t q0 = static_cast<size_t>(first_point_[k]);
    const size_t nq = static_cast<size_t>(first_point_[k + 1]) - q0;
    evaluate_pair(k, u, t - t_committed_, re, nullptr, std::span(pts.data(), nq));
    for (size_t q = 0; q < nq; ++q) {
      const ElementPoint& e = pts[q];
      const PointResponse& pr = e.response;
      InterfacePointState& o = out[q0 + q];
      o.position = e.position;
      o.normal = e.normal;
      o.normal_gap = pr.normal_gap;
      o.tangential_gap = pr.tangential_gap;
      o.slip = pr.updated.slip.norm();
      o.damage = pr.updated.viscous_damage;
      o.intact = rho_[q0 + q] * (1.0 - pr.updated.viscous_damage);
      o.pressure = pr.pressure;
      o.in_contact = pr.in_contact;
      o.slipping = pr.slipping;
      o.traction = pr.traction;
    }
  }
  return out;
}

Real InterfaceSet::intact_bond_area() const {
  Real s = 0.0;
  for (size_t i = 0; i < history_.size(); ++i)
    s += weight_[i] * rho_[i] * (1.0 - history_[i].viscous_damage);
  return s;
}

Real InterfaceSet::initial_bond_area() const {
  Real s = 0.0;
  for (size_t i = 0; i < history_.size(); ++i) s += weight_[i] * rho_[i];
  return s;
}

Real InterfaceSet::intact_fraction() const {
  const Real initial = initial_bond_area();
  return initial > 0.0 ? intact_bond_area() / initial : 1.0;
}

Real InterfaceSet::damage_dissipated_energy() const {
  Real s = 0.0;
  for (size_t i = 0; i < history_.size(); ++i) s += weight_[i] * history_[i].damage_dissipation;
  return s;
}

Real InterfaceSet::friction_dissipated_energy() const {
  Real s = 0.0;
  for (size_t i = 0; i < history_.size(); ++i) s += weight_[i] * history_[i].friction_dissipation;
  return s;
}

Vec3 InterfaceSet::total_force(const VecX& u, Real t) const {
  Vec3 f = Vec3::Zero();
  const auto states = evaluate(u, t);
  for (size_t i = 0; i < states.size(); ++i) f += weight_[i] * states[i].traction;
  return f;
}

}  // namespace sinew::interface
