// Irreversible fibre damage of the fibre-reinforced laws (hgo, hgo-coupled, ti-mooney-rivlin).
//
// The damage function, parameter validation, S and D against finite differences in the loading
// (driver above the history) and unloading (below it) branches, symmetry of the tangent, the
// damaged energy against an independent quadrature, a load-unload-reload path at a material
// point with the history updated by hand, and "damage off changes nothing".
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "material_test_support.hpp"
#include "materials/ti_mooney_rivlin.hpp"

namespace sinew::materials::testing {
namespace {

// Tendon values (fibre_damage.cpp): damage from 6% strain, complete at 15%.
constexpr Real kOnset = 1.06, kFull = 1.15;
constexpr int kSamples = 12;
// Finite-difference steps as in test_law_consistency.cpp; the samples keep at least 2e-3 in
// stretch away from the history, where D jumps.
constexpr Real kStressStep = 1e-6, kTangentStep = 1e-6;

/// A damage case: one fibre law (HGO ones with kappa = 0 and 0.1) with damage parameters.
struct DamageCase {
  std::string law;
  Real kappa = 0.0;
  std::string label;
};
void PrintTo(const DamageCase& c, std::ostream* os) { *os << c.label; }

std::vector<DamageCase> damage_cases() {
  return {{"hgo", 0.0, "hgo_kappa0"},
          {"hgo", 0.1, "hgo_kappa0_1"},
          {"hgo-coupled", 0.0, "hgo_coupled_kappa0"},
          {"hgo-coupled", 0.1, "hgo_coupled_kappa0_1"},
          {"ti-mooney-rivlin", 0.0, "ti_mooney_rivlin"}};
}

std::map<std::string, Real> damage_params(Real onset = kOnset, Real full = kFull) {
  return {{"damage_onset_stretch", onset}, {"damage_full_stretch", full}};
}

class DamageTest : public ::testing::TestWithParam<DamageCase> {
 protected:
  void SetUp() override {
    base = representative_cases().at(GetParam().law);
    std::map<std::string, Real> extra = damage_params();
    if (GetParam().law != "ti-mooney-rivlin") extra["kappa"] = GetParam().kappa;
    law = make_law(base, extra);
    std::map<std::string, Real> no_damage;
    if (GetParam().law != "ti-mooney-rivlin") no_damage["kappa"] = GetParam().kappa;
    undamaged = make_law(base, no_damage);
    std::map<std::string, Real> matrix = no_damage;
    for (const auto& k : base.fibre_params) matrix[k] = 0.0;
    matrix_only = make_law(base, matrix);
    rng.seed(seed_of(GetParam().label + "/damage"));
    fields = law->default_fields();
    initialise_state(*law, fields);
    fields.fibre = random_unit(rng);
  }

  /// A C whose equivalent fibre stretch lies in (lo, hi): a stretch along the fibre with some
  /// lateral contraction, a small general deformation and a rotation, drawn until it fits.
  Mat3 sample_with_fibre_stretch(Real lo, Real hi) {
    for (;;) {
      const Real lambda = uniform(rng, lo, hi);
      const Real t = uniform(rng, 0.9, 1.05) / std::sqrt(lambda);
      const Mat3 F = random_rotation(rng) * fibre_stretch(fields.fibre, lambda, t) *
                     random_deformation(rng, 0.03);
      const Mat3 C = F.transpose() * F;
      const Real s = law->fibre_stretch(C, fields);
      if (s > lo && s < hi) return C;
    }
  }

