// Scar fraction fields (ellipsoid, box, element set, falloff) and the blending of point fields.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include <Eigen/Geometry>

#include "tissue/scar.hpp"

namespace sinew::tissue {
namespace {

ScarShape ellipsoid(Vec3 centre, Vec3 semi, Real falloff) {
  ScarShape s;
  s.kind = ScarShapeKind::Ellipsoid;
  s.centre = centre;
  s.semi_axes = semi;
  s.falloff = falloff;
  return s;
}

TEST(ScarFraction, EllipsoidCoreIsOneAndOutsideIsZero) {
  const auto s = ellipsoid({10, 0, 0}, {4, 2, 1}, 2.0);
  EXPECT_EQ(scar_fraction(s, {10, 0, 0}, 0), 1.0);
  EXPECT_EQ(scar_fraction(s, {13.9, 0, 0}, 0), 1.0);  // inside the core along x
  EXPECT_EQ(scar_fraction(s, {10, 0, 0.99}, 0), 1.0);
  EXPECT_EQ(scar_fraction(s, {16.01, 0, 0}, 0), 0.0);  // beyond core + falloff
  EXPECT_EQ(scar_fraction(s, {10, 0, 3.01}, 0), 0.0);
}

TEST(ScarFraction, FalloffFollowsTheSmoothStepOfTheOffsetEllipsoid) {
  // Along a semi-axis the offset parameter is t = (r - a) / w exactly.
  const auto s = ellipsoid({0, 0, 0}, {4, 2, 1}, 2.0);
  for (Real t : {0.1, 0.25, 0.5, 0.75, 0.9}) {
    const Real expected = 1.0 - (3 * t * t - 2 * t * t * t);
    EXPECT_NEAR(scar_fraction(s, {4 + 2 * t, 0, 0}, 0), expected, 1e-12) << t;
    EXPECT_NEAR(scar_fraction(s, {0, -(2 + 2 * t), 0}, 0), expected, 1e-12) << t;
    EXPECT_NEAR(scar_fraction(s, {0, 0, 1 + 2 * t}, 0), expected, 1e-12) << t;
  }
  // Midway on the offset ellipsoid t = 0.5 in an oblique direction: s = 0.5.
  const Vec3 dir = Vec3(1, 1, 1).normalized();
  const Vec3 a(5, 3, 2);  // semi-axes at t = 0.5
  const Real r = 1.0 / std::sqrt((dir.array() / a.array()).square().sum());
  EXPECT_NEAR(scar_fraction(s, r * dir, 0), 0.5, 1e-9);
}

TEST(ScarFraction, SharpWithoutFalloffAndRotatedByItsAxes) {
  auto s = ellipsoid({0, 0, 0}, {4, 1, 1}, 0.0);
  s.axes = Eigen::AngleAxis<Real>(std::numbers::pi / 2, Vec3::UnitZ()).toRotationMatrix();
  // The long axis now points along y.
  EXPECT_EQ(scar_fraction(s, {0, 3.5, 0}, 0), 1.0);
  EXPECT_EQ(scar_fraction(s, {3.5, 0, 0}, 0), 0.0);
}

TEST(ScarFraction, BoxUsesTheLargestExcessOverItsHalfSizes) {
  ScarShape b;
  b.kind = ScarShapeKind::Box;
  b.centre = {5, 0, 0};
  b.semi_axes = {2, 1, 1};
  b.falloff = 1.0;
  EXPECT_EQ(scar_fraction(b, {6.9, 0.9, -0.9}, 0), 1.0);
  EXPECT_NEAR(scar_fraction(b, {7.5, 0, 0}, 0), 0.5, 1e-12);
  EXPECT_NEAR(scar_fraction(b, {7.5, 1.25, 0}, 0), 0.5, 1e-12);  // x excess 0.5 dominates
  EXPECT_EQ(scar_fraction(b, {8.01, 0, 0}, 0), 0.0);
}

TEST(ScarFraction, ElementSetScarsAreSharpAndGoByCell) {
  ScarShape e;
  e.kind = ScarShapeKind::ElementSet;
  e.cells = {2, 5, 9};
  EXPECT_EQ(scar_fraction(e, {100, 100, 100}, 5), 1.0);
  EXPECT_EQ(scar_fraction(e, {0, 0, 0}, 4), 0.0);
}

TEST(ScarSampling, LargestFractionWinsAmongRegions) {
  std::vector<ScarRegion> regions(2);
  regions[0].shape = ellipsoid({0, 0, 0}, {1, 1, 1}, 2.0);
  regions[1].shape = ellipsoid({3, 0, 0}, {1, 1, 1}, 0.0);
  const auto hit = sample_scar(regions, {2.5, 0, 0}, 0);
  EXPECT_EQ(hit.region, 1);
  EXPECT_EQ(hit.s, 1.0);
  const auto miss = sample_scar(regions, {20, 0, 0}, 0);
  EXPECT_EQ(miss.region, -1);
  EXPECT_EQ(miss.s, 0.0);
}

TEST(ScarBlending, ParametersBlendLinearlyInTheScarFraction) {
  ScarRegion r;
  r.properties.fibre_stiffness_ratio = 0.2;
  r.properties.matrix_stiffness_ratio = 2.0;
  r.properties.dispersion = 0.3;
  r.properties.misalignment_deg = 20.0;
  Vec3 fibre = Vec3::UnitX();
  Real kappa = 0.1, fibre_scale = 1.0, matrix_scale = 1.0;
  blend_scar(r, 0.5, {&fibre, &kappa, &fibre_scale, &matrix_scale});
  EXPECT_NEAR(fibre_scale, 0.6, 1e-15);
  EXPECT_NEAR(matrix_scale, 1.5, 1e-15);
  EXPECT_NEAR(kappa, 0.2, 1e-15);
  EXPECT_NEAR(fibre.norm(), 1.0, 1e-15);
  EXPECT_NEAR(std::acos(fibre.x()) * 180 / std::numbers::pi, 10.0, 1e-10);  // s x 20 deg
  EXPECT_NEAR(fibre.z(), 0.0, 1e-15);  // tilted in the plane of the fibre and the 2nd axis (y)

  Vec3 untouched = Vec3::UnitX();
  Real k2 = 0.1, f2 = 1.0, m2 = 1.0;
  blend_scar(r, 0.0, {&untouched, &k2, &f2, &m2});
  EXPECT_EQ(untouched, Vec3::UnitX());
  EXPECT_EQ(f2, 1.0);
  EXPECT_EQ(k2, 0.1);
}

TEST(ScarBlending, AdhesionDensityBlendsTowardTheScarsDensity) {
  std::vector<ScarRegion> regions(1);
  regions[0].shape = ellipsoid({0, 0, 0}, {1, 1, 1}, 2.0);
  regions[0].properties.adhesion_density = 0.8;
  EXPECT_NEAR(blended_adhesion_density(regions, 0.2, {0, 0, 0}, 0), 0.8, 1e-15);
  EXPECT_NEAR(blended_adhesion_density(regions, 0.2, {2, 0, 0}, 0), 0.5, 1e-12);  // s = 1/2
  EXPECT_NEAR(blended_adhesion_density(regions, 0.2, {9, 0, 0}, 0), 0.2, 1e-15);
}

}  // namespace
}  // namespace sinew::tissue
