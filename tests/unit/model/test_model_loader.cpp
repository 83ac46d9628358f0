// The model loader through load_model_text: every problem listed with its location and key
// path, defaults, load curves, boundary conditions, mesh options.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/material_registry.hpp"
#include "core/error.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"

namespace sinew::model {
namespace {

const materials::MaterialRegistry& registry() { return testing::registered_materials(); }

ModelDefinition load(const std::string& text, const std::string& file = "model.yaml") {
  return load_model_text(text, file, registry());
}

// The errors of a text that must not load.
std::vector<InputError> errors_of(const std::string& text) {
  try {
    load(text);
  } catch (const InputErrors& e) {
    return e.errors();
  } catch (const InputError& e) {
    return {e};
  }
  ADD_FAILURE() << "the model loaded:\n" << text;
  return {};
}

struct Expected {
  int line, column;
  std::string key, message;  ///< message: a fragment of it
};

void expect_errors(const std::vector<InputError>& got, const std::vector<Expected>& want) {
  std::string all;
  for (const auto& e : got) all += std::string(e.what()) + "\n";
  ASSERT_EQ(got.size(), want.size()) << all;
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(all);
    EXPECT_EQ(got[i].where().file, "model.yaml") << i;
    EXPECT_EQ(got[i].where().line, want[i].line) << i << ": " << got[i].what();
    EXPECT_EQ(got[i].where().column, want[i].column) << i << ": " << got[i].what();
    EXPECT_EQ(got[i].key_path(), want[i].key) << i;
    EXPECT_NE(got[i].message().find(want[i].message), std::string::npos)
        << i << ": " << got[i].message();
    // The formatted form the command line prints.
    const std::string prefix = "model.yaml:" + std::to_string(want[i].line) + ":" +
                               std::to_string(want[i].column) + ": " +
                               (want[i].key.empty() ? "" : want[i].key + ": ");
    EXPECT_EQ(std::string(got[i].what()).rfind(prefix, 0), 0u) << got[i].what();
  }
}

// A valid one-hex model; tests edit copies of it.
const char* const kBase = R"(mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}
materials:
  matrix: {type: neo-hookean, E: 1.0, nu: 0.3}
regions:
  - {elements: all, material: matrix}
boundary:
  - {type: fixed, nodes: x0, components: [x, y, z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1}
steps:
  - {name: pull}
)";

// ---- errors ---------------------------------------------------------------------------------

TEST(ModelLoaderErrors, EveryProblemIsListedWithItsLocation) {
  const std::string text =
      "mesh: {generator: box, size: [2, 1, 1], divisions: [2, 1, 1]}\n"  // 1
      "materials:\n"                                                     // 2
      "  tendon: {type: hgo, kappa: 0.4}\n"                              // 3
      "  matrix: {type: mooney-rivlin, c1: 0.5}\n"                       // 4
      "load_curves:\n"                                                   // 5
      "  bad: [[0, 0], [0, 1]]\n"                                        // 6
      "regions:\n"                                                       // 7
      "  - {elements: all, material: tendon, formulation: mixed}\n"      // 8
      "boundary:\n"                                                      // 9
      "  - {type: fixed, nodes: x0, components: [x, y, z]}\n"            // 10
      "  - {type: force, nodes: x1, value: [1, 0]}\n"                    // 11
      "steps:\n"                                                         // 12
      "  - {duration: -1, increments: 2.5}\n"                            // 13
      "solver: {linear: mumps, max_iterations: 0}\n"                     // 14
      "output: {reactions: [x1, x9]}\n"                                  // 15
      "fibre: [0, 0, 0]\n";                                              // 16
  expect_errors(
      errors_of(text),
      {
          {3, 30, "materials.tendon.kappa", "value 0.4 is out of range; allowed [0, 0.333333]"},
          {4, 11, "materials.matrix", "required parameter 'k' (MPa, bulk modulus"},
          {6, 17, "load_curves.bad[1]", "times must increase"},
          {8, 52, "regions[0].formulation",
           "'mixed' is not allowed (allowed: standard, "
           "mean-dilatation)"},
          {11, 37, "boundary[1].value", "expected a list of 3 numbers, got 2"},
          {13, 16, "steps[0].duration", "value -1 is out of range; allowed > 0"},
          {13, 32, "steps[0].increments", "expected an integer, got '2.5'"},
          {14, 18, "solver.linear", "'mumps' is not allowed (allowed: auto, amg-cg, cholmod"},
          {14, 41, "solver.max_iterations", "value 0 is out of range; allowed [1, 1000]"},
          {15, 21, "output.reactions", "unknown node set 'x9'"},
          {16, 8, "fibre", "fibre direction must not be zero"},
      });
}

TEST(ModelLoaderErrors, MissingKeysPointAtTheirParent) {
  expect_errors(errors_of("mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}\n"
                          "materials:\n"
                          "  m: {type: neo-hookean, nu: 0.3}\n"
                          "regions:\n"
                          "  - {material: m}\n"
                          "boundary:\n"
                          "  - {type: pressure, facets: x1}\n"),
                {
                    {3, 6, "materials.m",
                     "required parameter 'E' (MPa, small-strain Young's "
                     "modulus) is missing"},
                    {5, 5, "regions[0].elements", "missing required key"},
                    {7, 5, "boundary[0].value", "missing required key"},
                    {1, 1, "steps", "missing required key"},
                });
}

TEST(ModelLoaderErrors, YamlSyntaxErrorHasLineAndColumn) {
  try {
    load("mesh:\n  generator: box\n  size: [1, 1\nsteps: []\n");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "model.yaml");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().column, 6);
    EXPECT_EQ(e.key_path(), "");
    EXPECT_NE(e.message().find("YAML syntax error"), std::string::npos) << e.what();
  }
}