  LawCase base;
  std::unique_ptr<Material> law, undamaged, matrix_only;
  std::mt19937_64 rng;
  PointFields fields;
};

// ---------------------------------------------------------------------------------------------
// The damage function.

TEST_P(DamageTest, DamageFunctionIsMonotoneSmoothstep) {
  EXPECT_TRUE(has_fibre_damage(*law));
  EXPECT_FALSE(has_fibre_damage(*undamaged));
  EXPECT_EQ(damage_at(*law, 1.0), 0.0);
  EXPECT_EQ(damage_at(*law, kOnset), 0.0);
  EXPECT_EQ(damage_at(*law, kFull), 1.0);
  EXPECT_EQ(damage_at(*law, 2.0), 1.0);
  EXPECT_NEAR(damage_at(*law, 0.5 * (kOnset + kFull)), 0.5, 1e-15);
  // x = 1/4: 3/16 - 2/64 = 0.15625.
  EXPECT_NEAR(damage_at(*law, kOnset + 0.25 * (kFull - kOnset)), 0.15625, 1e-14);
  Real previous = 0.0;
  for (Real s = 1.0; s <= 1.2; s += 1e-3) {
    const Real d = damage_at(*law, s);
    EXPECT_GE(d, previous) << "stretch " << s;
    EXPECT_GE(d, 0.0);
    EXPECT_LE(d, 1.0);
    EXPECT_EQ(damage_at(*undamaged, s), 0.0);
    previous = d;
  }
  // The slope vanishes at both ends (smoothstep): D(onset + e) = 1 - D(full - e) = 3x^2 - 2x^3,
  // x = e / w, which is O(e^2).
  const Real w = kFull - kOnset, e = 1e-4, x = e / w;
  EXPECT_NEAR(damage_at(*law, kOnset + e), x * x * (3 - 2 * x), 1e-15);
  EXPECT_NEAR(1.0 - damage_at(*law, kFull - e), x * x * (3 - 2 * x), 1e-15);
}

// The driver: sqrt(1 + E) for HGO (E on the modified invariants for "hgo"), lambda_bar for TI-MR;
// exactly the fibre stretch for an isochoric uniaxial stretch with kappa = 0; 1 in compression.
TEST_P(DamageTest, FibreStretchIsTheEquivalentStretch) {
  const Real lambda = 1.1;
  const Mat3 F = random_rotation(rng) * fibre_stretch(fields.fibre, lambda, 1 / std::sqrt(lambda));
  const Mat3 C = F.transpose() * F;
  if (GetParam().kappa == 0.0) {
    EXPECT_NEAR(law->fibre_stretch(C, fields), lambda, 1e-14);
  } else {
    // E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1), J = 1.
    const Real k = GetParam().kappa;
    const Real E = k * (lambda * lambda + 2 / lambda - 3) + (1 - 3 * k) * (lambda * lambda - 1);
    EXPECT_NEAR(law->fibre_stretch(C, fields), std::sqrt(1 + E), 1e-14);
  }
  EXPECT_EQ(undamaged->fibre_stretch(C, fields), law->fibre_stretch(C, fields));
  const Mat3 Fc = fibre_stretch(fields.fibre, 0.9, 1 / std::sqrt(0.9));
  EXPECT_EQ(law->fibre_stretch(Fc.transpose() * Fc, fields), 1.0);
  // Uncoupled laws: a volume change alone does not stretch the fibres.
  if (law->is_uncoupled()) {
    const Mat3 Cv = 1.1 * 1.1 * Mat3::Identity();
    EXPECT_NEAR(law->fibre_stretch(Cv, fields), 1.0, 1e-15);
  }
}

// ---------------------------------------------------------------------------------------------
// Consistency of the damaged potential, stress and tangent.

/// Worst relative FD errors of S (vs the total energy) and D (vs S) over samples drawn by `next`.
struct FdErrors {
  Real stress = 0.0, tangent = 0.0, asymmetry = 0.0;
};

template <class Next>
FdErrors check_against_fd(const Material& law, Next&& next) {
  FdErrors worst;
  for (int i = 0; i < kSamples; ++i) {
    const auto [C, p] = next(i);
    const StressTangent st = total_stress_tangent(law, C, p);
    const Mat3 S_fd =
        fd_stress([&](const Mat3& c) { return total_energy(law, c, p); }, C, kStressStep);
    const Mat6 D_fd = fd_tangent([&](const Mat3& c) { return total_stress_tangent(law, c, p).S; },
                                 C, kTangentStep);
    const Real es = relative_error(S_fd, st.S), ed = relative_error(D_fd, st.D);
    const Real ea = relative_error(st.D.transpose().eval(), st.D);
    EXPECT_LT(es, 1e-6) << "sample " << i << "\nS =\n" << st.S << "\nFD =\n" << S_fd;
    EXPECT_LT(ed, 1e-6) << "sample " << i << "\nD =\n" << st.D << "\nFD =\n" << D_fd;
    EXPECT_LT(ea, 1e-14) << "sample " << i << ": tangent not symmetric";
    worst.stress = std::max(worst.stress, es);
    worst.tangent = std::max(worst.tangent, ed);
    worst.asymmetry = std::max(worst.asymmetry, ea);
  }
  return worst;
}

// Loading: the driver above the history and inside (onset, full), so D' != 0 and damage grows.
// Half the samples have virgin fibres (history 1), half an earlier damaging stretch below the
// current one; every other sample has non-unit fibre and matrix scales.
TEST_P(DamageTest, LoadingBranchMatchesFiniteDifferences) {
  const FdErrors e = check_against_fd(*law, [&](int i) {
    const Mat3 C = sample_with_fibre_stretch(kOnset + 0.005, kFull - 0.005);
    PointFields p = fields;
    const Real s = law->fibre_stretch(C, p);
    stretch_max(p) = i % 2 == 0 ? 1.0 : uniform(rng, 1.0, s - 2e-3);
    if (i % 4 >= 2) {
      p.fibre_scale = 0.7;
      p.matrix_scale = 1.3;
    }
    // The damage term is active: the loading tangent differs from the elastic one that the same
    // state has when the history sits just above it.
    PointFields elastic = p;
    stretch_max(elastic) = s + 1e-9;
    const Mat6 D_load = law->stress_tangent(C, p).D, D_elastic = law->stress_tangent(C, elastic).D;
    EXPECT_GT(relative_error(D_load, D_elastic), 1e-3) << "sample " << i;
    // The stress is continuous there: moving the history by 1e-9 changes it by about
    // 1e-9 D'/(1 - D), at most 2e-7 for the samples (1 - D >= 0.005 / (full - onset)).
    EXPECT_LT(relative_error(law->stress_tangent(C, p).S, law->stress_tangent(C, elastic).S), 1e-6);
    return std::make_pair(C, p);
  });
  RecordProperty("worst_stress_error", sci(e.stress));
  RecordProperty("worst_tangent_error", sci(e.tangent));
  RecordProperty("worst_asymmetry", sci(e.asymmetry));
}

// Unloading / reloading below the history: the undamaged law scaled by 1 - D(history).
TEST_P(DamageTest, UnloadingBranchMatchesFiniteDifferences) {
  const FdErrors e = check_against_fd(*law, [&](int i) {
    const Mat3 C = sample_with_fibre_stretch(i % 3 == 0 ? 1.02 : kOnset, kFull - 0.03);
    PointFields p = fields;
    stretch_max(p) = law->fibre_stretch(C, p) + uniform(rng, 2e-3, 0.025);
    if (i % 4 >= 2) {
      p.fibre_scale = 0.7;
      p.matrix_scale = 1.3;
    }
    return std::make_pair(C, p);
  });
  RecordProperty("worst_stress_error", sci(e.stress));
  RecordProperty("worst_tangent_error", sci(e.tangent));
  RecordProperty("worst_asymmetry", sci(e.asymmetry));
}

// Below the history the fibre part of S and D is (1 - D(history)) times the undamaged one.
TEST_P(DamageTest, UnloadingIsScaledUndamagedResponse) {
  for (int i = 0; i < kSamples; ++i) {
    const Mat3 C = sample_with_fibre_stretch(1.01, kFull - 0.03);
    PointFields p = fields;
    stretch_max(p) = law->fibre_stretch(C, p) + uniform(rng, 1e-3, 0.03);
    const Real keep = 1.0 - damage_at(*law, stretch_max(p));
    const StressTangent d = law->stress_tangent(C, p), u = undamaged->stress_tangent(C, p),
                        m = matrix_only->stress_tangent(C, p);
    EXPECT_LT(relative_error(Mat3(d.S - m.S), Mat3(keep * (u.S - m.S))), 1e-12);
    EXPECT_LT(relative_error(Mat6(d.D - m.D), Mat6(keep * (u.D - m.D))), 1e-12);
    EXPECT_NEAR(law->energy(C, p) - matrix_only->energy(C, p),
                keep * (undamaged->energy(C, p) - matrix_only->energy(C, p)),
                1e-13 * undamaged->energy(C, p));
  }
}

// ---------------------------------------------------------------------------------------------
// A load-unload-reload path along the fibre at a material point (isochoric uniaxial kinematics,
// F = diag(lambda, lambda^-1/2, lambda^-1/2) in the fibre frame, so that for kappa = 0 the
// equivalent fibre stretch is lambda). The history is committed after every step as the
// finite-element problem does through Material::update_state: lambda_m = max(lambda_m,
// fibre_stretch(C)).

struct PathPoint {
  Real lambda, fibre_stress;
};

class MaterialPoint {
 public:
  MaterialPoint(const Material& law, const Material& matrix_only, PointFields p)
      : law_(law), matrix_(matrix_only), p_(p) {}

