// Fibre behaviour of the fibre-reinforced laws.
//
// No fibre stress in compression (HGO, TI-MR), the TI-MR linear-region modulus, the TI-MR fibre
// energy against an independent quadrature, and per-point dispersion.
#include <gtest/gtest.h>

#include <cmath>

#include "material_test_support.hpp"
#include "materials/ti_mooney_rivlin.hpp"

namespace sinew::materials::testing {
namespace {

class FibreLawTest : public ::testing::TestWithParam<LawCase> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(GetParam().known) << "registered law '" << GetParam().law
                                  << "' has no representative parameters";
    law = make_law(GetParam());
    std::map<std::string, Real> off;
    for (const auto& k : GetParam().fibre_params) off[k] = 0.0;
    matrix_only = make_law(GetParam(), off);
    rng.seed(seed_of(GetParam().label + "/fibres"));
    fields = law->default_fields();
    fields.fibre = random_unit(rng);
  }

  std::unique_ptr<Material> law, matrix_only;
  std::mt19937_64 rng;
  PointFields fields;
};

void expect_same_response(const Material& a, const Material& b, const Mat3& C,
                          const PointFields& p) {
  const StressTangent sa = total_stress_tangent(a, C, p), sb = total_stress_tangent(b, C, p);
  EXPECT_LT(relative_error(sa.S, sb.S), 1e-14) << "S =\n" << sa.S << "\nmatrix only:\n" << sb.S;
  EXPECT_LT(relative_error(sa.D, sb.D), 1e-14);
  EXPECT_NEAR(total_energy(a, C, p), total_energy(b, C, p),
              1e-14 * std::abs(total_energy(b, C, p)));
  EXPECT_LT(relative_error(a.stress_tangent(C, p).S, b.stress_tangent(C, p).S), 1e-14);
}

// Uniaxial compression along a0, isochoric (lambda = 0.85, lateral 1/sqrt(0.85)) and with volume
// loss (lateral 1.02), after an arbitrary rotation. For kappa = 0.1 the generalised fibre strain
// is negative in both: e.g. isochoric 0.1 (0.7225 + 2/0.85 - 3) + 0.7 (0.7225 - 1) = -0.19.
TEST_P(FibreLawTest, FibresInCompressionCarryNothing) {
  for (Real t : {1.0 / std::sqrt(0.85), 1.02}) {
    const Mat3 F = random_rotation(rng) * fibre_stretch(fields.fibre, 0.85, t);
    expect_same_response(*law, *matrix_only, F.transpose() * F, fields);
  }
}

// The control for the test above: in fibre tension the fibre term is active.
TEST_P(FibreLawTest, FibresInTensionCarryLoad) {
  const Mat3 F = random_rotation(rng) * fibre_stretch(fields.fibre, 1.1, 1.0 / std::sqrt(1.1));
  const Mat3 C = F.transpose() * F;
  const Mat3 S = total_stress_tangent(*law, C, fields).S;
  const Mat3 S0 = total_stress_tangent(*matrix_only, C, fields).S;
  EXPECT_GT(relative_error(S, S0), 0.1);
  // The fibre stress is tensile along a0.
  EXPECT_GT(fields.fibre.dot((S - S0) * fields.fibre), 0.0);
}

// fibre_scale = 0 (complete scar) removes the fibre term like zero fibre stiffness does.
TEST_P(FibreLawTest, ZeroFibreScaleRemovesFibres) {
  PointFields p = fields;
  p.fibre_scale = 0.0;
  const Mat3 F = random_rotation(rng) * fibre_stretch(fields.fibre, 1.1, 1.0 / std::sqrt(1.1));
  expect_same_response(*law, *matrix_only, F.transpose() * F, p);
}

INSTANTIATE_TEST_SUITE_P(FibreLaws, FibreLawTest, ::testing::ValuesIn(fibre_law_cases()),
                         case_name);

// ---------------------------------------------------------------------------------------------

