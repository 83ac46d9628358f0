// Tissue sections of the model file: a Gmsh tendon-sheath model with its interface and roles
// gives the same interface and metrics as the generator it was written from, and so does its
// conforming version once split (mesh/node_split.hpp); fascicle twist and scars reach the
// per-point fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "common/linear_solver_registry.hpp"
#include "common/material_registry.hpp"
#include "common/temp_mesh_file.hpp"
#include "fem/mechanics_problem.hpp"
#include "interface/interface_set.hpp"
#include "materials/register.hpp"
#include "mesh/facet_pairing.hpp"
#include "mesh/gmsh_reader.hpp"
#include "model/model_definition.hpp"
#include "solver/linear/linear_solver.hpp"
#include "tissue/metrics.hpp"

namespace sinew::model {
namespace {

const materials::MaterialRegistry& materials_registry() { return testing::registered_materials(); }

const solver::LinearSolverRegistry& linear_registry() {
  return testing::registered_linear_solvers();
}

const std::string kBody = R"(
materials:
  tendon: {type: hgo, k: 1000}
  paratenon: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {elements: tendon, material: tendon, formulation: mean-dilatation}
  - {elements: sheath, material: paratenon}
steps: [{increments: 1}]
)";

// The mesh of scenarios/meshes/tendon-sheath-coarse.msh, from the generator.
const std::string kGenerated = R"(
mesh:
  generator: tendon_sheath
  length: 20
  semi_axes: [7.35, 2.45]
  sheath_thickness: 1
  divisions: {axial: 4, core: 2, tendon_radial: 1, sheath_radial: 1}
interface: {adhesion_density: 0.5, friction_coefficient: 0.1}
tissue: {probe_force: 20, probe_excursion: 0.2}
)";

std::string gmsh_model() {
  return std::string("mesh: {file: ") + SINEW_SOURCE_DIR +
         "/scenarios/meshes/tendon-sheath-coarse.msh}\n"
         "interface: {primary: interface_tendon, secondary: interface_sheath, "
         "adhesion_density: 0.5, friction_coefficient: 0.1}\n"
         "tissue: {body: tendon, bed: sheath, fixed_end: tendon_distal, "
         "loaded_end: tendon_proximal, bed_support: sheath_outer, probe_force: 20, "
         "probe_excursion: 0.2}\n";
}

const interface::InterfaceSet& interface_of(const ModelDefinition& def) {
  EXPECT_EQ(def.model.couplings.size(), 1u);
  return dynamic_cast<const interface::InterfaceSet&>(*def.model.couplings.front());
}

TEST(TissueSections, GmshTendonSheathMatchesTheGenerator) {
  auto generated = load_model_text(kGenerated + kBody, "generated.yaml", materials_registry());
  auto imported = load_model_text(gmsh_model() + kBody, "imported.yaml", materials_registry());
  ASSERT_TRUE(generated.tissue.enabled);
  ASSERT_TRUE(imported.tissue.enabled);
  const auto& a = interface_of(generated);
  const auto& b = interface_of(imported);
  EXPECT_EQ(a.n_pairs(), 32);  // 8 faces around x 4 along the axis
  EXPECT_EQ(b.n_pairs(), a.n_pairs());
  EXPECT_NEAR(b.initial_bond_area(), a.initial_bond_area(), 1e-9 * a.initial_bond_area());

  fem::MechanicsProblem pa(generated.model), pb(imported.model);
  const auto ma =
      tissue::measure_metrics(pa, generated.tissue, generated.newton, linear_registry());
  const auto mb = tissue::measure_metrics(pb, imported.tissue, imported.newton, linear_registry());
  for (int m : {tissue::kStiffness, tissue::kGlidingResistance, tissue::kWorkOfExcursion}) {
    SCOPED_TRACE(std::string(tissue::metric_table()[m].name));
    EXPECT_GT(ma[m], 0.0);
    EXPECT_NEAR(mb[m], ma[m], 1e-8 * std::abs(ma[m]));
  }
  // The gliding probe breaks bonds only in its own copy.
  EXPECT_EQ(a.intact_fraction(), 1.0);
  EXPECT_EQ(ma[tissue::kAdhesionIntactFraction], 1.0);
}

// tendon-sheath-coarse.msh made conforming: each sheath node on the interface is merged into
// the tendon node at its position and the interface's facet sets are removed (as Gmsh writes
// two touching volumes). Returns the file and the number of nodes merged.
std::pair<std::string, Index> conforming_coarse_mesh() {
  mesh::Mesh m =
      mesh::read_gmsh(std::string(SINEW_SOURCE_DIR) + "/scenarios/meshes/tendon-sheath-coarse.msh");
  std::vector<Index> target(size_t(m.n_nodes()));
  for (Index n = 0; n < m.n_nodes(); ++n) target[size_t(n)] = n;
  for (const auto& p :
       mesh::pair_facets(m, m.facet_set("interface_tendon"), m.facet_set("interface_sheath"), 1e-9))
    for (int a = 0; a < p.n_nodes; ++a)
      target[size_t(p.secondary_nodes[size_t(a)])] = p.primary_nodes[size_t(a)];
  std::vector<Index> renumber(size_t(m.n_nodes()), -1);
  std::vector<Vec3> points;
  for (Index n = 0; n < m.n_nodes(); ++n)
    if (target[size_t(n)] == n) {
      renumber[size_t(n)] = Index(points.size());
      points.push_back(m.points[size_t(n)]);
    }
  const Index merged = m.n_nodes() - Index(points.size());
  auto new_id = [&](Index n) { return renumber[size_t(target[size_t(n)])]; };
  for (Index& n : m.connectivity) n = new_id(n);
  m.points = std::move(points);
  for (const char* name : {"interface_tendon", "interface_sheath"}) {
    m.facet_sets.erase(name);
    m.node_sets.erase(name);
  }
  for (auto& [name, set] : m.node_sets) {
    for (Index& n : set) n = new_id(n);
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
  }
  return {testing::write_temp_mesh(m, "tendon-sheath-conforming.msh"), merged};
}

