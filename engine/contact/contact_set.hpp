// Node-to-rigid-surface contact of a meshed body: every node of a facet set against one rigid
// analytical surface (rigid_surface.hpp), penalty pressure and Coulomb friction per node
// (contact_law.hpp) weighted by the node's tributary area, so that nodal forces integrate the
// pressure: a uniform pressure gives exactly the consistent nodal loads of bilinear and linear
// facets; a varying one is lumped to the nodes. The fem::Coupling the problem assembles, and
// the owner of the per-node history (stick point, slip, dissipation).
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "contact/contact_law.hpp"
#include "contact/contact_parameters.hpp"
#include "contact/rigid_surface.hpp"
#include "core/types.hpp"
#include "fem/coupling.hpp"
#include "mesh/mesh.hpp"

namespace sinew::contact {

/// Lumped tributary reference areas of the facets' nodes, A_a = sum_facets int N_a dA_0 (mm^2).
std::map<Index, Real> tributary_areas(const mesh::Mesh& mesh,
                                      const std::vector<mesh::Facet>& facets);

/// Committed state of one slave node, for outputs and tests.
struct ContactNodeInfo {
  Index node = 0;
  Real area = 0.0;         ///< tributary reference area (mm^2)
  Real pressure = 0.0;     ///< p at the last commit (MPa)
  Real slip = 0.0;         ///< accumulated slip path length (mm)
  Real dissipation = 0.0;  ///< mJ
  bool in_contact = false;
};

class ContactSet final : public fem::Coupling {
 public:
  /// The nodes of `facets` (quad4/tri3 faces of the mesh's cells) with lumped tributary areas
  /// A_a = sum over facets of int N_a dA_0. Throws std::invalid_argument for an empty set or
  /// bad surface/parameters.
  ContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& facets, RigidSurface surface,
             ContactParameters params);
  /// Given nodes, reference positions and tributary areas (mm^2).
  ContactSet(std::vector<Index> nodes, std::vector<Vec3> reference, std::vector<Real> areas,
             RigidSurface surface, ContactParameters params);

  // fem::Coupling
  std::vector<std::vector<Index>> node_groups() const override;
  void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const override;
  void commit(const VecX& u, Real t) override;
  /// False with friction (slip, and the stick term of a moving normal) or a curved surface.
  bool is_symmetric() const override;
  std::unique_ptr<fem::Coupling> clone() const override;
  /// Per node: contact pressure, accumulated slip, dissipated energy.
  std::vector<materials::StateVariable> state_variables() const override;
  std::vector<Real> state_values() const override;

  const RigidSurface& surface() const { return surface_; }
  const ContactParameters& parameters() const { return params_; }
  const std::vector<Index>& nodes() const { return nodes_; }
  const std::vector<Real>& areas() const { return areas_; }
  /// Committed per-node state.
  std::vector<ContactNodeInfo> node_info() const;
  /// Per-node response at displacement u and time t, without changing the history.
  std::vector<NodeResponse> evaluate(const VecX& u, Real t) const;
  /// Resultant force of the surface on the body at (u, t) (N); minus it is the reaction on
  /// the rigid surface.
  Vec3 total_force(const VecX& u, Real t) const;
  /// Energy dissipated by friction up to the last commit (mJ = N mm).
  Real friction_dissipated_energy() const;

 private:
  Vec3 position(const VecX& u, size_t k) const;
  void start_history();

  std::vector<Index> nodes_;
  std::vector<Vec3> reference_;
  std::vector<Real> areas_;
  std::vector<NodeHistory> history_;
  RigidSurface surface_;
  ContactParameters params_;
};

}  // namespace sinew::contact
