// Invariant-based hyperelasticity: S and D from the derivatives of W(I1, I2, I4, J).
//
// Also the chain rule that maps derivatives with respect to the modified invariants onto those,
// so that uncoupled laws W_iso(C_bar) use the same evaluator.
#pragma once

#include "core/types.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

using Vec4 = Eigen::Matrix<Real, 4, 1>;
using Mat4 = Eigen::Matrix<Real, 4, 4>;

/// Slots of InvariantDerivatives: W is treated as a function of (I1, I2, I4, J).
enum InvariantSlot : int { kI1 = 0, kI2 = 1, kI4 = 2, kJ = 3 };

/// Invariants of C (and of the fibre direction a0, which must be a unit vector).
struct Invariants {
  Real I1 = 3.0;  ///< tr C
  Real I2 = 3.0;  ///< 1/2 ((tr C)^2 - tr C^2)
  Real I4 = 1.0;  ///< a0 . C a0 (squared fibre stretch)
  Real J = 1.0;   ///< sqrt(det C) = det F
  Mat3 C_inv = Mat3::Identity();
};

/// Throws NumericalError(InvertedElement) when det C is not positive (or not finite).
Invariants compute_invariants(const Mat3& C, const Vec3& a0);

/// Modified (isochoric) invariants I1_bar = J^{-2/3} I1, I2_bar = J^{-4/3} I2,
/// I4_bar = J^{-2/3} I4 of C_bar = J^{-2/3} C (Flory 1961, Trans Faraday Soc 57:829).
struct ModifiedInvariants {
  Real I1 = 3.0, I2 = 3.0, I4 = 1.0;
  Real J_m23 = 1.0;  ///< J^{-2/3}
};
ModifiedInvariants modified_invariants(const Invariants& inv);

/// First and second derivatives of W with respect to (I1, I2, I4, J), indexed by InvariantSlot.
struct InvariantDerivatives {
  Vec4 first = Vec4::Zero();
  Mat4 second = Mat4::Zero();
};

/// Derivatives of W_iso(I1_bar, I2_bar, I4_bar) with respect to (I1, I2, I4, J) by the chain
/// rule. `first` and `second` are dW/dI_bar and d2W/dI_bar dI_bar (symmetric) in the order
/// (I1_bar, I2_bar, I4_bar); `bar` is modified_invariants(inv).
InvariantDerivatives from_modified(const Invariants& inv, const ModifiedInvariants& bar,
                                   const Vec3& first, const Mat3& second);

/// S = 2 dW/dC and D = 4 d2W/dCdC (Voigt, see voigt.hpp) of W(I1, I2, I4, J); w.second must be
/// symmetric. a0 is the fibre direction that inv.I4 was computed with.
StressTangent stress_tangent_from_invariants(const Mat3& C, const Vec3& a0, const Invariants& inv,
                                             const InvariantDerivatives& w);

}  // namespace sinew::materials
