// Thick-walled cylinder under internal pressure (plane strain, quarter model): the mesh and the
// Lame solution u_r(r) = (1+nu) p a^2 / (E (b^2-a^2)) [(1-2nu) r + b^2/r] (Timoshenko & Goodier
// 1970, sec. 28), used by the locking and convergence tests.
#pragma once

#include <cmath>
#include <numbers>

#include "support.hpp"

namespace sinew::testing {

struct LameCase {
  Real a = 1.0, b = 2.0, thickness = 0.25;  // mm
  Real mu = 1.0;                            // MPa
  Real bulk = 5000.0;                       // MPa
  Real pressure = 1e-4;                     // MPa (small: linear theory applies)
  int n_radial = 8, n_theta = 12;
  std::string formulation = "mean-dilatation";

  Real nu() const { return (3 * bulk - 2 * mu) / (2 * (3 * bulk + mu)); }
  Real E() const { return 2 * mu * (1 + nu()); }
  Real exact_ur(Real r) const {
    const Real v = nu();
    return (1 + v) * pressure * a * a / (E() * (b * b - a * a)) * ((1 - 2 * v) * r + b * b / r);
  }

  /// Solves the quarter cylinder; returns the mean radial displacement of the inner-surface
  /// nodes (mm) and writes the largest nodal error relative to exact_ur(a) into `max_error`.
  Real solve_inner_ur(Real* max_error = nullptr) const {
    const std::string yaml =
        R"(
mesh: {generator: box, size: [)" +
        std::to_string(b - a) + ", 1.0, " + std::to_string(thickness) + R"(], divisions: [)" +
        std::to_string(n_radial) + ", " + std::to_string(n_theta) + R"(, 1], cell: hex8}
materials: {m: {type: mooney-rivlin, c1: )" +
        std::to_string(mu / 2) + R"(, c2: 0.0, k: )" + std::to_string(bulk) + R"(}}
regions: [{elements: all, material: m, formulation: )" +
        formulation + R"(}]
boundary:
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: y1, components: [x]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: fixed, nodes: z1, components: [z]}
  - {type: pressure, facets: x0, value: )" +
        std::to_string(pressure) + R"(}
steps: [{increments: 1}]
solver: {residual_tolerance: 1.0e-9, residual_absolute: 1.0e-12}
)";
    auto def = load(yaml);
    // Map the box (r - a, theta / (pi/2), z) onto the quarter annulus.
    for (auto& X : def.model.mesh.points) {
      const Real r = a + X.x(), th = X.y() * std::numbers::pi / 2;
      X = Vec3(r * std::cos(th), r * std::sin(th), X.z());
    }
    const auto result = solve(def);
    if (!result.completed) throw std::runtime_error(result.failure);
    const auto& inner = def.model.mesh.node_set("x0");
    Real sum = 0, worst = 0;
    for (Index n : inner) {
      const Vec3 X = def.model.mesh.points[n];
      const Vec3 u = result.u.segment<3>(3 * n);
      const Real ur = (u.x() * X.x() + u.y() * X.y()) / std::hypot(X.x(), X.y());
      sum += ur;
      worst = std::max(worst, std::abs(ur / exact_ur(a) - 1));
    }
    if (max_error) *max_error = worst;
    return sum / static_cast<Real>(inner.size());
  }
};

}  // namespace sinew::testing
