// `sinew check` and `sinew solve` on the bad tissue model files of scenarios/verification/bad
// (tendon_sheath generator, scars, interface, tissue roles): each must exit with code 2 and
// report every problem as "error: file:line:column: key.path: message".
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
  std::string key;      ///< key path
  std::string problem;  ///< a fragment of the message
};

// Runs both sub-commands on bad/<name> and checks the exit code, the exact error lines (location,
// key path, message fragment), the problem count and that nothing was solved.
void expect_rejected(const std::string& name, const std::vector<Expected>& expected) {
  const std::string path = bad_file(name);
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  for (const std::string command : {"check", "solve"}) {
    SCOPED_TRACE("sinew " + command + " " + name);
    const RunResult r = run_sinew({command, path});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const auto lines = r.error_lines();
    EXPECT_EQ(lines.size(), expected.size()) << r.err;
    for (const auto& e : expected) {
      const std::string prefix = "error: " + path + ":" + std::to_string(e.line) + ":" +
                                 std::to_string(e.column) + ": " + e.key + ": ";
      bool found = false;
      for (const auto& l : lines)
        if (l.rfind(prefix, 0) == 0 && l.find(e.problem, prefix.size()) != std::string::npos)
          found = true;
      EXPECT_TRUE(found) << "expected a line '" << prefix << "..." << e.problem << "...' in:\n"
                         << r.err;
    }
    std::string summary = "\n";
    summary.append(std::to_string(expected.size())).append(" problem(s) found\n");
    EXPECT_NE(r.err.find(summary), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("time (s)"), std::string::npos) << r.out;
  }
}

// ---- mesh ----------------------------------------------------------------------------------

TEST(CliBadTissueModel, TendonSemiAxesWithThreeValues) {
  expect_rejected("tendon_semi_axes_three_values.yaml",
                  {{5, 14, "mesh.semi_axes",
                    "expected [semi-axis along y, semi-axis along z] in mm"}});
}

// ---- materials -----------------------------------------------------------------------------

// Reported at the second of the two (the full stretch), which is compared with the onset.
TEST(CliBadTissueModel, DamageOnsetAboveFull) {
  expect_rejected("damage_onset_above_full.yaml",
                  {{11, 26, "materials.tendon.damage_full_stretch",
                    "damage_full_stretch must be > damage_onset_stretch"}});
}

// ---- scars ---------------------------------------------------------------------------------

// A scar is reported at its own mapping (its first key) when it misses the body as a whole.
TEST(CliBadTissueModel, ScarOutsideTheTendon) {
  expect_rejected("scar_outside_tendon.yaml",
                  {{15, 5, "scars[0]",
                    "scar 'lesion' does not lie in the body: its largest scar fraction at the "
                    "body's quadrature points is 0.000000 (needs >= 0.5; check its centre and "
                    "size)"}});
}

TEST(CliBadTissueModel, ScarAdhesionDensityAboveOne) {
  expect_rejected("scar_adhesion_density_above_one.yaml",
                  {{19, 23, "scars[0].adhesion_density",
                    "value 1.5 is out of range; allowed [0, 1]"}});
}

TEST(CliBadTissueModel, UnknownScarShape) {
  expect_rejected("unknown_scar_shape.yaml",
                  {{16, 12, "scars[0].shape",
                    "'sphere' is not allowed (allowed: ellipsoid, box, elements)"}});
}

// The misplaced key and the missing one are both reported.
TEST(CliBadTissueModel, BoxScarWithSemiAxes) {
  expect_rejected("box_scar_with_semi_axes.yaml",
                  {{18, 16, "scars[0].semi_axes", "a box scar takes 'half_sizes', not 'semi_axes'"},
                   {15, 5, "scars[0].half_sizes", "missing required key"}});
}

TEST(CliBadTissueModel, ScarWithUnknownElementSet) {
  expect_rejected("scar_unknown_element_set.yaml",
                  {{17, 15, "scars[0].elements",
                    "unknown element set 'lesion_cells' (known: all, sheath, tendon)"}});
}

// ---- interface -----------------------------------------------------------------------------

TEST(CliBadTissueModel, InterfaceNegativeAdhesionDensity) {
  expect_rejected("interface_negative_adhesion_density.yaml",
                  {{20, 21, "interface.adhesion_density",
                    "value -0.1 is out of range; allowed [0, 1]"}});
}

TEST(CliBadTissueModel, NegativeModeIFractureEnergy) {
  expect_rejected("negative_fracture_energy.yaml", {{20, 27, "interface.mode_I_fracture_energy",
                                                     "value -0.01 is out of range; allowed > 0"}});
}

TEST(CliBadTissueModel, InterfaceSetsThatDoNotPair) {
  expect_rejected("interface_sets_do_not_pair.yaml",
                  {{20, 12, "interface.primary",
                    "facet sets 'tendon_distal' and 'sheath_outer' do not pair"}});
}

// ---- tissue roles --------------------------------------------------------------------------

TEST(CliBadTissueModel, UnknownLoadedEnd) {
  expect_rejected("tissue_unknown_loaded_end.yaml",
                  {{21, 15, "tissue.loaded_end", "unknown facet set 'tendon_top'"}});
}

}  // namespace
}  // namespace sinew::cli_test
