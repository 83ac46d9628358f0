// A small synthetic Sinew study file for the sinew-viz tests, written with the HDF5 C API to
// the contract of the study layout ("sinew-study 1").
//
// Arms, in creation order (not name order): "control", "art" (completed, 3 steps) and
// "diverged" (failed, 0 steps). Mesh: a 4x1x1 box of hex8 cells along x (cell c spans
// x in [c, c+1] mm), with an interface surface on its top face (4 quads). Sessions: "load"
// (steps 0-1), "art" (step 2). Four probes: load before/after, art before/after. A second
// fixture has a rest arm and a sweep (write_sweep_study_fixture).
#pragma once

#include <array>
#include <filesystem>

namespace sinew::viz::test {

inline constexpr int kCells = 4;
inline constexpr int kSteps = 3;

/// max_principal_green_lagrange_strain of `arm` (0 control, 1 art) in cell c at step s.
inline double fixture_strain(int arm, int cell, int step) {
  return 0.01 * (cell + 1) * (step + 1) * (arm + 1);
}

/// Writes the fixture to `path` (replacing it). Throws std::runtime_error on failure.
void write_study_fixture(const std::filesystem::path& path);

/// The sweep fixture: arm "rest" (completed, one session without load cases, probes only, no
/// steps) and arms control--adhesion_density_<10 d> and art--adhesion_density_<10 d> for d in
/// kSweptValues (base_arm and sweep attributes set; stiffness rises by 10 (a + 1) d per probe),
/// the art arm at the last value failed.
inline constexpr const char* kSweptParameter = "model.scars.scar.adhesion_density";
inline constexpr std::array<double, 3> kSweptValues{0.5, 1.0, 2.0};
void write_sweep_study_fixture(const std::filesystem::path& path);

}  // namespace sinew::viz::test
