// Uncoupled Mooney-Rivlin law W_iso = c1 (I1_bar - 3) + c2 (I2_bar - 3), U = K/2 (ln J)^2.
#pragma once

#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

class MooneyRivlin final : public Material {
 public:
  static constexpr const char* kName = "mooney-rivlin";
  static std::string description();
  static std::vector<ParameterSpec> parameter_specs();

  /// From resolved parameters c1, c2, k; throws ParameterError("c1", ...) unless c1 + c2 > 0.
  explicit MooneyRivlin(const ParameterSet& values);

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return true; }
  Real energy(const Mat3& C, const PointFields& p) const override;
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override;
  Real bulk_modulus() const override { return k_; }
  Real shear_modulus() const override { return 2.0 * (c1_ + c2_); }

 private:
  Real c1_ = 0.0, c2_ = 0.0, k_ = 0.0;
};

}  // namespace sinew::materials
