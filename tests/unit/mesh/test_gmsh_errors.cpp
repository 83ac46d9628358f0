// Tests that bad Gmsh files raise InputError naming the file, the line and what was expected.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/error.hpp"
#include "mesh/gmsh_reader.hpp"
#include "mesh_test_util.hpp"

namespace sinew::mesh {
namespace {

using test::mesh_file;

// Reads `path`, expects an InputError at `line` whose message contains `fragment`.
void expect_file_error(const std::string& name, int line, const std::string& fragment) {
  const std::string path = mesh_file(name);
  try {
    read_gmsh(path);
    ADD_FAILURE() << name << ": no exception";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.where().file, path);
    EXPECT_EQ(e.where().line, line) << what;
    EXPECT_GE(e.where().column, 1) << what;
    EXPECT_NE(what.find(name + ":" + std::to_string(line) + ":"), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
  }
}

TEST(GmshErrors, WrongVersion) { expect_file_error("bad_version.msh", 2, "version 2.2"); }
TEST(GmshErrors, Binary) { expect_file_error("binary.msh", 2, "binary"); }
TEST(GmshErrors, TruncatedNodes) {
  expect_file_error("truncated_nodes.msh", 16,
                    "end of file: expected coordinates 'x y z' of node 3");
}
TEST(GmshErrors, UnknownNodeTag) { expect_file_error("unknown_node_tag.msh", 23, "node tag 99"); }
TEST(GmshErrors, ElementLineWithTooFewNodes) {
  expect_file_error("short_element.msh", 65, "expected 8 node tags for hex8 element 7, found 7");
}
TEST(GmshErrors, BoundaryFacetMatchingNoCell) {
  expect_file_error("unmatched_facet.msh", 57, "'proximal' is not a face of any");
}

TEST(GmshErrors, UnknownNodeTagColumnPointsAtTheTag) {
  try {
    read_gmsh(mesh_file("unknown_node_tag.msh"));
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().column, 9);  // "1 1 2 3 99"
    EXPECT_EQ(e.key_path(), "$Elements");
  }
}

// ---- in-memory variations of a valid single-tet file --------------------------------------

const char* const kTet =
    "$MeshFormat\n"                 // 1
    "4.1 0 8\n"                     // 2
    "$EndMeshFormat\n"              // 3
    "$PhysicalNames\n"              // 4
    "2\n"                           // 5
    "3 1 \"tendon\"\n"              // 6
    "0 2 \"tip\"\n"                 // 7
    "$EndPhysicalNames\n"           // 8
    "$Entities\n"                   // 9
    "1 0 0 1\n"                     // 10
    "1 0 0 0 1 2\n"                 // 11
    "1 0 0 0 1 1 1 1 1 0\n"         // 12
    "$EndEntities\n"                // 13
    "$Nodes\n"                      // 14
    "1 4 1 4\n"                     // 15
    "3 1 0 4\n"                     // 16
    "1\n2\n3\n4\n"                  // 17-20
    "0 0 0\n1 0 0\n0 1 0\n0 0 1\n"  // 21-24
    "$EndNodes\n"                   // 25
    "$Elements\n"                   // 26
    "2 2 1 2\n"                     // 27
    "0 1 15 1\n"                    // 28
    "1 1\n"                         // 29
    "3 1 4 1\n"                     // 30
    "2 1 2 3 4\n"                   // 31
    "$EndElements\n";               // 32

std::string edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text lacks: " + from);
  return text.replace(at, from.size(), to);
}

Mesh read_text(const std::string& text) {
  std::istringstream in(text);
  return read_gmsh_stream(in, "mem.msh");
}

void expect_text_error(const std::string& text, int line, const std::string& fragment) {
  try {
    read_text(text);
    ADD_FAILURE() << "no exception for fragment '" << fragment << "'";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.where().file, "mem.msh");
    EXPECT_EQ(e.where().line, line) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
  }
}

TEST(GmshErrors, BaseTextIsValid) {
  const Mesh m = read_text(kTet);
  EXPECT_EQ(m.n_cells(), 1);
  EXPECT_EQ(m.node_set("tip"), (std::vector<Index>{0}));
  EXPECT_EQ(m.element_set("tendon"), (std::vector<Index>{0}));
}

