// Tests of the Gmsh MSH 4.1 reader on hand-written and Gmsh-written meshes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "mesh/gmsh_reader.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::cell_centroid;
using test::facet_area_vector;
using test::facet_centroid;
using test::mesh_file;
using test::total_volume;

std::vector<Index> nodes_of(const Mesh& m, Index c) {
  return {m.cell_nodes(c).begin(), m.cell_nodes(c).end()};
}

std::vector<std::string> keys(const auto& map) {
  std::vector<std::string> k;
  for (const auto& [name, v] : map) k.push_back(name);
  return k;
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Vector area of a facet set, and a check that each facet's normal is `dir`.
Vec3 expect_facets_along(const Mesh& m, const std::vector<Facet>& set, const Vec3& dir) {
  Vec3 sum = Vec3::Zero();
  for (const Facet& f : set) {
    const Vec3 a = facet_area_vector(m, f);
    EXPECT_NEAR((a.normalized() - dir).norm(), 0.0, 1e-9)
        << "cell " << f.cell << " face " << f.face;
    sum += a;
  }
  return sum;
}

void check_hex_block(const Mesh& m) {
  ASSERT_EQ(m.n_nodes(), 12);
  ASSERT_EQ(m.n_cells(), 2);
  // Node tag t sits at (i,j,k) with t = 1 + i + 3 (j + 2 k); file order is tag order.
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 3; ++i) EXPECT_EQ(m.points[size_t(i + 3 * (j + 2 * k))], Vec3(i, j, k));
  EXPECT_EQ(m.cell_type(0), CellType::Hex8);
  EXPECT_EQ(nodes_of(m, 0), (std::vector<Index>{0, 1, 4, 3, 6, 7, 10, 9}));
  // Written mirrored (2 5 6 3 8 11 12 9): reordered to the positive orientation.
  EXPECT_EQ(nodes_of(m, 1), (std::vector<Index>{1, 2, 5, 4, 7, 8, 11, 10}));
  EXPECT_NEAR(cell_volume(m, 0), 1.0, 1e-14);
  EXPECT_NEAR(cell_volume(m, 1), 1.0, 1e-14);

  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "tendon"}));
  EXPECT_EQ(m.cell_block, (std::vector<int>{1, 1}));
  EXPECT_EQ(keys(m.element_sets), (std::vector<std::string>{"all", "tendon"}));
  EXPECT_EQ(m.element_set("tendon"), (std::vector<Index>{0, 1}));
  EXPECT_EQ(keys(m.facet_sets), (std::vector<std::string>{"distal", "proximal", "surface_5"}));
  EXPECT_EQ(m.facet_set("proximal"), (std::vector<Facet>{{0, 5}}));
  EXPECT_EQ(m.facet_set("distal"), (std::vector<Facet>{{1, 3}}));
  EXPECT_EQ(m.facet_set("surface_5"), (std::vector<Facet>{{0, 2}, {1, 2}}));
  EXPECT_NEAR((expect_facets_along(m, m.facet_set("proximal"), {-1, 0, 0}) - Vec3(-1, 0, 0)).norm(),
              0.0, 1e-14);
  expect_facets_along(m, m.facet_set("distal"), {1, 0, 0});
  expect_facets_along(m, m.facet_set("surface_5"), {0, -1, 0});

  EXPECT_EQ(keys(m.node_sets), (std::vector<std::string>{"all", "anchor", "distal", "proximal",
                                                         "surface_5", "tendon"}));
  EXPECT_EQ(m.node_set("anchor"), (std::vector<Index>{0}));
  EXPECT_EQ(m.node_set("proximal"), (std::vector<Index>{0, 3, 6, 9}));
  EXPECT_EQ(m.node_set("distal"), (std::vector<Index>{2, 5, 8, 11}));
  EXPECT_EQ(m.node_set("surface_5"), (std::vector<Index>{0, 1, 2, 6, 7, 8}));
  EXPECT_EQ(m.node_set("tendon").size(), 12u);
  EXPECT_EQ(m.node_set("all").size(), 12u);
}