// Dispersion is a per-point field: default_fields() carries the parameter kappa, and changing
// the field changes the response (scar tissue has more dispersed fibres).
TEST(Dispersion, IsReadFromThePointFields) {
  for (const char* name : {"hgo", "hgo-coupled"}) {
    SCOPED_TRACE(name);
    const auto law = make_law(representative_cases().at(name), {{"kappa", 0.2}});
    EXPECT_DOUBLE_EQ(law->default_fields().dispersion, 0.2);
    PointFields aligned = law->default_fields();
    aligned.dispersion = 0.0;
    const auto law0 = make_law(representative_cases().at(name), {{"kappa", 0.0}});
    const Mat3 F = fibre_stretch(Vec3::UnitX(), 1.1, 1.0 / std::sqrt(1.1));
    const Mat3 C = F.transpose() * F;
    EXPECT_LT(relative_error(law->stress_tangent(C, aligned).S,
                             law0->stress_tangent(C, law0->default_fields()).S),
              1e-15);
    EXPECT_GT(relative_error(law->stress_tangent(C, law->default_fields()).S,
                             law0->stress_tangent(C, law0->default_fields()).S),
              1e-3);
  }
}

// kappa = 1/3 makes the fibre term isotropic (E = (I1 - 3)/3): the fibre direction is irrelevant.
TEST(Dispersion, IsotropicLimitIgnoresFibreDirection) {
  std::mt19937_64 rng(7);
  for (const char* name : {"hgo", "hgo-coupled"}) {
    SCOPED_TRACE(name);
    const auto law = make_law(representative_cases().at(name), {{"kappa", 1.0 / 3.0}});
    for (int i = 0; i < 5; ++i) {
      const Mat3 F = random_deformation(rng);
      const Mat3 C = F.transpose() * F;
      PointFields a = law->default_fields(), b = a;
      a.fibre = random_unit(rng);
      b.fibre = random_unit(rng);
      const Mat3 Sa = total_stress_tangent(*law, C, a).S, Sb = total_stress_tangent(*law, C, b).S;
      EXPECT_LT(relative_error(Sa, Sb), 1e-12);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// TI-MR in uniaxial tension along the fibres.

/// Cauchy stress of uniaxial tension lambda along a (lateral stress free): the lateral stretch t
/// solves sigma_bb(t) = 0 by bisection.
Mat3 uniaxial_cauchy(const Material& law, const PointFields& p, Real lambda, Real* t_out) {
  const Vec3 a = p.fibre;
  const Vec3 b = a.unitOrthogonal();
  auto sigma = [&](Real t) {
    const Mat3 F = fibre_stretch(a, lambda, t);
    return cauchy(F, total_stress_tangent(law, F.transpose() * F, p).S);
  };
  Real lo = 0.5 / std::sqrt(lambda), hi = 1.5 / std::sqrt(lambda);
  EXPECT_LT(b.dot(sigma(lo) * b), 0.0);
  EXPECT_GT(b.dot(sigma(hi) * b), 0.0);
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    const Real mid = 0.5 * (lo + hi);
    (b.dot(sigma(mid) * b) < 0.0 ? lo : hi) = mid;
  }
  if (t_out) *t_out = 0.5 * (lo + hi);
  return sigma(0.5 * (lo + hi));
}

// Near incompressibility (k = 1e5 MPa) the fibre part of the axial Cauchy stress is
// g(lambda) = lambda F'(lambda) = c5 lambda + c6 beyond lambda*, so its increment per unit
// stretch is c5 (Weiss, Maker & Govindjee 1996). The fibre part is the axial stress minus that
// of the matrix alone (fibre_scale = 0) at the same stretch.
TEST(TiMooneyRivlin, LinearRegionModulusIsC5) {
  const LawCase& c = representative_cases().at("ti-mooney-rivlin");
  const auto law = make_law(c, {{"k", 1e5},
                                {"c3", 7.53},
                                {"c4", 40.0},
                                {"c5", 1000.0},
                                {"lambda_max", 1.03},
                                {"c1", 1.0},
                                {"c2", 0.0}});
  std::mt19937_64 rng(11);
  PointFields p = law->default_fields();
  p.fibre = random_unit(rng);
  PointFields p_matrix = p;
  p_matrix.fibre_scale = 0.0;

  auto fibre_stress = [&](Real lambda) {
    Real t = 0.0;
    const Mat3 s = uniaxial_cauchy(*law, p, lambda, &t);
    EXPECT_NEAR(lambda * t * t, 1.0, 1e-3) << "not nearly incompressible";
    const Mat3 s0 = uniaxial_cauchy(*law, p_matrix, lambda, nullptr);
    return p.fibre.dot((s - s0) * p.fibre);
  };
  const Real l1 = 1.05, l2 = 1.07;
  const Real s1 = fibre_stress(l1), s2 = fibre_stress(l2);
  const Real c5 = 1000.0, c6 = 7.53 * std::expm1(40.0 * 0.03) - c5 * 1.03;
  EXPECT_NEAR((s2 - s1) / (l2 - l1), c5, 0.01 * c5);
  EXPECT_NEAR(s1, c5 * l1 + c6, 0.01 * (c5 * l1 + c6));
  EXPECT_NEAR(s2, c5 * l2 + c6, 0.01 * (c5 * l2 + c6));
}

/// Composite Simpson rule of f on [a, b] with n (even) intervals.
template <class Fn>
Real simpson(Fn&& f, Real a, Real b, int n) {
  const Real h = (b - a) / n;
  Real s = f(a) + f(b);
  for (int i = 1; i < n; ++i) s += (i % 2 ? 4.0 : 2.0) * f(a + i * h);
  return s * h / 3.0;
}

// The fibre energy F(lambda) = int_1^lambda g(s)/s ds, evaluated by the law with Gauss-Legendre
// panels and the closed-form linear piece, against composite Simpson quadrature of the fibre
// stress the law uses in stress_tangent. Three parameter sets: the tendon defaults, the
// representative set, and one whose toe needs several panels (c4 (lambda* - 1) = 12).
TEST(TiMooneyRivlin, FibreEnergyIsIntegralOfFibreStress) {
  const std::vector<std::map<std::string, Real>> sets = {
      {{"c1", 1.0}},
      representative_cases().at("ti-mooney-rivlin").params,
      {{"c1", 1.0}, {"c3", 0.5}, {"c4", 60.0}, {"c5", 5000.0}, {"lambda_max", 1.2}}};
  const auto& specs = registry().entry("ti-mooney-rivlin").parameters;
  for (const auto& given : sets) {
    const TiMooneyRivlin law(resolve_parameters(specs, given));
    const Real star = resolve_parameters(specs, given)["lambda_max"];
    auto integrand = [&](Real s) { return law.fibre_stress(s).g / s; };
    for (Real lambda : {0.9, 1.0, 1.001, 1.01, star - 1e-3, star, star + 1e-3, 1.25, 1.4}) {
      Real ref = 0.0;
      if (lambda > 1.0) ref += simpson(integrand, 1.0, std::min(lambda, star), 20000);
      if (lambda > star) ref += simpson(integrand, star, lambda, 20000);
      SCOPED_TRACE(lambda);
      EXPECT_NEAR(law.fibre_energy(lambda), ref, 1e-11 * std::max(1.0, std::abs(ref)));
    }
    // Continuity at lambda* and consistency with the Material interface: an isochoric stretch
    // along a0 has I4_bar = lambda^2, so W_iso - W_iso(matrix only) = F(lambda).
    EXPECT_NEAR(law.fibre_energy(star * (1 + 1e-12)), law.fibre_energy(star * (1 - 1e-12)),
                1e-9 * law.fibre_stress(star).g);
    PointFields p;
    p.fibre = Vec3(1.0, 2.0, 2.0) / 3.0;
    PointFields p0 = p;
    p0.fibre_scale = 0.0;
    const Mat3 F = fibre_stretch(p.fibre, 1.3, 1.0 / std::sqrt(1.3));
    const Mat3 C = F.transpose() * F;
    EXPECT_NEAR(law.energy(C, p) - law.energy(C, p0), law.fibre_energy(1.3),
                1e-12 * law.fibre_energy(1.3));
  }
}

// The stress g(lambda) is continuous at lambda* by the choice of c6.
TEST(TiMooneyRivlin, FibreStressIsContinuous) {
  const auto& specs = registry().entry("ti-mooney-rivlin").parameters;
  const TiMooneyRivlin law(
      resolve_parameters(specs, representative_cases().at("ti-mooney-rivlin").params));
  const Real star = 1.08;
  EXPECT_NEAR(law.fibre_stress(star * (1 - 1e-14)).g, law.fibre_stress(star).g,
              1e-10 * law.fibre_stress(star).g);
  EXPECT_EQ(law.fibre_stress(1.0).g, 0.0);
  EXPECT_EQ(law.fibre_stress(0.8).g, 0.0);
  EXPECT_NEAR(law.fibre_stress(star).g, 2.0 * std::expm1(30.0 * 0.08), 1e-12);
}

}  // namespace
}  // namespace sinew::materials::testing
