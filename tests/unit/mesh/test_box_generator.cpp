// Tests of the structured box generator: counts, sets, volumes, outward facets, conformity.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "mesh/box_generator.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::facet_area_vector;
using test::facet_centroid;
using test::total_volume;

BoxSpec spec(CellType cell) {
  BoxSpec s;
  s.origin = Vec3(-1.0, 2.0, 0.5);
  s.size = Vec3(2.0, 3.0, 5.0);
  s.divisions = {3, 2, 4};
  s.cell = cell;
  return s;
}

// Outward unit normal and coordinate of each box face set.
struct FaceSpec {
  const char* name;
  int axis;
  bool high;
};
constexpr FaceSpec kFaces[] = {{"x0", 0, false}, {"x1", 0, true},  {"y0", 1, false},
                               {"y1", 1, true},  {"z0", 2, false}, {"z1", 2, true}};

class BoxTest : public ::testing::TestWithParam<CellType> {};

TEST_P(BoxTest, CountsAndSetSizes) {
  const BoxSpec s = spec(GetParam());
  const Mesh m = make_box(s);
  const int per_hex = GetParam() == CellType::Hex8 ? 1 : 6;
  const int per_quad = GetParam() == CellType::Hex8 ? 1 : 2;
  EXPECT_EQ(m.n_nodes(), 4 * 3 * 5);
  EXPECT_EQ(m.n_cells(), 3 * 2 * 4 * per_hex);
  EXPECT_EQ(m.offsets.size(), static_cast<size_t>(m.n_cells()) + 1);
  EXPECT_EQ(m.cell_block.size(), static_cast<size_t>(m.n_cells()));
  for (Index c = 0; c < m.n_cells(); ++c) EXPECT_EQ(m.cell_type(c), GetParam());

  EXPECT_EQ(m.facet_set("x0").size(), static_cast<size_t>(2 * 4 * per_quad));
  EXPECT_EQ(m.facet_set("x1").size(), static_cast<size_t>(2 * 4 * per_quad));
  EXPECT_EQ(m.facet_set("y0").size(), static_cast<size_t>(3 * 4 * per_quad));
  EXPECT_EQ(m.facet_set("y1").size(), static_cast<size_t>(3 * 4 * per_quad));
  EXPECT_EQ(m.facet_set("z0").size(), static_cast<size_t>(3 * 2 * per_quad));
  EXPECT_EQ(m.facet_set("z1").size(), static_cast<size_t>(3 * 2 * per_quad));
  EXPECT_EQ(m.node_set("x0").size(), 3u * 5u);
  EXPECT_EQ(m.node_set("y1").size(), 4u * 5u);
  EXPECT_EQ(m.node_set("z0").size(), 4u * 3u);
  EXPECT_EQ(m.node_set("all").size(), static_cast<size_t>(m.n_nodes()));
  EXPECT_EQ(m.element_set("all").size(), static_cast<size_t>(m.n_cells()));
}

TEST_P(BoxTest, VolumesArePositiveAndSumToTheBox) {
  const BoxSpec s = spec(GetParam());
  const Mesh m = make_box(s);
  const Real cell_vol = 2.0 / 3 * 3.0 / 2 * 5.0 / 4 / (GetParam() == CellType::Hex8 ? 1 : 6);
  for (Index c = 0; c < m.n_cells(); ++c) EXPECT_NEAR(cell_volume(m, c), cell_vol, 1e-12) << c;
  EXPECT_NEAR(total_volume(m), 2.0 * 3.0 * 5.0, 1e-12);
}

TEST_P(BoxTest, FaceSetsPointOutwardAndCoverTheFace) {
  const BoxSpec s = spec(GetParam());
  const Mesh m = make_box(s);
  for (const auto& f : kFaces) {
    const Real plane = s.origin[f.axis] + (f.high ? s.size[f.axis] : 0.0);
    Vec3 expected_normal = Vec3::Zero();
    expected_normal[f.axis] = f.high ? 1.0 : -1.0;
    Real area = 0;
    for (const Facet& fa : m.facet_set(f.name)) {
      const Vec3 a = facet_area_vector(m, fa);
      EXPECT_NEAR((a.normalized() - expected_normal).norm(), 0.0, 1e-12) << f.name;
      EXPECT_NEAR(facet_centroid(m, fa)[f.axis], plane, 1e-12) << f.name;
      area += a.norm();
    }
    const Real face_area = s.size.prod() / s.size[f.axis];
    EXPECT_NEAR(area, face_area, 1e-12) << f.name;
    for (Index n : m.node_set(f.name)) EXPECT_NEAR(m.points[size_t(n)][f.axis], plane, 1e-12);
  }
}

// Every interior face is shared by exactly two cells and the boundary faces are exactly the
// six face sets: a non-conforming tet split would leave unmatched faces inside the box.
TEST_P(BoxTest, MeshIsConforming) {
  const Mesh m = make_box(spec(GetParam()));
  std::map<std::vector<Index>, int> faces;
  for (Index c = 0; c < m.n_cells(); ++c)
    for (int f = 0; f < faces_per_cell(m.cell_type(c)); ++f) {
      auto n = m.facet_nodes({c, f});
      std::sort(n.begin(), n.end());
      ++faces[n];
    }
  size_t boundary = 0;
  for (const auto& [k, count] : faces) {
    EXPECT_LE(count, 2);
    if (count == 1) ++boundary;
  }
  size_t in_sets = 0;
  for (const auto& f : kFaces) in_sets += m.facet_set(f.name).size();
  EXPECT_EQ(boundary, in_sets);
}

INSTANTIATE_TEST_SUITE_P(CellTypes, BoxTest, ::testing::Values(CellType::Hex8, CellType::Tet4),
                         [](const auto& p) { return to_string(p.param); });

TEST(Box, NodeIdFormula) {
  const BoxSpec s = spec(CellType::Hex8);
  const Mesh m = make_box(s);
  const auto [nx, ny, nz] = s.divisions;
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        const Index id = i + (nx + 1) * (j + (ny + 1) * k);
        const Vec3 x =
            s.origin + Vec3(s.size.x() * i / nx, s.size.y() * j / ny, s.size.z() * k / nz);
        EXPECT_NEAR((m.points[size_t(id)] - x).norm(), 0.0, 1e-12) << i << j << k;
      }
  // First cell: the VTK order of the nodes around the origin corner.
  const std::vector<Index> first(m.cell_nodes(0).begin(), m.cell_nodes(0).end());
  EXPECT_EQ(first, (std::vector<Index>{0, 1, 5, 4, 12, 13, 17, 16}));
}

TEST(Box, SingleCellHasOneFacetPerFace) {
  const Mesh m = make_box(BoxSpec{});
  EXPECT_EQ(m.n_cells(), 1);
  EXPECT_EQ(m.facet_set("x1"), (std::vector<Facet>{{0, 3}}));
  EXPECT_EQ(m.facet_set("x0"), (std::vector<Facet>{{0, 5}}));
  EXPECT_EQ(m.facet_set("z0"), (std::vector<Facet>{{0, 0}}));
  EXPECT_EQ(m.facet_set("z1"), (std::vector<Facet>{{0, 1}}));
}

TEST(Box, RejectsBadSpecs) {
  BoxSpec s;
  s.divisions = {1, 0, 1};
  EXPECT_THROW(make_box(s), std::invalid_argument);
  s = BoxSpec{};
  s.size = Vec3(1, -1, 1);
  EXPECT_THROW(make_box(s), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::mesh
