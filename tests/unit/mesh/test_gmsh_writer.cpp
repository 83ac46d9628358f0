// Tests of the Gmsh MSH 4.1 writer: round trips through read_gmsh keep nodes, cells, blocks and
// sets (including duplicated interface nodes), and the checked-in scenario mesh.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "mesh/body_append.hpp"
#include "mesh/box_generator.hpp"
#include "mesh/facet_pairing.hpp"
#include "mesh/fascia_band_generator.hpp"
#include "mesh/gmsh_reader.hpp"
#include "mesh/gmsh_writer.hpp"
#include "mesh/tendon_sheath_generator.hpp"

namespace sinew::mesh {
namespace {

std::string to_msh(const Mesh& m) {
  std::ostringstream out;
  write_gmsh(m, out);
  return out.str();
}

Mesh round_trip(const Mesh& m) {
  std::istringstream in(to_msh(m));
  return read_gmsh_stream(in, "round-trip.msh");
}

std::vector<Index> written_nodes_of(const Mesh& m, Index c) {
  return {m.cell_nodes(c).begin(), m.cell_nodes(c).end()};
}

std::string block_of(const Mesh& m, Index c) {
  return m.block_names[size_t(m.cell_block[size_t(c)])];
}

// Same nodes (coordinates within `tol`), cells, per-cell block names and sets.
void expect_same_mesh(const Mesh& a, const Mesh& b, Real tol = 0) {
  ASSERT_EQ(a.n_nodes(), b.n_nodes());
  for (Index n = 0; n < a.n_nodes(); ++n)
    ASSERT_LE((a.points[size_t(n)] - b.points[size_t(n)]).norm(), tol) << "node " << n;
  ASSERT_EQ(a.n_cells(), b.n_cells());
  for (Index c = 0; c < a.n_cells(); ++c) {
    ASSERT_EQ(a.cell_type(c), b.cell_type(c));
    ASSERT_EQ(written_nodes_of(a, c), written_nodes_of(b, c)) << "cell " << c;
    ASSERT_EQ(block_of(a, c), block_of(b, c)) << "cell " << c;
  }
  EXPECT_EQ(a.element_sets, b.element_sets);
  EXPECT_EQ(a.facet_sets, b.facet_sets);
  EXPECT_EQ(a.node_sets, b.node_sets);
}

void expect_same_pairs(const std::vector<FacetPair>& a, const std::vector<FacetPair>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].primary, b[i].primary);
    EXPECT_EQ(a[i].secondary, b[i].secondary);
    EXPECT_EQ(a[i].primary_nodes, b[i].primary_nodes);
    EXPECT_EQ(a[i].secondary_nodes, b[i].secondary_nodes);
  }
}

TEST(GmshWriter, TendonSheathRoundTrip) {
  TendonSheathSpec s;
  s.axial_divisions = 5;
  s.core_divisions = 3;
  s.sheath_radial_divisions = 2;
  const Mesh m = generate_tendon_sheath(s);
  const Mesh r = round_trip(m);
  expect_same_mesh(m, r);
  EXPECT_EQ(r.block_names, (std::vector<std::string>{"all", "tendon", "sheath"}));
  expect_same_pairs(
      pair_facets(m, m.facet_set("interface_tendon"), m.facet_set("interface_sheath"), 1e-6),
      pair_facets(r, r.facet_set("interface_tendon"), r.facet_set("interface_sheath"), 1e-6));
}

TEST(GmshWriter, FasciaBandRoundTrip) {
  const Mesh m = generate_fascia_band({});
  const Mesh r = round_trip(m);
  expect_same_mesh(m, r);
  EXPECT_EQ(r.block_names, (std::vector<std::string>{"all", "fascia", "underlay"}));
  expect_same_pairs(
      pair_facets(m, m.facet_set("interface_fascia"), m.facet_set("interface_underlay"), 1e-6),
      pair_facets(r, r.facet_set("interface_fascia"), r.facet_set("interface_underlay"), 1e-6));
}

