// Footprint quadrature of a patch on a facet: clipped parametric cells, fan-triangulated.
#include "interventions/patch_footprint.hpp"

#include <cmath>

#include "fem/shape_functions.hpp"

namespace sinew::interventions {

namespace {

using P2 = std::array<Real, 2>;

FacetPoint shape(int n, Real xi, Real eta) {
  FacetPoint s;
  if (n == 4) {
    static constexpr Real c[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (int a = 0; a < 4; ++a) {
      s.N[a] = 0.25 * (1 + c[a][0] * xi) * (1 + c[a][1] * eta);
      s.dN[a] = {0.25 * c[a][0] * (1 + c[a][1] * eta), 0.25 * c[a][1] * (1 + c[a][0] * xi)};
    }
  } else {
    s.N = {1 - xi - eta, xi, eta, 0.0};
    s.dN = {{{-1, -1}, {1, 0}, {0, 1}, {0, 0}}};
  }
  return s;
}

Vec3 position(const MatX& X, const FacetPoint& s) {
  Vec3 x = Vec3::Zero();
  for (Index a = 0; a < X.cols(); ++a) x += s.N[a] * X.col(a);
  return x;
}

Real jacobian(const MatX& X, const FacetPoint& s) {
  Vec3 xs = Vec3::Zero(), xt = Vec3::Zero();
  for (Index a = 0; a < X.cols(); ++a) {
    xs += s.dN[a][0] * X.col(a);
    xt += s.dN[a][1] * X.col(a);
  }
  return xs.cross(xt).norm();
}

// The window's four half-spaces, >= 0 inside.
std::array<Real, 4> constraints(const Vec3& x, const FootprintWindow& w) {
  const Vec3 d = x - w.origin;
  const Real s = d.dot(w.axis) - w.centre, t = d.dot(w.across);
  return {0.5 * w.length + s, 0.5 * w.length - s, 0.5 * w.width + t, 0.5 * w.width - t};
}

Real constraint(const MatX& X, const FootprintWindow& w, const P2& p, int k) {
  return constraints(position(X, shape(static_cast<int>(X.cols()), p[0], p[1])), w)[k];
}

// Sutherland-Hodgman: the part of the polygon where constraint k >= 0.
std::vector<P2> clip(const std::vector<P2>& poly, int k, const MatX& X, const FootprintWindow& w) {
  std::vector<P2> out;
  const size_t n = poly.size();
  if (n == 0) return out;
  std::vector<Real> g(n);
  for (size_t i = 0; i < n; ++i) g[i] = constraint(X, w, poly[i], k);
  for (size_t i = 0; i < n; ++i) {
    const size_t j = (i + 1) % n;
    if (g[i] >= 0.0) out.push_back(poly[i]);
    if ((g[i] >= 0.0) != (g[j] >= 0.0)) {
      const Real f = g[i] / (g[i] - g[j]);
      out.push_back({poly[i][0] + f * (poly[j][0] - poly[i][0]),
                     poly[i][1] + f * (poly[j][1] - poly[i][1])});
    }
  }
  return out;
}

// Dunavant's 7-point degree-5 rule on a triangle: barycentric coordinates and weights (sum 1).
void triangle_points(const P2& p0, const P2& p1, const P2& p2, int n,
                     std::vector<FacetPoint>& out) {
  static constexpr Real a1 = 0.059715871789770, b1 = 0.470142064105115, w1 = 0.132394152788506;
  static constexpr Real a2 = 0.797426985353087, b2 = 0.101286507323456, w2 = 0.125939180544827;
  static constexpr Real rule[7][4] = {{1.0 / 3, 1.0 / 3, 1.0 / 3, 0.225},
                                      {a1, b1, b1, w1},
                                      {b1, a1, b1, w1},
                                      {b1, b1, a1, w1},
                                      {a2, b2, b2, w2},
                                      {b2, a2, b2, w2},
                                      {b2, b2, a2, w2}};
  const Real area =
      0.5 * std::abs((p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1]));
  if (area <= 0.0) return;
  for (const auto& q : rule) {
    FacetPoint s = shape(n, q[0] * p0[0] + q[1] * p1[0] + q[2] * p2[0],
                         q[0] * p0[1] + q[1] * p1[1] + q[2] * p2[1]);
    s.weight = q[3] * area;
    out.push_back(s);
  }
}

// The facet's parametric domain cut into m^2 cells (squares, or triangles for tri3).
std::vector<std::vector<P2>> cells(int n, int m) {
  std::vector<std::vector<P2>> c;
  const Real h = 1.0 / m;
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j) {
      if (n == 4) {
        const Real x0 = -1 + 2 * h * i, y0 = -1 + 2 * h * j, x1 = x0 + 2 * h, y1 = y0 + 2 * h;
        c.push_back({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
        continue;
      }
      if (i + j >= m) continue;
      c.push_back({{i * h, j * h}, {(i + 1) * h, j * h}, {i * h, (j + 1) * h}});
      if (i + j < m - 1)
        c.push_back({{(i + 1) * h, j * h}, {(i + 1) * h, (j + 1) * h}, {i * h, (j + 1) * h}});
    }
  return c;
}

}  // namespace

std::vector<FacetPoint> footprint_points(const MatX& X, const FootprintWindow& w,
                                         int subdivisions) {
  const int n = static_cast<int>(X.cols());
  std::vector<FacetPoint> out;
  // The facet lies in the convex hull of its nodes: wholly inside or outside a half-space when
  // all its nodes are.
  std::array<int, 4> inside{}, outside{};
  for (int a = 0; a < n; ++a) {
    const auto g = constraints(X.col(a), w);
    for (int k = 0; k < 4; ++k) {
      inside[k] += g[k] >= 0.0;
      outside[k] += g[k] <= 0.0;
    }
  }
  for (int k = 0; k < 4; ++k)
    if (outside[k] == n) return out;
  if (inside == std::array<int, 4>{n, n, n, n}) {
    auto copy = [&](const auto& rule) {
      for (const auto& q : rule) {
        FacetPoint s;
        for (int a = 0; a < n; ++a) {
          s.N[a] = q.N[a];
          s.dN[a] = q.dN[a];
        }
        s.weight = q.weight;
        out.push_back(s);
      }
    };
    if (n == 4)
      copy(fem::quad4_rule());
    else
      copy(fem::tri3_rule());
    return out;
  }
  for (auto poly : cells(n, subdivisions)) {
    for (int k = 0; k < 4 && !poly.empty(); ++k) poly = clip(poly, k, X, w);
    for (size_t i = 1; i + 1 < poly.size(); ++i)
      triangle_points(poly[0], poly[i], poly[i + 1], n, out);
  }
  return out;
}

Real footprint_area(const MatX& X, const std::vector<FacetPoint>& points) {
  Real area = 0.0;
  for (const auto& s : points) area += s.weight * jacobian(X, s);
  return area;
}

std::vector<Real> footprint_node_areas(const MatX& X, const std::vector<FacetPoint>& points) {
  std::vector<Real> areas(static_cast<size_t>(X.cols()), 0.0);
  for (const auto& s : points) {
    const Real dA = s.weight * jacobian(X, s);
    for (Index a = 0; a < X.cols(); ++a) areas[static_cast<size_t>(a)] += s.N[a] * dA;
  }
  return areas;
}

}  // namespace sinew::interventions
