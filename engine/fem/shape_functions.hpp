// Isoparametric shape functions and quadrature rules: hex8 (2x2x2 Gauss), tet4 (1 point),
// and the facet shapes quad4 (2x2 Gauss) and tri3 (3 points) for surface loads.
#pragma once

#include <array>
#include <cmath>

#include "core/types.hpp"

namespace sinew::fem {

/// Values and reference derivatives of the shape functions at one quadrature point.
template <int NN, int DIM>
struct QuadraturePoint {
  std::array<Real, NN> N;
  std::array<std::array<Real, DIM>, NN> dN;  ///< dN_a / d(xi_k)
  Real weight;
};

/// The 8 points of the 2x2x2 Gauss rule on the hex8 reference cube [-1,1]^3 (VTK node order).
inline const std::array<QuadraturePoint<8, 3>, 8>& hex8_rule() {
  static const auto rule = [] {
    static constexpr Real s[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                     {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
    const Real g = 1.0 / std::sqrt(3.0);
    std::array<QuadraturePoint<8, 3>, 8> r{};
    for (int q = 0; q < 8; ++q) {
      const Real xi = s[q][0] * g, eta = s[q][1] * g, zeta = s[q][2] * g;
      for (int a = 0; a < 8; ++a) {
        const Real fx = 1 + s[a][0] * xi, fy = 1 + s[a][1] * eta, fz = 1 + s[a][2] * zeta;
        r[q].N[a] = 0.125 * fx * fy * fz;
        r[q].dN[a] = {0.125 * s[a][0] * fy * fz, 0.125 * s[a][1] * fx * fz,
                      0.125 * s[a][2] * fx * fy};
      }
      r[q].weight = 1.0;
    }
    return r;
  }();
  return rule;
}

/// One-point rule on the tet4 reference tetrahedron (exact for the constant gradient).
inline const std::array<QuadraturePoint<4, 3>, 1>& tet4_rule() {
  static const std::array<QuadraturePoint<4, 3>, 1> rule{
      {{{0.25, 0.25, 0.25, 0.25}, {{{-1, -1, -1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, 1.0 / 6.0}}};
  return rule;
}

/// 2x2 Gauss rule on the quad4 reference square [-1,1]^2 (counter-clockwise nodes).
inline const std::array<QuadraturePoint<4, 2>, 4>& quad4_rule() {
  static const auto rule = [] {
    static constexpr Real s[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    const Real g = 1.0 / std::sqrt(3.0);
    std::array<QuadraturePoint<4, 2>, 4> r{};
    for (int q = 0; q < 4; ++q) {
      const Real xi = s[q][0] * g, eta = s[q][1] * g;
      for (int a = 0; a < 4; ++a) {
        r[q].N[a] = 0.25 * (1 + s[a][0] * xi) * (1 + s[a][1] * eta);
        r[q].dN[a] = {0.25 * s[a][0] * (1 + s[a][1] * eta), 0.25 * s[a][1] * (1 + s[a][0] * xi)};
      }
      r[q].weight = 1.0;
    }
    return r;
  }();
  return rule;
}

/// 3-point rule on the tri3 reference triangle (exact for quadratics; N_a N_b is quadratic).
inline const std::array<QuadraturePoint<3, 2>, 3>& tri3_rule() {
  static const auto rule = [] {
    static constexpr Real p[3][2] = {{1.0 / 6, 1.0 / 6}, {2.0 / 3, 1.0 / 6}, {1.0 / 6, 2.0 / 3}};
    std::array<QuadraturePoint<3, 2>, 3> r{};
    for (int q = 0; q < 3; ++q) {
      const Real xi = p[q][0], eta = p[q][1];
      r[q].N = {1 - xi - eta, xi, eta};
      r[q].dN = {{{-1, -1}, {1, 0}, {0, 1}}};
      r[q].weight = 1.0 / 6.0;
    }
    return r;
  }();
  return rule;
}

}  // namespace sinew::fem
