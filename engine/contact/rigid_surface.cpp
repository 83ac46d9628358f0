// Closest-point projections onto the rigid surfaces and their normal derivatives. For a
// cylinder and a sphere the normal is the radial direction, whose derivative is the projector
// onto the tangent directions divided by the distance rho from the axis or centre (the
// curvature term of the contact tangent, Wriggers 2006, Computational Contact Mechanics, 2nd
// ed., Springer, sec. 4.1).
#include "contact/rigid_surface.hpp"

#include <algorithm>
#include <stdexcept>

namespace sinew::contact {

namespace {

constexpr const char* kNames[] = {"plane", "cylinder", "sphere"};

// Radial projection: x relative to the centre (after removing any axial part) has length rho.
SurfacePoint radial(const Vec3& radial_vector, const Vec3& x, Real radius, const Mat3& tangent) {
  const Real rho = radial_vector.norm();
  if (rho <= 1e-12 * std::max(radius, Real(1.0)))
    throw std::domain_error("contact: a node lies on the axis or centre of the rigid surface");
  SurfacePoint s;
  s.normal = radial_vector / rho;
  s.gap = rho - radius;
  s.point = x - s.gap * s.normal;
  s.dn_dx = (tangent - s.normal * s.normal.transpose()) / rho;
  return s;
}

}  // namespace

RigidShape rigid_shape_from_name(const std::string& name) {
  for (int i = 0; i < 3; ++i)
    if (name == kNames[i]) return static_cast<RigidShape>(i);
  throw std::invalid_argument("'" + name +
                              "' is not a rigid surface (allowed: " + rigid_shape_names() + ")");
}

std::string rigid_shape_names() { return "plane, cylinder, sphere"; }

Vec3 RigidMotion::operator()(Real t) const {
  if (points.empty()) return Vec3::Zero();
  if (t <= points.front().first) return points.front().second;
  for (size_t i = 1; i < points.size(); ++i) {
    const auto& [t1, d1] = points[i];
    if (t <= t1) {
      const auto& [t0, d0] = points[i - 1];
      const Real s = t1 > t0 ? (t - t0) / (t1 - t0) : 1.0;
      return d0 + s * (d1 - d0);
    }
  }
  return points.back().second;
}

void RigidSurface::check() const {
  if (!(direction.norm() > 0.0))
    throw std::invalid_argument("contact: the surface direction (normal or axis) is zero");
  if (shape != RigidShape::Plane && !(radius > 0.0))
    throw std::invalid_argument("contact: the radius of a cylinder or sphere must be > 0");
  for (size_t i = 1; i < motion.points.size(); ++i)
    if (motion.points[i].first < motion.points[i - 1].first)
      throw std::invalid_argument("contact: the motion times must not decrease");
}

SurfacePoint RigidSurface::project(const Vec3& x, Real t) const {
  const Vec3 c = centre + motion(t);
  const Vec3 a = direction.normalized();
  switch (shape) {
    case RigidShape::Plane: {
      SurfacePoint s;
      s.normal = a;
      s.gap = (x - c).dot(a);
      s.point = x - s.gap * a;
      return s;
    }
    case RigidShape::Cylinder: {
      const Vec3 r = (x - c) - (x - c).dot(a) * a;
      return radial(r, x, radius, Mat3::Identity() - a * a.transpose());
    }
    case RigidShape::Sphere: break;
  }
  return radial(x - c, x, radius, Mat3::Identity());
}

}  // namespace sinew::contact