  /// Moves to stretch lambda, commits the history and returns the fibre part of the axial
  /// Cauchy stress (the law's minus the matrix-only law's, MPa).
  Real step(Real lambda) {
    const Real s = trial(lambda);
    const Mat3 F = deformation(lambda);
    law_.update_state(F.transpose() * F, p_);
    return s;
  }

  /// The same without committing (a trial state within an increment).
  Real trial(Real lambda) const {
    const Mat3 F = deformation(lambda);
    const Mat3 C = F.transpose() * F;
    const Mat3 sigma = cauchy(F, total_stress_tangent(law_, C, p_).S) -
                       cauchy(F, total_stress_tangent(matrix_, C, p_).S);
    return p_.fibre.dot(sigma * p_.fibre);
  }

  Real history() const { return p_.state[FibreDamage::kStretchMaxSlot]; }

  Mat3 deformation(Real lambda) const {
    return fibre_stretch(p_.fibre, lambda, 1.0 / std::sqrt(lambda));
  }

 private:
  const Material& law_;
  const Material& matrix_;
  PointFields p_;
};

/// The path tests are written for aligned fibres (kappa = 0).
class DamagePathTest : public DamageTest {};

TEST_P(DamagePathTest, LoadUnloadReloadPath) {
  MaterialPoint point(*law, *matrix_only, fields);
  MaterialPoint virgin(*undamaged, *matrix_only, fields);  // damage off: the reference curve
  auto virgin_damaged = [&](Real lambda) {  // (1 - D(lambda)) sigma_f,undamaged(lambda)
    return (1.0 - damage_at(*law, lambda)) * virgin.trial(lambda);
  };
  const Real lambda_a = 1.10, lambda_b = 1.13;
  const Real tol = 1e-10;

  // Load to lambda_a: up to the onset the undamaged curve, then the virgin damaged curve.
  Real peak = 0.0;
  for (Real l = 1.0; l <= lambda_a + 1e-12; l += 0.005) {
    const Real s = point.step(l);
    EXPECT_NEAR(s, virgin_damaged(l), tol * (1 + std::abs(s))) << "loading at " << l;
    if (l <= kOnset) {
      EXPECT_NEAR(s, virgin.trial(l), tol * (1 + std::abs(s)));
    }
    peak = std::max(peak, s);
  }
  EXPECT_NEAR(point.history(), lambda_a, 1e-12);
  const Real keep_a = 1.0 - damage_at(*law, lambda_a);
  EXPECT_GT(keep_a, 0.2);
  EXPECT_LT(keep_a, 0.8);

  // Unload to 1: the undamaged curve scaled by 1 - D(lambda_a); the history does not move.
  std::vector<PathPoint> unloading;
  for (Real l = lambda_a; l >= 1.0 - 1e-12; l -= 0.01) {
    const Real s = point.step(l);
    EXPECT_NEAR(s, keep_a * virgin.trial(l), tol * (1 + std::abs(s))) << "unloading at " << l;
    unloading.push_back({l, s});
  }
  EXPECT_NEAR(point.history(), lambda_a, 1e-12);
  EXPECT_NEAR(unloading.back().fibre_stress, 0.0, 1e-12);  // no permanent set in the fibres

  // Reload: the unloading curve up to lambda_a, then the virgin damaged curve.
  for (auto it = unloading.rbegin(); it != unloading.rend(); ++it)
    EXPECT_EQ(point.trial(it->lambda), it->fibre_stress) << "reloading at " << it->lambda;
  for (Real l = 1.0; l <= lambda_b + 1e-12; l += 0.005) {
    const Real s = point.step(l);
    const Real expected = l <= lambda_a ? keep_a * virgin.trial(l) : virgin_damaged(l);
    EXPECT_NEAR(s, expected, tol * (1 + std::abs(s))) << "reloading at " << l;
  }
  // Above the history the loading curve does not depend on the path that led there.
  EXPECT_NEAR(point.trial(1.14), virgin_damaged(1.14), tol * (1 + virgin.trial(1.14)));

  // Stretching past full damage: the fibres carry nothing, loading or unloading afterwards.
  for (Real l : {1.15, 1.17, 1.20}) EXPECT_EQ(point.step(l), 0.0) << "at " << l;
  EXPECT_EQ(damage_at(*law, point.history()), 1.0);
  for (Real l : {1.18, 1.10, 1.03, 1.0, 1.12}) EXPECT_EQ(point.step(l), 0.0) << "at " << l;

  // The matrix-only comparison is not vacuous: the undamaged fibres carry a lot at 1.12.
  EXPECT_GT(virgin.trial(1.12), 5.0 * law->shear_modulus());
  RecordProperty("peak_fibre_stress_MPa", sci(peak));
}

// The energy is the damaged potential Phi(x; h) = (1 - D(h)) psi(h) + int_h^x (1 - D) psi' for
// x > h (checked against composite Simpson on the uniaxial path) and continuous across h.
TEST_P(DamagePathTest, EnergyIsTheDamagedPotential) {
  MaterialPoint geometry(*law, *matrix_only, fields);
  auto fibre_energy = [&](const Material& m, Real lambda, Real history) {
    PointFields p = fields;
    stretch_max(p) = history;
    const Mat3 F = geometry.deformation(lambda);
    const Mat3 C = F.transpose() * F;
    return m.energy(C, p) - matrix_only->energy(C, p);
  };
  // psi'(x) of the undamaged law in the driver variable x (E = lambda^2 - 1 or lambda), and the
  // driver of a stretch.
  const bool hgo = GetParam().law != "ti-mooney-rivlin";
  const ParameterSet ti_params =
      resolve_parameters(registry().entry("ti-mooney-rivlin").parameters,
                         representative_cases().at("ti-mooney-rivlin").params);
  const TiMooneyRivlin ti(ti_params);
  const Real k1 = base.params.count("k1") ? base.params.at("k1") : 0.0;
  const Real k2 = base.params.count("k2") ? base.params.at("k2") : 1.0;
  auto driver = [&](Real lambda) { return hgo ? lambda * lambda - 1.0 : lambda; };
  auto stretch = [&](Real x) { return hgo ? std::sqrt(1.0 + x) : x; };
  auto dpsi = [&](Real x) {
    return hgo ? k1 * x * std::exp(k2 * x * x) : ti.fibre_stress(x).g / x;
  };
  auto simpson = [](auto&& f, Real a, Real b, int n) {
    const Real h = (b - a) / n;
    Real s = f(a) + f(b);
    for (int i = 1; i < n; ++i) s += (i % 2 ? 4.0 : 2.0) * f(a + i * h);
    return s * h / 3.0;
  };
  const Real lambda_star = ti_params["lambda_max"];
  for (const auto& [history, lambda] : std::vector<std::pair<Real, Real>>{
           {1.0, 1.04}, {1.0, 1.09}, {1.07, 1.12}, {1.09, 1.2}, {1.02, 1.14}}) {
    SCOPED_TRACE("history " + std::to_string(history) + ", stretch " + std::to_string(lambda));
    const Real a = driver(history), b = driver(lambda);
    auto integrand = [&](Real x) { return (1.0 - damage_at(*law, stretch(x))) * dpsi(x); };
    // Simpson piecewise between the kinks of the integrand: onset and full damage (D'' jumps)
    // and, for TI-MR, lambda* (the slope of g jumps).
    std::vector<Real> knots{a, b, driver(kOnset), driver(kFull)};
    if (!hgo) knots.push_back(lambda_star);
    std::sort(knots.begin(), knots.end());
    Real integral = 0.0;
    for (size_t k = 0; k + 1 < knots.size(); ++k) {
      const Real lo = std::max(a, knots[k]), hi = std::min(b, knots[k + 1]);
      if (hi > lo) integral += simpson(integrand, lo, hi, 2000);
    }
    const Real expected =
        (1.0 - damage_at(*law, history)) * fibre_energy(*undamaged, history, 1.0) + integral;
    EXPECT_NEAR(fibre_energy(*law, lambda, history), expected, 1e-11 * expected);
    // Continuity at the history: the change across it shrinks with the distance (a jump would
    // not).
    auto across = [&](Real delta) {
      return std::abs(fibre_energy(*law, history * (1 + delta), history) -
                      fibre_energy(*law, history * (1 - delta), history));
    };
    EXPECT_LE(across(1e-8), 0.02 * across(1e-6) + 1e-15);
  }
}

// ---------------------------------------------------------------------------------------------
// Damage off: bitwise what the law did before damage existed, whatever the history field holds;
// and damage on but nothing reached beyond the onset: bitwise the undamaged law.

TEST_P(DamageTest, DamageOffIgnoresHistoryBitwise) {
  std::map<std::string, Real> explicit_off = damage_params(0.0, 0.0);
  if (GetParam().law != "ti-mooney-rivlin") explicit_off["kappa"] = GetParam().kappa;
  const auto off = make_law(base, explicit_off);
  EXPECT_FALSE(has_fibre_damage(*off));
  for (int i = 0; i < kSamples; ++i) {
    const Mat3 F = random_deformation(rng);
    const Mat3 C = F.transpose() * F;
    PointFields p = fields, q = fields;
    stretch_max(q) = uniform(rng, 1.0, 1.3);
    const StressTangent a = undamaged->stress_tangent(C, p), b = undamaged->stress_tangent(C, q),
                        c = off->stress_tangent(C, q);
    EXPECT_TRUE(a.S == b.S && a.D == b.D) << "history changed an undamaged law";
    EXPECT_TRUE(a.S == c.S && a.D == c.D);
    EXPECT_EQ(undamaged->energy(C, p), undamaged->energy(C, q));
    EXPECT_EQ(undamaged->energy(C, p), off->energy(C, q));
  }
}

TEST_P(DamageTest, BelowOnsetIsBitwiseUndamaged) {
  for (int i = 0; i < kSamples; ++i) {
    const Mat3 C = sample_with_fibre_stretch(0.95, kOnset - 1e-3);
    PointFields p = fields;
    stretch_max(p) = i % 2 ? 1.0 : uniform(rng, 1.0, kOnset);
    const StressTangent a = law->stress_tangent(C, p), b = undamaged->stress_tangent(C, p);
    EXPECT_TRUE(a.S == b.S) << "sample " << i << "\n" << a.S - b.S;
    EXPECT_TRUE(a.D == b.D) << "sample " << i;
    EXPECT_EQ(law->energy(C, p), undamaged->energy(C, p)) << "sample " << i;
  }
}

std::string damage_case_name(const ::testing::TestParamInfo<DamageCase>& info) {
  return info.param.label;
}
std::vector<DamageCase> aligned_damage_cases() {
  std::vector<DamageCase> out;
  for (const auto& c : damage_cases())
    if (c.kappa == 0.0) out.push_back(c);
  return out;
}
INSTANTIATE_TEST_SUITE_P(FibreLaws, DamageTest, ::testing::ValuesIn(damage_cases()),
                         damage_case_name);
INSTANTIATE_TEST_SUITE_P(FibreLaws, DamagePathTest, ::testing::ValuesIn(aligned_damage_cases()),
                         damage_case_name);

// ---------------------------------------------------------------------------------------------
// The history is a declared state variable: fibre_stretch_max (slot 0, units 1, initial 1), set
// by initialise_state, advanced by update_state to the running maximum, and read back as the
// declared point output fibre_damage. Damage off declares nothing and update_state is a no-op.

TEST_P(DamageTest, HistoryIsADeclaredStateVariable) {
  const auto vars = law->state_variables();
  ASSERT_EQ(vars.size(), 1u);
  EXPECT_EQ(vars[0].name, "fibre_stretch_max");
  EXPECT_EQ(vars[0].offset, FibreDamage::kStretchMaxSlot);
  EXPECT_EQ(vars[0].components, 1);
  EXPECT_EQ(vars[0].units, "1");
  EXPECT_EQ(vars[0].initial, 1.0);
  EXPECT_TRUE(undamaged->state_variables().empty());
  EXPECT_TRUE(undamaged->point_outputs().empty());
  PointFields p = law->default_fields();
  stretch_max(p) = 0.0;
  initialise_state(*law, p);
  EXPECT_EQ(stretch_max(p), 1.0);
  const Real lambda = 1.1;
  const Mat3 F = fibre_stretch(p.fibre, lambda, 1 / std::sqrt(lambda));
  const Mat3 C = F.transpose() * F;
  const Real s = law->fibre_stretch(C, p);
  ASSERT_GT(s, kOnset);
  law->update_state(C, p);
  EXPECT_EQ(stretch_max(p), s);
  law->update_state(Mat3::Identity(), p);  // unloading keeps the maximum
  EXPECT_EQ(stretch_max(p), s);
  PointFields q = undamaged->default_fields();
  const PointFields q0 = q;
  undamaged->update_state(C, q);
  EXPECT_EQ(q.state, q0.state);
  const auto outs = law->point_outputs();
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0].name, "fibre_damage");
  Real d = -1.0;
  outs[0].evaluate(p, &d);
  const Real x = (s - kOnset) / (kFull - kOnset);
  EXPECT_NEAR(d, x * x * (3 - 2 * x), 1e-14);
}

