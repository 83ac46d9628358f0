// Facet kernels for surface loads on quad4/tri3 faces: follower pressure (current normal and
// area), dead traction (per reference area), elastic foundation (springs to the reference
// position). Local dof order 3a+i over the facet's nodes.
#pragma once

#include <array>
#include <vector>

#include "core/types.hpp"

namespace sinew::fem {

/// Residual contribution r_a = p * int N_a (x_xi x x_eta) dxi deta of a follower pressure p
/// (MPa; positive pushes against the outward normal) and its (non-symmetric) tangent.
/// `x`: current nodal positions (3 x n, n = 3 or 4). Outputs are resized to 3n (and 3n x 3n).
void follower_pressure(const MatX& x, Real p, VecX& r, MatX* K);

/// Shape function values, parametric derivatives and parametric weight of one point of a quad4
/// ([-1,1]^2) or tri3 (unit triangle) facet; unused entries of a triangle are zero. For loads
/// over part of a facet (interventions/patch_footprint.hpp).
struct FacetPoint {
  std::array<Real, 4> N{};
  std::array<std::array<Real, 2>, 4> dN{};
  Real weight = 0.0;
};

/// follower_pressure over the given points instead of the facet's whole rule.
void follower_pressure(const MatX& x, Real p, const std::vector<FacetPoint>& points, VecX& r,
                       MatX* K);

/// dead_traction over the given points instead of the facet's whole rule.
void dead_traction(const MatX& X, const Vec3& t, const std::vector<FacetPoint>& points, VecX& r);

/// r_a = -int N_a t dA_0 for a dead traction t (MPa) on the reference facet `X`.
void dead_traction(const MatX& X, const Vec3& t, VecX& r);

/// Consistent "mass" matrix M_ab = int N_a N_b dA_0 of the reference facet (mm^2); an elastic
/// foundation of stiffness k contributes k M_ab I to the tangent and k M u to the residual.
MatX facet_mass(const MatX& X);

}  // namespace sinew::fem
