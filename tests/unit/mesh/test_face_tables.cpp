// Tests of the cell face tables and cell volumes on single hex8 and tet4 cells.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <set>
#include <stdexcept>

#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::cell_centroid;
using test::facet_area_vector;
using test::facet_centroid;

Mesh unit_hex() {
  Mesh m;
  m.points = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0},
              {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
  const std::vector<Index> n{0, 1, 2, 3, 4, 5, 6, 7};
  m.add_cell(CellType::Hex8, n);
  return m;
}

Mesh unit_tet() {
  Mesh m;
  m.points = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const std::vector<Index> n{0, 1, 2, 3};
  m.add_cell(CellType::Tet4, n);
  return m;
}

TEST(FaceTables, Sizes) {
  EXPECT_EQ(nodes_per_cell(CellType::Hex8), 8);
  EXPECT_EQ(nodes_per_cell(CellType::Tet4), 4);
  EXPECT_EQ(faces_per_cell(CellType::Hex8), 6);
  EXPECT_EQ(faces_per_cell(CellType::Tet4), 4);
  for (int f = 0; f < 6; ++f) EXPECT_EQ(face_local_nodes(CellType::Hex8, f).size(), 4u);
  for (int f = 0; f < 4; ++f) EXPECT_EQ(face_local_nodes(CellType::Tet4, f).size(), 3u);
}

TEST(FaceTables, HexFacesPointOutwardWithUnitArea) {
  const Mesh m = unit_hex();
  // Documented face order: zeta=-1, zeta=+1, eta=-1, xi=+1, eta=+1, xi=-1.
  const Vec3 expected[6] = {{0, 0, -1}, {0, 0, 1}, {0, -1, 0}, {1, 0, 0}, {0, 1, 0}, {-1, 0, 0}};
  std::set<int> used;
  for (int f = 0; f < 6; ++f) {
    const Vec3 a = facet_area_vector(m, {0, f});
    EXPECT_NEAR((a - expected[f]).norm(), 0.0, 1e-14) << "face " << f;
    EXPECT_GT(a.dot(facet_centroid(m, {0, f}) - cell_centroid(m, 0)), 0.0);
    for (int l : face_local_nodes(CellType::Hex8, f)) used.insert(l);
  }
  EXPECT_EQ(used.size(), 8u);
  EXPECT_NEAR(cell_volume(m, 0), 1.0, 1e-14);
}

TEST(FaceTables, TetFacesPointOutwardWithTheirAreas) {
  const Mesh m = unit_tet();
  const Real s = 0.5;
  const Vec3 expected[4] = {{0, 0, -s}, {0, -s, 0}, {-s, 0, 0}, {s, s, s}};
  for (int f = 0; f < 4; ++f) {
    const Vec3 a = facet_area_vector(m, {0, f});
    EXPECT_NEAR((a - expected[f]).norm(), 0.0, 1e-14) << "face " << f;
    EXPECT_GT(a.dot(facet_centroid(m, {0, f}) - cell_centroid(m, 0)), 0.0);
  }
  EXPECT_NEAR(facet_area_vector(m, {0, 3}).norm(), std::sqrt(3.0) / 2, 1e-14);
  EXPECT_NEAR(cell_volume(m, 0), 1.0 / 6, 1e-15);
}

// A stretched, rotated hex: volume and outward faces survive a rigid rotation.
TEST(FaceTables, RotatedBrickVolumeAndNormals) {
  Mesh m = unit_hex();
  const Mat3 R = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  for (Vec3& p : m.points) p = R * Vec3(2 * p.x(), 3 * p.y(), 4 * p.z()) + Vec3(5, -1, 2);
  EXPECT_NEAR(cell_volume(m, 0), 24.0, 1e-12);
  Vec3 sum = Vec3::Zero();
  for (int f = 0; f < 6; ++f) {
    const Vec3 a = facet_area_vector(m, {0, f});
    EXPECT_GT(a.dot(facet_centroid(m, {0, f}) - cell_centroid(m, 0)), 0.0);
    sum += a;
  }
  EXPECT_NEAR(sum.norm(), 0.0, 1e-12);                            // closed surface
  EXPECT_NEAR(facet_area_vector(m, {0, 3}).norm(), 12.0, 1e-12);  // xi=+1: 3 x 4
}

TEST(FaceTables, MirroredCellsHaveNegativeVolume) {
  Mesh hex = unit_hex();
  std::swap(hex.connectivity[1], hex.connectivity[3]);
  std::swap(hex.connectivity[5], hex.connectivity[7]);
  EXPECT_NEAR(cell_volume(hex, 0), -1.0, 1e-14);
  Mesh tet = unit_tet();
  std::swap(tet.connectivity[1], tet.connectivity[2]);
  EXPECT_NEAR(cell_volume(tet, 0), -1.0 / 6, 1e-15);
}

TEST(FaceTables, NodesOfFacetsAreSortedAndUnique) {
  const Mesh m = unit_hex();
  EXPECT_EQ(m.nodes_of_facets({{0, 3}, {0, 1}}), (std::vector<Index>{1, 2, 4, 5, 6, 7}));
}

TEST(MeshSets, UnknownNameListsTheKnownOnes) {
  Mesh m = unit_hex();
  m.node_sets["tip"] = {0};
  EXPECT_THAT([&] { (void)m.node_set("tpi"); },
              ::testing::ThrowsMessage<std::invalid_argument>(::testing::HasSubstr("tip")));
  EXPECT_THROW((void)m.facet_set("tip"), std::invalid_argument);
  EXPECT_THROW(m.add_cell(CellType::Tet4, std::vector<Index>{0, 1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::mesh
