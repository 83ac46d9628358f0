// Compressible neo-Hookean law W = mu/2 (I1 - 3) - mu ln J + lambda/2 (ln J)^2 (coupled).
#pragma once

#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

class NeoHookean final : public Material {
 public:
  static constexpr const char* kName = "neo-hookean";
  static std::string description();
  static std::vector<ParameterSpec> parameter_specs();

  /// From resolved parameters E (MPa) and nu.
  explicit NeoHookean(const ParameterSet& values);

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return false; }
  Real energy(const Mat3& C, const PointFields& p) const override;
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override;
  Real shear_modulus() const override { return mu_; }

 private:
  Real mu_ = 0.0;      ///< Lame shear modulus of E, nu (MPa)
  Real lambda_ = 0.0;  ///< first Lame parameter of E, nu (MPa)
};

}  // namespace sinew::materials
