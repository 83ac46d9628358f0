// Construction (tributary areas), assembly and commit of the node-to-rigid-surface contact.
#include "contact/contact_set.hpp"

#include <map>
#include <stdexcept>

#include "contact/contact_history.hpp"
#include "fem/surface_kernels.hpp"

namespace sinew::contact {

// Lumped tributary areas: row sums of the facet "mass" int N_a N_b dA_0, i.e. int N_a dA_0.
std::map<Index, Real> tributary_areas(const mesh::Mesh& mesh,
                                      const std::vector<mesh::Facet>& facets) {
  std::map<Index, Real> area;
  for (const auto& f : facets) {
    const auto ids = mesh.facet_nodes(f);
    MatX X(3, static_cast<Index>(ids.size()));
    for (size_t a = 0; a < ids.size(); ++a) X.col(static_cast<Index>(a)) = mesh.points[ids[a]];
    const MatX M = fem::facet_mass(X);
    for (size_t a = 0; a < ids.size(); ++a) area[ids[a]] += M.row(static_cast<Index>(a)).sum();
  }
  return area;
}

ContactSet::ContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets,
                       RigidSurface surface, ContactParameters params)
    : surface_(std::move(surface)), params_(params) {
  if (facets.empty()) throw std::invalid_argument("contact: the facet set is empty");
  for (const auto& [node, a] : tributary_areas(mesh, facets)) {
    nodes_.push_back(node);
    reference_.push_back(mesh.points[node]);
    areas_.push_back(a);
  }
  surface_.check();
  params_.check();
  start_history();
}

ContactSet::ContactSet(std::vector<Index> nodes, std::vector<Vec3> reference,
                       std::vector<Real> areas, RigidSurface surface, ContactParameters params)
    : nodes_(std::move(nodes)),
      reference_(std::move(reference)),
      areas_(std::move(areas)),
      surface_(std::move(surface)),
      params_(params) {
  if (nodes_.empty() || reference_.size() != nodes_.size() || areas_.size() != nodes_.size())
    throw std::invalid_argument("contact: nodes, positions and areas must match and not be empty");
  surface_.check();
  params_.check();
  start_history();
}

// The stick points start at the projections of the reference positions at t = 0: no slip and
// no force before the first commit.
void ContactSet::start_history() {
  history_.assign(nodes_.size(), NodeHistory{});
  for (size_t k = 0; k < nodes_.size(); ++k)
    history_[k].stick_point = surface_.project(reference_[k], 0.0).point - surface_.motion(0.0);
}

Vec3 ContactSet::position(const VecX& u, size_t k) const {
  return reference_[k] + u.segment<3>(3 * nodes_[k]);
}

std::vector<std::vector<Index>> ContactSet::node_groups() const {
  std::vector<std::vector<Index>> groups;
  groups.reserve(nodes_.size());
  for (Index n : nodes_) groups.push_back({n});
  return groups;
}

void ContactSet::add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                     const fem::AssemblyPlan& plan) const {
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const NodeResponse n =
        evaluate_node(position(u, k), t, areas_[k], surface_, history_[k], params_);
    if (!n.in_contact) continue;
    // The contact force is external to the body: residual = internal - external.
    r.segment<3>(3 * nodes_[k]) -= n.force;
    if (K) {
      const Mat3 Ke = -n.df_dx;
      plan.scatter(std::span<const Index>(&nodes_[k], 1), Ke, *K);
    }
  }
}

void ContactSet::commit(const VecX& u, Real t) {
  for (size_t k = 0; k < nodes_.size(); ++k)
    history_[k] =
        evaluate_node(position(u, k), t, areas_[k], surface_, history_[k], params_).updated;
}

bool ContactSet::is_symmetric() const {
  return params_.friction_coefficient == 0.0 && surface_.shape == RigidShape::Plane;
}

std::unique_ptr<fem::Coupling> ContactSet::clone() const {
  return std::make_unique<ContactSet>(*this);
}

std::vector<ContactNodeInfo> ContactSet::node_info() const {
  std::vector<ContactNodeInfo> out;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    const NodeHistory& h = history_[k];
    out.push_back({nodes_[k], areas_[k], h.pressure, h.slip, h.dissipation, h.in_contact});
  }
  return out;
}

std::vector<NodeResponse> ContactSet::evaluate(const VecX& u, Real t) const {
  std::vector<NodeResponse> out;
  for (size_t k = 0; k < nodes_.size(); ++k)
    out.push_back(evaluate_node(position(u, k), t, areas_[k], surface_, history_[k], params_));
  return out;
}

Vec3 ContactSet::total_force(const VecX& u, Real t) const {
  Vec3 f = Vec3::Zero();
  for (const auto& n : evaluate(u, t)) f += n.force;
  return f;
}

Real ContactSet::friction_dissipated_energy() const { return total_dissipation(history_); }

std::vector<materials::StateVariable> ContactSet::state_variables() const {
  return contact_history_variables();
}

std::vector<Real> ContactSet::state_values() const { return contact_history_rows(history_); }

}  // namespace sinew::contact
