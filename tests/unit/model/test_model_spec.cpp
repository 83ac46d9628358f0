// The typed model spec: reading gives plain values, key paths set typed values (checked against
// their ranges, whole numbers whole), the canonical text is the model's identity (formatting,
// key order and defaults written out do not change it; any value does), and a spec built gives
// the same model as the file loaded directly.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/material_registry.hpp"
#include "materials/register.hpp"
#include "model/model_builder.hpp"
#include "model/model_reader.hpp"
#include "model/spec_paths.hpp"

namespace sinew::model {
namespace {

const materials::MaterialRegistry& registry() { return testing::registered_materials(); }

const LawParameters& laws() {
  static const LawParameters l = law_parameters(registry());
  return l;
}

const std::string kTendon = R"(mesh:
  generator: tendon_sheath
  length: 20
  semi_axes: [3, 1.5]
  divisions: {axial: 4, core: 2, tendon_radial: 1}
materials:
  tendon: {type: hgo, c: 0.5, k1: 20, k2: 10, kappa: 0.1, k: 100}
  sheath: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: tendon, elements: tendon, material: tendon}
  - {name: sheath, elements: sheath, material: sheath}
scars:
  - {name: midportion, shape: ellipsoid, centre: [10, 0, 0], semi_axes: [3, 2, 1], falloff: 1}
interface: {adhesion_density: 0.2}
steps:
  - {name: pull, increments: 2}
)";

ModelSpec read(const std::string& text) {
  ModelReading r = read_model_text(text, "spec.yaml", registry());
  for (const auto& e : r.errors) ADD_FAILURE() << e.what();
  return r.spec;
}

// Canonical lines as key -> value text.
std::map<std::string, std::string> lines_of(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find(" = ");
    out[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return out;
}

TEST(ModelSpec, ReadingGivesPlainValues) {
  const ModelSpec s = read(kTendon);
  EXPECT_EQ(s.mesh.generator, "tendon_sheath");
  EXPECT_EQ(s.mesh.tendon_sheath.length, 20.0);
  EXPECT_EQ(s.mesh.tendon_sheath.semi_axis_z, 1.5);
  EXPECT_EQ(s.mesh.tendon_sheath.axial_divisions, 4);
  EXPECT_EQ(s.mesh.tendon_sheath.sheath_radial_divisions, 1);  // default
  ASSERT_EQ(s.materials.size(), 2u);
  EXPECT_EQ(s.materials[0].name, "tendon");
  EXPECT_EQ(s.materials[0].parameters.at("k1"), 20.0);
  ASSERT_EQ(s.scars.size(), 1u);
  EXPECT_EQ(s.scars[0].falloff, 1.0);
  EXPECT_EQ(s.scars[0].properties.fibre_stiffness_ratio, 0.1);  // default
  EXPECT_TRUE(s.interface.given);
  EXPECT_EQ(s.interface.adhesion_density, 0.2);
  ASSERT_EQ(s.steps.size(), 1u);
  EXPECT_EQ(s.steps[0].stepping.increments, 2);
  // Where each value was written: line 13 holds the scar.
  EXPECT_EQ(s.origin("scars[0].falloff").line, 13);
  EXPECT_EQ(s.origin("scars[0].no_such_key").line, 13);  // the nearest written ancestor
}

TEST(ModelSpec, CanonicalTextIgnoresFormattingAndWrittenDefaults) {
  const std::string reordered = R"(# the same model, keys in another order and a default written out
steps: [{increments: 2, name: pull}]
interface:
  adhesion_density: 0.20
materials:
  sheath: {nu: 0.45, E: 5e-1, type: neo-hookean}
  tendon: {type: hgo, c: 0.5, k1: 20.0, k2: 10, kappa: 0.1, k: 100}
mesh: {generator: tendon_sheath, length: 20, semi_axes: [3, 1.5],
       divisions: {axial: 4, core: 2, tendon_radial: 1, sheath_radial: 1}}
regions:
  - {name: tendon, elements: tendon, material: tendon}
  - {name: sheath, elements: sheath, material: sheath}
scars:
  - {name: midportion, shape: ellipsoid, centre: [10, 0, 0], semi_axes: [3, 2, 1], falloff: 1,
     fibre_stiffness_ratio: 0.1}
)";
  const ModelSpec a = read(kTendon), b = read(reordered);
  // Materials keep file order (it names nothing), everything else is equal line by line.
  auto la = lines_of(canonical_text(a, laws())), lb = lines_of(canonical_text(b, laws()));
  EXPECT_EQ(la, lb);
  EXPECT_EQ(la.at("scars[0].falloff"), "1");
  EXPECT_EQ(la.at("mesh.divisions.sheath_radial"), "1");
  EXPECT_EQ(la.at("materials.tendon.k1"), "20");
  // Any value changes the text, to the last bit.
  ModelSpec c = a;
  ASSERT_TRUE(set_spec_number(c, "interface.adhesion_density", 0.2 + 1e-17 + 2.8e-17, laws())
                  .error.empty());
  EXPECT_EQ(c.interface.adhesion_density, 0.2 + 1e-17 + 2.8e-17);
  EXPECT_NE(canonical_text(a, laws()), canonical_text(c, laws()));
}

