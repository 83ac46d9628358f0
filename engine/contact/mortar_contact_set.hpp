// Segment-to-segment (mortar-type) penalty contact between two meshed surfaces: every slave
// facet against every master facet it may meet, each pair integrated over the overlap of
// their projections on the slave facet's plane (mortar_pair.hpp; Puso and Laursen 2004, CMAME
// 193:601), with nodal mortar Coulomb friction (mortar_friction.hpp) when mu > 0. The
// fem::Coupling a contact item with `formulation: segment_to_segment` builds; unlike
// node-to-segment contact (segment_contact_set.hpp) it transmits a uniform pressure and a
// uniform friction traction exactly across non-matching meshes (the contact patch test).
//
// The pairs are fixed when the problem is built (the sparsity pattern); within an evaluation a
// pair contributes where the current facets overlap. The tangent is exact for the pairs and
// overlap topologies of the evaluation: exact for small sliding within an increment.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "contact/anchored_bonds.hpp"
#include "contact/contact_parameters.hpp"
#include "contact/mortar_friction.hpp"
#include "contact/mortar_pair.hpp"
#include "core/types.hpp"
#include "fem/coupling.hpp"
#include "mesh/mesh.hpp"

namespace sinew::contact {

class MortarContactSet final : public fem::Coupling {
 public:
  /// Slave and master: quad4 or tri3 faces. `reach` (mm) bounds the sliding: a slave facet is
  /// paired with the master facets whose reference centres lie within reach of its own plus
  /// both facets' sizes; reach <= 0: every master facet. `quadrature_order`: n of the n x n
  /// collapsed Gauss rule per overlap triangle (triangle_rule.hpp): exact for affine facets
  /// from n = 2; 6 brings non-affine ones to 1e-11 in the patch test. Throws
  /// std::invalid_argument for empty sets, other facet shapes or bad parameters.
  /// `bonds`: bond each slave node, with its lumped tributary area, to the master point its
  /// reference position projects on (anchored_bonds.hpp; quadrilateral master facets).
  MortarContactSet(const mesh::Mesh& mesh, const std::vector<mesh::Facet>& slave,
                   const std::vector<mesh::Facet>& master, ContactParameters params,
                   Real reach = 0.0, int quadrature_order = 6,
                   std::optional<SegmentBonds> bonds = std::nullopt);

  // fem::Coupling
  std::vector<std::vector<Index>> node_groups() const override;
  void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const override;
  void commit(const VecX& u, Real t) override;
  bool is_symmetric() const override { return false; }
  std::unique_ptr<fem::Coupling> clone() const override;
  /// Per slave node: contact pressure, frictional slip path and dissipation.
  std::vector<materials::StateVariable> state_variables() const override;
  std::vector<Real> state_values() const override;

  const ContactParameters& parameters() const { return params_; }
  /// Slave nodes (sorted), in the order of state_values() and node_pressures().
  const std::vector<Index>& nodes() const { return nodes_; }
  /// Number of slave-master facet pairs.
  size_t pair_count() const { return pairs_.size(); }

  /// Summary of an evaluation at u.
  struct Evaluation {
    Vec3 force = Vec3::Zero();           ///< resultant force of the master on the slave body (N)
    Vec3 friction_force = Vec3::Zero();  ///< the frictional part of it (N)
    Vec3 bond_force = Vec3::Zero();      ///< the bonds' part of it (N)
    /// Sums over the slave nodes of the nodal normal forces fn_a and of the nodal friction
    /// forces' magnitudes |F_a| (N): equal up to mu where every node slips.
    Real normal_force = 0.0, friction_magnitude = 0.0;
    Real overlap_area = 0.0;  ///< sum of the clipped overlap areas (mm^2)
    Real contact_area = 0.0;  ///< the part of it with g < 0 (mm^2)
    /// Per slave node: normal force / int N_a dA over the overlaps (MPa; 0 without overlap).
    std::vector<Real> node_pressure;
    std::vector<Real> point_pressures;  ///< p at every Gauss point in contact (MPa)
  };
  Evaluation evaluate(const VecX& u) const;
  /// The contribution of pair k at u (corners: slave facet, then master facet).
  MortarPairResult evaluate_pair(const VecX& u, size_t k, bool tangent) const;
  /// Local node list of pair k (slave facet corners, then master facet corners).
  std::vector<Index> pair_nodes(size_t k) const;
  /// Energy dissipated by friction over all slave nodes (mJ).
  Real friction_dissipated_energy() const;
  /// Committed per slave node: frictional slip path (mm) and friction force (N).
  const std::vector<Real>& node_slip() const { return slip_; }
  const std::vector<Vec3>& node_friction_force() const { return friction_force_; }
  /// The bonds (nullptr without): dissipated energy, intact fraction, bonded area, damage.
  const AnchoredBonds* bonds() const { return bonds_ ? &*bonds_ : nullptr; }

