// The interface surface of a model with adhesion/contact interfaces (interface::InterfaceSet
// couplings) as a mesh in VTK conventions, and its per-facet result fields: averages over each
// facet's Gauss points of the bonds' committed state and of the traction at a displacement.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "fem/coupling.hpp"
#include "interface/interface_set.hpp"
#include "mesh/mesh.hpp"

namespace sinew::io {

/// The interface couplings among `couplings`, in their order (the others are skipped).
std::vector<const interface::InterfaceSet*> interface_sets(
    const std::vector<std::shared_ptr<const fem::Coupling>>& couplings);
std::vector<const interface::InterfaceSet*> interface_sets(
    const std::vector<std::unique_ptr<fem::Coupling>>& couplings);

/// One cell per interface pair (the pairs of all sets, set after set): the pair's primary facet
/// over the primary nodes, VTK_QUAD (9) or VTK_TRIANGLE (5), nodes in the facet's order (right-
/// hand normal from the primary into the secondary body). Points are the primary nodes used by
/// some pair, by ascending mesh node id.
struct InterfaceMesh {
  std::vector<Index> node_ids;            ///< P: mesh node id of each point (ascending)
  std::vector<Real> points;               ///< P x 3: reference coordinates (mm)
  std::vector<Index> secondary_node_ids;  ///< K: secondary node paired with each connectivity entry
  std::vector<Index> connectivity;        ///< K: point indices (0 .. P-1), cell after cell
  std::vector<Index> offsets{0};          ///< F + 1
  std::vector<std::uint8_t> types;        ///< F: VTK cell type
  std::vector<Real> area;                 ///< F: reference area = sum of the Gauss weights (mm^2)
  std::vector<Real> adhesion_density;     ///< F: area-weighted mean of the bond density rho (1)

  Index n_points() const { return static_cast<Index>(node_ids.size()); }
  Index n_cells() const { return static_cast<Index>(types.size()); }
};

/// Builds the interface mesh of `sets` on `mesh` (the mesh the sets were built on).
InterfaceMesh interface_mesh(const mesh::Mesh& mesh,
                             const std::vector<const interface::InterfaceSet*>& sets);

/// Per-facet fields at one state: area-weighted means over each facet's Gauss points (weights:
/// the points' reference areas w), F values (or F x 3) facet-major, and the displacement of the
/// interface points. bond_damage is weighted by the bonds (w rho) instead: the fraction of the
/// facet's bonds that are broken (0 for a facet without bonds), so that adhesion =
/// InterfaceMesh::adhesion_density (1 - bond_damage) facet by facet.
struct InterfaceFields {
  std::vector<Real> adhesion;        ///< rho (1 - D_v), committed (1)
  std::vector<Real> bond_damage;     ///< D_v, committed (1), bond-weighted
  std::vector<Real> slip;            ///< |s|, committed friction slip (mm)
  std::vector<Real> tangential_gap;  ///< |g_t| at (u, t) (mm)
  std::vector<Real> normal_gap;      ///< g_n at (u, t) (mm)
  std::vector<Real> traction;        ///< F x 3: traction on the primary body at (u, t) (MPa)
  std::vector<Real> displacement;    ///< P x 3: u of the interface points (mm)
};

/// The fields of `sets` (with their committed history) at displacement u and time t. `sets` must
/// have the pairs `imesh` was built from (throws std::invalid_argument otherwise).
InterfaceFields interface_averages(const InterfaceMesh& imesh,
                                   const std::vector<const interface::InterfaceSet*>& sets,
                                   const VecX& u, Real t);

}  // namespace sinew::io
