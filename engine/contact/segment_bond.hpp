// Adhesion bonds carried by node-to-segment contact: each slave node is bonded to the material
// point of the master it faced in the reference configuration (its anchor: a facet and
// convected coordinates, fixed for good), so the bond stretches with the finite slide until it
// breaks, while contact and friction act at the current projection (segment_law.hpp).
//
//   g = x_s - x(xi_anchor),  n = a_1 x a_2 / |a_1 x a_2| at the anchor,
//   g_n = g.n, g_t = g - g_n n,  delta = sqrt(<g_n>^2 + |g_t|^2),  B = |g_t|^2 / delta^2
//   D = max(D_committed, d(delta, B))            (cohesive_law.hpp: onset, G_c(B), softening)
//   f_s = -A rho (1 - D) K (<g_n> n + g_t),  f_a = -N_a(xi_anchor) f_s on the anchor's nodes
// Compression is left to contact. The bonds are rate-independent (the interface viscosity is
// not used); the dissipation is the exact envelope increment (bond_dissipation.hpp).
#pragma once

#include <array>

#include "contact/bilinear_patch.hpp"
#include "core/types.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::contact {

/// One bond: slave position, the anchor facet's current corners and the anchor coordinates.
struct BondInput {
  Vec3 slave = Vec3::Zero();
  std::array<Vec3, 4> facet;
  Vec2 xi = Vec2::Zero();
  Real area = 0.0;     ///< slave tributary area (mm^2)
  Real density = 0.0;  ///< rho in [0, 1]
};

/// Response at one trial state. Local dofs: the slave, then the anchor facet's 4 corners.
struct BondResponse {
  VecX force;             ///< forces of the bond on the 5 local nodes (N)
  MatX df_dx;             ///< d force / d positions (N/mm)
  Real damage = 0.0;      ///< D at this state (>= the committed damage)
  Real mixity = 0.0;      ///< B
  Real separation = 0.0;  ///< delta (mm)
};

/// Evaluates the bond with committed damage `damage`; the tangent by forward-mode automatic
/// differentiation (15 directions). A broken bond (D = 1) gives zero force and stiffness.
BondResponse evaluate_bond(const BondInput& in, Real damage,
                           const interface::InterfaceParameters& p);

}  // namespace sinew::contact
