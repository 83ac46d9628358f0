// Collapsed Gauss rules on the triangle (triangle_rule.hpp).
#include "contact/triangle_rule.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace sinew::contact {

void gauss_legendre_01(int n, std::vector<Real>& nodes, std::vector<Real>& weights) {
  nodes.assign(static_cast<size_t>(n), 0.0);
  weights.assign(static_cast<size_t>(n), 0.0);
  for (int i = 0; i < n; ++i) {
    // Root i of P_n on [-1, 1]: Newton from the Chebyshev estimate, P_n and P_n' by the
    // three-term recurrence (Abramowitz and Stegun 1964, 22.7.10 and 25.4.29).
    Real x = std::cos(std::numbers::pi * (i + 0.75) / (n + 0.5));
    Real dp = 1.0;
    for (int it = 0; it < 100; ++it) {
      Real p0 = 1.0, p1 = x;
      for (int k = 2; k <= n; ++k) {
        const Real p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (x * p1 - p0) / (x * x - 1.0);
      const Real dx = p1 / dp;
      x -= dx;
      if (std::abs(dx) < 1e-16) break;
    }
    nodes[static_cast<size_t>(i)] = 0.5 * (1.0 - x);
    weights[static_cast<size_t>(i)] = 1.0 / ((1.0 - x * x) * dp * dp);  // 2/((1-x^2)P'^2) / 2
  }
}

std::vector<TrianglePoint> triangle_rule(int n) {
  if (n < 1) throw std::invalid_argument("contact: the triangle rule needs at least one point");
  std::vector<Real> x, w;
  gauss_legendre_01(n, x, w);
  std::vector<TrianglePoint> rule;
  // (u, v) in [0, 1]^2 -> r = u, s = v (1 - u), dA = (1 - u) du dv; the reference triangle's
  // area is 1/2, hence the factor 2 for weights summing to 1.
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = 0; j < x.size(); ++j)
      rule.push_back({x[i], x[j] * (1.0 - x[i]), 2.0 * w[i] * w[j] * (1.0 - x[i])});
  return rule;
}

}  // namespace sinew::contact
