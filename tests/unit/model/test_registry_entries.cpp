// One parameterised test per registry, over the registry's own names: each entry has a row in
// the test's table (a new entry without one fails here) and does what it says on a small model —
// a generator makes a valid mesh with its documented sets, a boundary-condition type applies its
// quantity (checked against equilibrium or closed form), a linear solver solves uniaxial tension
// to the closed form, a softening law reaches the interface, a metric is named, united and
// documented under its probe.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>

#include "batch/mpi_session.hpp"
#include "common/doc_tables.hpp"
#include "common/material_registry.hpp"
#include "common/neo_hookean_uniaxial.hpp"
#include "core/error.hpp"
#include "interface/cohesive_laws.hpp"
#include "interface/interface_set.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "model/boundary_types.hpp"
#include "model/mesh_generators.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/linear_solver.hpp"
#include "tissue/metrics.hpp"

namespace sinew::model {
namespace {

using sinew::testing::safe_name;

constexpr Real kNaN = std::numeric_limits<Real>::quiet_NaN();

const materials::MaterialRegistry& material_registry() { return testing::registered_materials(); }

// The test program's MPI, started by "amg-cg" on first use (as `sinew` does) and finalised when
// the program ends; made before the registry, so it outlives the solvers.
batch::MpiSession& mpi() {
  static batch::MpiSession session;
  return session;
}

const solver::LinearSolverRegistry& linear_registry() {
  mpi();
  static const solver::LinearSolverRegistry r = [] {
    solver::LinearSolverRegistry reg;
    solver::register_linear_solvers(reg, {[] { mpi().start_parallel_runtime(); }});
    return reg;
  }();
  return r;
}

std::string name_of(const ::testing::TestParamInfo<std::string>& info) {
  return safe_name(info.param);
}

// Neo-Hookean (E = 3 MPa, nu = 0.3) on every cell, one step of two increments.
std::string model_text(const std::string& mesh, const std::string& rest = {}) {
  return "mesh: " + mesh +
         "\nmaterials:\n  m: {type: neo-hookean, E: 3.0, nu: 0.3}\n"
         "regions:\n  - {elements: all, material: m}\n" +
         rest + "steps:\n  - {duration: 1, increments: 2}\n";
}

ModelDefinition load(const std::string& text) {
  return load_model_text(text, "registry.yaml", material_registry());
}

// ---- mesh generators -------------------------------------------------------------------------

struct GeneratorCase {
  std::string mesh;  ///< the `mesh` section
  Index cells;       ///< cells it must make
  Real volume;       ///< total reference volume (mm^3); NaN when not a closed form
  std::map<std::string, Real> spec_defaults;  ///< the generator's own defaults, by key
};

const std::map<std::string, GeneratorCase>& generator_cases() {
  static const std::map<std::string, GeneratorCase> table = {
      {"box", {"{generator: box, size: [2, 1, 1.5], divisions: [2, 1, 3]}", 6, 3.0, {}}},
      // Per axial layer: core 2 x 2, then 4 x core = 8 cells in each tendon and sheath ring.
      {"tendon_sheath",
       {"{generator: tendon_sheath, length: 10, semi_axes: [3, 2], sheath_thickness: 0.5, "
        "divisions: {axial: 2, core: 2, tendon_radial: 1, sheath_radial: 1}}",
        2 * (4 + 8 + 8),
        kNaN,
        {{"length", mesh::TendonSheathSpec{}.length},
         {"sheath_thickness", mesh::TendonSheathSpec{}.sheath_thickness}}}},
      {"fascia_band",
       {"{generator: fascia_band, length: 10, width: 4, thickness: 1, underlay_thickness: 2, "
        "divisions: {length: 2, width: 2, thickness: 1, underlay: 1}}",
        8,
        10.0 * 4.0 * 3.0,
        {{"length", mesh::FasciaBandSpec{}.length},
         {"width", mesh::FasciaBandSpec{}.width},
         {"thickness", mesh::FasciaBandSpec{}.thickness},
         {"underlay_thickness", mesh::FasciaBandSpec{}.underlay_thickness}}}},
  };
  return table;
}

std::vector<std::string> generator_names() {
  MeshGeneratorRegistry r;
  register_mesh_generators(r);
  return r.names();
}

class EachMeshGenerator : public ::testing::TestWithParam<std::string> {};

TEST_P(EachMeshGenerator, MakesAValidMeshWithItsDocumentedSets) {
  const auto it = generator_cases().find(GetParam());
  ASSERT_NE(it, generator_cases().end()) << "no test case for generator " << GetParam();
  MeshGeneratorRegistry registry;
  register_mesh_generators(registry);
  const auto& entry = registry.entry(GetParam());
  const ModelDefinition def = load(model_text(it->second.mesh));
  const auto& mesh = def.model.mesh;
  EXPECT_EQ(def.generator, GetParam());
  EXPECT_EQ(def.tissue.enabled, entry.tissue());
  ASSERT_EQ(mesh.n_cells(), it->second.cells);
  Real volume = 0.0;
  for (Index c = 0; c < mesh.n_cells(); ++c) {
    const Real v = mesh::cell_volume(mesh, c);
    EXPECT_GT(v, 0.0) << "cell " << c;
    volume += v;
  }
  if (!std::isnan(it->second.volume)) {
    EXPECT_NEAR(volume, it->second.volume, 1e-12 * volume);
  }
  for (const auto& s : entry.element_sets) EXPECT_FALSE(mesh.element_set(s).empty()) << s;
  for (const auto& s : entry.facet_sets) EXPECT_FALSE(mesh.facet_set(s).empty()) << s;
  for (const auto& s : entry.node_sets) EXPECT_FALSE(mesh.node_set(s).empty()) << s;
  // The defaults the registry (and so the docs) states are the generator's own.
  for (const auto& [key, value] : it->second.spec_defaults)
    EXPECT_EQ(std::stod(entry.key(key).default_text), value) << key;
  // A tissue generator's interface joins its two documented interface sets.
  EXPECT_EQ(def.model.couplings.size(), entry.tissue() ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Registry, EachMeshGenerator, ::testing::ValuesIn(generator_names()),
                         name_of);

// ---- boundary-condition types ----------------------------------------------------------------

// Box 2 x 1 x 1.5 mm, 2 x 1 x 1 cells: x1 has 4 nodes and one facet of 1.5 mm^2. Symmetry
// supports on x0 (x), y0 (y), z0 (z) let it contract freely.
const std::string kBoxMesh = "{generator: box, size: [2, 1, 1.5], divisions: [2, 1, 1]}";
const std::string kSupports =
    "  - {type: fixed, nodes: x0, components: x}\n"
    "  - {type: fixed, nodes: y0, components: y}\n"
    "  - {type: fixed, nodes: z0, components: z}\n";

struct BoundaryCase {
  std::string condition;  ///< the condition under test, after the supports
  std::function<void(const fem::Model&)> check_applied;
  std::string reaction_set;  ///< solved when set: the x reaction there must equal...
  Real reaction_x = kNaN;    ///< ... this (N)
};

const std::map<std::string, BoundaryCase>& boundary_cases() {
  static const std::map<std::string, BoundaryCase> table = {
      {"fixed",
       {"{type: fixed, nodes: x1, components: [y, z]}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.displacements.size(), 5u);
          EXPECT_EQ(m.displacements[3].component, 1);
          EXPECT_EQ(m.displacements[4].component, 2);
          EXPECT_EQ(m.displacements[4].nodes.size(), 4u);
          EXPECT_EQ(m.displacements[4].value, 0.0);
        },
        "", kNaN}},
      // Uniaxial stretch 1.1 over 2 mm: reaction = P11(1.1) x 1.5 mm^2.
      {"displacement",
       {"{type: displacement, nodes: x1, component: x, value: 0.2}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.displacements.size(), 4u);
          EXPECT_EQ(m.displacements[3].value, 0.2);
        },
        "x1", sinew::testing::neo_hookean_uniaxial(3.0, 0.3, 1.1).P11 * 1.5}},
      // 0.1 N on each of the 4 nodes: the x0 supports hold -0.4 N.
      {"force",
       {"{type: force, nodes: x1, value: [0.1, 0, 0]}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.nodal_forces.size(), 1u);
          const auto& f = m.nodal_forces[0];
          EXPECT_DOUBLE_EQ(static_cast<Real>(f.nodes.size()) * f.force.x(), 0.4);
        },
        "x0", -0.4}},
      {"pressure",
       {"{type: pressure, facets: x1, value: 0.02}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.pressures.size(), 1u);
          EXPECT_EQ(m.pressures[0].facets.size(), 1u);
          EXPECT_EQ(m.pressures[0].pressure, 0.02);
        },
        "", kNaN}},
      // 0.3 N spread over 1.5 mm^2: 0.2 MPa of dead traction, held by the x0 supports.
      {"traction",
       {"{type: traction, facets: x1, total_force: [0.3, 0, 0]}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.tractions.size(), 1u);
          EXPECT_NEAR(m.tractions[0].traction.x(), 0.2, 1e-15);
        },
        "x0", -0.3}},
      // A plate pulled by 0.3 N: its 4 nodes move together, the x0 supports hold -0.3 N.
      {"plate",
       {"{type: plate, nodes: x1, component: x, value: 0.3}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.plates.size(), 1u);
          EXPECT_EQ(m.plates[0].nodes.size(), 4u);
          EXPECT_EQ(m.plates[0].component, 0);
          EXPECT_FALSE(m.plates[0].displacement_control);
          EXPECT_EQ(m.plates[0].value, 0.3);
        },
        "x0", -0.3}},
      {"foundation",
       {"{type: foundation, facets: z1, stiffness: 2}",
        [](const fem::Model& m) {
          ASSERT_EQ(m.foundations.size(), 1u);
          EXPECT_EQ(m.foundations[0].facets.size(), 2u);
          EXPECT_EQ(m.foundations[0].stiffness, 2.0);
        },
        "", kNaN}},
  };
  return table;
}

