// The interface surface of a model with adhesion/contact interfaces (InterfaceSet couplings) as
// a mesh in VTK conventions, its per-facet result fields (averages over each facet's Gauss points
// of the bonds' committed state and of the traction at a displacement), and the interface's
// entries of the output-field table (fem/output_fields.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "fem/coupling.hpp"
#include "fem/output_fields.hpp"
#include "interface/interface_set.hpp"
#include "mesh/mesh.hpp"

namespace sinew::interface {

/// The interface couplings among `couplings`, in their order (the others are skipped).
std::vector<const InterfaceSet*> interface_sets(
    const std::vector<std::shared_ptr<const fem::Coupling>>& couplings);
std::vector<const InterfaceSet*> interface_sets(
    const std::vector<std::unique_ptr<fem::Coupling>>& couplings);

/// The interface surface (fem::FacetMesh): one cell per interface pair (the pairs of all sets,
/// set after set): the pair's primary facet over the primary nodes, VTK_QUAD (9) or VTK_TRIANGLE
/// (5), nodes in the facet's order (right-hand normal from the primary into the secondary body).
/// Points are the primary nodes used by some pair, by ascending mesh node id.
using InterfaceMesh = fem::FacetMesh;

/// Builds the interface mesh of `sets` on `mesh` (the mesh the sets were built on).
InterfaceMesh interface_mesh(const mesh::Mesh& mesh, const std::vector<const InterfaceSet*>& sets);

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
                                   const std::vector<const InterfaceSet*>& sets, const VecX& u,
                                   Real t);

/// The interface's output fields over `imesh` (the mesh of the model's interface sets, in the
/// order interface_sets() finds them): displacement of the surface points and the facet
/// averages above. `imesh` may be null for the catalogue (then evaluate must not be called).
std::vector<fem::OutputField> interface_output_fields(std::shared_ptr<const InterfaceMesh> imesh);

/// The state variables the interface sets declare (fem::Coupling::state_variables of the first
/// set; all sets declare the same), each as a field of area-weighted facet means over `imesh`.
std::vector<fem::OutputField> interface_state_fields(std::shared_ptr<const InterfaceMesh> imesh,
                                                     const std::vector<const InterfaceSet*>& sets);

/// The static facet fields of `imesh`: area and adhesion_density.
std::vector<fem::StaticField> interface_static_fields(const InterfaceMesh& imesh);

}  // namespace sinew::interface
