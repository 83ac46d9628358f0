// `sinew check` and `sinew solve` on the bad model files of scenarios/verification/bad: each must
// exit with code 2 and report every problem as "error: file:line:column: key.path: message".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace sinew::cli_test {
namespace {

struct Expected {
  int line;
  int column;
  std::string key;      ///< key path; empty for errors without one (YAML syntax)
  std::string problem;  ///< a fragment of the message
};

std::string prefix_of(const std::string& path, const Expected& e) {
  return "error: " + path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " +
         (e.key.empty() ? "" : e.key + ": ");
}

// Runs both sub-commands on bad/<name> and checks the exit code and the exact error lines.
void expect_rejected(const std::string& name, const std::vector<Expected>& expected,
                     bool summary_line = true) {
  const std::string path = bad_file(name);
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  for (const std::string command : {"check", "solve"}) {
    SCOPED_TRACE("sinew " + command + " " + name);
    const RunResult r = run_sinew({command, path});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const auto lines = r.error_lines();
    EXPECT_EQ(lines.size(), expected.size()) << r.err;
    for (const auto& e : expected) {
      const std::string prefix = prefix_of(path, e);
      bool found = false;
      for (const auto& l : lines)
        if (l.rfind(prefix, 0) == 0 && l.find(e.problem, prefix.size()) != std::string::npos)
          found = true;
      EXPECT_TRUE(found) << "expected a line '" << prefix << "..." << e.problem << "...' in:\n"
                         << r.err;
    }
    if (summary_line) {
      std::string summary = "\n";
      summary.append(std::to_string(expected.size())).append(" problem(s) found\n");
      EXPECT_NE(r.err.find(summary), std::string::npos) << r.err;
    }
    // Nothing was solved: no step table on stdout.
    EXPECT_EQ(r.out.find("time (s)"), std::string::npos) << r.out;
  }
}

// ---- missing and unknown keys -------------------------------------------------------------

// A missing key is reported at its parent: for a top-level key, the first key of the file.
TEST(CliBadModel, MissingSteps) {
  expect_rejected("missing_steps.yaml", {{2, 1, "steps", "missing required key"}});
}

TEST(CliBadModel, MissingMesh) {
  expect_rejected("missing_mesh.yaml", {{2, 1, "mesh", "missing required key"}});
}

TEST(CliBadModel, UnknownTopLevelKey) {
  expect_rejected("unknown_top_key.yaml",
                  {{14, 1, "boundry",
                    "unknown key 'boundry' (allowed: mesh, materials, regions, load_curves, "
                    "boundary, steps, solver, output, fibre, scars, interface, contact, tissue)"}});
}

TEST(CliBadModel, UnknownMaterialParameter) {
  expect_rejected("unknown_nested_key.yaml",
                  {{10, 5, "materials.tendon.kapa",
                    "unknown key 'kapa' (allowed: type, c, k1, k2, kappa, k, damage_onset_stretch, "
                    "damage_full_stretch, fatigue_uts)"}});
}

// "typ" instead of "type": the law is unknown, so only the missing type is reported (at the
// material's first key, the misspelt one), and the region using the material adds nothing.
TEST(CliBadModel, MisspeltMaterialType) {
  expect_rejected("misspelt_material_type.yaml",
                  {{8, 5, "materials.tendon.type", "missing required key"}});
}

TEST(CliBadModel, DuplicateKey) {
  expect_rejected("duplicate_key.yaml", {{11, 5, "materials.matrix.E", "duplicate key 'E'"}});
}

// ---- wrong types ----------------------------------------------------------------------------

TEST(CliBadModel, StringWhereNumberExpected) {
  expect_rejected("string_for_number.yaml",
                  {{9, 8, "materials.matrix.E", "expected a number, got 'stiff'"}});
}

TEST(CliBadModel, ListWhereMappingExpected) {
  expect_rejected("list_for_mapping.yaml", {{20, 3, "solver", "expected a mapping, got a list"}});
}

TEST(CliBadModel, FractionalDivisions) {
  expect_rejected("fractional_divisions.yaml",
                  {{5, 14, "mesh.divisions", "divisions must be whole numbers"}});
}

// ---- material parameters out of range -----------------------------------------------------

TEST(CliBadModel, NegativeModulus) {
  expect_rejected("negative_modulus.yaml",
                  {{9, 8, "materials.matrix.E", "value -1 is out of range; allowed > 0"}});
}

TEST(CliBadModel, HgoKappaAboveOneThird) {
  expect_rejected("kappa_out_of_range.yaml",
                  {{10, 12, "materials.tendon.kappa",
                    "value 0.5 is out of range; allowed [0, 0.333333]"}});
}

TEST(CliBadModel, PoissonRatioOneHalf) {
  expect_rejected("nu_half.yaml",
                  {{10, 9, "materials.matrix.nu", "value 0.5 is out of range; allowed (-1, 0.5)"}});
}

TEST(CliBadModel, UnknownMaterialType) {
  expect_rejected(
      "unknown_material_type.yaml",
      {{8, 11, "materials.matrix.type",
        "'neo-hooke' is not allowed (allowed: hgo, hgo-coupled, hgo-visco, mooney-rivlin, "
        "neo-hookean, ti-mooney-rivlin)"}});
}

TEST(CliBadModel, MeanDilatationWithCoupledMaterial) {
  expect_rejected("mean_dilatation_coupled.yaml",
                  {{14, 18, "regions[0].formulation",
                    "mean-dilatation needs an uncoupled material; 'matrix' is neo-hookean"}});
}

// ---- sets, curves, regions ----------------------------------------------------------------

TEST(CliBadModel, UnknownNodeSet) {
  expect_rejected("unknown_node_set.yaml",
                  {{16, 33, "boundary[1].nodes",
                    "unknown node set 'x2' (known: all, x0, x1, y0, y1, z0, z1)"}});
}

TEST(CliBadModel, UnknownFacetSet) {
  expect_rejected("unknown_facet_set.yaml",
                  {{16, 30, "boundary[1].facets",
                    "unknown facet set 'top' (known: x0, x1, y0, y1, z0, z1)"}});
}

TEST(CliBadModel, UnknownElementSet) {
  expect_rejected("unknown_element_set.yaml",
                  {{12, 15, "regions[0].elements", "unknown element set 'tendon' (known: all)"}});
}

// empty_group.msh declares a physical surface "unused" that no entity belongs to.
TEST(CliBadModel, EmptyFacetSet) {
  expect_rejected("empty_set.yaml", {{14, 30, "boundary[1].facets", "set 'unused' is empty"}});
}

TEST(CliBadModel, UnknownLoadCurve) {
  expect_rejected("unknown_curve.yaml",
                  {{21, 12, "boundary[1].curve",
                    "unknown load curve 'rmap' (known: ramp, constant, slow)"}});
}

TEST(CliBadModel, OverlappingRegions) {
  expect_rejected("overlapping_regions.yaml",
                  {{10, 3, "regions", "cell 0 is in regions 'inner' and 'outer'"}});
}

// ---- files --------------------------------------------------------------------------------

// The parser notices the unclosed "[" of line 4 on line 5; one InputError, no summary line.
TEST(CliBadModel, YamlSyntaxError) {
  expect_rejected("yaml_syntax.yaml",
                  {{5, 12, "", "YAML syntax error: end of sequence flow not found"}},
                  /*summary_line=*/false);
}

TEST(CliBadModel, MissingMeshFile) {
  expect_rejected("missing_mesh_file.yaml", {{3, 9, "mesh.file",
                                              "cannot read mesh: " + bad_file("no_such_mesh.msh") +
                                                  ": cannot open the mesh file"}});
}

// ---- several problems at once -------------------------------------------------------------

TEST(CliBadModel, EveryProblemReportedAtOnce) {
  expect_rejected("many_errors.yaml",
                  {{19, 1, "ouput", "unknown key 'ouput'"},
                   {9, 9, "materials.matrix.nu", "value 0.7 is out of range; allowed (-1, 0.5)"},
                   {15, 46, "boundary[0].components[1]", "'w' is not allowed (allowed: x, y, z)"},
                   {18, 30, "steps[0].increments",
                    "value 0 is out of range; allowed [1, 100000]"}});
}

// Every file in the folder (including ones added later) is rejected with at least one located
// error, and its first line says what is wrong.
TEST(CliBadModel, EveryBadFileIsRejected) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(bad_dir())) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string path = entry.path().string();
    SCOPED_TRACE(path);
    EXPECT_EQ(read_text(path).rfind("# Wrong", 0), 0u) << "first line must say what is wrong";
    const RunResult r = run_sinew({"check", path});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const auto lines = r.error_lines();
    ASSERT_FALSE(lines.empty()) << r.err;
    for (const auto& l : lines) EXPECT_EQ(l.rfind("error: " + path + ":", 0), 0u) << l;
  }
  EXPECT_GE(files, 23);
}

}  // namespace
}  // namespace sinew::cli_test
