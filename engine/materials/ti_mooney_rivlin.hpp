// Uncoupled transversely isotropic Mooney-Rivlin law of Weiss, Maker & Govindjee (1996).
#pragma once

#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/fibre_damage.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

/// W_iso = c1 (I1_bar - 3) + c2 (I2_bar - 3) + F(lambda), lambda = sqrt(I4_bar), with the fibre
/// stress lambda F'(lambda) = 0 (lambda <= 1), c3 [exp(c4 (lambda - 1)) - 1] (1 < lambda <
/// lambda*), c5 lambda + c6 (lambda >= lambda*); U = k/2 (ln J)^2. Optional irreversible fibre
/// damage (fibre_damage.hpp) driven by lambda, history from the state slot fibre_stretch_max.
class TiMooneyRivlin final : public Material {
 public:
  static constexpr const char* kName = "ti-mooney-rivlin";
  static std::string description();
  static std::vector<ParameterSpec> parameter_specs();

  /// Throws ParameterError("c1", ...) unless c1 + c2 > 0 and ParameterError("lambda_max", ...)
  /// when c3 exp(c4 (lambda_max - 1)) overflows.
  explicit TiMooneyRivlin(const ParameterSet& values);

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return true; }
  bool has_fibres() const override { return true; }
  /// max(lambda_bar, 1), lambda_bar = sqrt(I4_bar).
  Real fibre_stretch(const Mat3& C, const PointFields& p) const override;
  std::vector<StateVariable> state_variables() const override { return damage_.state_variables(); }
  void update_state(const Mat3& C, PointFields& p) const override {
    damage_.update_state(fibre_stretch(C, p), p);
  }
  std::vector<PointOutput> point_outputs() const override { return damage_.point_outputs(); }
  Real energy(const Mat3& C, const PointFields& p) const override;
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override;
  Real bulk_modulus() const override { return k_; }
  Real shear_modulus() const override { return 2.0 * (c1_ + c2_); }

  /// Fibre stress g = lambda F'(lambda) (MPa) and dg/dlambda at unit fibre_scale.
  struct FibreStress {
    Real g = 0.0, dg = 0.0;
  };
  FibreStress fibre_stress(Real lambda) const;
  /// Fibre energy F(lambda) = int_1^lambda g(s)/s ds (MPa) at unit fibre_scale.
  Real fibre_energy(Real lambda) const;
  /// c6 = c3 [exp(c4 (lambda* - 1)) - 1] - c5 lambda*, for continuity of g at lambda*.
  Real c6() const { return c6_; }

 private:
  /// int_1^x c3 [exp(c4 (s-1)) - 1]/s ds for 1 <= x <= lambda*.
  Real exponential_integral(Real x) const;

  Real c1_ = 0.0, c2_ = 0.0, c3_ = 0.0, c4_ = 1.0, c5_ = 0.0, lambda_star_ = 1.0, k_ = 0.0;
  Real c6_ = 0.0;
  int panels_ = 1;             ///< Gauss-Legendre panels on [1, x] (fixed per law)
  Real energy_at_star_ = 0.0;  ///< F(lambda*)
  FibreDamage damage_;         ///< off unless damage_onset_stretch / damage_full_stretch are set
  int damage_panels_ = 1;      ///< quadrature panels of the damaged fibre energy
};

}  // namespace sinew::materials
