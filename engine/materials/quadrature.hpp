// 16-point Gauss-Legendre quadrature on equal panels, for the fibre energies that have no
// elementary closed form (the TI Mooney-Rivlin toe region, damaged fibre potentials).
//
// Nodes and weights: Abramowitz & Stegun 1964, Handbook of Mathematical Functions, table 25.4.
// The rule integrates polynomials of degree 31 exactly; on a panel of width w its error is
// w^33 (16!)^4 / (33 (32!)^3) max|f^(32)|, negligible for integrands like exp(r s) with r w <= 4.
// A caller that keeps the number of panels fixed (per law, not per evaluation) gets an integral
// that is a smooth function of the limits, which consistent tangents and finite-difference
// checks need.
#pragma once

#include "core/types.hpp"

namespace sinew::materials {

/// Positive nodes of the 16-point Gauss-Legendre rule on [-1, 1] (the rule is symmetric).
inline constexpr Real kGaussLegendre16Nodes[8] = {
    0.0950125098376374401853, 0.28160355077925891323,  0.458016777657227386342,
    0.617876244402643748447,  0.755404408355003033895, 0.86563120238783174388,
    0.944575023073232576078,  0.989400934991649932596};
/// Weights belonging to kGaussLegendre16Nodes.
inline constexpr Real kGaussLegendre16Weights[8] = {
    0.189450610455068496285,  0.182603415044923588867, 0.169156519395002538189,
    0.149595988816576732082,  0.124628971255533872052, 0.0951585116824927848099,
    0.0622535239386478928628, 0.0271524594117540948518};

/// int_a^b f(s) ds with the 16-point rule on `panels` equal panels (a > b gives the negative).
template <class Fn>
Real gauss_legendre16(Fn&& f, Real a, Real b, int panels) {
  const Real h = (b - a) / panels;
  Real sum = 0.0;
  for (int m = 0; m < panels; ++m) {
    const Real mid = a + (m + 0.5) * h;
    for (int i = 0; i < 8; ++i) {
      const Real d = 0.5 * h * kGaussLegendre16Nodes[i];
      sum += kGaussLegendre16Weights[i] * (f(mid - d) + f(mid + d));
    }
  }
  return 0.5 * h * sum;
}

}  // namespace sinew::materials