TEST(GmshReader, HexBlockWithPhysicalGroups) {
  check_hex_block(read_gmsh(mesh_file("hex_block_2x1x1.msh")));
}

TEST(GmshReader, WindowsLineEndingsReadTheSame) {
  std::string text = read_file_text(mesh_file("hex_block_2x1x1.msh"));
  std::string crlf;
  for (char ch : text) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  std::istringstream in(crlf);
  check_hex_block(read_gmsh_stream(in, "crlf.msh"));
}

TEST(GmshReader, SingleInvertedTetIsReoriented) {
  const Mesh m = read_gmsh(mesh_file("single_tet.msh"));
  ASSERT_EQ(m.n_cells(), 1);
  EXPECT_EQ(m.cell_type(0), CellType::Tet4);
  EXPECT_EQ(m.points[1], Vec3(0, 1, 0));
  EXPECT_EQ(m.points[2], Vec3(1, 0, 0));
  EXPECT_EQ(nodes_of(m, 0), (std::vector<Index>{0, 2, 1, 3}));  // written 0 1 2 3, mirrored
  EXPECT_NEAR(cell_volume(m, 0), 1.0 / 6, 1e-15);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "volume_7"}));
  EXPECT_EQ(m.cell_block, (std::vector<int>{1}));
  EXPECT_EQ(m.element_set("volume_7"), (std::vector<Index>{0}));
  EXPECT_EQ(m.node_set("volume_7"), (std::vector<Index>{0, 1, 2, 3}));
  EXPECT_TRUE(m.facet_sets.empty());
}

TEST(GmshReader, NonContiguousTagsAndUnusedNodes) {
  const Mesh m = read_gmsh(mesh_file("noncontiguous_tags.msh"));
  // Tags 1000 7 42 13 | 500 77 8 31 | 999: the last belongs to no cell and is dropped.
  ASSERT_EQ(m.n_nodes(), 8);
  ASSERT_EQ(m.n_cells(), 1);
  EXPECT_EQ(m.points[0], Vec3(1, 2, 3));
  EXPECT_EQ(m.points[2], Vec3(4, 3, 3));
  EXPECT_EQ(m.points[5], Vec3(4, 2, 5));
  EXPECT_EQ(m.points[7], Vec3(1, 3, 5));
  EXPECT_EQ(nodes_of(m, 0), (std::vector<Index>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_NEAR(cell_volume(m, 0), 6.0, 1e-13);
  EXPECT_EQ(m.element_set("volume_40"), (std::vector<Index>{0}));
  EXPECT_EQ(m.facet_set("surface_30"), (std::vector<Facet>{{0, 1}}));  // top face, zeta=+1
  EXPECT_EQ(m.node_set("surface_30"), (std::vector<Index>{4, 5, 6, 7}));
  expect_facets_along(m, m.facet_set("surface_30"), {0, 0, 1});
}

TEST(GmshReader, GmshWrittenHexWithPointAndCurveGroups) {
  const Mesh m = read_gmsh(mesh_file("gmsh_box_hex.msh"));
  ASSERT_EQ(m.n_nodes(), 8);
  ASSERT_EQ(m.n_cells(), 1);
  EXPECT_NEAR(cell_volume(m, 0), 2.0, 1e-14);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "tendon"}));
  EXPECT_EQ(m.node_set("tip"), (std::vector<Index>{0}));
  EXPECT_EQ(m.points[0], Vec3(0, 0, 1));
  EXPECT_EQ(m.node_set("curve_7"), (std::vector<Index>{0, 1}));  // line element "2 1"
  EXPECT_EQ(m.facet_set("proximal").size(), 1u);
  EXPECT_NEAR(expect_facets_along(m, m.facet_set("proximal"), {-1, 0, 0}).norm(), 1.0, 1e-14);
  EXPECT_NEAR(expect_facets_along(m, m.facet_set("distal"), {1, 0, 0}).norm(), 1.0, 1e-14);
  for (Index n : m.node_set("distal")) EXPECT_EQ(m.points[size_t(n)].x(), 2.0);
}