// An unknown top-level key does not hide the other problems.
TEST(ModelLoaderErrors, UnknownTopLevelKeyDoesNotStopTheCheck) {
  std::string text = kBase;
  text += "ouput: {file: u.csv}\n";
  text.replace(text.find("E: 1.0"), 6, "E: 0.0");
  expect_errors(errors_of(text), {{11, 1, "ouput", "unknown key 'ouput'"},
                                  {3, 34, "materials.matrix.E", "out of range; allowed > 0"}});
}

// A region using a material whose definition was rejected adds no "unknown material" error;
// a region naming a material that is not defined at all does.
TEST(ModelLoaderErrors, RejectedMaterialIsNotAlsoUnknown) {
  std::string text = kBase;
  text.replace(text.find("nu: 0.3"), 7, "nu: 0.6");
  expect_errors(errors_of(text), {{3, 43, "materials.matrix.nu", "value 0.6 is out of range"}});

  text = kBase;
  text.replace(text.find("material: matrix"), 16, "material: matrx");
  expect_errors(errors_of(text),
                {{5, 31, "regions[0].material", "unknown material 'matrx' (defined: matrix)"}});
}

TEST(ModelLoaderErrors, RootMustBeAMapping) {
  expect_errors(errors_of("- mesh\n- steps\n"), {{1, 1, "", "expected a mapping, got a list"}});
}

TEST(ModelLoaderErrors, KeysThatAreNotNamesAreReportedNotThrown) {
  std::string text = kBase;
  text += "[a, b]: 1\n";
  expect_errors(errors_of(text), {{11, 1, "", "a key must be a plain name, got a list"}});
}

TEST(ModelLoaderErrors, DuplicateKey) {
  std::string text = kBase;
  text.replace(text.find("nu: 0.3"), 7, "nu: 0.3, E: 5.0");
  expect_errors(errors_of(text), {{3, 48, "materials.matrix.E", "duplicate key 'E'"}});
}

