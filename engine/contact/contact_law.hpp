// The contact law at one slave node against a rigid surface: penalty normal pressure and
// regularised (elastic-slip) Coulomb friction by return mapping, with the consistent tangent.
//
//   y, n, g = closest point, normal, gap of x (rigid_surface.hpp); P = I - n n
//   p = eps_N <-g>                                   (contact pressure, MPa)
//   z = committed stick point on the surface, carried with the rigid motion
//   tau_tr = -eps_T P (x - z)                        (elastic predictor)
//   tau = tau_tr                  if |tau_tr| <= mu p  (stick)
//       = mu p tau_tr / |tau_tr|  otherwise           (slip: plastic corrector)
//   force on the body f = A (p n + tau);  committed stick point z_new = y + tau / eps_T
// (Wriggers 2006, Computational Contact Mechanics, 2nd ed., Springer, secs. 5.2 and 6.3;
// Laursen 2002, Computational Contact and Impact Mechanics, Springer, ch. 5). The stick point
// moves only in slip, by the slip increment, so the dissipation -A tau.(z_new - z) >= 0 is
// exact for any sliding distance. At g = 0 exactly the contact branch is taken (zero pressure,
// penalty stiffness), so a Newton predictor from a touching state is not singular.
#pragma once

#include "contact/contact_parameters.hpp"
#include "contact/rigid_surface.hpp"
#include "core/types.hpp"

namespace sinew::contact {

/// Committed state of one slave node (changes only in ContactSet::commit()).
struct NodeHistory {
  Vec3 stick_point = Vec3::Zero();  ///< z - d(t_commit): the stick point in the surface's frame
  Real pressure = 0.0;              ///< p at the last commit (MPa)
  Real slip = 0.0;                  ///< accumulated slip path length (mm)
  Real dissipation = 0.0;           ///< energy dissipated by friction at this node (mJ = N mm)
  bool in_contact = false;
};

/// Response of the law at one trial state (history not changed).
struct NodeResponse {
  Vec3 force = Vec3::Zero();     ///< f, force of the surface on the body node (N)
  Mat3 df_dx = Mat3::Zero();     ///< df/dx (N/mm), not symmetric in slip or on curved surfaces
  Vec3 traction = Vec3::Zero();  ///< tau, friction traction (MPa)
  Real gap = 0.0;                ///< g (mm)
  Real pressure = 0.0;           ///< p (MPa)
  bool in_contact = false;       ///< g <= 0
  bool slipping = false;
  NodeHistory updated;  ///< the history a commit at this state stores
};

/// The Coulomb return mapping on a given elastic predictor: the traction tau (MPa) and its
/// derivative for the trial traction `trial` (with derivative `dtrial`) against the slip limit
/// `limit` = mu p (with derivative `dlimit`): stick when |trial| <= limit, else the radial
/// return tau = limit trial/|trial| with the consistent tangent
/// dtau = q dlimit^T + (limit/|trial|) (I - q q^T) dtrial, q = trial/|trial|. Shared by the
/// node-to-surface law below and by friction under a prescribed pressure (an intervention's grip).
struct ReturnMap {
  Vec3 traction = Vec3::Zero();
  Mat3 dtraction = Mat3::Zero();
  bool slipping = false;
};
ReturnMap coulomb_return_map(const Vec3& trial, const Mat3& dtrial, Real limit, const Vec3& dlimit);

/// Evaluates the law at current position x and time t for a node of tributary area `area`
/// (mm^2).
NodeResponse evaluate_node(const Vec3& x, Real t, Real area, const RigidSurface& surface,
                           const NodeHistory& history, const ContactParameters& p);

}  // namespace sinew::contact