TEST(GmshErrors, NotAnMshFile) {
  expect_text_error("solid ascii\n", 1, "expected '$MeshFormat'");
  expect_text_error("", 0, "empty");
}
TEST(GmshErrors, Version40) { expect_text_error(edit(kTet, "4.1 0 8", "4 0 8"), 2, "version 4 "); }
TEST(GmshErrors, MissingDataSize) {
  expect_text_error(edit(kTet, "4.1 0 8", "4.1 0"), 2, "expected data-size");
}
TEST(GmshErrors, MissingEndSection) {
  expect_text_error(edit(kTet, "$EndNodes\n", ""), 25, "expected '$EndNodes', found '$Elements'");
}
TEST(GmshErrors, MoreNodesThanAnnounced) {
  expect_text_error(edit(kTet, "1 4 1 4\n", "1 5 1 5\n"), 15, "announces 5 nodes");
}
TEST(GmshErrors, BadCoordinate) {
  expect_text_error(edit(kTet, "1 0 0\n", "1 0x 0\n"), 22, "found '0x'");
  expect_text_error(edit(kTet, "1 0 0\n", "1 0\n"), 22, "but the line ends");
  expect_text_error(edit(kTet, "1 0 0\n", "1 0 0 7\n"), 22, "unexpected '7'");
}
TEST(GmshErrors, DuplicateNodeTag) {
  expect_text_error(edit(kTet, "1\n2\n3\n", "1\n2\n2\n"), 19, "node tag 2 appears twice");
}
TEST(GmshErrors, ParametricNodes) {
  expect_text_error(edit(kTet, "3 1 0 4\n", "3 1 1 4\n"), 16, "parametric");
}
TEST(GmshErrors, UnsupportedCellType) {
  // A tet10 block in the physical volume.
  expect_text_error(edit(kTet, "3 1 4 1\n2 1 2 3 4\n", "3 1 11 1\n2 1 2 3 4 1 2 3 4 1 2 3\n"), 30,
                    "unsupported element type 11 (tet10)");
}
TEST(GmshErrors, ElementTypeOfWrongDimension) {
  expect_text_error(edit(kTet, "3 1 4 1\n", "2 1 4 1\n"), 30, "dimension 2");
}
TEST(GmshErrors, TooManyNodesOnElementLine) {
  expect_text_error(edit(kTet, "2 1 2 3 4\n", "2 1 2 3 4 1\n"), 31, "found 5");
}
TEST(GmshErrors, RepeatedNodeInElement) {
  expect_text_error(edit(kTet, "2 1 2 3 4\n", "2 1 2 3 3\n"), 31, "repeats node tag 3");
}
TEST(GmshErrors, DegenerateCell) {
  expect_text_error(edit(kTet, "0 0 1\n$EndNodes", "1 1 0\n$EndNodes"), 31, "degenerate");
}
TEST(GmshErrors, HexNodesOutOfOrder) {
  // Top face written 4 5 7 6: total volume positive, but two corners are inverted.
  std::ifstream in(mesh_file("hex_block_2x1x1.msh"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  expect_text_error(edit(text, "6 1 2 5 4 7 8 11 10\n", "6 1 2 5 4 7 8 10 11\n"), 64,
                    "hex8 element 6 is twisted or its nodes are out of order");
}
TEST(GmshErrors, ElementCountMismatch) {
  expect_text_error(edit(kTet, "2 2 1 2\n", "2 3 1 3\n"), 27, "announces 3 elements");
}
TEST(GmshErrors, ReservedName) {
  expect_text_error(edit(kTet, "\"tip\"", "\"all\""), 7, "reserved");
}
TEST(GmshErrors, UndeclaredEntity) {
  expect_text_error(edit(kTet, "3 1 4 1\n", "3 9 4 1\n"), 30, "volume entity 9 is not declared");
}
TEST(GmshErrors, BadEntityLine) {
  expect_text_error(edit(kTet, "1 0 0 0 1 1 1 1 1 0\n", "1 0 0 0 1 1 1 1 1\n"), 12,
                    "the number of bounding entities");
}
TEST(GmshErrors, UnterminatedUnknownSection) {
  expect_text_error(std::string(kTet) + "$NodeData\n1\n", 33, "no '$EndNodeData'");
}
TEST(GmshErrors, DuplicateSection) {
  expect_text_error(std::string(kTet) + "$Nodes\n", 33, "appears twice");
}
TEST(GmshErrors, PartitionedMesh) {
  expect_text_error(edit(kTet, "$Nodes\n",
                         "$PartitionedEntities\n$EndPartitionedEntities\n$Nodes\n"),
                    14, "partitioned");
}
TEST(GmshErrors, NoCells) {
  // Only the point element is left: the file ends at line 30.
  const std::string t = edit(edit(kTet, "2 2 1 2\n", "1 1 1 1\n"), "3 1 4 1\n2 1 2 3 4\n", "");
  expect_text_error(t, 30, "no hex8 or tet4 cells");
}
TEST(GmshErrors, PhysicalPointOffTheMesh) {
  // The point element refers to a fifth node that no cell uses.
  std::string t = edit(kTet, "1 4 1 4\n3 1 0 4\n", "2 5 1 5\n3 1 0 4\n");
  t = edit(t, "$EndNodes", "0 1 0 1\n5\n9 9 9\n$EndNodes");
  t = edit(t, "1 1\n", "1 5\n");
  expect_text_error(t, 32, "belongs to no hex8/tet4 cell");
}

}  // namespace
}  // namespace sinew::mesh