TEST(ModelSpec, SetByPathWritesTypedValues) {
  ModelSpec s = read(kTendon);
  // A list item by name or by index; a whole number; a parameter left at its default.
  auto r = set_spec_value(s, "scars.midportion.falloff", "0.25", laws());
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.key_path, "scars[0].falloff");
  EXPECT_EQ(s.scars[0].falloff, 0.25);
  EXPECT_EQ(set_spec_value(s, "scars.0.adhesion_density", "0.75", laws()).error, "");
  EXPECT_EQ(s.scars[0].properties.adhesion_density, 0.75);
  EXPECT_EQ(set_spec_value(s, "mesh.divisions.axial", "6", laws()).error, "");
  EXPECT_EQ(s.mesh.tendon_sheath.axial_divisions, 6);
  EXPECT_FALSE(s.materials[0].parameters.count("damage_onset_stretch"));
  r = set_spec_value(s, "materials.tendon.damage_onset_stretch", "1.05", laws());
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.key_path, "materials.tendon.damage_onset_stretch");
  EXPECT_EQ(s.materials[0].parameters.at("damage_onset_stretch"), 1.05);
  EXPECT_EQ(set_spec_value(s, "materials.tendon.damage_full_stretch", "1.15", laws()).error, "");
  EXPECT_EQ(set_spec_value(s, "solver.strategy", "newton", laws()).error, "");
  EXPECT_EQ(s.solver.strategy, solver::NewtonStrategy::Full);
  EXPECT_EQ(set_spec_value(s, "steps.pull.adaptive", "false", laws()).error, "");
  EXPECT_FALSE(s.steps[0].stepping.adaptive);
  EXPECT_EQ(set_spec_value(s, "tissue.probe_increments", "4", laws()).error, "");
  EXPECT_EQ(s.tissue.probes.force_increments, 4);
  EXPECT_EQ(s.tissue.probes.excursion_increments, 4);
  EXPECT_EQ(set_spec_value(s, "tissue.probe_excursion_increments", "20", laws()).error, "");
  EXPECT_EQ(s.tissue.probes.force_increments, 4);
  EXPECT_EQ(s.tissue.probes.excursion_increments, 20);
  EXPECT_NE(set_spec_value(s, "tissue.probe_excursion_increments", "0", laws()).error, "");
  // The changed spec builds into the changed model.
  const ModelDefinition def = build_model(s, registry());
  EXPECT_EQ(def.tissue.scars.at(0).shape.falloff, 0.25);
  EXPECT_EQ(def.tissue.probes.force_increments, 4);
}

TEST(ModelSpec, SetByPathRefusesWhatTheFileWouldRefuse) {
  ModelSpec s = read(kTendon);
  const ModelSpec before = s;
  EXPECT_EQ(set_spec_value(s, "scars.midportion.falloff", "-1", laws()).error,
            "value -1 is out of range; allowed >= 0");
  EXPECT_EQ(set_spec_value(s, "mesh.divisions.axial", "2.5", laws()).error,
            "value 2.5 is not a whole number");
  EXPECT_EQ(set_spec_value(s, "mesh.divisions.axial", "0", laws()).error.rfind("value 0 is out", 0),
            0u);
  EXPECT_EQ(set_spec_value(s, "materials.tendon.kappa", "0.5", laws())
                .error.rfind("value 0.5 is out of range; allowed [0, 0.333333]", 0),
            0u);
  EXPECT_EQ(set_spec_value(s, "interface.adhesion_density", "lots", laws()).error,
            "value 'lots' is not a number");
  EXPECT_EQ(set_spec_value(s, "steps.0.adaptive", "perhaps", laws()).error,
            "value 'perhaps' is not true or false");
  const std::string unknown = set_spec_value(s, "scars.midportion.fallof", "1", laws()).error;
  EXPECT_EQ(unknown.rfind("no key 'fallof' in 'scars.midportion' (keys there: name, shape", 0), 0u)
      << unknown;
  EXPECT_EQ(set_spec_value(s, "scars.heel.falloff", "1", laws()).error.rfind("no key 'heel'", 0),
            0u);
  EXPECT_EQ(canonical_text(s, laws()), canonical_text(before, laws())) << "nothing was set";
}

