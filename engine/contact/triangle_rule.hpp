// Gauss quadrature on a triangle for the mortar pair integrals: the collapsed (Duffy) product
// of n-point Gauss–Legendre rules, exact for polynomials of degree 2n - 2 (the collapse adds
// the factor 1 - u to the integrand; Stroud 1971, Approximate Calculation of Multiple
// Integrals, sec. 2.4). Any n, so the integrals over the
// sub-triangles of a clipped polygon can be made as accurate as the non-polynomial inverse
// maps of non-affine quadrilateral facets require.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::contact {

/// A point of the reference triangle {r, s >= 0, r + s <= 1} and its weight; the weights sum
/// to 1, so the integral over a triangle of area A is A sum_i w_i f(r_i, s_i).
struct TrianglePoint {
  Real r = 0.0, s = 0.0, weight = 0.0;
};

/// n x n collapsed Gauss points (n >= 1); throws std::invalid_argument for n < 1.
std::vector<TrianglePoint> triangle_rule(int n);

/// n-point Gauss–Legendre nodes and weights on [0, 1] (Newton on P_n from Chebyshev guesses).
void gauss_legendre_01(int n, std::vector<Real>& nodes, std::vector<Real>& weights);

}  // namespace sinew::contact