TEST(ModelLoaderErrors, RegionsThatOverlap) {
  std::string text = kBase;
  text.replace(text.find("boundary:"), 0, "  - {name: again, elements: all, material: matrix}\n");
  expect_errors(errors_of(text), {{5, 3, "regions", "cell 0 is in regions 'region0' and 'again'"}});
}

// "ramp" and "constant" are built in; a curve of that name would be silently ignored.
TEST(ModelLoaderErrors, BuiltInCurveNamesAreReserved) {
  std::string text = kBase;
  text += "load_curves:\n  ramp: [[0, 0], [10, 1]]\n  slow: [[0, 0], [10, 1]]\n";
  expect_errors(errors_of(text), {{12, 9, "load_curves.ramp", "built-in curve"}});
}

TEST(ModelLoaderErrors, LoadCurvePoints) {
  std::string text = kBase;
  text += "load_curves:\n  a: []\n  b: [[0, 0, 1]]\n  c: [[0, x]]\n  d: 3\n";
  expect_errors(errors_of(text), {{12, 6, "load_curves.a", "at least one [time, value] pair"},
                                  {13, 7, "load_curves.b[0]", "expected a [time, value] pair"},
                                  {14, 11, "load_curves.c[0][1]", "expected a number, got 'x'"},
                                  {15, 6, "load_curves.d", "expected a list, got '3'"}});
}

TEST(ModelLoaderErrors, MeanDilatationNeedsHexCells) {
  const std::string text =
      "mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1], cell: tet4}\n"
      "materials: {t: {type: hgo}}\n"
      "regions: [{elements: all, material: t, formulation: mean-dilatation}]\n"
      "steps: [{}]\n";
  expect_errors(errors_of(text),
                {{3, 53, "regions[0].formulation", "mean-dilatation needs hex8 cells"}});
}

// Unknown keys in the tissue sections are reported with an error elsewhere, all at once.
TEST(ModelLoaderErrors, EverySectionsUnknownKeysAreReportedTogether) {
  const std::string text =
      "mesh: {generator: tendon_sheath, length: 20, semi_axes: [3, 1.5],\n"  // 1
      "       divisions: {axial: 4, core: 2, tendon_radial: 1}}\n"           // 2
      "materials:\n"                                                         // 3
      "  tendon: {type: hgo, c: -1, k1: 20, k2: 10, kappa: 0.1, k: 100}\n"   // 4
      "  sheath: {type: neo-hookean, E: 0.5, nu: 0.45}\n"                    // 5
      "regions:\n"                                                           // 6
      "  - {name: tendon, elements: tendon, material: tendon}\n"             // 7
      "  - {name: sheath, elements: sheath, material: sheath}\n"             // 8
      "scars:\n"                                                             // 9
      "  - {name: s, shape: ellipsoid, centre: [10, 0, 0], semi_axes: [3, 2, 1], fallof: 1}\n"
      "interface: {adhesion_densty: 0.2}\n"  // 11
      "tissue: {probe_forse: 10}\n"          // 12
      "steps: [{name: pull}]\n";
  expect_errors(errors_of(text),
                {{4, 26, "materials.tendon.c", "value -1 is out of range; allowed > 0"},
                 {12, 10, "tissue.probe_forse", "unknown key 'probe_forse'"},
                 {10, 75, "scars[0].fallof", "unknown key 'fallof'"},
                 {11, 13, "interface.adhesion_densty", "unknown key 'adhesion_densty'"}});
}

// A mesh far too large for the machine is refused before it is generated, with its size.
TEST(ModelLoaderErrors, AMeshTooLargeForTheMachineIsRefusedBeforeItIsBuilt) {
  std::string text = kBase;
  text.replace(text.find("divisions: [1, 1, 1]"), 20, "divisions: [1000000, 1000000, 1]");
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key_path(), "mesh.divisions");
  EXPECT_NE(errors[0].message().find("the mesh would have 1e+12 cells, about 1e+07 GB to solve"),
            std::string::npos)
      << errors[0].message();
}