TEST(GmshWriter, OverlappingSetsPointGroupsEmptySetsAndTets) {
  BoxSpec spec;
  spec.size = Vec3(2.5, 1.0 / 3, 0.7);
  spec.divisions = {3, 2, 2};
  spec.cell = CellType::Tet4;
  Mesh m = make_box(spec);
  const Index n = m.n_cells();
  m.block_names = {"all", "soft", "stiff"};
  for (Index c = 0; c < n; ++c) m.cell_block[size_t(c)] = c < n / 3 ? 0 : (c < n / 2 ? 1 : 2);
  for (Index c = n / 3; c < n / 2; ++c) m.element_sets["soft"].push_back(c);
  for (Index c = n / 2; c < n; ++c) m.element_sets["stiff"].push_back(c);
  for (Index c = n / 4; c < 3 * n / 4; ++c) m.element_sets["scar"].push_back(c);  // overlaps
  m.element_sets["no_cells"];
  m.facet_sets["no_facets"];
  m.node_sets["no_nodes"];
  m.node_sets["tip"] = {5};                      // no group of that name: point elements
  m.node_sets["x0"].push_back(m.n_nodes() - 1);  // more than facet set x0's nodes
  std::sort(m.node_sets["x0"].begin(), m.node_sets["x0"].end());
  // A facet in two sets.
  m.facet_sets["patch"] = {m.facet_sets["y0"][0]};
  m.node_sets["patch"] = m.nodes_of_facets(m.facet_sets["patch"]);
  // Node sets read_gmsh derives for the volume groups.
  for (const char* name : {"soft", "stiff", "scar"})
    m.node_sets[name] = m.nodes_of_facets([&] {
      std::vector<Facet> f;
      for (Index c : m.element_sets[name])
        for (int k = 0; k < 4; ++k) f.push_back({c, k});
      return f;
    }());
  m.node_sets["no_cells"];
  m.node_sets["no_facets"];

  const std::string text = to_msh(m);
  EXPECT_EQ(text.rfind("$MeshFormat\n4.1 0 8\n$EndMeshFormat\n", 0), 0u);
  EXPECT_NE(text.find("0 1 \"no_nodes\""), std::string::npos);
  std::istringstream in(text);
  const Mesh r = read_gmsh_stream(in, "sets.msh");
  // Cells of block "all" in "scar" come back in block "scar" (documented): compare the rest.
  for (Index c = 0; c < n; ++c) {
    const std::string expected = c >= n / 3 ? block_of(m, c) : (c >= n / 4 ? "scar" : "all");
    EXPECT_EQ(block_of(r, c), expected) << c;
  }
  m.cell_block.assign(size_t(n), 0);
  Mesh r2 = r;
  r2.cell_block.assign(size_t(n), 0);
  r2.block_names = m.block_names;
  expect_same_mesh(m, r2);
}

TEST(GmshWriter, RefusesMeshesItCannotWriteFaithfully) {
  auto error = [](const Mesh& m) -> std::string {
    try {
      to_msh(m);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no exception";
  };
  EXPECT_NE(error(Mesh{}).find("the mesh has no cells"), std::string::npos);

  Mesh orphan = make_box({});
  orphan.points.push_back(Vec3(5, 5, 5));
  EXPECT_NE(error(orphan).find("node 8 belongs to no cell"), std::string::npos);

  Mesh all = make_box({});
  all.facet_sets["all"] = all.facet_sets["x0"];
  EXPECT_NE(error(all).find("the facet set name 'all' is reserved"), std::string::npos);

  Mesh quote = make_box({});
  quote.element_sets["bad\"name"] = {0};
  EXPECT_NE(error(quote).find("holds a quote or line break"), std::string::npos);

  Mesh lacking = make_box({});
  lacking.node_sets["x0"].pop_back();
  EXPECT_NE(error(lacking).find("node set 'x0' lacks some nodes of the element or facet set"),
            std::string::npos);

  Mesh bad_block = make_box({});
  bad_block.cell_block[0] = 3;
  EXPECT_NE(error(bad_block).find("block 3, which block_names does not name"), std::string::npos);
}

// ---- the checked-in scenario mesh ----------------------------------------------------------

// The spec the file scenarios/meshes/tendon-sheath-coarse.msh was written from.
TendonSheathSpec coarse_spec() {
  TendonSheathSpec s;
  s.length = 20;
  s.axial_divisions = 4;
  s.core_divisions = 2;
  s.tendon_radial_divisions = 1;
  s.sheath_radial_divisions = 1;
  return s;
}

const std::string kCoarseFile =
    std::string(SINEW_SOURCE_DIR) + "/scenarios/meshes/tendon-sheath-coarse.msh";

// Run with --gtest_also_run_disabled_tests --gtest_filter='*RegenerateCoarse*' to rewrite it.
TEST(GmshWriter, DISABLED_RegenerateCoarseScenarioMesh) {
  std::ofstream out(kCoarseFile);
  ASSERT_TRUE(out) << kCoarseFile;
  write_gmsh(generate_tendon_sheath(coarse_spec()), out);
}

TEST(GmshWriter, CheckedInCoarseTendonSheathMesh) {
  const Mesh r = read_gmsh(kCoarseFile);
  // Same as generated today (up to libm's last bits in cos/sin).
  expect_same_mesh(generate_tendon_sheath(coarse_spec()), r, 1e-12);
  EXPECT_EQ(r.n_nodes(), 165);
  EXPECT_EQ(r.n_cells(), 80);
  const auto pairs =
      pair_facets(r, r.facet_set("interface_tendon"), r.facet_set("interface_sheath"), 1e-9);
  ASSERT_EQ(pairs.size(), 32u);
  for (const auto& p : pairs)
    for (int k = 0; k < 4; ++k)
      EXPECT_EQ(r.points[size_t(p.primary_nodes[size_t(k)])],
                r.points[size_t(p.secondary_nodes[size_t(k)])]);
}

}  // namespace
}  // namespace sinew::mesh
