// Declarations, defaults and validation of the interface parameters.
#include "interface/interface_parameters.hpp"

#include <cmath>
#include <string>

#include "interface/cohesive_law.hpp"

namespace sinew::interface {

// Friction: Uchiyama et al. 2008 (J Biomech 41:1281) measured mu of about 0.016 between a
// lubricated flexor tendon and its pulley. Penalties are numerical (stiff against the tissue's
// ~1-100 MPa moduli over ~1 mm elements, soft enough to keep the tangent well conditioned). The
// adhesion (bond) values are calibration parameters: no measured breaking strength or fracture
// energy of tendon-sheath adhesions was found in the literature.
std::vector<ParameterSpec> interface_parameter_specs() {
  return {
      {.name = "contact_penalty",
       .unit = "MPa/mm",
       .description = "normal contact penalty eps_n: t_n = -eps_n <-g_n> in penetration",
       .default_value = 100.0,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "friction_coefficient",
       .unit = "1",
       .description = "Coulomb friction coefficient mu (0 = frictionless); default: lubricated "
                      "tendon-pulley, Uchiyama et al. 2008",
       .default_value = 0.016,
       .min = 0.0},
      {.name = "tangential_penalty",
       .unit = "MPa/mm",
       .description = "stick (elastic-slip) penalty eps_t of the regularised Coulomb law",
       .default_value = 100.0,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "bond_stiffness",
       .unit = "MPa/mm",
       .description = "initial stiffness K of intact adhesion bonds (normal and shear); "
                      "calibration parameter",
       .default_value = 10.0,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "normal_strength",
       .unit = "MPa",
       .description = "bond strength in pure opening (mode I); calibration parameter, no "
                      "measured value found",
       .default_value = 0.05,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "shear_strength",
       .unit = "MPa",
       .description = "bond strength in pure sliding (mode II); calibration parameter, no "
                      "measured value found",
       .default_value = 0.05,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "mode_I_fracture_energy",
       .unit = "N/mm",
       .description = "bond fracture energy G_Ic in opening; calibration parameter; needs "
                      "2 G_Ic > normal_strength^2 / bond_stiffness",
       .default_value = 0.01,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "mode_II_fracture_energy",
       .unit = "N/mm",
       .description = "bond fracture energy G_IIc in sliding; calibration parameter; needs "
                      "2 G_IIc > shear_strength^2 / bond_stiffness",
       .default_value = 0.01,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "bk_exponent",
       .unit = "1",
       .description = "Benzeggagh-Kenane mixed-mode exponent eta: "
                      "G_c = G_Ic + (G_IIc - G_Ic) B^eta",
       .default_value = 2.0,
       .min = 0.5,
       .min_exclusive = true},
      {.name = "viscosity",
       .unit = "s",
       .description = "damage viscosity eta_v: dD_v/dt = (D - D_v)/eta_v (0 = rate-independent)",
       .default_value = 0.0,
       .min = 0.0},
      {.name = "softening_law",
       .unit = "1",
       .description = "bond softening after onset: 0 = bilinear (Camanho & Davila 2002), "
                      "1 = exponential",
       .default_value = 0.0,
       .min = 0.0,
       .max = 1.0},
  };
}

InterfaceParameters InterfaceParameters::from(const ParameterSet& v) {
  InterfaceParameters p;
  p.contact_penalty = v["contact_penalty"];
  p.friction_coefficient = v["friction_coefficient"];
  p.tangential_penalty = v["tangential_penalty"];
  p.bond_stiffness = v["bond_stiffness"];
  p.normal_strength = v["normal_strength"];
  p.shear_strength = v["shear_strength"];
  p.mode_I_energy = v["mode_I_fracture_energy"];
  p.mode_II_energy = v["mode_II_fracture_energy"];
  p.bk_exponent = v["bk_exponent"];
  p.viscosity = v["viscosity"];
  const Real law = v["softening_law"];
  if (law != 0.0 && law != 1.0)
    throw ParameterError("softening_law", "softening_law must be 0 (bilinear) or 1 (exponential)");
  p.softening = law == 0.0 ? SofteningLaw::Bilinear : SofteningLaw::Exponential;
  p.validate();
  return p;
}

void InterfaceParameters::validate() const {
  const Real values[] = {contact_penalty,
                         friction_coefficient,
                         tangential_penalty,
                         bond_stiffness,
                         normal_strength,
                         shear_strength,
                         mode_I_energy,
                         mode_II_energy,
                         bk_exponent,
                         viscosity,
                         static_cast<Real>(softening)};
  const auto specs = interface_parameter_specs();
  for (size_t i = 0; i < specs.size(); ++i)
    if (!specs[i].accepts(values[i]))
      throw ParameterError(specs[i].name, "parameter '" + specs[i].name +
                                              "' is out of range; allowed " + specs[i].allowed() +
                                              " " + specs[i].unit);
  // 2 G_c(B) > K delta_0(B)^2 for all B: both sides are monotone in B but not linear in one
  // common variable, so the check samples B (finely enough for any smooth pair of curves).
  constexpr int kSamples = 1000;
  for (int i = 0; i <= kSamples; ++i) {
    const Real B = static_cast<Real>(i) / kSamples;
    const Real d0 = onset_separation(B, *this);
    if (!(2.0 * critical_energy(B, *this) > bond_stiffness * d0 * d0)) {
      const std::string key = B < 0.5 ? "mode_I_fracture_energy" : "mode_II_fracture_energy";
      throw ParameterError(key, "fracture energy too small for the bond strength at mode mixity " +
                                    std::to_string(B) +
                                    ": need 2 G_c > strength^2 / bond_stiffness (the softening "
                                    "branch would snap back)");
    }
  }
}

}  // namespace sinew::interface
