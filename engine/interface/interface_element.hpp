// The zero-thickness interface element kernel: residual and consistent tangent of one pair of
// conforming facets (quad4 with 2x2 Gauss points, or tri3 with 3 points), primary nodes first.
//
// Kinematics (Ortiz & Pandolfi 1999, IJNME 44:1267): at each Gauss point the gap is the
// displacement jump g = sum_a N_a (u_s,a - u_p,a) (the paired nodes share their reference
// position, so this is x_s - x_p), and n is the unit normal of the current mid-surface
// x_m = X + (u_p + u_s)/2: n = c/|c|, c = x_m,xi x x_m,eta. Tractions T (traction_law.hpp) are
// integrated over the reference mid-surface area dA_0:
//   r_p,a = -sum_q N_a T w_q |X,xi x X,eta|,   r_s,a = +sum_q N_a T w_q |X,xi x X,eta|
// (internal forces: T pulls the primary body towards the secondary one in opening).
// Tangent: dT/du_b = dT/dg dg/du_b + dT/dn dn/du_b with dg/du_p,b = -N_b I, dg/du_s,b = N_b I,
//   dn/du_p,b = dn/du_s,b = 1/2 (I - n n)/|c| (N_b,eta [x_m,xi]x - N_b,xi [x_m,eta]x),
// [v]x the cross-product matrix. The residual is not the gradient of an energy (T depends on
// the current n), so the tangent is not symmetric in general.
#pragma once

#include <span>

#include "core/types.hpp"
#include "interface/interface_parameters.hpp"
#include "interface/traction_law.hpp"

namespace sinew::interface {

/// Node coordinates or displacements of one facet (3 x n, n = 3 or 4), no heap storage.
using FacetMatrix = Eigen::Matrix<Real, 3, Eigen::Dynamic, Eigen::ColMajor, 3, 4>;
/// Element residual (6n: primary nodes then secondary nodes, local dof 3a + i).
using ElementVector = Eigen::Matrix<Real, Eigen::Dynamic, 1, Eigen::ColMajor, 24, 1>;
/// Element tangent (6n x 6n).
using ElementMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, 24, 24>;

/// Gauss points of a facet with n nodes: 4 (quad4) or 3 (tri3).
int gauss_points_per_facet(int n_nodes);

/// Per-Gauss-point output of the kernel.
struct ElementPoint {
  Real weight = 0.0;  ///< reference mid-surface area carried by the point (mm^2)
  Vec3 reference_position = Vec3::Zero();
  Vec3 position = Vec3::Zero();  ///< current mid-surface position
  Vec3 normal = Vec3::Zero();    ///< current mid-surface unit normal
  PointResponse response;
};

/// Residual r (and tangent K when non-null) of one interface element. `X`: reference positions
/// of the (coincident) facet nodes; `u_primary`, `u_secondary`: nodal displacements; `history`
/// and `rho`: one entry per Gauss point; `dt`: time since the last commit. `points`, when not
/// empty (one per Gauss point), receives the per-point results. Throws NumericalError
/// (InvertedElement) when the current mid-surface degenerates at a Gauss point.
void interface_element(const FacetMatrix& X, const FacetMatrix& u_primary,
                       const FacetMatrix& u_secondary, std::span<const PointHistory> history,
                       std::span<const Real> rho, const InterfaceParameters& p, Real dt,
                       ElementVector& r, ElementMatrix* K, std::span<ElementPoint> points = {});

}  // namespace sinew::interface
