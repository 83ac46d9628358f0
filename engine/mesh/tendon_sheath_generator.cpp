// Tendon-in-sheath O-grid generator and the tendon's helical fibre direction.
#include "mesh/tendon_sheath_generator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "mesh/body_append.hpp"
#include "mesh/section_extrusion.hpp"
#include "mesh/spec_checks.hpp"

namespace sinew::mesh {

namespace {

constexpr const char* kTendonSheath = "tendon-sheath";

// Core square half-size as a fraction of the semi-axes: the ring then has room for its layers
// and the core cells are about as wide as the ring cells are deep.
constexpr Real kCoreHalfSize = 0.5;
// How far the core nodes move from the square toward the disc (0: square, 1: disc). Halfway
// keeps the core cells near-square while the corner cells of the ring lose their sharp angle.
constexpr Real kCoreRounding = 0.5;

void validate(const TendonSheathSpec& s) {
  require_positive_length(s.length, kTendonSheath, "length");
  require_positive_length(s.semi_axis_y, kTendonSheath, "semi_axis_y");
  require_positive_length(s.semi_axis_z, kTendonSheath, "semi_axis_z");
  require_positive_length(s.sheath_thickness, kTendonSheath, "sheath_thickness");
  require_divisions(s.axial_divisions, kTendonSheath, "axial_divisions");
  require_divisions(s.core_divisions, kTendonSheath, "core_divisions");
  require_divisions(s.tendon_radial_divisions, kTendonSheath, "tendon_radial_divisions");
  require_divisions(s.sheath_radial_divisions, kTendonSheath, "sheath_radial_divisions");
}

using Point2 = std::array<Real, 2>;

/// Normalised position of core grid point (u, v) in [-1, 1]^2: each point moves along its ray
/// from the centre, part of the way from the square onto the disc of the same "radius".
Point2 core_point(Real u, Real v) {
  const Real r_square = std::max(std::abs(u), std::abs(v)), r_disc = std::hypot(u, v);
  const Real to_disc = r_disc > 0 ? r_square / r_disc : 1.0;
  const Real scale = kCoreHalfSize * ((1 - kCoreRounding) + kCoreRounding * to_disc);
  return {scale * u, scale * v};
}

/// Core grid index (i, j) of the k-th node around the core boundary, counter-clockwise from the
/// corner (u, v) = (1, -1).
std::array<int, 2> perimeter_node(int k, int n) {
  const int side = k / n, m = k % n;
  switch (side) {
    case 0: return {n, m};
    case 1: return {n - m, n};
    case 2: return {0, n - m};
    default: return {m, 0};
  }
}

/// Normalised angle of the k-th ellipse node: equal steps, corners of the core at +-45 deg.
Real ellipse_angle(int k, int n) {
  return -std::numbers::pi / 4 + std::numbers::pi / 2 * static_cast<Real>(k) / n;
}

/// The k-th ellipse node (physical y, z). Tendon and sheath both call this, so the duplicated
/// interface nodes coincide bit for bit.
Point2 ellipse_point(const TendonSheathSpec& s, int k) {
  const Real t = ellipse_angle(k, s.core_divisions);
  return {s.semi_axis_y * std::cos(t), s.semi_axis_z * std::sin(t)};
}

Section tendon_section(const TendonSheathSpec& s) {
  const int n = s.core_divisions, around = 4 * n, layers = s.tendon_radial_divisions;
  const Real a = s.semi_axis_y, b = s.semi_axis_z;
  Section sec;
  auto core_id = [&](int i, int j) -> Index { return i + Index(n + 1) * j; };
  for (int j = 0; j <= n; ++j)
    for (int i = 0; i <= n; ++i) {
      const Point2 p = core_point(-1.0 + 2.0 * i / n, -1.0 + 2.0 * j / n);
      sec.points.push_back({a * p[0], b * p[1]});
    }
  // Ring node (k, r): r = 0 is the core boundary, r = layers the ellipse.
  auto ring_id = [&](int k, int r) -> Index {
    k %= around;
    if (r == 0) {
      const auto [i, j] = perimeter_node(k, n);
      return core_id(i, j);
    }
    return Index(n + 1) * (n + 1) + Index(r - 1) * around + k;
  };
  for (int r = 1; r <= layers; ++r)
    for (int k = 0; k < around; ++k) {
      if (r == layers) {
        sec.points.push_back(ellipse_point(s, k));
        continue;
      }
      const auto [i, j] = perimeter_node(k, n);
      const Point2 inner = core_point(-1.0 + 2.0 * i / n, -1.0 + 2.0 * j / n);
      const Real t = static_cast<Real>(r) / layers, angle = ellipse_angle(k, n);
      sec.points.push_back({a * ((1 - t) * inner[0] + t * std::cos(angle)),
                            b * ((1 - t) * inner[1] + t * std::sin(angle))});
    }

  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      sec.quads.push_back({core_id(i, j), core_id(i + 1, j), core_id(i + 1, j + 1),
                           core_id(i, j + 1)});
  // Ring quads run outward (corner 0 -> 1) then counter-clockwise (1 -> 2): edge 1 is outer.
  auto& outer = sec.edges["outer"];
  for (int r = 1; r <= layers; ++r)
    for (int k = 0; k < around; ++k) {
      sec.quads.push_back({ring_id(k, r - 1), ring_id(k, r), ring_id(k + 1, r),
                           ring_id(k + 1, r - 1)});
      if (r == layers) outer.push_back({Index(sec.quads.size()) - 1, 1});
    }
  return sec;
}

Section sheath_section(const TendonSheathSpec& s) {
  const int around = 4 * s.core_divisions, layers = s.sheath_radial_divisions;
  const Real a = s.semi_axis_y, b = s.semi_axis_z;
  Section sec;
  for (int j = 0; j <= layers; ++j)
    for (int k = 0; k < around; ++k) {
      const Point2 e = ellipse_point(s, k);
      if (j == 0) {
        sec.points.push_back(e);
        continue;
      }
      // Outward normal of (y/a)^2 + (z/b)^2 = 1 at angle t: along (b cos t, a sin t).
      const Real t = ellipse_angle(k, s.core_divisions);
      const Real ny = b * std::cos(t), nz = a * std::sin(t), len = std::hypot(ny, nz);
      const Real d = s.sheath_thickness * j / layers;
      sec.points.push_back({e[0] + d * ny / len, e[1] + d * nz / len});
    }
  auto id = [&](int k, int j) -> Index { return Index(j) * around + k % around; };
  auto& inner = sec.edges["inner"];
  auto& outer = sec.edges["outer"];
  for (int j = 1; j <= layers; ++j)
    for (int k = 0; k < around; ++k) {
      sec.quads.push_back({id(k, j - 1), id(k, j), id(k + 1, j), id(k + 1, j - 1)});
      const Index q = Index(sec.quads.size()) - 1;
      if (j == 1) inner.push_back({q, 3});
      if (j == layers) outer.push_back({q, 1});
    }
  return sec;
}

}  // namespace

Mesh generate_tendon_sheath(const TendonSheathSpec& spec) {
  validate(spec);
  const Mesh tendon = extrude_section(tendon_section(spec), spec.length, spec.axial_divisions);
  const Mesh sheath = extrude_section(sheath_section(spec), spec.length, spec.axial_divisions);
  Mesh m;
  m.block_names.clear();
  append_body(m, tendon, "tendon",
              {{"distal", "tendon_distal"},
               {"proximal", "tendon_proximal"},
               {"outer", "interface_tendon"}});
  append_body(m, sheath, "sheath",
              {{"distal", "sheath_distal"},
               {"proximal", "sheath_proximal"},
               {"inner", "interface_sheath"},
               {"outer", "sheath_outer"}});
  add_all_sets(m);
  return m;
}

Vec3 tendon_fibre_direction(const TendonSheathSpec& spec, Real helix_angle_deg, const Vec3& X) {
  require_positive_length(spec.semi_axis_y, kTendonSheath, "semi_axis_y");
  require_positive_length(spec.semi_axis_z, kTendonSheath, "semi_axis_z");
  if (!(std::abs(helix_angle_deg) < 90))
    throw std::invalid_argument(
        "tendon fibre direction: the helix angle must lie in (-90, 90) "
        "degrees, got " +
        std::to_string(helix_angle_deg));
  const Real a = spec.semi_axis_y, b = spec.semi_axis_z, y = X.y(), z = X.z();
  const Real rho = std::hypot(y / a, z / b);
  if (rho == 0 || helix_angle_deg == 0) return Vec3::UnitX();
  const Real alpha = std::min(rho, Real(1)) * helix_angle_deg * std::numbers::pi / 180;
  // Tangent of (y/a)^2 + (z/b)^2 = rho^2: d/dphi (a rho cos phi, b rho sin phi) ~ (-a^2 z, b^2 y).
  const Vec3 t = Vec3(0, -a * a * z, b * b * y).normalized();
  return std::cos(alpha) * Vec3::UnitX() + std::sin(alpha) * t;
}

}  // namespace sinew::mesh
