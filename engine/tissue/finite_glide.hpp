// The finite-sliding stand-in for the body-bed interface in the gliding probe
// (`tissue.probe_sliding: finite`): node-to-segment or (`tissue.probe_contact:
// segment_to_segment`) mortar contact of the body's interface facets (slave) on the bed's
// (master) with the interface's penalties, friction and bond law, each slave node bonded to
// the bed point it faces with the interface's committed intact density.
#pragma once

#include <memory>

#include "fem/coupling.hpp"
#include "interface/interface_set.hpp"
#include "mesh/mesh.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::tissue {

/// Bond density per mesh node: the lumped projection of the interface's intact density
/// rho (1 - D_v) onto the primary (body-side) nodes, each pair's area-weighted mean shared
/// equally by its nodes; 0 at nodes off the interface.
std::vector<Real> nodal_intact_density(const mesh::Mesh& mesh,
                                       const interface::InterfaceSet& bonds);

/// The contact set (probes.contact chooses the formulation): slave facets
/// `roles.interface_primary`, master `roles.interface_secondary` (quadrilaterals), the interface's
/// contact_penalty (probes.contact_penalty instead when > 0), tangential_penalty and
/// friction_coefficient, its bond law (rate-independent: the viscosity is not used) and
/// nodal_intact_density(). A slave node reaches the master facets within the probe's excursion plus
/// two master facet sizes of it. Throws std::invalid_argument when the roles name no interface
/// facet sets or the contact set cannot be built.
std::shared_ptr<fem::Coupling> finite_sliding_interface(const mesh::Mesh& mesh,
                                                        const TissueRoles& roles,
                                                        const interface::InterfaceSet& bonds,
                                                        const ProbeSettings& probes);

}  // namespace sinew::tissue
