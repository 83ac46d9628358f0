// Interface parameter declarations: defaults, resolution through the generic parameter
// machinery, and the consistency checks.
#include <gtest/gtest.h>

#include "interface/interface_parameters.hpp"

namespace sinew::interface {
namespace {

TEST(InterfaceParameters, DefaultsOfSpecsAndStructAgree) {
  const auto specs = interface_parameter_specs();
  EXPECT_EQ(specs.size(), 11u);
  for (const auto& s : specs) {
    EXPECT_TRUE(s.default_value.has_value()) << s.name;
    EXPECT_FALSE(s.unit.empty()) << s.name;
    EXPECT_FALSE(s.description.empty()) << s.name;
    EXPECT_TRUE(s.accepts(*s.default_value)) << s.name;
  }
  const InterfaceParameters p = InterfaceParameters::from(resolve_parameters(specs, {}));
  const InterfaceParameters d;
  EXPECT_EQ(p.contact_penalty, 100.0);
  EXPECT_EQ(p.friction_coefficient, 0.016);
  EXPECT_EQ(p.tangential_penalty, 100.0);
  EXPECT_EQ(p.bond_stiffness, 10.0);
  EXPECT_EQ(p.normal_strength, 0.05);
  EXPECT_EQ(p.shear_strength, 0.05);
  EXPECT_EQ(p.mode_I_energy, 0.01);
  EXPECT_EQ(p.mode_II_energy, 0.01);
  EXPECT_EQ(p.bk_exponent, 2.0);
  EXPECT_EQ(p.viscosity, 0.0);
  EXPECT_EQ(p.softening, SofteningLaw::Bilinear);
  EXPECT_EQ(p.contact_penalty, d.contact_penalty);
  EXPECT_EQ(p.friction_coefficient, d.friction_coefficient);
  EXPECT_EQ(p.bond_stiffness, d.bond_stiffness);
  EXPECT_EQ(p.mode_II_energy, d.mode_II_energy);
}

TEST(InterfaceParameters, ReadsGivenValuesAndTheSofteningSwitch) {
  const auto specs = interface_parameter_specs();
  const auto p = InterfaceParameters::from(resolve_parameters(
      specs, {{"friction_coefficient", 0.0}, {"softening_law", 1.0}, {"viscosity", 0.2}}));
  EXPECT_EQ(p.friction_coefficient, 0.0);
  EXPECT_EQ(p.softening, SofteningLaw::Exponential);
  EXPECT_EQ(p.viscosity, 0.2);
}

TEST(InterfaceParameters, RejectsInconsistentValuesNamingTheKey) {
  const auto specs = interface_parameter_specs();
  auto key_of = [&](const std::map<std::string, Real>& given) {
    try {
      InterfaceParameters::from(resolve_parameters(specs, given));
    } catch (const ParameterError& e) {
      return e.key();
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(key_of({{"softening_law", 0.5}}), "softening_law");
  EXPECT_EQ(key_of({{"bond_stiffness", -1.0}}), "bond_stiffness");
  EXPECT_EQ(key_of({{"mode_I_fracture_energy", 1e-4}}), "mode_I_fracture_energy");
  EXPECT_EQ(key_of({{"mode_II_fracture_energy", 1e-4}}), "mode_II_fracture_energy");
  EXPECT_EQ(key_of({{"bk_exponent", 0.4}}), "bk_exponent");
  EXPECT_EQ(key_of({{"mode_I_fracture_energy", 2e-4}}), "(accepted)");  // > 1.25e-4
  InterfaceParameters p;
  p.viscosity = -1.0;
  EXPECT_THROW(p.validate(), ParameterError);
}

}  // namespace
}  // namespace sinew::interface
