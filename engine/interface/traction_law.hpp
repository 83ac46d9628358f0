// The traction-separation law at one Gauss point of an interface: adhesion bonds (mixed-mode
// damage), penalty contact and regularised Coulomb friction, given the gap g and the unit
// normal n of the current mid-surface. Returns the traction on the primary body per reference
// area, its derivatives with respect to g and n (for the element tangent), and the history a
// commit at this state would store. History is only read here; nothing is changed.
//
//   g_n = g.n,  g_t = g - g_n n
//   bonds:    T_b = rho (1 - D_v) K (<g_n> n + g_t)      (compression is left to contact)
//   contact:  T_c = -p n,  p = eps_n <-g_n>              (T_c.n = t_n = -eps_n <-g_n>)
//   friction (p > 0, mu > 0): s_t = s - (s.n) n,  T_tr = eps_t (g_t - s_t),
//             T_f = T_tr if |T_tr| <= mu p (stick), else mu p T_tr/|T_tr| (slip)
//             (return mapping of the elastic-slip Coulomb law, Wriggers 2006, Computational
//             Contact Mechanics, 2nd ed., Springer; the slip is s_new = g_t - T_f/eps_t)
//   T = T_b + T_c + T_f
// At g_n = 0 exactly the contact branch supplies the tangent (compression side of the kink), so a
// predictor from the untouched state is not singular in the normal direction.
// Damage (only where rho > 0): D = max(D_committed, d(delta, B)), d from cohesive_law.hpp, so D
// never decreases; viscous lag by backward Euler over dt = t - t_committed:
//   D_v = (eta_v D_v,committed + dt D) / (eta_v + dt)    (eta_v = 0: D_v = D).
// Out of contact the friction has no memory: the slip follows g_t.
#pragma once

#include "core/types.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::interface {

/// Committed state of one Gauss point (changes only in InterfaceSet::commit()).
struct PointHistory {
  Real damage = 0.0;          ///< rate-independent damage D in [0, 1] (irreversible)
  Real viscous_damage = 0.0;  ///< D_v, the damage that scales the bond traction (= D if eta_v = 0)
  Real max_separation = 0.0;  ///< largest effective separation delta reached (mm)
  Vec3 slip = Vec3::Zero();   ///< committed friction slip s, a 3-vector in the global frame (mm)
  Real bond_energy = 0.0;     ///< undamaged bond energy rho K delta^2/2 at the last commit (N/mm)
  Real damage_dissipation = 0.0;    ///< energy dissipated by damage per reference area (N/mm)
  Real friction_dissipation = 0.0;  ///< energy dissipated by frictional slip per ref. area (N/mm)
};

/// Response of the law at one trial state.
struct PointResponse {
  Vec3 traction = Vec3::Zero();  ///< T, force per reference area on the primary body (MPa)
  Mat3 dT_dg = Mat3::Zero();     ///< dT/dg (filled when the tangent is requested)
  Mat3 dT_dn = Mat3::Zero();     ///< dT/dn, n treated as an independent 3-vector
  Real normal_gap = 0.0;         ///< g_n (mm); negative in penetration
  Real tangential_gap = 0.0;     ///< |g_t| (mm)
  Real pressure = 0.0;           ///< contact pressure p >= 0 (MPa)
  bool in_contact = false;       ///< p > 0
  bool slipping = false;         ///< friction in the slip branch
  PointHistory updated;          ///< the history a commit at this state stores
};

/// Evaluates the law. `dt` = time since the last commit (s); `rho` = bond density in [0, 1].
PointResponse evaluate_point(const Vec3& g, const Vec3& n, const PointHistory& history, Real rho,
                             const InterfaceParameters& p, Real dt, bool with_tangent);

}  // namespace sinew::interface
