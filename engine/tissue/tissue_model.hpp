// What makes a finite-element model a tissue model: which body is the tendon/fascia, which is
// its bed (sheath, paratenon, underlying layer), which ends are clamped and pulled in the metric
// probes, the scar regions and their per-point scar fraction, and the probe settings.
#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"
#include "tissue/scar.hpp"

namespace sinew::tissue {

/// How an axial force reaches the loaded end (`tissue.end_condition`, docs/model-equations.md
/// "Loaded end"). Plate: a rigid plate pulls the end face, every node at one axial displacement,
/// so the force splits across the section by stiffness (the tendon loaded through its
/// aponeurosis). Traction: a uniform dead traction, the force split by area.
enum class EndCondition { Plate, Traction };

/// Set names that give the model's parts their roles in the probes.
struct TissueRoles {
  std::string body = "tendon";                 ///< element set: the fibrous body (tendon/fascia)
  std::string bed;                             ///< element set: sheath/underlay ("" = none)
  std::string fixed_end = "tendon_distal";     ///< node set clamped in the probes
  std::string loaded_end = "tendon_proximal";  ///< facet set pulled in the probes
  std::string bed_support;                     ///< node set of the bed held in the probes
  Vec3 axis = Vec3::UnitX();                   ///< unit loading axis of the body
  EndCondition end_condition = EndCondition::Plate;  ///< of every force on the loaded end
  /// Facet sets the adhesion interface joins (body side, bed side; set by the model builder,
  /// "" = no interface): the finite-sliding gliding probe's slave and master surfaces.
  std::string interface_primary, interface_secondary;
};

/// How the gliding probe models the body-bed interface (`tissue.probe_sliding`,
/// docs/metrics.md "Gliding probe"). Small: the model's interface elements (paired facets, the
/// slip a small fraction of a facet). Finite: node-to-segment contact of the body's interface
/// facets on the bed's, with the interface's bonds, friction and penalties, so the body can
/// slide any number of facets.
enum class ProbeSliding { Small, Finite };

/// The contact formulation of the finite-sliding gliding probe (`tissue.probe_contact`):
/// node-to-segment (contact/segment_contact_set.hpp) or segment-to-segment mortar contact
/// (contact/mortar_contact_set.hpp), both with the same bonds and friction.
enum class ProbeContact { NodeToSegment, SegmentToSegment };

struct ProbeSettings {
  Real force = 100.0;    ///< N: axial force at which stiffness and scar strains are measured
  Real excursion = 1.0;  ///< mm: tendon translation relative to its bed in the gliding probe
  int force_increments = 3;
  int excursion_increments = 5;
  ProbeSliding sliding = ProbeSliding::Small;          ///< of the gliding probe
  ProbeContact contact = ProbeContact::NodeToSegment;  ///< of the finite-sliding probe
  /// MPa/mm: the finite-sliding probe's contact penalty (0 = the interface's contact_penalty).
  Real contact_penalty = 0.0;
};

struct TissueModel {
  bool enabled = false;  ///< metrics are computed only for tissue models
  TissueRoles roles;
  ProbeSettings probes;
  std::vector<ScarRegion> scars;
  std::vector<Real> scar_fraction;  ///< per quadrature point (0 outside the body)
  /// Quadrature points with s >= kScarThreshold are "scar"; s < kHealthyThreshold "healthy".
  static constexpr Real kScarThreshold = 0.5;
  static constexpr Real kHealthyThreshold = 0.05;
  /// Points with s >= kScarCoreThreshold are the scar core, over which scar_fibre_strain averages:
  /// nearly pure scar, so the mean does not mix in the falloff's healthy share.
  static constexpr Real kScarCoreThreshold = 0.9;
};

}  // namespace sinew::tissue
