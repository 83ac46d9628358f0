// Voigt storage of symmetric second- and fourth-order tensors (order 11, 22, 33, 12, 23, 13).
//
// Conventions (shared with the element code): a stress-like Vec6 holds tensor components
// (S11, S22, S33, S12, S23, S13); a strain-like Vec6 holds engineering shears (2E12, 2E23, 2E13),
// so that S:dE = s.dot(e) and dS = D e with D(a, b) = D_IJKL (a <-> IJ, b <-> KL). In this
// convention the symmetric fourth-order identity is diag(1, 1, 1, 1/2, 1/2, 1/2).
#pragma once

#include "core/types.hpp"

namespace sinew::materials {

/// Row and column of the tensor component stored at each Voigt position.
inline constexpr int kVoigtRow[6] = {0, 1, 2, 0, 1, 0};
inline constexpr int kVoigtCol[6] = {0, 1, 2, 1, 2, 2};

/// Stress-like Voigt vector (tensor components) of a symmetric A.
inline Vec6 to_voigt(const Mat3& A) {
  Vec6 v;
  v << A(0, 0), A(1, 1), A(2, 2), A(0, 1), A(1, 2), A(0, 2);
  return v;
}

/// Strain-like Voigt vector (engineering shears) of a symmetric A.
inline Vec6 to_voigt_strain(const Mat3& A) {
  Vec6 v;
  v << A(0, 0), A(1, 1), A(2, 2), 2.0 * A(0, 1), 2.0 * A(1, 2), 2.0 * A(0, 2);
  return v;
}

/// Symmetric tensor of a stress-like Voigt vector.
inline Mat3 from_voigt(const Vec6& v) {
  Mat3 A;
  A << v(0), v(3), v(5),  //
      v(3), v(1), v(4),   //
      v(5), v(4), v(2);
  return A;
}

/// Symmetric tensor of a strain-like Voigt vector.
inline Mat3 from_voigt_strain(const Vec6& v) {
  Mat3 A;
  A << v(0), 0.5 * v(3), 0.5 * v(5),  //
      0.5 * v(3), v(1), 0.5 * v(4),   //
      0.5 * v(5), 0.5 * v(4), v(2);
  return A;
}

/// Second-order identity as a stress-like Voigt vector.
inline Vec6 identity_voigt() {
  Vec6 v;
  v << 1.0, 1.0, 1.0, 0.0, 0.0, 0.0;
  return v;
}

/// Symmetric fourth-order identity I_IJKL = 1/2 (d_IK d_JL + d_IL d_JK).
inline Mat6 symmetric_identity() {
  Vec6 d;
  d << 1.0, 1.0, 1.0, 0.5, 0.5, 0.5;
  return d.asDiagonal();
}

/// I_A with (I_A)_IJKL = 1/2 (A_IK A_JL + A_IL A_JK) for a symmetric A; the derivative of the
/// inverse is d(C^{-1})/dC = -I_{C^{-1}} (Holzapfel 2000, Nonlinear Solid Mechanics, Wiley,
/// ch. 1).
inline Mat6 symmetric_product(const Mat3& A) {
  Mat6 P;
  for (int a = 0; a < 6; ++a) {
    const int i = kVoigtRow[a], j = kVoigtCol[a];
    for (int b = a; b < 6; ++b) {
      const int k = kVoigtRow[b], l = kVoigtCol[b];
      P(a, b) = 0.5 * (A(i, k) * A(j, l) + A(i, l) * A(j, k));
      P(b, a) = P(a, b);
    }
  }
  return P;
}

/// D += alpha A (x) A + beta I_A for a symmetric A. The C^{-1} terms of every tangent have this
/// form; I_A is written out (rather than looped as in symmetric_product) because this runs at
/// every quadrature point.
inline void add_outer_and_symmetric_product(Mat6& D, const Mat3& A, Real alpha, Real beta) {
  const Vec6 a = to_voigt(A);
  const Real a00 = A(0, 0), a11 = A(1, 1), a22 = A(2, 2), a01 = A(0, 1), a12 = A(1, 2),
             a02 = A(0, 2);
  // (I_A)_{ij,kl} = 1/2 (A_ik A_jl + A_il A_jk); P = 2 I_A.
  const Real p01 = 2 * a01 * a01, p02 = 2 * a02 * a02, p03 = 2 * a00 * a01, p04 = 2 * a01 * a02,
             p05 = 2 * a00 * a02, p12 = 2 * a12 * a12, p13 = 2 * a01 * a11, p14 = 2 * a11 * a12,
             p15 = 2 * a01 * a12, p23 = 2 * a02 * a12, p24 = 2 * a12 * a22, p25 = 2 * a02 * a22,
             p34 = a01 * a12 + a02 * a11, p35 = a00 * a12 + a01 * a02, p45 = a01 * a22 + a02 * a12;
  Mat6 P;
  P << 2 * a00 * a00, p01, p02, p03, p04, p05,         //
      p01, 2 * a11 * a11, p12, p13, p14, p15,          //
      p02, p12, 2 * a22 * a22, p23, p24, p25,          //
      p03, p13, p23, a00 * a11 + a01 * a01, p34, p35,  //
      p04, p14, p24, p34, a11 * a22 + a12 * a12, p45,  //
      p05, p15, p25, p35, p45, a00 * a22 + a02 * a02;
  D.noalias() += alpha * (a * a.transpose()) + (0.5 * beta) * P;
}

}  // namespace sinew::materials