std::vector<std::string> boundary_names() {
  BoundaryTypeRegistry r;
  register_boundary_types(r);
  return r.names();
}

class EachBoundaryType : public ::testing::TestWithParam<std::string> {};

TEST_P(EachBoundaryType, AppliesItsQuantityOnABox) {
  const auto it = boundary_cases().find(GetParam());
  ASSERT_NE(it, boundary_cases().end()) << "no test case for boundary type " << GetParam();
  const auto& c = it->second;
  std::string rest = "boundary:\n" + kSupports + "  - " + c.condition + "\n";
  if (!c.reaction_set.empty()) rest += "output: {reactions: [" + c.reaction_set + "]}\n";
  ModelDefinition def = load(model_text(kBoxMesh, rest));
  c.check_applied(def.model);
  if (c.reaction_set.empty()) return;
  const auto result = simulation::run_model(def, linear_registry());
  ASSERT_TRUE(result.completed) << result.failure;
  const Real r = result.outputs.back().reactions.at(c.reaction_set).x();
  EXPECT_NEAR(r, c.reaction_x, 1e-8 * std::abs(c.reaction_x));
}

INSTANTIATE_TEST_SUITE_P(Registry, EachBoundaryType, ::testing::ValuesIn(boundary_names()),
                         name_of);

