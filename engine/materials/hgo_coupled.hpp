// Coupled (compressible) Holzapfel-Gasser-Ogden law with fibre dispersion (full invariants).
#pragma once

#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/fibre_damage.hpp"
#include "materials/fibre_fatigue.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

/// W = c/2 (I1 - 3) - c ln J + k/2 (ln J)^2 + k1/(2 k2) [exp(k2 E^2) - 1] for E > 0,
/// E = kappa (I1 - 3) + (1 - 3 kappa)(I4 - 1). kappa is read per point from
/// PointFields::dispersion (default_fields() gives the parameter). The matrix is the neo-Hookean
/// solid with mu = c, lambda = k (small-strain bulk modulus k + 2c/3). Optional irreversible
/// fibre damage (fibre_damage.hpp) driven by E and fibre fatigue (fibre_fatigue.hpp), as for
/// "hgo".
class HgoCoupled final : public Material {
 public:
  static constexpr const char* kName = "hgo-coupled";
  static std::string description();
  static std::vector<ParameterSpec> parameter_specs();

  explicit HgoCoupled(const ParameterSet& values);

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return false; }
  bool has_fibres() const override { return true; }
  /// sqrt(1 + max(E, 0)) with the generalised fibre strain E of the fibre term.
  Real fibre_stretch(const Mat3& C, const PointFields& p) const override;
  /// Nominal fibre stress 2 lambda dPsi_f/dE (MPa): the stress of the fatigue S-N line.
  Real fibre_stress(const Mat3& C, const PointFields& p) const;
  std::vector<StateVariable> state_variables() const override {
    return joined(damage_.state_variables(), fatigue_.state_variables());
  }
  void update_state(const Mat3& C, PointFields& p) const override {
    fatigue_.update_state(fibre_stress(C, p), p);
    damage_.update_state(fibre_stretch(C, p), p);
  }
  void apply_cycles(std::int64_t n, PointFields& p) const override { fatigue_.apply_cycles(n, p); }
  std::vector<PointOutput> point_outputs() const override { return damage_.point_outputs(); }
  PointFields default_fields() const override;
  Real energy(const Mat3& C, const PointFields& p) const override;
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override;
  Real shear_modulus() const override { return c_; }

 private:
  Real c_ = 0.0, k1_ = 0.0, k2_ = 1.0, kappa_ = 0.0, k_ = 0.0;
  FibreDamage damage_;     ///< off unless damage_onset_stretch / damage_full_stretch are set
  int damage_panels_ = 1;  ///< quadrature panels of the damaged fibre energy
  FibreFatigue fatigue_;   ///< off unless fatigue_uts is set
  Real k1_at(const PointFields& p) const { return p.fibre_scale * fatigue_.keep(p) * k1_; }
};

}  // namespace sinew::materials
