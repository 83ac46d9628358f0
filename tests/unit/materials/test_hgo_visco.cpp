// The visco-hyperelastic hgo-visco law (hgo_visco.hpp): stress relaxation under a step strain
// against the closed form, creep of a linear fibre under a constant load against its closed form,
// the tendon defaults' creep timing (84% within 15-20 s of a 30 s hold, Ryan et al. 2011), and
// the stress and tangent as derivatives of the increment's potential with a non-zero history.
#include <gtest/gtest.h>

#include <cmath>

#include "core/parameters.hpp"
#include "materials/hgo_fibre.hpp"
#include "materials/hgo_visco.hpp"
#include "materials/voigt.hpp"

namespace sinew::materials {
namespace {

HgoVisco law_with(std::map<std::string, Real> given) {
  return HgoVisco(resolve_parameters(HgoVisco::parameter_specs(), given));
}

Mat3 visco_uniaxial(Real lambda) {
  return Vec3(lambda * lambda, 1.0 / lambda, 1.0 / lambda).asDiagonal();
}

// A step strain applied in one instantaneous increment (dt = 0), then held with steps dt.
TEST(HgoVisco, StepStrainRelaxesAsTheClosedForm) {
  const Real tau = 9.0, beta = 0.3;
  const HgoVisco law = law_with({{"tau", tau}, {"beta", beta}});
  const HgoVisco elastic = law_with({{"tau", tau}, {"beta", 0.0}});
  const Mat3 C = visco_uniaxial(1.04);
  PointFields p = law.default_fields();
  p.time_step = 0.0;
  const Real s0 = law.stress_tangent(C, p).S(0, 0);
  const Real s_inf = elastic.stress_tangent(C, elastic.default_fields()).S(0, 0);
  law.update_state(C, p);
  for (const Real dt : {0.1, 0.5, 2.0}) {
    PointFields q = p;
    Real t = 0.0;
    for (int i = 0; i < static_cast<int>(std::lround(30.0 / dt)); ++i) {
      q.time_step = dt;
      t += dt;
      const Real s = law.stress_tangent(C, q).S(0, 0);
      const Real closed = s_inf + (s0 - s_inf) * std::exp(-t / tau);
      ASSERT_NEAR(s / closed, 1.0, 1e-3) << "dt " << dt << " t " << t;
      law.update_state(C, q);
    }
  }
  // The instantaneous fibre stiffness is (1 + beta) times the long-term one.
  const Real matrix = law_with({{"k1", 0.0}}).stress_tangent(C, PointFields{}).S(0, 0);
  EXPECT_NEAR((s0 - matrix) / (s_inf - matrix), 1.0 + beta, 1e-12);
}

// Constant fibre stress F (conjugate to E) from t = 0 on a nearly linear fibre (k2 -> 0:
// dPsi/dE = k1 E): E(t) = F/k1 - (F/k1 - F/(k1 (1 + beta))) exp(-t / (tau (1 + beta))).
struct Creep {
  Real k1 = 100.0, F = 2.0, tau, beta, dt;
  // E after each step, solving (1 + b) k1 E + a = F for E (linear: one step of Newton).
  std::vector<Real> run(Real duration) const {
    const FibreMaxwell branch{tau, beta};
    PointFields p;
    std::vector<Real> E;
    const int n = static_cast<int>(std::lround(duration / dt));
    for (int i = 0; i <= n; ++i) {
      p.time_step = i == 0 ? 0.0 : dt;
      const FibreMaxwell::Weights w = branch.weights(p.time_step, p);
      const Real e = (F - w.a) / ((1.0 + w.b) * k1);
      const HgoFibreTerm t = hgo_fibre_term(k1, 1e-12, e);
      EXPECT_NEAR((1.0 + w.b) * t.dpsi + w.a, F, 1e-9 * F);
      branch.update(t.dpsi, p);
      E.push_back(e);
    }
    return E;
  }
  Real closed(Real t) const {
    const Real e_inf = F / k1, e0 = F / (k1 * (1.0 + beta));
    return e_inf - (e_inf - e0) * std::exp(-t / (tau * (1.0 + beta)));
  }
};

TEST(HgoVisco, ConstantLoadCreepsAsTheClosedForm) {
  const Creep c{.tau = 4.0, .beta = 0.5, .dt = 0.05};
  const auto E = c.run(40.0);
  for (size_t i = 0; i < E.size(); i += 40)
    EXPECT_NEAR(E[i] / c.closed(static_cast<Real>(i) * c.dt), 1.0, 1e-3) << i;
  EXPECT_NEAR(E.back() / (c.F / c.k1), 1.0, 1e-3);  // approaches the long-term strain
}

// Ryan et al. 2011 (Scand J Med Sci Sports 22:179): in 30 s constant-torque stretches 84% of the
// creep occurred within the first 15-20 s. The law's defaults (tau = 9 s, beta = 0.3) do that.
TEST(HgoVisco, TendonDefaultsCreep84PercentWithin15To20Seconds) {
  const HgoVisco law = law_with({});
  const Creep c{.tau = law.branch().tau, .beta = law.branch().beta, .dt = 0.01};
  const auto E = c.run(30.0);
  auto fraction = [&](Real t) {
    return (E[static_cast<size_t>(std::lround(t / c.dt))] - E.front()) / (E.back() - E.front());
  };
  EXPECT_LT(fraction(15.0), 0.84);
  EXPECT_GT(fraction(20.0), 0.84);
  EXPECT_NEAR(fraction(17.5), 0.84, 0.01);
}

// With a history (q_n, f_n) and dt > 0, S is the derivative of the increment's potential and D
// that of S (central differences, as test_law_consistency.cpp does for every law at rest).
TEST(HgoVisco, StressAndTangentDeriveFromTheIncrementPotentialWithHistory) {
  const HgoVisco law = law_with({{"kappa", 0.1}});
  PointFields p = law.default_fields();
  p.fibre = Vec3(1.0, 0.2, 0.1).normalized();
  p.state[FibreMaxwell::kOverstressSlot] = 0.7;
  p.state[FibreMaxwell::kElasticSlot] = 1.3;
  p.time_step = 0.8;
  Mat3 F;
  F << 1.05, 0.02, 0.01, 0.01, 0.98, 0.0, 0.0, 0.015, 0.99;
  const Mat3 C = F.transpose() * F;
  const StressTangent st = law.stress_tangent(C, p);
  const Real h = 1e-6;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      Mat3 dC = Mat3::Zero();
      dC(i, j) += 0.5 * h;
      dC(j, i) += 0.5 * h;
      const Real dW = (law.energy(C + dC, p) - law.energy(C - dC, p)) / (2.0 * h);
      EXPECT_NEAR(2.0 * dW, st.S(i, j), 1e-6 * st.S.norm()) << i << j;
    }
  // D = dS/dE in Voigt form with engineering shear strains: C = I + 2E.
  for (int k = 0; k < 6; ++k) {
    Vec6 e = Vec6::Zero();
    e[k] = h;
    const Mat3 dC = 2.0 * from_voigt_strain(e);
    const Vec6 col =
        to_voigt(law.stress_tangent(C + dC, p).S - law.stress_tangent(C - dC, p).S) / (2.0 * h);
    EXPECT_LT((col - st.D.col(k)).norm(), 1e-5 * st.D.norm()) << k;
  }
}

}  // namespace
}  // namespace sinew::materials