TEST(ModelLoaderErrors, BoxSizeAndDivisions) {
  expect_errors(errors_of("mesh: {generator: box, size: [1, 0, 1], divisions: [1, 0.5, 0]}\n"
                          "materials: {m: {type: neo-hookean, E: 1}}\n"
                          "steps: [{}]\n"),
                {{1, 34, "mesh.size[1]", "value 0 is out of range; allowed > 0"},
                 {1, 56, "mesh.divisions[1]", "value 0.5 is out of range; allowed [1, 1e+06]"},
                 {1, 61, "mesh.divisions[2]", "value 0 is out of range; allowed [1, 1e+06]"},
                 {1, 1, "regions", "missing required key"}});
}

// ---- defaults -------------------------------------------------------------------------------

TEST(ModelLoaderDefaults, MaterialStepAndSolverDefaults) {
  const auto def = load(
      "mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}\n"
      "materials:\n"
      "  tendon: {type: hgo}\n"
      "regions: [{elements: all, material: tendon}]\n"
      "steps:\n"
      "  - {}\n"
      "  - {name: hold, duration: 2.5, increments: 4, adaptive: false, max_cutbacks: 3}\n");
  const auto& hgo = *def.materials.at("tendon");
  EXPECT_EQ(hgo.name(), "hgo");
  EXPECT_DOUBLE_EQ(hgo.default_fields().dispersion, 0.0);  // kappa default 0
  EXPECT_DOUBLE_EQ(hgo.shear_modulus(), 1.0);              // c default 1 MPa
  EXPECT_DOUBLE_EQ(hgo.bulk_modulus(), 100.0);             // k default 100 MPa
  // Every point of the region starts from the law's fields, fibres along x.
  ASSERT_EQ(def.model.point_fields.size(), 8u);
  for (const auto& p : def.model.point_fields) {
    EXPECT_DOUBLE_EQ(p.dispersion, 0.0);
    EXPECT_EQ(p.fibre, Vec3::UnitX());
  }

  ASSERT_EQ(def.steps.size(), 2u);
  EXPECT_EQ(def.steps[0].name, "step1");
  EXPECT_DOUBLE_EQ(def.steps[0].duration, 1.0);
  EXPECT_EQ(def.steps[0].stepping.increments, 10);
  EXPECT_TRUE(def.steps[0].stepping.adaptive);
  EXPECT_EQ(def.steps[0].stepping.max_cutbacks, 8);
  EXPECT_DOUBLE_EQ(def.steps[0].stepping.t_start, 0.0);
  EXPECT_DOUBLE_EQ(def.steps[0].stepping.t_end, 1.0);
  EXPECT_EQ(def.steps[1].name, "hold");
  EXPECT_EQ(def.steps[1].stepping.increments, 4);
  EXPECT_FALSE(def.steps[1].stepping.adaptive);
  EXPECT_EQ(def.steps[1].stepping.max_cutbacks, 3);
  EXPECT_DOUBLE_EQ(def.steps[1].stepping.t_start, 1.0);  // steps follow one another in time
  EXPECT_DOUBLE_EQ(def.steps[1].stepping.t_end, 3.5);

  ASSERT_EQ(def.model.regions.size(), 1u);
  EXPECT_EQ(def.model.regions[0].name, "region0");
  EXPECT_EQ(def.model.regions[0].formulation, fem::Formulation::Standard);
  EXPECT_EQ(def.newton.max_iterations, 25);
  EXPECT_DOUBLE_EQ(def.newton.residual_tolerance, 1e-8);
  EXPECT_DOUBLE_EQ(def.newton.residual_absolute, 1e-10);
  EXPECT_DOUBLE_EQ(def.newton.displacement_tolerance, 1e-8);
  EXPECT_DOUBLE_EQ(def.newton.energy_tolerance, 1e-12);
  EXPECT_TRUE(def.newton.line_search);
  EXPECT_EQ(def.newton.linear_solver, "auto");
  EXPECT_EQ(def.output.file, "");
  EXPECT_TRUE(def.output.reaction_sets.empty());
  EXPECT_TRUE(def.model.displacements.empty());
  EXPECT_EQ(def.source, "model.yaml");
}