 private:
  /// The pairs in contact at u with their integrals, and per slave node the nodal friction
  /// terms summed over them (mortar_friction_assembly.cpp).
  struct ActivePair {
    size_t pair = 0;
    MortarPairResult result;
  };
  struct NodeTerms {
    std::vector<Index> nodes;  ///< mesh nodes the terms depend on
    MortarNodalTerms q = MortarNodalTerms::Zero();
    MatX dq;                                    ///< 8 x 3 nodes.size(); empty without tangent
    std::vector<std::pair<size_t, int>> parts;  ///< (active pair, slave corner)
  };
  struct Gathered {
    std::vector<ActivePair> pairs;
    std::vector<NodeTerms> nodes;  ///< per slave node (nodes_ order)
  };
  /// The friction terms' fade band above contact (mortar_pair.hpp), in facet sizes.
  static constexpr Real kFrictionBand = 0.1;
  bool has_friction() const { return params_.friction_coefficient > 0.0; }
  Gathered gather(const VecX& u, bool tangent) const;
  /// Adds pair k's integral to g when it has friction terms (with their derivatives when p
  /// was evaluated with the tangent).
  void absorb(Gathered& g, size_t k, MortarPairResult p) const;
  /// evaluate(), the friction terms of the pairs it integrates collected into *g when given
  /// (one pass over the pairs for both; nullptr: none collected unless friction needs them).
  Evaluation evaluate(const VecX& u, Gathered* g) const;
  /// Adds the normal and friction forces (and tangents) of the gathered pairs.
  void add_gathered(const Gathered& g, VecX& r, SparseMatrix* K,
                    const fem::AssemblyPlan& plan) const;
  /// The friction's sparsity pattern: per slave node a and master facet m paired with a's
  /// facets, a's facets' nodes with m's; per master facet, the nodes of the master facets
  /// whose reference centres lie within friction_window() of its own. It grows linearly with
  /// `reach`, not with its square.
  std::vector<std::vector<Index>> friction_groups() const;
  /// The largest reference size of a slave node's facets plus two facet sizes (mm): master
  /// facets touching one slave node's facets at the same time lie within it of one another.
  Real friction_window() const { return support_size_ + 2.0 * facet_size_; }
  /// Throws NumericalError when two master facets that touch one slave node's facets at once
  /// lie further apart than the window (their coupling is outside the sparsity pattern).
  void check_window(const std::vector<const ActivePair*>& parts) const;
  size_t slave_index(Index node) const;
  /// Fills pairs_: every slave facet with the master facets whose reference centres lie within
  /// reach plus both facets' sizes of its own (all of them for reach <= 0).
  void pair_facets(Real reach);
  std::vector<Vec3> corners(const VecX& u, const std::vector<Index>& facet) const;
  /// False when the current bounding boxes of the pair's facets, grown by the depth limit,
  /// are apart (the pair cannot contribute: a cheap rejection before the integral).
  bool may_touch(const VecX& u, size_t k) const;

  std::vector<Vec3> reference_;
  std::vector<std::vector<Index>> slave_, master_;  ///< facet corners (outward ccw)
  std::vector<std::pair<Index, Index>> pairs_;      ///< (slave facet, master facet)
  std::vector<Index> nodes_;                        ///< slave nodes, sorted
  std::vector<TrianglePoint> rule_;
  ContactParameters params_;
  Real facet_size_ = 0.0;       ///< largest reference facet diagonal (mm)
  std::vector<Real> pressure_;  ///< committed node pressures (MPa)
  // Friction history per slave node, and the displacements of the last commit.
  std::vector<Vec3> friction_force_;
  std::vector<Real> slip_, dissipation_;
  VecX committed_u_;
  std::vector<Vec3> master_centre_;  ///< reference centres of the master facets
  Real support_size_ = 0.0;          ///< largest reference diameter of a slave node's facets (mm)
  std::optional<AnchoredBonds> bonds_;
};

}  // namespace sinew::contact