TEST(GmshReader, GmshWrittenTetCylinder) {
  const Mesh m = read_gmsh(mesh_file("gmsh_cylinder_tet.msh"));
  ASSERT_GT(m.n_cells(), 100);
  for (Index c = 0; c < m.n_cells(); ++c) {
    EXPECT_EQ(m.cell_type(c), CellType::Tet4);
    EXPECT_GT(cell_volume(m, c), 0.0) << c;
    EXPECT_EQ(m.cell_block[size_t(c)], 1);
  }
  // Flat-faced tets inscribed in the cylinder: a little less than pi r^2 L.
  const Real exact = std::numbers::pi * 5.0;
  EXPECT_LT(total_volume(m), exact);
  EXPECT_GT(total_volume(m), 0.9 * exact);
  EXPECT_EQ(m.element_set("tendon").size(), static_cast<size_t>(m.n_cells()));

  const Vec3 prox = expect_facets_along(m, m.facet_set("proximal"), {-1, 0, 0});
  const Vec3 dist = expect_facets_along(m, m.facet_set("distal"), {1, 0, 0});
  EXPECT_GT(prox.norm(), 0.9 * std::numbers::pi);
  EXPECT_LT(prox.norm(), std::numbers::pi);
  EXPECT_NEAR(prox.norm(), dist.norm(), 1e-12);
  for (Index n : m.node_set("proximal")) EXPECT_NEAR(m.points[size_t(n)].x(), 0.0, 1e-12);
  for (Index n : m.node_set("distal")) EXPECT_NEAR(m.points[size_t(n)].x(), 5.0, 1e-12);

  // The lateral facets point away from the axis, and the three sets close the surface.
  Vec3 sum = prox + dist;
  for (const Facet& f : m.facet_set("sheath")) {
    const Vec3 a = facet_area_vector(m, f);
    const Vec3 c = facet_centroid(m, f);
    EXPECT_GT(a.dot(Vec3(0, c.y(), c.z())), 0.0);
    sum += a;
  }
  EXPECT_NEAR(sum.norm(), 0.0, 1e-12);
  // Every face on the outside of the tet mesh is in exactly one of the three sets.
  std::map<std::vector<Index>, int> faces;
  for (Index c = 0; c < m.n_cells(); ++c)
    for (int f = 0; f < 4; ++f) {
      auto n = m.facet_nodes({c, f});
      std::sort(n.begin(), n.end());
      ++faces[n];
    }
  const auto boundary =
      std::count_if(faces.begin(), faces.end(), [](const auto& kv) { return kv.second == 1; });
  EXPECT_EQ(static_cast<size_t>(boundary), m.facet_set("proximal").size() +
                                               m.facet_set("distal").size() +
                                               m.facet_set("sheath").size());
}