TEST(ModelLoaderDefaults, GivenValuesReplaceDefaults) {
  const auto def = load(
      "mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}\n"
      "materials:\n"
      "  t: {type: hgo, c: 2, kappa: 0.2, k: 50}\n"
      "  m: {type: neo-hookean, E: 3.0, nu: 0.25}\n"
      "  mr: {type: mooney-rivlin, c1: 0.3, c2: 0.2, k: 10}\n"
      "  tc: {type: hgo-coupled}\n"
      "  ti: {type: ti-mooney-rivlin}\n"
      "regions: [{name: core, elements: all, material: t, formulation: mean-dilatation}]\n"
      "fibre: [0, 3, 4]\n"
      "steps: [{}]\n"
      "solver: {linear: eigen-ldlt, max_iterations: 7, residual_tolerance: 1e-6,\n"
      "         residual_absolute: 1e-9, displacement_tolerance: 0, energy_tolerance: 1e-10,\n"
      "         line_search: false}\n"
      "output: {file: out/u.csv, reactions: x1}\n");
  EXPECT_DOUBLE_EQ(def.materials.at("t")->shear_modulus(), 2.0);
  EXPECT_DOUBLE_EQ(def.materials.at("t")->bulk_modulus(), 50.0);
  EXPECT_DOUBLE_EQ(def.materials.at("m")->shear_modulus(), 3.0 / 2.5);  // E / 2(1 + nu)
  EXPECT_DOUBLE_EQ(def.materials.at("mr")->shear_modulus(), 1.0);       // 2 (c1 + c2)
  EXPECT_DOUBLE_EQ(def.materials.at("mr")->bulk_modulus(), 10.0);
  EXPECT_EQ(def.materials.at("tc")->name(), "hgo-coupled");
  EXPECT_FALSE(def.materials.at("tc")->is_uncoupled());
  EXPECT_EQ(def.materials.at("ti")->name(), "ti-mooney-rivlin");
  EXPECT_DOUBLE_EQ(def.materials.at("ti")->shear_modulus(), 2.0);  // 2 (c1 = 1 + c2 = 0)
  EXPECT_EQ(def.model.regions[0].name, "core");
  EXPECT_EQ(def.model.regions[0].formulation, fem::Formulation::MeanDilatation);
  for (const auto& p : def.model.point_fields) {
    EXPECT_DOUBLE_EQ(p.dispersion, 0.2);
    EXPECT_NEAR((p.fibre - Vec3(0, 0.6, 0.8)).norm(), 0.0, 1e-15);  // normalised
  }
  EXPECT_EQ(def.newton.linear_solver, "eigen-ldlt");
  EXPECT_EQ(def.newton.max_iterations, 7);
  EXPECT_DOUBLE_EQ(def.newton.residual_tolerance, 1e-6);
  EXPECT_DOUBLE_EQ(def.newton.residual_absolute, 1e-9);
  EXPECT_DOUBLE_EQ(def.newton.displacement_tolerance, 0.0);
  EXPECT_DOUBLE_EQ(def.newton.energy_tolerance, 1e-10);
  EXPECT_FALSE(def.newton.line_search);
  EXPECT_EQ(def.output.file, "out/u.csv");
  EXPECT_EQ(def.output.reaction_sets, std::vector<std::string>{"x1"});  // a single name
}

// ---- load curves and boundary conditions ----------------------------------------------------