// ---- linear solvers --------------------------------------------------------------------------

struct LinearSolverCase {
  std::string backend;  ///< the backend the run reports ("auto" resolves by size)
  Real tolerance;       ///< relative error of the reaction
};

const std::map<std::string, LinearSolverCase>& linear_solver_cases() {
  static const std::map<std::string, LinearSolverCase> table = {
      // Iterative backends: the converged Newton state of this run is within 2e-4 of the closed
      // form (0.4188 N), not 1e-9 as with the direct ones: their inexact solves end Newton on
      // its relative criteria earlier.
      {"auto", {"cholmod", 1e-9}},
      {"amg-cg", {"amg-cg", 1e-3}},
      {"cholmod", {"cholmod", 1e-9}},
      {"cholmod-ldlt", {"cholmod-ldlt", 1e-9}},
      {"eigen-ldlt", {"eigen-ldlt", 1e-9}},
      {"eigen-lu", {"eigen-lu", 1e-9}},
      {"iccg", {"iccg", 1e-3}},
      {"umfpack", {"umfpack", 1e-9}},
  };
  return table;
}

class EachLinearSolver : public ::testing::TestWithParam<std::string> {};

TEST_P(EachLinearSolver, SolvesUniaxialTensionToTheClosedForm) {
  // A backend without a row is held to a direct solver's accuracy under its own name.
  const auto it = linear_solver_cases().find(GetParam());
  const LinearSolverCase expect =
      it != linear_solver_cases().end() ? it->second : LinearSolverCase{GetParam(), 1e-9};
  ModelDefinition def = load(
      model_text(kBoxMesh, "boundary:\n" + kSupports +
                               "  - {type: displacement, nodes: x1, component: x, value: 0.2}\n"
                               "output: {reactions: [x1]}\nsolver: {linear: " +
                               GetParam() + "}\n"));
  EXPECT_EQ(def.newton.linear_solver, GetParam());
  const auto result = simulation::run_model(def, linear_registry());
  ASSERT_TRUE(result.completed) << result.failure;
  EXPECT_EQ(result.linear_solver, expect.backend);
  const Real expected = sinew::testing::neo_hookean_uniaxial(3.0, 0.3, 1.1).P11 * 1.5;
  EXPECT_NEAR(result.outputs.back().reactions.at("x1").x(), expected, expect.tolerance * expected);
}