TEST(TissueSections, AConformingGmshMeshIsSplitIntoTheDuplicatedOne) {
  const auto [file, merged] = conforming_coarse_mesh();
  EXPECT_EQ(merged, 40);  // 8 nodes around the ellipse x 5 sections
  std::string text = gmsh_model() + kBody;
  const std::string coarse = "/scenarios/meshes/tendon-sheath-coarse.msh";
  text.replace(text.find(std::string(SINEW_SOURCE_DIR) + coarse),
               std::string(SINEW_SOURCE_DIR).size() + coarse.size(), file);
  auto split = load_model_text(text, "split.yaml", materials_registry());
  auto duplicated = load_model_text(gmsh_model() + kBody, "imported.yaml", materials_registry());
  EXPECT_EQ(split.interface_split.nodes, merged);
  EXPECT_EQ(split.interface_split.facets, 32);
  EXPECT_EQ(duplicated.interface_split.nodes, 0);
  EXPECT_EQ(split.model.mesh.n_nodes(), duplicated.model.mesh.n_nodes());
  const auto& a = interface_of(duplicated);
  const auto& b = interface_of(split);
  EXPECT_EQ(b.n_pairs(), a.n_pairs());
  EXPECT_NEAR(b.initial_bond_area(), a.initial_bond_area(), 1e-9 * a.initial_bond_area());
  // The fixed end is the tendon's: the sheath's copies of its edge on the interface are free.
  EXPECT_EQ(split.model.mesh.node_set("tendon_distal").size(),
            duplicated.model.mesh.node_set("tendon_distal").size());

  fem::MechanicsProblem pa(duplicated.model), pb(split.model);
  const auto ma =
      tissue::measure_metrics(pa, duplicated.tissue, duplicated.newton, linear_registry());
  const auto mb = tissue::measure_metrics(pb, split.tissue, split.newton, linear_registry());
  for (int m : {tissue::kStiffness, tissue::kGlidingResistance, tissue::kWorkOfExcursion}) {
    SCOPED_TRACE(std::string(tissue::metric_table()[m].name));
    EXPECT_GT(ma[m], 0.0);
    EXPECT_NEAR(mb[m], ma[m], 1e-8 * std::abs(ma[m]));
  }
}

TEST(TissueSections, HelixAngleGrowsFromTheAxisToTheSurface) {
  const std::string twisted = R"(
mesh:
  generator: tendon_sheath
  length: 10
  semi_axes: [3, 3]
  helix_angle: 20
  divisions: {axial: 2, core: 2, tendon_radial: 2, sheath_radial: 1}
)";  // no tissue section: the generator's roles and default probes
  const auto def = load_model_text(twisted + kBody, "twisted.yaml", materials_registry());
  const auto& m = def.model;
  Real largest = 0.0;
  for (Index c : m.mesh.element_set("tendon"))
    for (Index p = m.point_offset[c]; p < m.point_offset[c + 1]; ++p) {
      const Vec3& a = m.point_fields[p].fibre;
      EXPECT_NEAR(a.norm(), 1.0, 1e-12);
      largest = std::max(largest, std::acos(a.x()) * 180.0 / std::numbers::pi);
    }
  EXPECT_GT(largest, 10.0);  // outer Gauss points lie well out towards the surface
  EXPECT_LT(largest, 20.0);  // and inside it
  for (Index c : m.mesh.element_set("sheath"))
    EXPECT_EQ(m.point_fields[m.point_offset[c]].fibre, Vec3::UnitX());
}

TEST(TissueSections, ScarSoftensTheFibresInsideItOnly) {
  const std::string scarred = kGenerated + kBody + R"(
scars:
  - {shape: ellipsoid, centre: [10, 0, 0], semi_axes: [3, 3, 1.5], falloff: 1,
     fibre_stiffness_ratio: 0.4, dispersion: 0.2, adhesion_density: 1.0}
)";
  const auto def = load_model_text(scarred, "scar.yaml", materials_registry());
  const auto& f = def.model.point_fields;
  const auto& s = def.tissue.scar_fraction;
  ASSERT_EQ(s.size(), f.size());
  int inside = 0, outside = 0;
  for (size_t p = 0; p < f.size(); ++p) {
    EXPECT_NEAR(f[p].fibre_scale, 1.0 + s[p] * (0.4 - 1.0), 1e-14);
    EXPECT_NEAR(f[p].dispersion, s[p] * 0.2, 1e-14);
    inside += s[p] == 1.0;
    outside += s[p] == 0.0;
  }
  EXPECT_GT(inside, 0);
  EXPECT_GT(outside, inside);
  // Bonds: 0.5 away from the scar, up to 1 over it.
  const auto& bonds = interface_of(def);
  Real lo = 1, hi = 0;
  for (const auto& p : bonds.point_info()) {
    lo = std::min(lo, p.rho);
    hi = std::max(hi, p.rho);
  }
  EXPECT_EQ(lo, 0.5);
  EXPECT_GT(hi, 0.5);
}

}  // namespace
}  // namespace sinew::model