TEST(ModelLoaderCurves, CurvesInterpolateAndNamesResolve) {
  const auto def = load(
      "mesh: {generator: box, size: [1, 1, 1], divisions: [1, 1, 1]}\n"
      "materials: {m: {type: neo-hookean, E: 1}}\n"
      "regions: [{elements: all, material: m}]\n"
      "load_curves:\n"
      "  up_down: [[0, 0], [2, 1], [3, 0.5]]\n"
      "boundary:\n"
      "  - {type: displacement, nodes: x1, component: y, value: 0.2, curve: up_down}\n"
      "  - {type: displacement, nodes: x1, component: z, value: 0.3, curve: constant}\n"
      "  - {type: displacement, nodes: x1, component: x, value: 0.4}\n"
      "  - {type: force, nodes: y1, value: [0, 1, 0], curve: constant}\n"
      "  - {type: pressure, facets: z1, value: 0.05, curve: up_down}\n"
      "  - {type: traction, facets: y0, value: [0, 0, 0.1], curve: ramp}\n"
      "  - {type: foundation, facets: z0, stiffness: 2.5}\n"
      "steps: [{duration: 3}]\n");
  const auto& bcs = def.model.displacements;
  ASSERT_EQ(bcs.size(), 3u);
  const auto& up_down = def.model.curves.at(static_cast<size_t>(bcs[0].curve));
  EXPECT_DOUBLE_EQ(up_down(0.0), 0.0);
  EXPECT_DOUBLE_EQ(up_down(1.0), 0.5);
  EXPECT_DOUBLE_EQ(up_down(2.0), 1.0);
  EXPECT_DOUBLE_EQ(up_down(2.5), 0.75);
  EXPECT_DOUBLE_EQ(up_down(5.0), 0.5);   // held after the last point
  EXPECT_DOUBLE_EQ(up_down(-1.0), 0.0);  // and before the first
  EXPECT_EQ(bcs[0].component, 1);
  EXPECT_DOUBLE_EQ(bcs[0].value, 0.2);
  EXPECT_EQ(bcs[1].curve, -1);  // constant displacement
  EXPECT_EQ(bcs[1].component, 2);
  EXPECT_EQ(bcs[2].curve, 0);  // default: the ramp 0 -> 1 over [0, 1]
  EXPECT_DOUBLE_EQ(def.model.curves[0](0.25), 0.25);
  EXPECT_DOUBLE_EQ(def.model.curves[0](2.0), 1.0);

  ASSERT_EQ(def.model.nodal_forces.size(), 1u);
  const auto& force = def.model.nodal_forces[0];
  EXPECT_EQ(force.set_name, "y1");
  EXPECT_EQ(force.force, Vec3(0, 1, 0));
  // "constant" on a load is 1 at all times (not the ramp).
  const auto& constant = def.model.curves.at(static_cast<size_t>(force.curve));
  EXPECT_DOUBLE_EQ(constant(0.0), 1.0);
  EXPECT_DOUBLE_EQ(constant(0.3), 1.0);
  EXPECT_DOUBLE_EQ(constant(7.0), 1.0);

  ASSERT_EQ(def.model.pressures.size(), 1u);
  EXPECT_EQ(def.model.pressures[0].curve, bcs[0].curve);
  EXPECT_DOUBLE_EQ(def.model.pressures[0].pressure, 0.05);
  EXPECT_EQ(def.model.pressures[0].facets.size(), 1u);
  ASSERT_EQ(def.model.tractions.size(), 1u);
  EXPECT_EQ(def.model.tractions[0].curve, 0);
  EXPECT_EQ(def.model.tractions[0].traction, Vec3(0, 0, 0.1));
  ASSERT_EQ(def.model.foundations.size(), 1u);
  EXPECT_DOUBLE_EQ(def.model.foundations[0].stiffness, 2.5);
  EXPECT_EQ(def.model.foundations[0].set_name, "z0");
}

