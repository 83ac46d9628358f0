// Element residual and tangent of total-Lagrangian solid elements:
//  - standard: r_a = sum_q P dN_a/dX w_q, K = sum_q (B^T D B + geometric) w_q, with the total
//    energy (isochoric + volumetric for uncoupled laws) at every point;
//  - mean dilatation (hex8, uncoupled laws): the isochoric part at the points and the volumetric
//    energy V U(theta) of the element volume ratio theta = v/V, the three-field Q1P0 element with
//    the constant pressure p = U'(theta) eliminated (Simo, Taylor & Pister 1985, CMAME 51:177).
// Both are exact derivatives of an element energy, so the tangents are symmetric.
#pragma once

#include "core/types.hpp"
#include "materials/material.hpp"

namespace sinew::fem {

/// Reference gradients of one cell: dN_a/dX at each point (row-major [q][a][k]) and the
/// quadrature weight times det(dX/dxi) at each point (reference volume element, mm^3).
struct CellGeometry {
  const Real* dNdX;
  const Real* dV;
};

template <int NN>
using NodalMatrix = Eigen::Matrix<Real, 3, NN>;  ///< column a: displacement of node a
template <int NN>
using ElementVector = Eigen::Matrix<Real, 3 * NN, 1>;
template <int NN>
using ElementMatrix = Eigen::Matrix<Real, 3 * NN, 3 * NN>;

/// Per-point output of a kernel (for post-processing): deformation gradient and 2nd PK stress.
struct PointState {
  Mat3 F;
  Mat3 S;
};

/// Standard displacement element with NQ points. Throws NumericalError if det F <= 0.
/// `state` (optional) receives F and S at each point.
template <int NN, int NQ>
void standard_element(const materials::Material& material, const materials::PointFields* fields,
                      const CellGeometry& geo, const NodalMatrix<NN>& u, ElementVector<NN>& r,
                      ElementMatrix<NN>* K, PointState* state = nullptr);

/// Mean-dilatation hex8 for an uncoupled law. Throws NumericalError if det F <= 0 or theta <= 0.
void mean_dilatation_hex8(const materials::Material& material, const materials::PointFields* fields,
                          const CellGeometry& geo, const NodalMatrix<8>& u, ElementVector<8>& r,
                          ElementMatrix<8>* K, PointState* state = nullptr);

/// Energy of an element (mJ = N mm), consistent with the residuals above.
template <int NN, int NQ>
Real standard_element_energy(const materials::Material& material,
                             const materials::PointFields* fields, const CellGeometry& geo,
                             const NodalMatrix<NN>& u);
Real mean_dilatation_hex8_energy(const materials::Material& material,
                                 const materials::PointFields* fields, const CellGeometry& geo,
                                 const NodalMatrix<8>& u);

}  // namespace sinew::fem