INSTANTIATE_TEST_SUITE_P(Registry, EachLinearSolver,
                         ::testing::ValuesIn(solver::linear_solver_names()), name_of);

// ---- softening laws --------------------------------------------------------------------------

std::vector<std::string> softening_law_names() {
  interface::CohesiveLawRegistry r;
  interface::register_cohesive_laws(r);
  return r.names();
}

class EachSofteningLaw : public ::testing::TestWithParam<std::string> {};

TEST_P(EachSofteningLaw, ReachesTheInterfaceItNames) {
  interface::CohesiveLawRegistry registry;
  interface::register_cohesive_laws(registry);
  const ModelDefinition def = load(model_text(generator_cases().at("fascia_band").mesh,
                                              "interface: {law: " + GetParam() + "}\n"));
  ASSERT_EQ(def.model.couplings.size(), 1u);
  const auto* set = dynamic_cast<const interface::InterfaceSet*>(def.model.couplings[0].get());
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->parameters().softening, registry.entry(GetParam()).law);
}

INSTANTIATE_TEST_SUITE_P(Registry, EachSofteningLaw, ::testing::ValuesIn(softening_law_names()),
                         name_of);

// ---- metrics ---------------------------------------------------------------------------------

std::vector<std::string> metric_names() {
  std::vector<std::string> out;
  for (const auto& m : tissue::metric_table()) out.emplace_back(m.name);
  return out;
}

class EachMetric : public ::testing::TestWithParam<std::string> {};

TEST_P(EachMetric, HasUnitAndDescriptionAndIsDocumentedUnderItsProbe) {
  const tissue::MetricInfo* info = nullptr;
  for (const auto& m : tissue::metric_table())
    if (m.name == GetParam()) info = &m;
  ASSERT_NE(info, nullptr);
  EXPECT_FALSE(info->unit.empty());
  EXPECT_GT(info->description.size(), 20u);
  // The section the metric names for itself (its probe), so a new metric needs no test edit.
  const std::string heading = "## " + std::string(info->section);
  const std::string section =
      sinew::testing::doc_section(sinew::testing::read_doc("metrics.md"), heading);
  ASSERT_FALSE(section.empty()) << heading;
  const std::string row = sinew::testing::row_of(section, GetParam());
  EXPECT_EQ(row.rfind("| `" + GetParam() + "` | " + std::string(info->unit) + " | ", 0), 0u) << row;
}

INSTANTIATE_TEST_SUITE_P(Registry, EachMetric, ::testing::ValuesIn(metric_names()), name_of);

// ---- unknown names ---------------------------------------------------------------------------

// The one error of a model text, with its key path.
std::string only_error(const std::string& text, std::string* path = nullptr) {
  try {
    load(text);
  } catch (const InputErrors& e) {
    if (e.errors().size() != 1)
      return "expected one error, got " + std::to_string(e.errors().size());
    if (path) *path = e.errors()[0].key_path();
    return e.errors()[0].message();
  }
  return "no error";
}

TEST(RegistryNames, UnknownNamesListTheRegistry) {
  MeshGeneratorRegistry generators;
  register_mesh_generators(generators);
  BoundaryTypeRegistry boundary;
  register_boundary_types(boundary);
  interface::CohesiveLawRegistry laws;
  interface::register_cohesive_laws(laws);
  std::string solvers;
  for (const auto& n : solver::linear_solver_names()) solvers += (solvers.empty() ? "" : ", ") + n;
  std::string path;
  EXPECT_EQ(only_error(model_text("{generator: cube}"), &path),
            "'cube' is not allowed (allowed: " + generators.joined_names() + ")");
  EXPECT_EQ(path, "mesh.generator");
  EXPECT_EQ(only_error(model_text(kBoxMesh, "boundary:\n  - {type: spring, nodes: x0}\n"), &path),
            "'spring' is not allowed (allowed: " + boundary.joined_names() + ")");
  EXPECT_EQ(path, "boundary[0].type");
  EXPECT_EQ(only_error(model_text(generator_cases().at("fascia_band").mesh,
                                  "interface: {law: linear}\n"),
                       &path),
            "'linear' is not allowed (allowed: " + laws.joined_names() + ")");
  EXPECT_EQ(path, "interface.law");
  EXPECT_EQ(only_error(model_text(kBoxMesh, "solver: {linear: mumps}\n"), &path),
            "'mumps' is not allowed (allowed: " + solvers + ")");
  EXPECT_EQ(path, "solver.linear");
}

}  // namespace
}  // namespace sinew::model