TEST(GmshReader, TwoBodiesSharingAnInterface) {
  const Mesh m = read_gmsh(mesh_file("gmsh_two_bodies_hex.msh"));
  EXPECT_EQ(m.n_nodes(), 5 * 3 * 3);
  ASSERT_EQ(m.n_cells(), 16);
  EXPECT_NEAR(total_volume(m), 2.0, 1e-12);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "tendon", "scar"}));
  ASSERT_EQ(m.element_set("tendon").size(), 8u);
  ASSERT_EQ(m.element_set("scar").size(), 8u);
  for (Index c : m.element_set("tendon")) {
    EXPECT_EQ(m.cell_block[size_t(c)], 1);
    EXPECT_LT(cell_centroid(m, c).x(), 1.0);
  }
  for (Index c : m.element_set("scar")) {
    EXPECT_EQ(m.cell_block[size_t(c)], 2);
    EXPECT_GT(cell_centroid(m, c).x(), 1.0);
  }
  // Each interface quad is a face of a tendon cell and of a scar cell; the reader takes the
  // lower-numbered cell (tendon, written first), so the normals point from tendon to scar.
  const auto& interface = m.facet_set("interface");
  ASSERT_EQ(interface.size(), 4u);
  for (const Facet& f : interface) {
    EXPECT_EQ(m.cell_block[size_t(f.cell)], 1);
    EXPECT_NEAR(facet_centroid(m, f).x(), 1.0, 1e-12);
  }
  EXPECT_NEAR((expect_facets_along(m, interface, {1, 0, 0}) - Vec3(1, 0, 0)).norm(), 0.0, 1e-12);
  EXPECT_EQ(m.node_set("interface").size(), 9u);
  EXPECT_NEAR((expect_facets_along(m, m.facet_set("proximal"), {-1, 0, 0}) - Vec3(-1, 0, 0)).norm(),
              0.0, 1e-12);
  EXPECT_NEAR((expect_facets_along(m, m.facet_set("distal"), {1, 0, 0}) - Vec3(1, 0, 0)).norm(),
              0.0, 1e-12);
  for (const Facet& f : m.facet_set("distal")) EXPECT_EQ(m.cell_block[size_t(f.cell)], 2);
}

std::string edited(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text lacks: " + from);
  return text.replace(at, from.size(), to);
}

Mesh read_string(const std::string& text) {
  std::istringstream in(text);
  return read_gmsh_stream(in, "mem.msh");
}

// A volume in two physical groups: both element sets, and the block of the first one listed.
TEST(GmshReader, EntityInTwoPhysicalVolumes) {
  std::string t = read_file_text(mesh_file("hex_block_2x1x1.msh"));
  t = edited(t, "$PhysicalNames\n4\n", "$PhysicalNames\n5\n3 4 \"whole\"\n");
  t = edited(t, "1 0 0 0 2 1 1 1 1 3 1 2 3\n", "1 0 0 0 2 1 1 2 4 1 3 1 2 3\n");
  const Mesh m = read_string(t);
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "tendon", "whole"}));
  EXPECT_EQ(m.cell_block, (std::vector<int>{2, 2}));
  EXPECT_EQ(m.element_set("whole"), (std::vector<Index>{0, 1}));
  EXPECT_EQ(m.element_set("tendon"), (std::vector<Index>{0, 1}));
  EXPECT_EQ(m.node_set("whole").size(), 12u);
}

// Groups of different dimensions with one name share a node set: the union of their nodes.
TEST(GmshReader, SameNameAcrossDimensionsUnitesNodeSets) {
  const std::string t =
      edited(read_file_text(mesh_file("hex_block_2x1x1.msh")), "\"anchor\"", "\"distal\"");
  const Mesh m = read_string(t);
  EXPECT_EQ(m.node_set("distal"), (std::vector<Index>{0, 2, 5, 8, 11}));
  EXPECT_EQ(m.facet_set("distal"), (std::vector<Facet>{{1, 3}}));
}

// Cells outside every physical volume stay in block 0 and only in the set "all".
TEST(GmshReader, CellsWithoutPhysicalVolumeStayInBlockZero) {
  const std::string t = edited(read_file_text(mesh_file("hex_block_2x1x1.msh")),
                               "1 0 0 0 2 1 1 1 1 3 1 2 3\n", "1 0 0 0 2 1 1 0 3 1 2 3\n");
  const Mesh m = read_string(t);
  EXPECT_EQ(m.cell_block, (std::vector<int>{0, 0}));
  EXPECT_EQ(m.block_names, (std::vector<std::string>{"all", "tendon"}));
  EXPECT_TRUE(m.element_set("tendon").empty());  // named, but holds nothing
  EXPECT_EQ(m.element_set("all"), (std::vector<Index>{0, 1}));
  EXPECT_EQ(m.facet_set("distal"), (std::vector<Facet>{{1, 3}}));
}

TEST(GmshReader, MissingFileIsAnInputError) {
  const std::string path = mesh_file("no_such_mesh.msh");
  try {
    read_gmsh(path);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, path);
    EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sinew::mesh