TEST(ModelLoaderBoundary, FixedWithTwoComponentsMakesTwoConstraints) {
  const auto def = load(
      "mesh: {generator: box, size: [1, 1, 1], divisions: [2, 2, 2]}\n"
      "materials: {m: {type: neo-hookean, E: 1}}\n"
      "regions: [{elements: all, material: m}]\n"
      "boundary:\n"
      "  - {type: fixed, nodes: x0, components: [x, z]}\n"
      "  - {type: fixed, nodes: y1, components: y}\n"
      "steps: [{}]\n");
  const auto& bcs = def.model.displacements;
  ASSERT_EQ(bcs.size(), 3u);
  EXPECT_EQ(bcs[0].component, 0);
  EXPECT_EQ(bcs[1].component, 2);
  EXPECT_EQ(bcs[2].component, 1);
  const auto& x0 = def.model.mesh.node_set("x0");
  EXPECT_EQ(x0.size(), 9u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(bcs[i].set_name, "x0");
    EXPECT_EQ(bcs[i].nodes, x0);
    EXPECT_DOUBLE_EQ(bcs[i].value, 0.0);
    EXPECT_EQ(bcs[i].curve, -1);
  }
  EXPECT_EQ(bcs[2].set_name, "y1");
  for (Index n : def.model.mesh.node_set("x0"))
    EXPECT_DOUBLE_EQ(def.model.mesh.points[static_cast<size_t>(n)].x(), 0.0);
}

// ---- mesh ---------------------------------------------------------------------------------

TEST(ModelLoaderMesh, BoxOptionsLandInTheMesh) {
  const auto def = load(
      "mesh: {generator: box, origin: [1, 2, 3], size: [2, 1, 0.5], divisions: [4, 2, 1],\n"
      "       cell: tet4}\n"
      "materials: {m: {type: neo-hookean, E: 1}}\n"
      "regions: [{elements: all, material: m}]\n"
      "steps: [{}]\n");
  const auto& m = def.model.mesh;
  EXPECT_EQ(m.n_nodes(), 5 * 3 * 2);
  EXPECT_EQ(m.n_cells(), 6 * 4 * 2 * 1);
  for (Index c = 0; c < m.n_cells(); ++c) EXPECT_EQ(m.cell_type(c), mesh::CellType::Tet4);
  Vec3 lo = m.points[0], hi = m.points[0];
  for (const auto& p : m.points) {
    lo = lo.cwiseMin(p);
    hi = hi.cwiseMax(p);
  }
  EXPECT_EQ(lo, Vec3(1, 2, 3));
  EXPECT_EQ(hi, Vec3(3, 3, 3.5));
  EXPECT_EQ(def.model.point_offset.back(), m.n_cells());  // tet4: one point per cell

  // Defaults: hex8 at the origin.
  const auto hex = load(kBase);
  EXPECT_EQ(hex.model.mesh.n_cells(), 1);
  EXPECT_EQ(hex.model.mesh.cell_type(0), mesh::CellType::Hex8);
  EXPECT_EQ(hex.model.mesh.points[0], Vec3::Zero());
}

// A relative mesh file is found next to the model file.
TEST(ModelLoaderMesh, GmshFileRelativeToTheModel) {
  const std::string model = std::string(SINEW_SOURCE_DIR) + "/tests/data/meshes/model.yaml";
  const auto def = load(
      "mesh: {file: hex_block_2x1x1.msh}\n"
      "materials: {m: {type: neo-hookean, E: 1}}\n"
      "regions: [{elements: tendon, material: m}]\n"
      "boundary:\n"
      "  - {type: fixed, nodes: proximal, components: [x, y, z]}\n"
      "  - {type: pressure, facets: distal, value: 0.01}\n"
      "steps: [{}]\n",
      model);
  EXPECT_EQ(def.model.mesh.n_nodes(), 12);
  EXPECT_EQ(def.model.mesh.n_cells(), 2);
  EXPECT_EQ(def.model.regions[0].cells.size(), 2u);
  EXPECT_EQ(def.model.displacements.size(), 3u);
  EXPECT_EQ(def.model.displacements[0].nodes.size(), 4u);
  EXPECT_EQ(def.model.pressures[0].facets.size(), 1u);
}

}  // namespace
}  // namespace sinew::model
