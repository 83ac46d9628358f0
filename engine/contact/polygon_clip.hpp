// Plane polygons for segment-to-segment contact: the Sutherland–Hodgman clipping of a polygon
// by a convex one and the signed (shoelace) area. Written over the scalar type so the mortar
// pair integral (mortar_pair.hpp) can run them on automatic-differentiation scalars: the
// branches (inside/outside) are taken on the values, the vertices carry the derivatives.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace sinew::contact {

template <class S>
using Point2 = Eigen::Matrix<S, 2, 1>;

/// Value of a scalar (identity for Real; .value() for Eigen::AutoDiffScalar).
inline Real scalar_value(Real s) { return s; }
template <class S>
Real scalar_value(const S& s) {
  return s.value();
}

/// (b - a) x (c - a): positive when c lies left of the directed line a -> b.
template <class S>
S cross2(const Point2<S>& a, const Point2<S>& b, const Point2<S>& c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/// Signed area (shoelace formula): positive for a counter-clockwise polygon.
template <class S>
S polygon_area(const std::vector<Point2<S>>& poly) {
  // Summed from the first term, never from S(0): an AutoDiffScalar constant has no
  // derivative vector to add to.
  const size_t n = poly.size();
  if (n < 3) return S(0.0);
  S area = 0.5 * (poly[n - 1][0] * poly[0][1] - poly[0][0] * poly[n - 1][1]);
  for (size_t i = 0; i + 1 < n; ++i)
    area += 0.5 * (poly[i][0] * poly[i + 1][1] - poly[i + 1][0] * poly[i][1]);
  return area;
}

/// The part of `subject` inside the convex, counter-clockwise polygon `clip` (Sutherland and
/// Hodgman 1974): the subject is cut by the half-plane left of each clip edge in turn; a
/// vertex on an edge counts as inside. Fewer than 3 vertices: no overlap.
template <class S>
std::vector<Point2<S>> clip_polygon(const std::vector<Point2<S>>& subject,
                                    const std::vector<Point2<S>>& clip) {
  std::vector<Point2<S>> out = subject;
  for (size_t e = 0; e < clip.size() && out.size() >= 3; ++e) {
    const Point2<S>& c0 = clip[e];
    const Point2<S>& c1 = clip[(e + 1) % clip.size()];
    const std::vector<Point2<S>> in = std::move(out);
    out.clear();
    for (size_t i = 0; i < in.size(); ++i) {
      const Point2<S>& p = in[i];
      const Point2<S>& q = in[(i + 1) % in.size()];
      const S dp = cross2(c0, c1, p), dq = cross2(c0, c1, q);
      const bool p_in = scalar_value(dp) >= 0.0, q_in = scalar_value(dq) >= 0.0;
      if (p_in) out.push_back(p);
      // The edge p -> q crosses the clip line strictly: add the crossing point.
      if (p_in != q_in && scalar_value(dp) != scalar_value(dq)) {
        const S t = dp / (dp - dq);
        out.push_back(p + (q - p) * t);
      }
    }
  }
  if (out.size() < 3) out.clear();
  return out;
}

}  // namespace sinew::contact
