// Scar regions and the smooth scar fraction s(x) in [0, 1] they define, and the blending of
// tissue parameters between healthy (s = 0) and scar (s = 1) values at every quadrature point.
//
// Scar is modelled as a fraction s of the tissue at a point that has scar properties (Sinew's
// modelling choice, docs/theory.md "Scar"): collagen stiffness, dispersion and alignment blend
// linearly in s. Default scar values follow the healing data collected in the domain reference:
// modulus ~0.1 of intact at 4-5 months (Schepull et al. 2007; PMC9527451), dispersion
// kappa 0.25-0.30 for immature scar (type III collagen, disorganised fibrils: Maffulli et al.
// 2000, Am J Sports Med 28:499).
#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"

namespace sinew::tissue {

enum class ScarShapeKind { Ellipsoid, Box, ElementSet };

/// Where a scar is. Ellipsoid: centre, semi-axes along the columns of `axes` (a rotation);
/// box: centre, half-sizes along `axes`; element set: the listed cells (s = 1 in them, no
/// falloff). Outside the core, s falls smoothly to 0 over `falloff` (mm) measured along the
/// outward family of offset ellipsoids / boxes.
struct ScarShape {
  ScarShapeKind kind = ScarShapeKind::Ellipsoid;
  Vec3 centre = Vec3::Zero();
  Vec3 semi_axes = Vec3::Ones();  ///< mm (box: half-sizes)
  Mat3 axes = Mat3::Identity();   ///< columns: local axes (orthonormal)
  Real falloff = 0.0;             ///< mm
  std::vector<Index> cells;       ///< element-set scars
};

/// Scar-tissue parameters, as ratios or values reached at s = 1.
struct ScarProperties {
  Real fibre_stiffness_ratio = 0.1;   ///< scar/healthy fibre stiffness (Schepull 2007: ~0.1)
  Real matrix_stiffness_ratio = 1.0;  ///< scar/healthy matrix stiffness
  Real dispersion = 0.25;             ///< kappa of scar (immature scar 0.25-0.30)
  Real misalignment_deg = 0.0;        ///< tilt of the mean fibre direction at s = 1 (degrees)
  Real adhesion_density = 1.0;        ///< bond density rho on the interface over the scar
};

struct ScarRegion {
  std::string name;
  ScarShape shape;
  ScarProperties properties;
};

/// Scar fraction of one region at reference point X (cell c, for element-set scars).
Real scar_fraction(const ScarShape& shape, const Vec3& X, Index cell);

/// The region with the largest fraction at X and that fraction (index -1, s = 0 when none).
struct ScarSample {
  int region = -1;
  Real s = 0.0;
};
ScarSample sample_scar(const std::vector<ScarRegion>& regions, const Vec3& X, Index cell);

/// Blends the properties of a healthy point by scar fraction s. `kappa`, `fibre_scale`,
/// `matrix_scale` and `fibre` are updated in place; the fibre is tilted by s * misalignment about
/// the axis normal to the fibre and the scar's second local axis (so the tilt is reproducible).
struct BlendTarget {
  Vec3* fibre;
  Real* dispersion;
  Real* fibre_scale;
  Real* matrix_scale;
};
void blend_scar(const ScarRegion& region, Real s, const BlendTarget& point);

/// Adhesion density at an interface point X on a face of cell `cell` (the primary body's cell,
/// which element-set scars use): healthy density blended towards the scar's density by s.
Real blended_adhesion_density(const std::vector<ScarRegion>& regions, Real healthy_density,
                              const Vec3& X, Index cell);

/// Smooth step 3x^2 - 2x^3 on [0, 1] (clamped).
Real smoothstep(Real x);

}  // namespace sinew::tissue
