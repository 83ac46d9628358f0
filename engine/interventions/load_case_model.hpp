// Turns a load case into the boundary conditions of the tissue model (docs/interventions.md):
// fixed end, loaded end (force or displacement), body excursion, the bed held by an elastic
// foundation on its outer surface (the surrounding tissue), and pressure patches with drag and
// grip over the scar.
#pragma once

#include "fem/model.hpp"
#include "interventions/load_case.hpp"
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

/// The frame of a tissue model: target = the first scar's centre (or the body's centroid without
/// scars); side = the direction from the body's axis line to the target (or the coordinate
/// direction most normal to the axis when the target is on the axis line).
LoadingFrame loading_frame(const fem::Model& model, const tissue::TissueModel& tissue,
                           Real bed_stiffness);

/// The facets of the bed's outer surface covered by a patch, with their coverage.
struct PatchFacet {
  mesh::Facet facet;
  Real axial_min = 0.0;  ///< mm, the facet's extent along the axis relative to the target
  Real axial_max = 0.0;
};

/// The model of one load case: `base` without its loads and supports, plus the load case's.
/// Load-case time s in [0, 1] maps to model time t0 + s. Throws std::invalid_argument when the
/// tissue model lacks what the load case needs (a bed surface for patches, facets under a patch).
fem::Model load_case_model(const fem::Model& base, const tissue::TissueModel& tissue,
                           const LoadingFrame& frame, const LoadCase& load, Real t0);

/// Total normal force (N) of the patch pressures of a load-case model at model time t (checks).
Real patch_normal_force(const fem::Model& model, Real t);

}  // namespace sinew::interventions