TEST(ModelSpec, ListsReplaceListsAndVectors) {
  ModelSpec s = read(kTendon);
  auto r = set_spec_list(s, "scars.midportion.centre", {"12", "0.5", "-0.25"}, laws());
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.key_path, "scars[0].centre");
  EXPECT_EQ(s.scars[0].centre, Vec3(12, 0.5, -0.25));
  EXPECT_EQ(set_spec_list(s, "mesh.semi_axes", {"4", "2"}, laws()).error, "");
  EXPECT_EQ(s.mesh.tendon_sheath.semi_axis_y, 4.0);
  EXPECT_EQ(s.mesh.tendon_sheath.semi_axis_z, 2.0);
  EXPECT_EQ(set_spec_list(s, "output.reactions", {"tendon_distal", "sheath_outer"}, laws()).error,
            "");
  EXPECT_EQ(s.output.reactions, (std::vector<std::string>{"tendon_distal", "sheath_outer"}));
  // Nothing changes when a list does not fit.
  const std::string before = canonical_text(s, laws());
  EXPECT_EQ(set_spec_list(s, "scars.midportion.centre", {"1", "2"}, laws()).error,
            "expected a list of 3 values, got 2");
  EXPECT_EQ(set_spec_list(s, "scars.midportion.semi_axes", {"1", "-2", "1"}, laws()).error,
            "item 1: value -2 is out of range; allowed > 0");
  EXPECT_EQ(set_spec_list(s, "scars.midportion.falloff", {"1", "2"}, laws()).error,
            "expected a single value, got a list");
  EXPECT_EQ(set_spec_list(s, "scars.midportion.centr", {"1", "2", "3"}, laws())
                .error.rfind("no key 'centr'", 0),
            0u);
  EXPECT_EQ(canonical_text(s, laws()), before);
}

TEST(ModelSpec, EveryPathSetsItsOwnValueBack) {
  // The path list, the setter and the canonical text describe the same values: setting each
  // path to the value its canonical line shows leaves the text unchanged.
  ModelSpec s = read(kTendon);
  const std::string text = canonical_text(s, laws());
  const auto lines = lines_of(text);
  const auto paths = spec_paths(s, laws());
  EXPECT_EQ(paths.size(), lines.size());
  int numbers = 0;
  for (const auto& p : paths) {
    ModelSpec probe = s;
    const auto shown = set_spec_value(probe, p, "0", laws()).key_path;  // its key path
    ASSERT_TRUE(lines.count(shown)) << p << " -> " << shown;
    std::string value = lines.at(shown);
    if (value.front() == '[') continue;  // name lists are set one name at a time
    if (value.front() == '"') value = value.substr(1, value.size() - 2);
    ModelSpec t = s;
    const auto r = set_spec_value(t, p, value, laws());
    EXPECT_EQ(r.error, "") << p;
    EXPECT_EQ(canonical_text(t, laws()), text) << p;
    numbers += value.find_first_not_of("0123456789.-e+") == std::string::npos;
  }
  EXPECT_GT(numbers, 60);
}

TEST(ModelSpec, BuildingTheSpecGivesTheModelOfTheFile) {
  const ModelDefinition direct = load_model_text(kTendon, "spec.yaml", registry());
  const ModelDefinition built = build_model(read(kTendon), registry());
  EXPECT_EQ(built.model.mesh.points.size(), direct.model.mesh.points.size());
  EXPECT_EQ(built.model.regions.size(), 2u);
  EXPECT_EQ(built.model.couplings.size(), 1u);
  ASSERT_EQ(built.tissue.scar_fraction.size(), direct.tissue.scar_fraction.size());
  for (size_t i = 0; i < built.tissue.scar_fraction.size(); ++i)
    EXPECT_EQ(built.tissue.scar_fraction[i], direct.tissue.scar_fraction[i]);
  EXPECT_EQ(built.steps.at(0).stepping.increments, 2);
}

}  // namespace
}  // namespace sinew::model
