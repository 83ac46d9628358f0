// Shared helpers of the material tests: law cases, random deformations, finite differences.
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cctype>
#include <cstdint>
#include <iomanip>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/fibre_damage.hpp"
#include "materials/material.hpp"
#include "materials/register.hpp"
#include "materials/voigt.hpp"

namespace sinew::materials::testing {

inline const MaterialRegistry& registry() {
  static const MaterialRegistry r = [] {
    MaterialRegistry reg;
    register_materials(reg);
    return reg;
  }();
  return r;
}

/// One law with representative (non-default) parameters.
struct LawCase {
  std::string law;
  std::map<std::string, Real> params;
  std::vector<std::string> fibre_params;  ///< parameters that, set to 0, remove the fibre term
  std::string label;                      ///< GoogleTest-safe name
  bool known = true;  ///< false: a registered law that has no entry in representative_cases()
};

/// GoogleTest prints a failing case by its label rather than its bytes.
inline void PrintTo(const LawCase& c, std::ostream* os) { *os << c.label; }

/// Representative parameters of every law: the example each law registers with (add_law in its
/// own file), and the parameters its specs mark as fibre terms. A law registered without an
/// example makes every parameterised test fail for it (LawCase::known == false).
inline const std::map<std::string, LawCase>& representative_cases() {
  static const std::map<std::string, LawCase> table = [] {
    std::map<std::string, LawCase> cases;
    for (const auto& name : registry().names()) {
      const auto& entry = registry().entry(name);
      if (entry.example.empty()) continue;
      LawCase c{name, entry.example, {}, "", true};
      for (const auto& spec : entry.parameters)
        if (spec.fibre_term) c.fibre_params.push_back(spec.name);
      cases.emplace(name, std::move(c));
    }
    return cases;
  }();
  return table;
}

inline std::string safe_label(const std::string& s) {
  std::string out;
  for (char ch : s) out += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

inline bool declares(const std::string& law, const std::string& parameter) {
  for (const auto& s : registry().entry(law).parameters)
    if (s.name == parameter) return true;
  return false;
}

/// Every registered law; laws with a dispersion parameter kappa twice (kappa = 0 and 0.1), and
/// laws with fibre damage once more with damage on (onset 1.05, full 1.2; kappa = 0.1), so that
/// every generic test also covers the damaged potential.
inline std::vector<LawCase> law_cases() {
  std::vector<LawCase> out;
  for (const auto& name : registry().names()) {
    auto it = representative_cases().find(name);
    if (it == representative_cases().end()) {
      out.push_back({name, {}, {}, safe_label(name), false});
      continue;
    }
    LawCase c = it->second;
    c.label = safe_label(name);
    if (declares(name, "kappa")) {
      for (Real kappa : {0.0, 0.1}) {
        LawCase ck = c;
        ck.params["kappa"] = kappa;
        ck.label += kappa == 0.0 ? "_kappa0" : "_kappa0_1";
        out.push_back(ck);
      }
    } else {
      out.push_back(c);
    }
    if (declares(name, "damage_onset_stretch")) {
      LawCase cd = c;
      cd.params["damage_onset_stretch"] = 1.05;
      cd.params["damage_full_stretch"] = 1.2;
      if (declares(name, "kappa")) {
        cd.params["kappa"] = 0.1;
        cd.label += "_kappa0_1";
      }
      cd.label += "_damage";
      out.push_back(cd);
    }
  }
  return out;
}

inline std::vector<LawCase> fibre_law_cases() {
  std::vector<LawCase> out;
  for (const auto& c : law_cases())
    if (!c.known || !c.fibre_params.empty()) out.push_back(c);
  return out;
}

inline std::string case_name(const ::testing::TestParamInfo<LawCase>& info) {
  return info.param.label;
}

/// The case's law with `overrides` applied, through resolve_parameters as the model reader does.
inline std::unique_ptr<Material> make_law(const LawCase& c,
                                          const std::map<std::string, Real>& overrides = {}) {
  std::map<std::string, Real> given = c.params;
  for (const auto& [k, v] : overrides) given[k] = v;
  const auto& entry = registry().entry(c.law);
  return registry().create(c.law, resolve_parameters(entry.parameters, given));
}

/// A fixed, platform-independent seed per label (FNV-1a).
/// The fibre damage history slot (largest equivalent fibre stretch) of a point.
inline Real& stretch_max(PointFields& p) { return p.state[FibreDamage::kStretchMaxSlot]; }

/// True when the law keeps the fibre damage history (declares fibre_stretch_max).
inline bool has_fibre_damage(const Material& law) {
  for (const auto& v : law.state_variables())
    if (v.name == "fibre_stretch_max") return true;
  return false;
}

/// The law's declared point output fibre_damage at history lambda_m (0 when not declared).
inline Real damage_at(const Material& law, Real lambda_m) {
  PointFields p = law.default_fields();
  stretch_max(p) = lambda_m;
  for (const auto& o : law.point_outputs())
    if (o.name == "fibre_damage") {
      Real d = -1.0;
      o.evaluate(p, &d);
      return d;
    }
  return 0.0;
}

inline std::uint64_t seed_of(const std::string& s) {
  std::uint64_t h = 14695981039346656037ull;
  for (char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  return h;
}

inline Real uniform(std::mt19937_64& rng, Real lo, Real hi) {
  return std::uniform_real_distribution<Real>(lo, hi)(rng);
}

inline Vec3 random_unit(std::mt19937_64& rng) {
  std::normal_distribution<Real> n(0.0, 1.0);
  Vec3 v(n(rng), n(rng), n(rng));
  return v.normalized();
}

/// Uniformly distributed rotation (unit quaternion from four normal deviates).
inline Mat3 random_rotation(std::mt19937_64& rng) {
  std::normal_distribution<Real> n(0.0, 1.0);
  Eigen::Quaternion<Real> q(n(rng), n(rng), n(rng), n(rng));
  q.normalize();
  return q.toRotationMatrix();
}

/// F = R U, U = Q diag(l1, l2, l3) Q^T with principal stretches in [1 - s, 1 + s].
inline Mat3 random_deformation(std::mt19937_64& rng, Real s = 0.3) {
  const Mat3 R = random_rotation(rng), Q = random_rotation(rng);
  const Vec3 l(uniform(rng, 1 - s, 1 + s), uniform(rng, 1 - s, 1 + s), uniform(rng, 1 - s, 1 + s));
  return R * Q * l.asDiagonal() * Q.transpose();
}

/// Stretch lambda along the unit a and t across it.
inline Mat3 fibre_stretch(const Vec3& a, Real lambda, Real t) {
  const Mat3 A = a * a.transpose();
  return lambda * A + t * (Mat3::Identity() - A);
}

/// Symmetric unit perturbation of Voigt slot v: 1 at (i, j) and (j, i).
inline Mat3 voigt_unit(int v) {
  Mat3 M = Mat3::Zero();
  M(kVoigtRow[v], kVoigtCol[v]) = 1.0;
  M(kVoigtCol[v], kVoigtRow[v]) = 1.0;
  return M;
}

/// Fourth-order central difference f'(0) ~ [f(-2h) - 8 f(-h) + 8 f(h) - f(2h)] / (12 h),
/// truncation error h^4 f^(5)/30.
template <class Fn>
Real derivative(Fn&& f, Real h) {
  return (f(-2.0 * h) - 8.0 * f(-h) + 8.0 * f(h) - f(2.0 * h)) / (12.0 * h);
}

/// 2 dW/dC by finite differences of `energy(C)` (symmetric perturbations: an off-diagonal step
/// moves C_ij and C_ji together, so the difference quotient is 2 dW/dC_ij there).
template <class EnergyFn>
Mat3 fd_stress(EnergyFn&& energy, const Mat3& C, Real h) {
  Vec6 s;
  for (int v = 0; v < 6; ++v) {
    const Mat3 M = voigt_unit(v);
    const Real d = derivative([&](Real t) { return energy(Mat3(C + t * M)); }, h);
    s(v) = v < 3 ? 2.0 * d : d;
  }
  return from_voigt(s);
}

/// dS/dE (Voigt, engineering shear) by finite differences of `stress(C)`: column b perturbs E by
/// a unit strain-like Voigt vector, i.e. C by 2 dE.
template <class StressFn>
Mat6 fd_tangent(StressFn&& stress, const Mat3& C, Real h) {
  Mat6 D;
  for (int b = 0; b < 6; ++b) {
    Vec6 e = Vec6::Zero();
    e(b) = 1.0;
    const Mat3 dC = 2.0 * from_voigt_strain(e);
    for (int a = 0; a < 6; ++a)
      D(a, b) = derivative([&](Real t) { return to_voigt(stress(Mat3(C + t * dC)))(a); }, h);
  }
  return D;
}

template <class A, class B>
Real relative_error(const A& approx, const B& exact) {
  return (approx - exact).norm() / exact.norm();
}

/// Scientific notation for RecordProperty.
inline std::string sci(Real v) {
  std::ostringstream s;
  s << std::scientific << std::setprecision(2) << v;
  return s.str();
}

inline Mat3 cauchy(const Mat3& F, const Mat3& S) { return F * S * F.transpose() / F.determinant(); }

}  // namespace sinew::materials::testing
