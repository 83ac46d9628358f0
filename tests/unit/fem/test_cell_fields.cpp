// Cell averages of stress, strain and fibre stretch on hand-made point states with hand-worked
// values, so the Voigt order, the push-forward and the per-point fibre are each pinned down.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "fem/cell_fields.hpp"
#include "mesh/box_generator.hpp"

namespace sinew::fem {
namespace {

// Two cells: cell 0 has points A and B, cell 1 has point C (cell_averages only needs the
// point offsets to be consistent, not a real quadrature rule).
struct Case {
  fem::Model model;
  std::vector<fem::PointState> states;
};

Case make_case() {
  Case k;
  mesh::BoxSpec box;
  box.divisions = {2, 1, 1};
  k.model.mesh = mesh::make_box(box);
  k.model.point_offset = {0, 2, 3};
  k.model.point_fields.resize(3);
  Mat3 S;  // s11 s22 s33 = 1 2 3, s12 = 4, s23 = 5, s13 = 6
  S << 1, 4, 6, 4, 2, 5, 6, 5, 3;
  const double gamma = 1.0;
  Mat3 shear = Mat3::Identity();
  shear(0, 1) = gamma;
  k.states = {{Mat3::Identity(), S}, {Vec3(2, 1, 1).asDiagonal(), S}, {shear, Mat3::Zero()}};
  k.model.point_fields[0].fibre = Vec3::UnitY();
  k.model.point_fields[1].fibre = Vec3::UnitX();
  k.model.point_fields[2].fibre = Vec3::UnitY();
  return k;
}

TEST(CellFields, CauchyStressIsTheMeanPushForwardInVoigtOrder) {
  const auto k = make_case();
  const auto f = cell_averages(k.model, k.states);
  ASSERT_EQ(f.cauchy_stress.size(), 12u);
  // A: sigma = S. B: F = diag(2,1,1), J = 2: sigma = F S F / 2 = (2, 1, 1.5, 4, 2.5, 6).
  const double expected[6] = {1.5, 1.5, 2.25, 4.0, 3.75, 6.0};  // xx yy zz xy yz xz
  for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(f.cauchy_stress[i], expected[i]) << i;
  for (int i = 6; i < 12; ++i) EXPECT_EQ(f.cauchy_stress[i], 0.0) << i;
}

TEST(CellFields, LargestPrincipalGreenLagrangeStrain) {
  const auto k = make_case();
  const auto f = cell_averages(k.model, k.states);
  // A: E = 0. B: E = diag(1.5, 0, 0).
  EXPECT_DOUBLE_EQ(f.max_principal_green_lagrange_strain[0], 0.75);
  // C, simple shear gamma = 1: eigenvalues of [[0, g], [g, g^2]] / 2, largest
  // (g^2 + g sqrt(g^2 + 4)) / 4 = (1 + sqrt 5) / 4.
  EXPECT_NEAR(f.max_principal_green_lagrange_strain[1], (1 + std::sqrt(5.0)) / 4, 1e-15);
}

TEST(CellFields, FibreStretchUsesEachPointsFibre) {
  const auto k = make_case();
  const auto f = cell_averages(k.model, k.states);
  EXPECT_DOUBLE_EQ(f.fibre_stretch[0], 1.5);             // (|e_y| + |2 e_x|) / 2
  EXPECT_DOUBLE_EQ(f.fibre_stretch[1], std::sqrt(2.0));  // |(gamma, 1, 0)|
}

TEST(CellFields, MismatchedStatesAreRejected) {
  auto k = make_case();
  k.states.pop_back();
  EXPECT_THROW(cell_averages(k.model, k.states), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::fem
