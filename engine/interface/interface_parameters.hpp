// Parameters of the zero-thickness interface elements (contact, friction, adhesion bonds): their
// declarations for the model loader (name, unit, range, default, description) and the plain
// struct the elements read. See engine/interface/README.md for the laws they enter.
#pragma once

#include <vector>

#include "core/parameters.hpp"
#include "core/types.hpp"

namespace sinew::interface {

/// Shape of the bond softening branch after damage onset.
enum class SofteningLaw { Bilinear = 0, Exponential = 1 };

/// Values of the interface parameters (defaults as in interface_parameter_specs()).
struct InterfaceParameters {
  Real contact_penalty = 100.0;       ///< eps_n (MPa/mm): normal penalty in penetration
  Real friction_coefficient = 0.016;  ///< mu (1); 0 switches friction off
  Real tangential_penalty = 100.0;    ///< eps_t (MPa/mm): elastic-slip (stick) penalty
  Real bond_stiffness = 10.0;         ///< K (MPa/mm): intact bond stiffness, normal and shear
  Real normal_strength = 0.05;        ///< sigma_n (MPa): pure mode I onset traction
  Real shear_strength = 0.05;         ///< tau_t (MPa): pure mode II onset traction
  Real mode_I_energy = 0.01;          ///< G_Ic (N/mm)
  Real mode_II_energy = 0.01;         ///< G_IIc (N/mm)
  Real bk_exponent = 2.0;             ///< eta of Benzeggagh & Kenane (1)
  Real viscosity = 0.0;               ///< eta_v (s) of the damage lag; 0 = rate-independent
  SofteningLaw softening = SofteningLaw::Bilinear;

  /// Reads every declared parameter from a resolved set and validates the result.
  static InterfaceParameters from(const ParameterSet& values);

  /// Throws ParameterError (naming the offending key) when a value is out of its declared range,
  /// softening_law is not 0 or 1, or a fracture energy is too small for its strength: the
  /// softening branch needs 2 G_c(B) > K delta_0(B)^2 at every mode mixity B (otherwise the
  /// law would have to snap back).
  void validate() const;
};

/// Declarations of the interface parameters (for validation by the model loader).
std::vector<ParameterSpec> interface_parameter_specs();

}  // namespace sinew::interface
