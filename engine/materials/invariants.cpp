// Generic evaluation of S and D from invariant derivatives, shared by every law.
#include "materials/invariants.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "materials/voigt.hpp"

namespace sinew::materials {

Invariants compute_invariants(const Mat3& C, const Vec3& a0) {
  SINEW_ASSERT(std::abs(a0.squaredNorm() - 1.0) < 1e-8);  // I4 assumes a unit fibre
  Invariants inv;
  // Adjugate of the symmetric C (six distinct cofactors), then det C by cofactor expansion.
  Mat3& Ci = inv.C_inv;
  Ci(0, 0) = C(1, 1) * C(2, 2) - C(1, 2) * C(2, 1);
  Ci(1, 1) = C(0, 0) * C(2, 2) - C(0, 2) * C(2, 0);
  Ci(2, 2) = C(0, 0) * C(1, 1) - C(0, 1) * C(1, 0);
  Ci(0, 1) = C(0, 2) * C(2, 1) - C(0, 1) * C(2, 2);
  Ci(1, 2) = C(0, 2) * C(1, 0) - C(0, 0) * C(1, 2);
  Ci(0, 2) = C(0, 1) * C(1, 2) - C(0, 2) * C(1, 1);
  Ci(1, 0) = Ci(0, 1);
  Ci(2, 1) = Ci(1, 2);
  Ci(2, 0) = Ci(0, 2);
  const Real det = C(0, 0) * Ci(0, 0) + C(0, 1) * Ci(1, 0) + C(0, 2) * Ci(2, 0);
  if (!(det > 0.0) || !std::isfinite(det))
    throw NumericalError(NumericalError::Kind::InvertedElement,
                         "material: det C = " + std::to_string(det) + " is not positive");
  Ci /= det;
  inv.J = std::sqrt(det);
  inv.I1 = C.trace();
  inv.I2 = 0.5 * (inv.I1 * inv.I1 - C.cwiseProduct(C).sum());  // tr C^2 = C:C for symmetric C
  inv.I4 = a0.dot(C * a0);
  return inv;
}

ModifiedInvariants modified_invariants(const Invariants& inv) {
  const Real j23 = std::pow(inv.J, -2.0 / 3.0);
  return {j23 * inv.I1, j23 * j23 * inv.I2, j23 * inv.I4, j23};
}

// With I_bar_i = J^{-p_i} I_i, p = (2/3, 4/3, 2/3), and J an independent variable:
//   dW/dI_i   = J^{-p_i} W_i,                      dW/dJ = -1/J sum_i p_i I_bar_i W_i,
//   d2W/dI_i dI_j = J^{-p_i-p_j} W_ij,
//   d2W/dI_i dJ   = -J^{-p_i}/J (p_i W_i + sum_j p_j I_bar_j W_ij),
//   d2W/dJ2       = 1/J^2 (sum_i p_i (1 + p_i) I_bar_i W_i + sum_ij p_i p_j I_bar_i I_bar_j W_ij),
// where W_i = dW_iso/dI_bar_i. Fed to stress_tangent_from_invariants this reproduces the usual
// deviatoric projections of the uncoupled S and D (Holzapfel 2000, Nonlinear Solid Mechanics,
// Wiley, ch. 6) without coding the projections by hand.
InvariantDerivatives from_modified(const Invariants& inv, const ModifiedInvariants& bar,
                                   const Vec3& first, const Mat3& second) {
  const Real j23 = bar.J_m23;
  const Vec3 scale(j23, j23 * j23, j23);  // J^{-p_i}
  const Vec3 p(2.0 / 3.0, 4.0 / 3.0, 2.0 / 3.0);
  const Vec3 pbar(p(0) * bar.I1, p(1) * bar.I2, p(2) * bar.I4);  // p_i I_bar_i
  const Real Jinv = 1.0 / inv.J;

  InvariantDerivatives w;
  const Vec3 second_pbar = second * pbar;  // sum_j W_ij p_j I_bar_j
  for (int i = 0; i < 3; ++i) {
    w.first(i) = scale(i) * first(i);
    for (int j = 0; j < 3; ++j) w.second(i, j) = scale(i) * scale(j) * second(i, j);
    w.second(i, kJ) = -scale(i) * Jinv * (p(i) * first(i) + second_pbar(i));
    w.second(kJ, i) = w.second(i, kJ);
  }
  w.first(kJ) = -Jinv * pbar.dot(first);
  w.second(kJ, kJ) =
      Jinv * Jinv * (pbar.cwiseProduct(Vec3::Ones() + p).dot(first) + pbar.dot(second_pbar));
  return w;
}

// With the invariant gradients G_a = dI_a/dC:  G_I1 = I,  G_I2 = I1 I - C,  G_I4 = a0 (x) a0,
// G_J = J/2 C^{-1}, and their derivatives dG_I2/dC = I (x) I - II (II the symmetric identity),
// dG_J/dC = J/4 C^{-1} (x) C^{-1} - J/2 I_{C^{-1}} (the others vanish):
//   S = 2 sum_a W_a G_a,
//   D = 4 sum_ab W_ab G_a (x) G_b + 4 W_I2 (I (x) I - II)
//       + J W_J (C^{-1} (x) C^{-1} - 2 I_{C^{-1}})
// (Holzapfel 2000, Nonlinear Solid Mechanics, Wiley, ch. 6; Weiss, Maker & Govindjee 1996,
// CMAME 135:107, for the fibre invariant).
StressTangent stress_tangent_from_invariants(const Mat3& C, const Vec3& a0, const Invariants& inv,
                                             const InvariantDerivatives& w) {
  Eigen::Matrix<Real, 6, 4> G;
  G.col(kI1) = identity_voigt();
  G.col(kI2) = inv.I1 * identity_voigt() - to_voigt(C);
  G.col(kI4) << a0(0) * a0(0), a0(1) * a0(1), a0(2) * a0(2), a0(0) * a0(1), a0(1) * a0(2),
      a0(0) * a0(2);
  G.col(kJ) = 0.5 * inv.J * to_voigt(inv.C_inv);

  StressTangent out;
  out.S = from_voigt(2.0 * (G * w.first));

  const Eigen::Matrix<Real, 6, 4> GH = G.lazyProduct(4.0 * w.second);
  out.D.noalias() = GH.lazyProduct(G.transpose());
  if (const Real c2 = 4.0 * w.first(kI2); c2 != 0.0) {
    // 4 W_I2 (I (x) I - II): ones on the normal-normal block minus diag(1, 1, 1, 1/2, 1/2, 1/2).
    out.D.topLeftCorner<3, 3>().array() += c2;
    out.D.diagonal().head<3>().array() -= c2;
    out.D.diagonal().tail<3>().array() -= 0.5 * c2;
  }
  const Real cJ = inv.J * w.first(kJ);
  if (cJ != 0.0) add_outer_and_symmetric_product(out.D, inv.C_inv, cJ, -2.0 * cJ);
  return out;
}

}  // namespace sinew::materials
