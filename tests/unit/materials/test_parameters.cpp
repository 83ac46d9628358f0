// Parameter declarations and validation of every registered law.
//
// Ranges through resolve_parameters, the same checks in the constructors, cross-parameter
// constraints and defaults.
#include <gtest/gtest.h>

#include <cmath>

#include "material_test_support.hpp"

namespace sinew::materials::testing {
namespace {

/// Runs `fn` and returns the key of the ParameterError it throws ("" if it throws none).
template <class Fn>
std::string error_key(Fn&& fn) {
  try {
    fn();
  } catch (const ParameterError& e) {
    return e.key();
  }
  return "";
}

std::string resolve_key(const std::string& law, const std::map<std::string, Real>& given) {
  return error_key([&] { resolve_parameters(registry().entry(law).parameters, given); });
}

std::string create_key(const std::string& law, const std::map<std::string, Real>& given) {
  return error_key([&] {
    registry().create(law, resolve_parameters(registry().entry(law).parameters, given));
  });
}

class ParameterTest : public ::testing::TestWithParam<LawCase> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(GetParam().known) << "registered law '" << GetParam().law
                                  << "' has no representative parameters";
  }
};

TEST_P(ParameterTest, DeclarationsAreDocumented) {
  const auto& entry = registry().entry(GetParam().law);
  EXPECT_FALSE(entry.description.empty());
  EXPECT_FALSE(entry.parameters.empty());
  for (const auto& s : entry.parameters) {
    EXPECT_FALSE(s.unit.empty()) << s.name;
    EXPECT_FALSE(s.description.empty()) << s.name;
    if (s.default_value) {
      EXPECT_TRUE(s.accepts(*s.default_value)) << s.name;
    }
  }
  const auto law = make_law(GetParam());
  EXPECT_EQ(law->name(), GetParam().law);
  EXPECT_GT(law->shear_modulus(), 0.0);
  EXPECT_EQ(law->bulk_modulus() > 0.0, law->is_uncoupled());
}

// Every finite bound of every declared parameter: a value just outside is rejected with the
// parameter's key by resolve_parameters, and by the constructor if it is handed the value
// directly (bypassing resolve_parameters).
TEST_P(ParameterTest, OutOfRangeValuesAreRejectedWithTheirKey) {
  const std::string& law = GetParam().law;
  const ParameterSet valid =
      resolve_parameters(registry().entry(law).parameters, GetParam().params);
  for (const auto& s : registry().entry(law).parameters) {
    std::vector<Real> bad;
    if (std::isfinite(s.min)) bad.push_back(s.min_exclusive ? s.min : s.min - 1e-3);
    if (std::isfinite(s.max)) bad.push_back(s.max_exclusive ? s.max : s.max + 1e-3);
    bad.push_back(std::nan(""));
    for (Real v : bad) {
      SCOPED_TRACE(s.name + " = " + std::to_string(v));
      auto given = GetParam().params;
      given[s.name] = v;
      EXPECT_EQ(resolve_key(law, given), s.name);
      auto direct = valid.values();
      direct[s.name] = v;
      EXPECT_EQ(error_key([&] { registry().create(law, ParameterSet(direct)); }), s.name);
    }
  }
}

// Negative moduli: every MPa parameter bounded below by 0 rejects -1.
TEST_P(ParameterTest, NegativeModuliAreRejected) {
  const std::string& law = GetParam().law;
  for (const auto& s : registry().entry(law).parameters) {
    if (s.unit != "MPa" || !(s.min >= 0.0)) continue;
    auto given = GetParam().params;
    given[s.name] = -1.0;
    EXPECT_EQ(resolve_key(law, given), s.name);
  }
}

TEST_P(ParameterTest, UnknownParameterIsRejected) {
  auto given = GetParam().params;
  given["no_such_parameter"] = 1.0;
  EXPECT_EQ(resolve_key(GetParam().law, given), "no_such_parameter");
}

INSTANTIATE_TEST_SUITE_P(AllLaws, ParameterTest, ::testing::ValuesIn(law_cases()), case_name);

// ---------------------------------------------------------------------------------------------

