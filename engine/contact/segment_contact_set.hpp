// Node-to-segment contact between two meshed surfaces: the nodes of a slave facet set against
// the bilinear facets of a master facet set, for finite sliding (the slave may travel any
// number of master facets). Penalty pressure and Coulomb friction in the master's convected
// frame per slave node (segment_law.hpp), weighted by the node's lumped tributary area. The
// fem::Coupling the problem assembles, and the owner of the per-node history (last master
// facet, convected stick point, pressure, slip, dissipation).
//
// Single pass: the slave nodes are collocation points; the master receives their forces at
// the projections. A uniform pressure is then transmitted exactly to the slave side, but not,
// in general, to the master across non-matching meshes (docs/theory.md, contact).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "contact/anchored_bonds.hpp"
#include "contact/contact_parameters.hpp"
#include "contact/master_surface.hpp"
#include "contact/segment_law.hpp"
#include "core/types.hpp"
#include "fem/coupling.hpp"
#include "interface/interface_parameters.hpp"
#include "mesh/mesh.hpp"

namespace sinew::contact {

/// Committed state of one slave node.
struct SegmentHistory {
  Index facet = -1;        ///< master facet of the last projection (-1: none)
  Index stick_facet = -1;  ///< facet holding the stick point (-1: none yet)
  Vec2 stick_xi = Vec2::Zero();
  Real pressure = 0.0;     ///< MPa
  Real slip = 0.0;         ///< accumulated slip path (mm)
  Real dissipation = 0.0;  ///< mJ
  bool in_contact = false;
};

/// Committed per-node state for outputs and tests.
struct SegmentNodeInfo {
  Index node = 0;
  Real area = 0.0;
  Index facet = -1;
  Real pressure = 0.0;
  Real slip = 0.0;
  Real dissipation = 0.0;
  bool in_contact = false;
};

class SegmentContactSet final : public fem::Coupling {
 public:
  /// Slave nodes: those of `slave` (quad4/tri3 faces) with lumped tributary areas; master:
  /// the quad4 faces of `master`. `reach` (mm) bounds the sliding: a slave node can touch the
  /// master facets whose reference centre lies within reach of its reference position (the
  /// sparsity pattern is fixed when the problem is built); reach <= 0: every master facet.
  /// Throws std::invalid_argument for empty sets, triangular master facets, bad parameters.
  /// `bonds`: bond each slave node to the master point its reference position projects on
  /// (nodes without a projection are not bonded).
  SegmentContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& slave,
                    const std::vector<mesh::Facet>& master, ContactParameters params,
                    Real reach = 0.0, std::optional<SegmentBonds> bonds = std::nullopt);

  // fem::Coupling
  std::vector<std::vector<Index>> node_groups() const override;
  void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const override;
  void commit(const VecX& u, Real t) override;
  bool is_symmetric() const override { return false; }
  std::unique_ptr<fem::Coupling> clone() const override;
  std::vector<materials::StateVariable> state_variables() const override;
  std::vector<Real> state_values() const override;

  const ContactParameters& parameters() const { return params_; }
  const std::vector<Index>& nodes() const { return nodes_; }
  const std::vector<Real>& areas() const { return areas_; }
  const MasterSurface& master() const { return master_; }
  std::vector<SegmentNodeInfo> node_info() const;
  /// Per slave node: the law's response at u (local nodes as in segment_law.hpp; an empty
  /// force vector when no master facet holds the projection).
  std::vector<SegmentResponse> evaluate(const VecX& u) const;
  /// Resultant force of the master on the slave body at u (N).
  Vec3 total_force(const VecX& u) const;
  Real friction_dissipated_energy() const;
  /// Energy dissipated by bond damage (mJ) and the intact bonded fraction
  /// sum A rho (1 - D) / sum A rho (1 when there are no bonds).
  Real bond_dissipated_energy() const;
  Real intact_fraction() const;
  /// Bonded area sum A rho over the bonded slave nodes (mm^2; 0 without bonds).
  Real bonded_area() const;
  /// Committed bond damage per slave node (0 for unbonded nodes).
  std::vector<Real> bond_damage() const;

 private:
  /// One slave node at u: the master point, the local node list and the response.
  struct NodeState {
    MasterPoint master;
    std::vector<Index> local;
    SegmentResponse response;
  };
  NodeState evaluate_node(const VecX& u, size_t k) const;
  Vec3 stick_position(const VecX& u, const SegmentHistory& h) const;
  void rebuild(const VecX& u);

  std::vector<Vec3> reference_;  ///< all mesh nodes
  std::vector<Index> nodes_;     ///< slave nodes
  std::vector<Real> areas_;
  std::vector<std::vector<Index>> allowed_;  ///< per slave: reachable facets (sorted)
  MasterSurface master_;
  ContactParameters params_;
  std::vector<SegmentHistory> history_;
  std::optional<AnchoredBonds> bonds_;
};

}  // namespace sinew::contact
