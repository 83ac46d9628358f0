// One slave facet against one master facet in segment-to-segment (mortar-type) penalty contact
// (Puso and Laursen 2004, CMAME 193:601, sec. 3): both facets are projected onto the plane of
// the slave facet (centre c, normal n_0 = the slave's outward normal at its centre), the
// projected polygons are clipped (polygon_clip.hpp), the overlap is split into a fan of
// triangles and, at the Gauss points q of each (triangle_rule.hpp),
//
//   xi_s(q), xi_m(q): the points of either facet that project onto q (inverse maps)
//   g = (x_m(xi_m) - x_s(xi_s)).n_0,  p = eps_N <-g>
//   f_a = -int N_a(xi_s) p n_0 dA on slave corner a,  f_b = +int N_b(xi_m) p n_0 dA on master b
//
// with dA the area of the projection plane. A uniform gap gives a uniform pressure whose
// nodal forces are the consistent loads of both meshes, whatever their layouts: the contact
// patch test. The tangent is the exact derivative of these discrete forces for the pairing and
// the overlap's topology of the evaluation (forward-mode automatic differentiation through the
// clipping, the inverse maps and the quadrature).
//
// With the committed corner positions given, the pair also integrates the terms of nodal
// mortar friction (mortar_friction.hpp; Puso and Laursen 2004, CMAME 193:4891, sec. 4) over
// the part of the overlap in contact or just above it, per slave corner a:
//
//   w_a = int N_a phi dA,  fn_a = int N_a p dA,  m_a = int N_a phi n_0 dA,
//   s_a = int N_a phi ((x_s - X_s)(xi_s) - (x_m - X_m)(xi_m)) dA   (X: committed positions)
//   M_ac = int N_a N_c(xi_m) phi dA
//
// with phi = 1 in contact (g <= 0), (1 - g/b)^2 over a band 0 < g < b above it and 0 beyond:
// the terms then change continuously as points open and close, so the nodal friction does too
// (its force is capped by mu fn_a, which vanishes with the pressure).
// s_a is the weighted slip of the slave relative to the master since the last commit (mm^3),
// M carries a nodal traction field tau = sum_a N_a tau_a to the master facet's corners.
#pragma once

#include <vector>

#include "contact/triangle_rule.hpp"
#include "core/types.hpp"

namespace sinew::contact {

/// Current corner positions: 3 (linear triangle) or 4 (bilinear quadrilateral) each,
/// counter-clockwise about the facet's outward normal.
struct MortarPairInput {
  std::vector<Vec3> slave;
  std::vector<Vec3> master;
  Real normal_penalty = 0.0;  ///< eps_N (MPa/mm)
  /// Gauss points deeper than this (mm) are ignored: the slave has passed the master there or
  /// faces its far side (<= 0: no limit).
  Real depth_limit = 0.0;
  /// Corner positions at the last commit (same counts as slave and master): when given, the
  /// friction terms are integrated too.
  std::vector<Vec3> slave_committed, master_committed;
  Real friction_band = 0.0;  ///< b (mm) of the friction terms' fade above contact
};

/// The friction terms of one pair (empty unless the committed positions are given), flattened:
/// per slave corner a the 8 values [w_a, fn_a, m_a (3), s_a (3)], then per slave corner a the
/// row [M_a0 .. M_a(nm-1)].
struct MortarFrictionTerms {
  static constexpr int kNodal = 8;
  int slave = 0, master = 0;  ///< corner counts ns, nm
  Real area = 0.0;            ///< int phi dA (mm^2): the pair has friction terms when > 0
  VecX value;
  MatX d_dx;  ///< d value / d corner positions; empty without tangent

  Index nodal(int a) const { return kNodal * a; }
  /// Offset of M_ac.
  Index coupling(int a, int c) const { return kNodal * slave + master * a + c; }
  Index size() const { return kNodal * slave + slave * master; }
};

struct MortarPairResult {
  bool overlap = false;            ///< the projected facets overlap (and face each other)
  VecX force;                      ///< on slave corners then master corners (N)
  MatX df_dx;                      ///< d force / d corner positions (N/mm); empty without tangent
  Real overlap_area = 0.0;         ///< area of the clipped polygon (mm^2)
  Real integrated_area = 0.0;      ///< sum of the Gauss weights x triangle areas (mm^2)
  Real contact_area = 0.0;         ///< the part of integrated_area with g < 0 (mm^2)
  Vec3 normal = Vec3::Zero();      ///< n_0
  std::vector<Real> slave_weight;  ///< int over the overlap of N_a(xi_s) dA per slave corner
  std::vector<Real> pressures;     ///< p at the Gauss points in contact (MPa)
  MortarFrictionTerms friction;
};

/// The pair integral; `rule` from triangle_rule(). With `tangent` false df_dx stays empty.
/// Throws std::invalid_argument for corner counts other than 3 or 4.
MortarPairResult integrate_mortar_pair(const MortarPairInput& in,
                                       const std::vector<TrianglePoint>& rule, bool tangent);

}  // namespace sinew::contact