// ---------------------------------------------------------------------------------------------
// Laws without fibres have no damage and a unit driver.

TEST(FibreDamage, LawsWithoutFibres) {
  for (const char* name : {"neo-hookean", "mooney-rivlin"}) {
    SCOPED_TRACE(name);
    const auto law = make_law(representative_cases().at(name));
    EXPECT_FALSE(has_fibre_damage(*law));
    const Mat3 F = fibre_stretch(Vec3::UnitX(), 1.3, 1.0);
    EXPECT_EQ(law->fibre_stretch(F.transpose() * F, law->default_fields()), 1.0);
    EXPECT_EQ(damage_at(*law, 1.5), 0.0);
  }
}

// Both 0 is off; otherwise 1 < onset < full, with the offending key in the error.
TEST(FibreDamage, ParameterValidation) {
  auto key = [](const std::string& law, Real onset, Real full) {
    try {
      make_law(representative_cases().at(law), damage_params(onset, full));
    } catch (const ParameterError& e) {
      return e.key();
    }
    return std::string();
  };
  for (const char* law : {"hgo", "hgo-coupled", "ti-mooney-rivlin"}) {
    SCOPED_TRACE(law);
    EXPECT_EQ(key(law, 0.0, 0.0), "");
    EXPECT_EQ(key(law, 1.06, 1.15), "");
    EXPECT_EQ(key(law, 1.06, 0.0), "damage_full_stretch");
    EXPECT_EQ(key(law, 0.0, 1.15), "damage_onset_stretch");
    EXPECT_EQ(key(law, 1.0, 1.15), "damage_onset_stretch");
    EXPECT_EQ(key(law, 0.9, 1.15), "damage_onset_stretch");
    EXPECT_EQ(key(law, 1.15, 1.15), "damage_full_stretch");
    EXPECT_EQ(key(law, 1.15, 1.06), "damage_full_stretch");
    EXPECT_EQ(key(law, -0.1, 1.15), "damage_onset_stretch");  // the declared range
    const auto& specs = registry().entry(law).parameters;
    for (const char* p : {"damage_onset_stretch", "damage_full_stretch"}) {
      const auto it = std::find_if(specs.begin(), specs.end(),
                                   [&](const ParameterSpec& s) { return s.name == p; });
      ASSERT_NE(it, specs.end()) << p;
      EXPECT_EQ(it->default_value.value_or(-1.0), 0.0);
      EXPECT_EQ(it->unit, "1");
    }
  }
}

}  // namespace
}  // namespace sinew::materials::testing
