// A conforming mesh file whose tissue body and bed share a face is split there when the model
// is built (mesh/node_split.hpp): two hex8 cells of a 2 x 1 x 1 box pulled along x. Bonded by
// a stiff interface the pair carries the load of the unsplit box; with no bonds the bed cell
// slides away and carries nothing.
#include <gtest/gtest.h>

#include <string>

#include "common/linear_solver_registry.hpp"
#include "common/material_registry.hpp"
#include "common/neo_hookean_uniaxial.hpp"
#include "common/temp_mesh_file.hpp"
#include "mesh/box_generator.hpp"
#include "model/model_definition.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::model {
namespace {

const solver::LinearSolverRegistry& linear_registry() {
  return testing::registered_linear_solvers();
}

// The box as a conforming Gmsh file with volumes "left" (x < 1) and "right" (x > 1).
std::string two_block_file() {
  static const std::string path = [] {
    mesh::Mesh m = mesh::make_box({.size = {2, 1, 1}, .divisions = {2, 1, 1}});
    m.element_sets["left"] = {0};
    m.element_sets["right"] = {1};
    return testing::write_temp_mesh(m, "two-blocks.msh");
  }();
  return path;
}

// Neo-Hookean (E = 3 MPa, nu = 0.3) pulled 0.2 mm at x = 2, held at x = 0 (x) and on the
// symmetry planes y = 0, z = 0; `interface` empty for the box without a split.
std::string model_text(const std::string& interface) {
  std::string text = "mesh: {file: " + two_block_file() +
                     "}\n"
                     "materials:\n  m: {type: neo-hookean, E: 3.0, nu: 0.3}\n"
                     "regions:\n  - {elements: all, material: m}\n"
                     "boundary:\n"
                     "  - {type: fixed, nodes: x0, components: x}\n"
                     "  - {type: fixed, nodes: y0, components: y}\n"
                     "  - {type: fixed, nodes: z0, components: z}\n"
                     "  - {type: displacement, nodes: x1, component: x, value: 0.2}\n"
                     "output: {reactions: [x1]}\n"
                     "steps:\n  - {duration: 1, increments: 2}\n";
  if (interface.empty()) return text;
  return text + "interface: {primary: face_left, secondary: face_right, " + interface +
         "}\ntissue: {body: left, bed: right, fixed_end: x0, loaded_end: x1}\n";
}

ModelDefinition load(const std::string& text) {
  auto def = load_model_text(text, "two-blocks.yaml", testing::registered_materials());
  def.tissue.enabled = false;  // the mechanics only: no metric probes
  return def;
}

// A bond 1e5 MPa/mm stiff, too strong to soften here (onset at 100 MPa).
const std::string kBonded =
    "adhesion_density: 1, bond_stiffness: 1e5, normal_strength: 100, shear_strength: 100, "
    "mode_I_fracture_energy: 1, mode_II_fracture_energy: 1, friction_coefficient: 0";

TEST(InterfaceSplit, TheModelSplitsTheCommonFace) {
  const auto whole = load(model_text(""));
  EXPECT_EQ(whole.model.mesh.n_nodes(), 12);
  EXPECT_EQ(whole.interface_split.nodes, 0);
  const auto split = load(model_text(kBonded));
  EXPECT_EQ(split.interface_split.nodes, 4);
  EXPECT_EQ(split.interface_split.facets, 1);
  EXPECT_EQ(split.model.mesh.n_nodes(), 16);
  EXPECT_EQ(split.model.couplings.size(), 1u);
  // The supports on y0 and z0 hold both copies of the common face's nodes.
  EXPECT_EQ(split.model.mesh.node_set("y0").size(), 8u);
  EXPECT_EQ(split.model.mesh.node_set("z0").size(), 8u);
}

TEST(InterfaceSplit, ABondedInterfaceCarriesTheLoadOfTheWholeBox) {
  const auto whole = simulation::run_model(load(model_text("")), linear_registry());
  const auto bonded = simulation::run_model(load(model_text(kBonded)), linear_registry());
  ASSERT_TRUE(whole.completed) << whole.failure;
  ASSERT_TRUE(bonded.completed) << bonded.failure;
  const Real r_whole = whole.outputs.back().reactions.at("x1").x();
  const Real r_bonded = bonded.outputs.back().reactions.at("x1").x();
  // Uniaxial stretch 1.1 over the 1 x 1 section: the closed form.
  EXPECT_NEAR(r_whole, sinew::testing::neo_hookean_uniaxial(3.0, 0.3, 1.1).P11, 1e-8 * r_whole);
  // The bond is a spring in series with the blocks: it opens by about P11 / K = 0.27 / 1e5 mm,
  // 1.4e-5 of the 0.2 mm pulled, and lowers the force by that fraction; 1e-4 allows it.
  RecordProperty("relative_force_difference", std::to_string((r_whole - r_bonded) / r_whole));
  EXPECT_LT(r_bonded, r_whole);
  EXPECT_NEAR(r_bonded, r_whole, 1e-4 * r_whole);
}

TEST(InterfaceSplit, WithoutBondsTheBedSlidesAway) {
  const auto def = load(model_text("adhesion_density: 0, friction_coefficient: 0"));
  const auto run = simulation::run_model(def, linear_registry());
  ASSERT_TRUE(run.completed) << run.failure;
  EXPECT_NEAR(run.outputs.back().reactions.at("x1").x(), 0.0, 1e-9);
  // The right cell moves 0.2 mm as a rigid body: the common face opens by 0.2 mm.
  const auto& m = def.model.mesh;
  for (Index n : m.node_set("face_right")) EXPECT_NEAR(run.u[3 * n], 0.2, 1e-9);
  for (Index n : m.node_set("face_left")) EXPECT_NEAR(run.u[3 * n], 0.0, 1e-9);
}

}  // namespace
}  // namespace sinew::model
