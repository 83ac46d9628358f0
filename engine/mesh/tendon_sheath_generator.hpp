// Generator of a straight tendon of elliptical cross-section inside a sheath (paratenon): two
// separate hex8 bodies meeting at duplicated nodes, plus the tendon's helical fibre field.
#pragma once

#include "mesh/mesh.hpp"

namespace sinew::mesh {

/// Defaults: an Achilles tendon mid-portion, 14.7 x 4.9 mm, with a 1 mm sheath (mm).
struct TendonSheathSpec {
  Real length = 50;             ///< along x, from x = 0 (distal) to x = length (proximal)
  Real semi_axis_y = 7.35;      ///< ellipse semi-axis along y (a)
  Real semi_axis_z = 2.45;      ///< ellipse semi-axis along z (b); a == b gives a circle
  Real sheath_thickness = 1.0;  ///< measured along the ellipse's outward normal
  int axial_divisions = 20;
  int core_divisions = 4;           ///< core block cells per side; 4*core_divisions around
  int tendon_radial_divisions = 3;  ///< layers of the O-grid ring between core and ellipse
  int sheath_radial_divisions = 1;
};

/// Hex8 O-grid mesh of tendon and sheath (VTK node order, det J > 0 at every Gauss point and
/// corner). Cross-section, in normalised coordinates (y/a, z/b): a core of
/// core_divisions^2 cells, a square of half-size 0.5 with its nodes moved halfway toward the
/// disc (square-to-disc radial map) so that its corners are not sharp, then a ring of
/// tendon_radial_divisions layers out to the ellipse, 4*core_divisions cells around. The
/// ellipse nodes sit at equal normalised angles, -45 deg + k*90/core_divisions deg, so the
/// tendon section is the inscribed polygon: its area is pi*a*b*(n/(2 pi))*sin(2 pi/n), n =
/// 4*core_divisions (2.55% short of pi*a*b for n = 16, 0.64% for 32; no inscribed n-gon does
/// better). The sheath nodes are the ellipse nodes offset along the ellipse's outward unit
/// normal by j*sheath_thickness/sheath_radial_divisions (uniform thickness; no scaling).
///
/// Bodies: tendon cells and nodes first, then the sheath's. The sheath's inner nodes are
/// duplicates of the tendon's ellipse nodes (bitwise equal coordinates, different ids); nothing
/// connects the two bodies until interface elements are added (see facet_pairing.hpp).
/// Blocks: block_names {"tendon", "sheath"}, cell_block 0/1.
/// Sets (node sets of the facet sets have the same names and hold the facets' nodes):
///  - element sets + node sets "tendon", "sheath", "all";
///  - facet + node sets "tendon_distal" (x = 0), "tendon_proximal" (x = length),
///    "sheath_distal", "sheath_proximal", "sheath_outer" (offset surface),
///    "interface_tendon" (tendon faces on the ellipse, outward normal away from the axis),
///    "interface_sheath" (sheath faces on the ellipse, normal toward the axis).
/// Each facet set is sorted by cell. Throws std::invalid_argument for a bad spec.
Mesh generate_tendon_sheath(const TendonSheathSpec& spec);

/// Unit fibre direction at reference point X of the tendon: a helix about +x (right-handed
/// for a positive angle) whose angle to the axis grows linearly with the normalised elliptical
/// radius rho = sqrt((y/a)^2 + (z/b)^2), from 0 on the axis to helix_angle_deg at rho = 1;
/// d = cos(alpha) e_x + sin(alpha) t, t the unit tangent of the ellipse (y/a)^2 + (z/b)^2 =
/// rho^2 through X, oriented from +y toward +z. Points outside the tendon (rho > 1) get the
/// surface angle. X.x() is not used. Throws std::invalid_argument for semi-axes <= 0 or
/// |helix_angle_deg| >= 90.
Vec3 tendon_fibre_direction(const TendonSheathSpec& spec, Real helix_angle_deg, const Vec3& X);

}  // namespace sinew::mesh
