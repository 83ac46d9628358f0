// Tests of the generic invariant evaluator, the modified-invariant chain rule and Voigt helpers.
//
// The synthetic energies have every cross derivative non-zero (the laws leave many of them zero).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "material_test_support.hpp"
#include "materials/invariants.hpp"

namespace sinew::materials::testing {
namespace {

// W = a x1^2 + b x1 x2 + c x2 x4 + d x4^2 J + e (J - 1)^2 I1 + f x2^2 + x1,
// x1 = I1 - 3, x2 = I2 - 3, x4 = I4 - 1.
class SyntheticCoupled final : public Material {
 public:
  static constexpr Real a = 0.7, b = -0.3, c = 0.45, d = 1.3, e = 2.1, f = 0.25;
  std::string name() const override { return "synthetic-coupled"; }
  bool is_uncoupled() const override { return false; }
  bool has_fibres() const override { return true; }
  Real shear_modulus() const override { return 1.0; }
  Real energy(const Mat3& C, const PointFields& p) const override {
    const Invariants v = compute_invariants(C, p.fibre);
    const Real x1 = v.I1 - 3, x2 = v.I2 - 3, x4 = v.I4 - 1, J = v.J;
    return a * x1 * x1 + b * x1 * x2 + c * x2 * x4 + d * x4 * x4 * J +
           e * (J - 1) * (J - 1) * v.I1 + f * x2 * x2 + x1;
  }
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override {
    const Invariants v = compute_invariants(C, p.fibre);
    const Real x1 = v.I1 - 3, x2 = v.I2 - 3, x4 = v.I4 - 1, J = v.J;
    InvariantDerivatives w;
    w.first << 2 * a * x1 + b * x2 + e * (J - 1) * (J - 1) + 1, b * x1 + c * x4 + 2 * f * x2,
        c * x2 + 2 * d * x4 * J, d * x4 * x4 + 2 * e * (J - 1) * v.I1;
    w.second << 2 * a, b, 0, 2 * e * (J - 1),  //
        b, 2 * f, c, 0,                        //
        0, c, 2 * d * J, 2 * d * x4,           //
        2 * e * (J - 1), 0, 2 * d * x4, 2 * e * v.I1;
    return stress_tangent_from_invariants(C, p.fibre, v, w);
  }
};

// W_iso = a y1^2 + b y1 y2 + c y2 y4 + d y4^2 + f y2^2 + g y1 + h y2 + m y4 on the modified
// invariants (y1 = I1_bar - 3, y2 = I2_bar - 3, y4 = I4_bar - 1), through from_modified.
class SyntheticUncoupled final : public Material {
 public:
  static constexpr Real a = 0.7, b = -0.3, c = 0.45, d = 1.3, f = 0.25, g = 0.8, h = 0.4, m = 0.6;
  std::string name() const override { return "synthetic-uncoupled"; }
  bool is_uncoupled() const override { return true; }
  bool has_fibres() const override { return true; }
  Real bulk_modulus() const override { return 7.0; }
  Real shear_modulus() const override { return 1.0; }
  Real energy(const Mat3& C, const PointFields& p) const override {
    const ModifiedInvariants v = modified_invariants(compute_invariants(C, p.fibre));
    const Real y1 = v.I1 - 3, y2 = v.I2 - 3, y4 = v.I4 - 1;
    return a * y1 * y1 + b * y1 * y2 + c * y2 * y4 + d * y4 * y4 + f * y2 * y2 + g * y1 + h * y2 +
           m * y4;
  }
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override {
    const Invariants inv = compute_invariants(C, p.fibre);
    const ModifiedInvariants v = modified_invariants(inv);
    const Real y1 = v.I1 - 3, y2 = v.I2 - 3, y4 = v.I4 - 1;
    const Vec3 first(2 * a * y1 + b * y2 + g, b * y1 + c * y4 + 2 * f * y2 + h,
                     c * y2 + 2 * d * y4 + m);
    Mat3 second;
    second << 2 * a, b, 0,  //
        b, 2 * f, c,        //
        0, c, 2 * d;
    return stress_tangent_from_invariants(
        C, p.fibre, inv, from_modified(inv, modified_invariants(inv), first, second));
  }
};

template <class Law>
void check_against_finite_differences() {
  const Law law;
  std::mt19937_64 rng(seed_of(law.name()));
  PointFields p;
  p.fibre = random_unit(rng);
  for (int i = 0; i < 20; ++i) {
    const Mat3 F = random_deformation(rng);
    const Mat3 C = F.transpose() * F;
    SCOPED_TRACE(i);
    const StressTangent st = total_stress_tangent(law, C, p);
    EXPECT_LT(relative_error(
                  fd_stress([&](const Mat3& c) { return total_energy(law, c, p); }, C, 1e-6), st.S),
              1e-6);
    EXPECT_LT(
        relative_error(fd_tangent([&](const Mat3& c) { return total_stress_tangent(law, c, p).S; },
                                  C, 1e-6),
                       st.D),
        1e-6);
  }
}

TEST(InvariantEvaluator, MatchesFiniteDifferencesWithAllCrossTerms) {
  check_against_finite_differences<SyntheticCoupled>();
}

TEST(InvariantEvaluator, ModifiedChainRuleMatchesFiniteDifferences) {
  check_against_finite_differences<SyntheticUncoupled>();
}

// W_iso(C_bar) is invariant under C -> s C, so its S is orthogonal to C (S : C = 0) and its
// tangent maps C/2 to -S (S(sC) = S/s; differentiate at s = 1 with dE = C/2 ds).
TEST(InvariantEvaluator, IsochoricStressIsDeviatoric) {
  const SyntheticUncoupled law;
  std::mt19937_64 rng(3);
  PointFields p;
  p.fibre = random_unit(rng);
  for (int i = 0; i < 10; ++i) {
    const Mat3 F = random_deformation(rng);
    const Mat3 C = F.transpose() * F;
    const StressTangent st = law.stress_tangent(C, p);
    EXPECT_NEAR(st.S.cwiseProduct(C).sum(), 0.0, 1e-12 * st.S.norm() * C.norm());
    const Vec6 dS = st.D * to_voigt_strain(Mat3(0.5 * C));
    EXPECT_LT(relative_error(from_voigt(dS), Mat3(-st.S)), 1e-12);
  }
}

TEST(InvariantEvaluator, InvertedDeformationThrows) {
  Mat3 C = Mat3::Identity();
  C(2, 2) = -1.0;
  EXPECT_THROW(compute_invariants(C, Vec3::UnitX()), NumericalError);
  EXPECT_THROW(compute_invariants(Mat3::Zero(), Vec3::UnitX()), NumericalError);
}

TEST(InvariantEvaluator, Invariants) {
  std::mt19937_64 rng(5);
  const Mat3 F = random_deformation(rng);
  const Mat3 C = F.transpose() * F;
  const Vec3 a0 = random_unit(rng);
  const Invariants v = compute_invariants(C, a0);
  EXPECT_NEAR(v.J, F.determinant(), 1e-14);
  EXPECT_NEAR(v.I1, C.trace(), 1e-14);
  EXPECT_NEAR(v.I2, 0.5 * (C.trace() * C.trace() - (C * C).trace()), 1e-13);
  EXPECT_NEAR(v.I4, (F * a0).squaredNorm(), 1e-14);
  EXPECT_LT(relative_error(v.C_inv, Mat3(C.inverse())), 1e-14);
  const ModifiedInvariants m = modified_invariants(v);
  const Mat3 C_bar = std::pow(v.J, -2.0 / 3.0) * C;
  EXPECT_NEAR(m.I1, C_bar.trace(), 1e-14);
  EXPECT_NEAR(m.I2, 0.5 * (C_bar.trace() * C_bar.trace() - (C_bar * C_bar).trace()), 1e-13);
  EXPECT_NEAR(m.I4, a0.dot(C_bar * a0), 1e-14);
}

// ---------------------------------------------------------------------------------------------

TEST(Voigt, RoundTripsAndConventions) {
  Mat3 A;
  A << 1, 2, 3, 2, 4, 5, 3, 5, 6;
  EXPECT_EQ(from_voigt(to_voigt(A)), A);
  EXPECT_EQ(from_voigt_strain(to_voigt_strain(A)), A);
  Vec6 expected;
  expected << 1, 4, 6, 2, 5, 3;
  EXPECT_EQ(to_voigt(A), expected);
  // S : E = s . e with stress-like s and strain-like e.
  Mat3 B;
  B << 0.5, -1, 0.25, -1, 2, 0.75, 0.25, 0.75, -3;
  EXPECT_NEAR(to_voigt(A).dot(to_voigt_strain(B)), A.cwiseProduct(B).sum(), 1e-14);
  // The symmetric identity maps a strain-like vector to the stress-like vector of the same
  // tensor, and I_{I} equals it.
  EXPECT_LT((symmetric_identity() * to_voigt_strain(B) - to_voigt(B)).norm(), 1e-15);
  EXPECT_EQ(symmetric_product(Mat3::Identity()), symmetric_identity());
}

// I_A : X = A X A for symmetric X (the contraction that d(C^-1) = -C^-1 dC C^-1 needs).
TEST(Voigt, SymmetricProductContraction) {
  std::mt19937_64 rng(9);
  const Mat3 F = random_deformation(rng);
  const Mat3 A = F.transpose() * F;
  Mat3 X;
  X << 0.3, -0.2, 0.1, -0.2, 0.5, 0.7, 0.1, 0.7, -0.4;
  EXPECT_LT(relative_error(from_voigt(symmetric_product(A) * to_voigt_strain(X)), Mat3(A * X * A)),
            1e-14);
}

// The written-out I_A of add_outer_and_symmetric_product against the looped symmetric_product.
TEST(Voigt, OuterAndSymmetricProduct) {
  std::mt19937_64 rng(13);
  const Mat3 F = random_deformation(rng);
  const Mat3 A = F.transpose() * F;
  Mat6 D = symmetric_identity();
  add_outer_and_symmetric_product(D, A, 0.7, -1.9);
  const Mat6 expected = symmetric_identity() + 0.7 * to_voigt(A) * to_voigt(A).transpose() -
                        1.9 * symmetric_product(A);
  EXPECT_LT(relative_error(D, expected), 1e-15);
}

}  // namespace
}  // namespace sinew::materials::testing
