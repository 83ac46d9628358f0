// Rigid analytical surfaces (plane, cylinder, sphere) that a meshed body can touch: a bone, a
// pulley, an instrument edge, a foam roller. Each moves by a prescribed translation d(t) and
// answers the closest-point projection of a spatial point, which is exact and unique for these
// shapes (away from a cylinder's axis or a sphere's centre), so contact can slide any distance.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/types.hpp"

namespace sinew::contact {

enum class RigidShape { Plane, Cylinder, Sphere };

/// "plane", "cylinder", "sphere" -> shape; throws std::invalid_argument naming the allowed names.
RigidShape rigid_shape_from_name(const std::string& name);
/// The allowed shape names, comma separated (messages and docs).
std::string rigid_shape_names();

/// Piecewise-linear translation of the surface, [t, d(t)] points, held constant outside its
/// points; no points = no motion.
struct RigidMotion {
  std::vector<std::pair<Real, Vec3>> points;
  Vec3 operator()(Real t) const;
};

/// The closest point of the surface to a spatial point x.
struct SurfacePoint {
  Vec3 point = Vec3::Zero();   ///< y, on the surface (mm)
  Vec3 normal = Vec3::Zero();  ///< n, unit, pointing from the rigid body towards x's side
  Real gap = 0.0;              ///< g = (x - y).n (mm); negative = penetration
  /// dn/dx (1/mm), symmetric: 0 for a plane, (I - a a - n n)/rho for a cylinder of axis a at
  /// distance rho from the axis, (I - n n)/rho for a sphere.
  Mat3 dn_dx = Mat3::Zero();
};

/// The body touches the outside of a cylinder or sphere, and the side of a plane its normal
/// points to.
struct RigidSurface {
  RigidShape shape = RigidShape::Plane;
  Vec3 centre = Vec3::Zero();      ///< plane: a point; cylinder: a point of the axis; sphere
  Vec3 direction = Vec3::UnitZ();  ///< plane: normal; cylinder: axis (normalised on use)
  Real radius = 0.0;               ///< cylinder, sphere (mm)
  RigidMotion motion;

  /// Throws std::invalid_argument for a zero direction or a non-positive radius.
  void check() const;
  /// Projection of x onto the surface at time t. Throws std::domain_error on a cylinder's
  /// axis or a sphere's centre (no unique normal).
  SurfacePoint project(const Vec3& x, Real t) const;
};

}  // namespace sinew::contact
