// Turns a load case into the boundary conditions of the tissue model (docs/interventions.md):
// fixed end, loaded end (force, displacement, or a series muscle spring), body excursion, the bed
// held by an elastic foundation on its outer surface (the surrounding tissue), and pressure patches
// with drag and grip over the scar.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fem/model.hpp"
#include "interventions/load_case.hpp"
#include "interventions/patch_coupling.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::interventions {

/// Where the tissue model is loaded and how its bed is held during interventions.
struct LoadingFrame {
  /// N/mm^3: stiffness per unit area of the foundation holding the bed's outer surface
  /// (surrounding tissue) during load cases.
  Real bed_stiffness = 0.01;
  Vec3 target = Vec3::Zero();  ///< mm: the point patches are placed relative to (scar centre)
  Vec3 side = Vec3::UnitZ();   ///< unit, normal to the axis: the side the patches press on
};

/// `loading.press_side`: which side of the bed the patches press on (docs/scenario-reference.md).
/// Auto: the rule of loading_frame below; Scar: from the body's axis line towards the target
/// (the first scar's centre); Direction: along `direction` (a coordinate axis, e.g. -y).
enum class PressRule { Auto, Scar, Direction };
struct PressSide {
  PressRule rule = PressRule::Auto;
  Vec3 direction = Vec3::Zero();  ///< unit, for PressRule::Direction
};

/// The values `loading.press_side` accepts: "auto", "scar", "+x", "-x", "+y", "-y", "+z", "-z".
const std::vector<std::string>& press_side_values();
/// The press side named `text` (one of press_side_values()); nullopt for any other text.
std::optional<PressSide> parse_press_side(const std::string& text);

/// The frame of a tissue model: target = the first scar's centre (or the body's centroid without
/// scars). side: a bed on one side of the body (an underlay: the area-weighted mean outward normal
/// of its outer surface, normal to the axis, has length >= 0.5) is pressed on its exposed face,
/// along that mean normal; a bed wrapped around the body (a sheath) is pressed on the side of the
/// target (the direction from the body's axis line to it, or the coordinate direction most normal
/// to the axis, z first, when the target is on the axis line). `press` overrides that choice
/// (PressRule::Scar: the sheath rule for any bed; Direction: its part normal to the axis).
/// Throws std::invalid_argument when a Direction lies along the axis.
LoadingFrame loading_frame(const fem::Model& model, const tissue::TissueModel& tissue,
                           Real bed_stiffness, const PressSide& press = {});

/// Where a patch presses on a tissue model. Its positions are limited to where the whole patch
/// lies on the pressed strip of the bed (a stroke past the end of the modelled tissue would
/// press on tissue the model does not contain). The patch covers its exact footprint on the bed
/// (length x width on a bed facing the pressing side, whatever the facet size); its pressure is
/// the force over the covered area at every position (patch_coupling.hpp), so the total normal
/// force is the patch's force.
struct PatchPlacement {
  Real start = 0.0, end = 0.0;        ///< mm from the target along the axis, after limiting
  Real length = 0.0;                  ///< mm: the patch length
  Real area = 0.0;                    ///< mm^2: the covered reference area where it lands
  Real bed_min = 0.0, bed_max = 0.0;  ///< mm: axial extent of the pressed strip of the bed
  Real pressure = 0.0;                ///< MPa at full force where it lands
  bool limited = false;               ///< start or end was moved onto the bed
};

/// The placement of `patch` on the model. Throws std::invalid_argument (with what to change)
/// when no bed facet faces the pressing side within the patch width, the bed is shorter than the
/// patch, or the patch's whole travel lies off the bed.
PatchPlacement place_patch(const fem::Model& model, const tissue::TissueModel& tissue,
                           const LoadingFrame& frame, const PatchLoad& patch);

/// The model of one load case: `base` without its loads and supports, plus the load case's.
/// Load-case time s in [0, 1] maps to model time t0 + s. Throws std::invalid_argument when the
/// tissue model lacks what the load case needs (a bed surface for patches, facets under a patch).
fem::Model load_case_model(const fem::Model& base, const tissue::TissueModel& tissue,
                           const LoadingFrame& frame, const LoadCase& load, Real t0);

/// The model of the hold of a force-limited load case (axial_force != 0, hold_position): that of
/// load_case_model, the loaded end switched to hold the position reached at displacement `u`
/// (the ramp's end). With a series muscle, the spring's far end stays where the ramp left it
/// (plate displacement + axial_force / muscle_stiffness, so the force is continuous); without
/// one the plate stays put. `reached_at`: the load-case time of `u` (1 after a complete ramp;
/// earlier when the ramp stopped just past a limit load, simulation/plate_limit.hpp), where the
/// body's excursion is held too, so that the hold starts from exactly the state `u` is in.
/// Throws std::invalid_argument when the load case has no axial force.
fem::Model hold_model(const fem::Model& base, const tissue::TissueModel& tissue,
                      const LoadingFrame& frame, const LoadCase& load, Real t0, const VecX& u,
                      Real reached_at = 1.0);

/// Total normal force (N) of the patch pressures of a load-case model at model time t (checks):
/// int p dA_0 over the patch footprint; 0 without a patch.
Real patch_normal_force(const fem::Model& model, Real t);

/// The patch of a load-case model (nullptr without one).
const PatchCoupling* patch_coupling(const fem::Model& model);

}  // namespace sinew::interventions