TEST(Parameters, NamedRangeViolations) {
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 1.0}, {"nu", 0.5}}), "nu");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 1.0}, {"nu", 0.6}}), "nu");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 1.0}, {"nu", -1.0}}), "nu");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", -1.0}}), "E");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 0.0}}), "E");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 1.0}, {"nu", 0.49}}), "");
  EXPECT_EQ(resolve_key("neo-hookean", {{"E", 1.0}, {"nu", -0.5}}), "");
  for (const char* hgo : {"hgo", "hgo-coupled"}) {
    EXPECT_EQ(resolve_key(hgo, {{"kappa", 0.34}}), "kappa");
    EXPECT_EQ(resolve_key(hgo, {{"kappa", -0.01}}), "kappa");
    EXPECT_EQ(resolve_key(hgo, {{"kappa", 1.0 / 3.0}}), "");
    EXPECT_EQ(resolve_key(hgo, {{"c", -1.0}}), "c");
    EXPECT_EQ(resolve_key(hgo, {{"c", 0.0}}), "c");
    EXPECT_EQ(resolve_key(hgo, {{"k1", -1.0}}), "k1");
    EXPECT_EQ(resolve_key(hgo, {{"k1", 0.0}}), "");
    EXPECT_EQ(resolve_key(hgo, {{"k2", 0.0}}), "k2");
    EXPECT_EQ(resolve_key(hgo, {{"k", 0.0}}), "k");
  }
  EXPECT_EQ(resolve_key("mooney-rivlin", {{"c1", 1.0}, {"c2", -0.1}, {"k", 10.0}}), "c2");
  EXPECT_EQ(resolve_key("ti-mooney-rivlin", {{"lambda_max", 1.0}}), "lambda_max");
  EXPECT_EQ(resolve_key("ti-mooney-rivlin", {{"c4", 0.0}}), "c4");
  EXPECT_EQ(resolve_key("ti-mooney-rivlin", {{"c5", -5.0}}), "c5");
}

TEST(Parameters, RequiredParametersMustBeGiven) {
  EXPECT_EQ(resolve_key("neo-hookean", {}), "E");
  EXPECT_EQ(resolve_key("mooney-rivlin", {{"k", 10.0}}), "c1");
  EXPECT_EQ(resolve_key("mooney-rivlin", {{"c1", 1.0}}), "k");
}

// c1 alone may be negative, but c1 + c2 (half the shear modulus) must be positive.
TEST(Parameters, CrossParameterConstraints) {
  EXPECT_EQ(create_key("mooney-rivlin", {{"c1", -0.3}, {"c2", 0.2}, {"k", 10.0}}), "c1");
  EXPECT_EQ(create_key("mooney-rivlin", {{"c1", 0.0}, {"c2", 0.0}, {"k", 10.0}}), "c1");
  EXPECT_EQ(create_key("mooney-rivlin", {{"c1", -0.1}, {"c2", 0.2}, {"k", 10.0}}), "");
  EXPECT_EQ(create_key("ti-mooney-rivlin", {{"c1", -0.3}, {"c2", 0.2}}), "c1");
  EXPECT_EQ(create_key("ti-mooney-rivlin", {{"c1", -0.1}, {"c2", 0.2}}), "");
  // A toe so steep that c3 exp(c4 (lambda* - 1)) overflows.
  EXPECT_EQ(create_key("ti-mooney-rivlin", {{"c4", 1000.0}, {"lambda_max", 2.0}}), "lambda_max");
}

TEST(Parameters, TendonDefaults) {
  auto defaults = [](const std::string& law, const std::map<std::string, Real>& given) {
    return resolve_parameters(registry().entry(law).parameters, given);
  };
  for (const char* hgo : {"hgo", "hgo-coupled"}) {
    const ParameterSet p = defaults(hgo, {});
    EXPECT_EQ(p["c"], 1.0);
    EXPECT_EQ(p["k1"], 141.0);
    EXPECT_EQ(p["k2"], 19.1);
    EXPECT_EQ(p["kappa"], 0.0);
    EXPECT_EQ(p["k"], 100.0);
  }
  const ParameterSet ti = defaults("ti-mooney-rivlin", {});
  EXPECT_EQ(ti["c1"], 1.0);
  EXPECT_EQ(ti["c2"], 0.0);
  EXPECT_EQ(ti["c3"], 7.53);
  EXPECT_EQ(ti["c4"], 40.0);
  EXPECT_EQ(ti["c5"], 1000.0);
  EXPECT_EQ(ti["lambda_max"], 1.03);
  EXPECT_EQ(ti["k"], 100.0);
  EXPECT_EQ(defaults("neo-hookean", {{"E", 2.0}})["nu"], 0.3);
}

// Small-strain constants: neo-Hookean mu = E / (2 (1 + nu)), lambda = E nu / ((1 + nu)(1 - 2 nu))
// appear in the reference tangent D = lambda 1 (x) 1 + 2 mu II.
TEST(Parameters, NeoHookeanLameConstants) {
  const Real E = 3.0, nu = 0.35;
  const auto law = make_law(representative_cases().at("neo-hookean"), {{"E", E}, {"nu", nu}});
  const Real mu = E / (2 * (1 + nu)), lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  EXPECT_NEAR(law->shear_modulus(), mu, 1e-14);
  const Mat6 D = total_stress_tangent(*law, Mat3::Identity(), PointFields{}).D;
  Mat6 expected = 2.0 * mu * symmetric_identity();
  expected.topLeftCorner<3, 3>().array() += lambda;
  EXPECT_LT(relative_error(D, expected), 1e-14);
}

}  // namespace
}  // namespace sinew::materials::testing
