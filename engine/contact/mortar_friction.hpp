// Nodal Coulomb friction of segment-to-segment (mortar) contact at one slave node (Puso and
// Laursen 2004, CMAME 193:4891, sec. 4; Laursen 2002, Computational Contact and Impact
// Mechanics, ch. 5): from the node's mortar-integrated terms q = [w, fn, m (3), s (3)]
// (mortar_pair.hpp: contact weight, normal force, weighted normal, weighted slip since the
// last commit) and its committed friction force F_c,
//
//   n = m / |m|,  P = I - n n
//   F_tr = P F_c - eps_T P s                  (stick predictor; s in mm^3, eps_T in MPa/mm: N)
//   F = F_tr  if |F_tr| <= mu fn,  else  mu fn F_tr / |F_tr|          (return mapping)
//   tau = F / w                                nodal friction traction (MPa)
//
// The slave node receives F itself and the master corners -sum_a tau_a M_ac: the traction
// field sum_a N_a tau_a integrated against the master's shape functions and, on the slave
// side, against the dual (biorthogonal) basis for which D is diagonal with entries w_a
// (Wohlmuth 2000, SIAM J Numer Anal 38:989; Popp et al. 2009, IJNME 79:1354). Both sides then
// receive the consistent loads of a uniform frictional traction across non-matching meshes,
// and the slave's stick stiffness is eps_T D, node by node as in node-to-segment contact (with
// the full D, a block pressed onto a meshed base in stick took 5-25 Newton iterations per
// increment instead of 5, and its 20 mm slide 485 iterations instead of 260). On
// commit the plastic part of the weighted slip, (F - F_tr) / eps_T, gives the node's slip path
// |.| / w (mm) and dissipation -tau . (F - F_tr) / eps_T (mJ).
#pragma once

#include <Eigen/Core>

#include "contact/contact_parameters.hpp"
#include "core/types.hpp"

namespace sinew::contact {

using MortarNodalTerms = Eigen::Matrix<Real, 8, 1>;

struct MortarFrictionResponse {
  bool active = false;           ///< w > 0, fn > 0 and mu > 0
  bool slipping = false;         ///< |F_tr| > mu fn
  Vec3 force = Vec3::Zero();     ///< F (N), on the slave
  Vec3 trial = Vec3::Zero();     ///< F_tr (N)
  Vec3 traction = Vec3::Zero();  ///< tau (MPa)
  Eigen::Matrix<Real, 3, 8> dtraction_dq = Eigen::Matrix<Real, 3, 8>::Zero();
  Eigen::Matrix<Real, 3, 8> dforce_dq = Eigen::Matrix<Real, 3, 8>::Zero();
  /// The commit's increments: slip path (mm) and dissipated energy (mJ) of the node.
  Real slip_increment = 0.0;
  Real dissipation_increment = 0.0;
};

/// The nodal friction at terms q with committed force F_c; the derivatives of F and tau by
/// forward automatic differentiation over q (8 directions).
MortarFrictionResponse evaluate_mortar_friction(const MortarNodalTerms& q, const Vec3& committed,
                                                const ContactParameters& p);

}  // namespace sinew::contact
