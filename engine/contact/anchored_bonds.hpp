// The adhesion bonds of a contact set's slave nodes (segment_bond.hpp for one bond): every
// slave node whose reference position projects onto the master is bonded to that material
// point of the master (its anchor: facet corners and convected coordinates, fixed for good)
// with its tributary area and a density rho, and keeps its committed damage and dissipated
// energy. Node-to-segment and segment-to-segment contact both carry them; contact and friction
// act at the current projection on top, so a bonded surface slides freely once the bonds break.
#pragma once

#include <array>
#include <vector>

#include "contact/master_surface.hpp"
#include "contact/segment_bond.hpp"
#include "core/types.hpp"
#include "fem/assembly_plan.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::contact {

/// Adhesion bonds of every slave node to its reference master point: the bond law's parameters
/// (bond_stiffness, strengths, fracture energies, bk_exponent, softening; the interface's
/// contact and friction values are not used) and the density.
struct SegmentBonds {
  interface::InterfaceParameters law;
  Real density = 1.0;  ///< rho in [0, 1]
  /// rho per mesh node (indexed by node id, each in [0, 1]); empty: `density` at every node.
  std::vector<Real> node_density;
};

/// One bonded slave node.
struct BondAnchor {
  size_t slave = 0;  ///< index of the node in the contact set's slave list
  Index node = 0;    ///< mesh node
  Real area = 0.0;   ///< tributary area (mm^2)
  Real density = 0.0;
  std::array<Index, 4> facet{};  ///< the anchor facet's corner nodes
  Vec2 xi = Vec2::Zero();        ///< the anchor's convected coordinates
};

class AnchoredBonds {
 public:
  AnchoredBonds() = default;
  /// Anchors slave node k (mesh node nodes[k], area areas[k]) at the master facet (among
  /// allowed[k]; empty or missing: all) its reference position projects on; `master` must have
  /// been rebuilt at u = 0. Nodes without a projection are not bonded. Throws
  /// std::invalid_argument for bad bond parameters or densities outside [0, 1].
  AnchoredBonds(const std::vector<Vec3>& reference, const std::vector<Index>& nodes,
                const std::vector<Real>& areas, const MasterSurface& master,
                const std::vector<std::vector<Index>>& allowed, const SegmentBonds& bonds);

  /// {slave node, anchor corners} per bond (the sparsity pattern).
  std::vector<std::vector<Index>> node_groups() const;
  /// Adds the unbroken bonds' residual (and tangent) at u.
  void add(const std::vector<Vec3>& reference, const VecX& u, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const;
  /// Accepts u: damage and its dissipation (the exact envelope increment) are updated.
  void commit(const std::vector<Vec3>& reference, const VecX& u);
  /// Resultant force of the bonds on the slave nodes at u (N).
  Vec3 slave_force(const std::vector<Vec3>& reference, const VecX& u) const;

  const std::vector<BondAnchor>& anchors() const { return anchors_; }
  /// Committed damage per bond (anchors() order).
  const std::vector<Real>& damage() const { return damage_; }
  Real dissipated_energy() const;  ///< mJ
  /// sum A rho (1 - D) / sum A rho (1 without bonds).
  Real intact_fraction() const;
  Real bonded_area() const;  ///< sum A rho (mm^2)

 private:
  BondResponse evaluate(const std::vector<Vec3>& reference, const VecX& u, size_t b) const;
  std::vector<Index> local_nodes(size_t b) const;

  std::vector<BondAnchor> anchors_;
  interface::InterfaceParameters law_;
  std::vector<Real> damage_, dissipation_;
};

}  // namespace sinew::contact
