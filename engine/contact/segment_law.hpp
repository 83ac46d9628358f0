// The contact law at one slave node against a deformable bilinear master facet (node-to-segment
// contact): penalty pressure and regularised Coulomb friction as for a rigid surface
// (contact_law.hpp), with the stick point a material point of the master surface held in the
// convected coordinates of its facet, so it moves with the master as it deforms and slides.
//
//   xi = closest point of the slave x_s on the facet, y = x(xi), n = a_1 x a_2 / |a_1 x a_2|
//   g = (x_s - y).n,  p = eps_N <-g>
//   z = x(xi_z) on the stick facet (current master positions)
//   tau_tr = -eps_T (I - n n)(x_s - z),  return mapping to |tau| <= mu p
//   t = p n + tau;  f_s = A t on the slave,  f_a = -A N_a(xi) t on master node a
// (Wriggers 2006, Computational Contact Mechanics, 2nd ed., Springer, secs. 4.3, 5.2, 6.3 and
// ch. 8; Laursen 2002, Computational Contact and Impact Mechanics, Springer, ch. 5).
#pragma once

#include <array>

#include "contact/bilinear_patch.hpp"
#include "contact/contact_parameters.hpp"
#include "core/types.hpp"

namespace sinew::contact {

/// The geometry one evaluation needs (current positions).
struct SegmentInput {
  Vec3 slave = Vec3::Zero();
  std::array<Vec3, 4> facet;  ///< corners of the facet holding the projection
  /// Converged projection on it: clamped to [-1, 1] in a clamped coordinate; beyond a
  /// boundary edge (the master's rim) it is the projection on the extended patch.
  Vec2 xi = Vec2::Zero();
  /// Coordinates clamped at the facet's edge (the slave lies beyond it at a master kink's
  /// wedge, where another facet continues the surface): the closest point is then on that
  /// edge (or at the corner), and the normal is the direction between it and the slave,
  /// continuous across the wedge.
  std::array<bool, 2> clamped{false, false};
  /// Coordinates beyond an edge on the master's boundary (its rim, no facet across it): the
  /// bilinear patch is continued past the rim (the search admits a sliver of a facet), so
  /// the normal and gap are those of the extended facet. A slave sliding out past the rim
  /// level with the facet keeps its (zero) gap instead of having its distance from the rim
  /// taken as penetration or turned into a push back along the surface.
  std::array<bool, 2> extended{false, false};
  bool separate_stick = false;      ///< the stick point lies on another facet
  std::array<Vec3, 4> stick_facet;  ///< its corners (used when separate_stick)
  Vec2 stick_xi = Vec2::Zero();     ///< convected stick point (on `facet` if !separate_stick)
  Real area = 0.0;                  ///< slave tributary area (mm^2)
};

/// Response at one trial state. Local dofs: the slave, the 4 facet corners, then the 4 stick
/// facet corners when separate_stick (whose forces are 0 but on which the forces depend).
struct SegmentResponse {
  VecX force;                     ///< forces of the contact on the local nodes (N)
  MatX df_dx;                     ///< d force / d positions (N/mm), not symmetric
  Vec3 traction = Vec3::Zero();   ///< tau (MPa)
  Vec3 point = Vec3::Zero();      ///< y
  Vec3 normal = Vec3::Zero();     ///< n
  Vec3 new_stick = Vec3::Zero();  ///< y + tau / eps_T: the stick point a commit stores
  Real gap = 0.0;
  Real pressure = 0.0;
  bool in_contact = false;
  bool slipping = false;
};

/// Evaluates the law; the tangent is exact (forward-mode automatic differentiation through one
/// Newton step of the projection, so dxi/dx follows the implicit function theorem and the
/// master's curvature terms are included).
SegmentResponse evaluate_segment(const SegmentInput& in, const ContactParameters& p);

}  // namespace sinew::contact
