// Shared helpers for the study-loader tests: the registries, a small tendon_sheath model (as a
// file body and as an inline `model:` mapping), temporary folders, line/column look-up in YAML
// text, and the errors of a study text that must not load.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/material_registry.hpp"
#include "core/error.hpp"
#include "interventions/intervention.hpp"
#include "materials/register.hpp"
#include "scenario/study_spec.hpp"

namespace sinew::scenario::testing {

inline const materials::MaterialRegistry& material_registry() {
  return ::sinew::testing::registered_materials();
}

inline const interventions::InterventionRegistry& intervention_registry() {
  static const interventions::InterventionRegistry r = [] {
    interventions::InterventionRegistry i;
    interventions::register_interventions(i);
    return i;
  }();
  return r;
}

inline StudyRegistries registries() { return {material_registry(), intervention_registry()}; }

/// A small Achilles-like model (structure of scenarios/models/achilles-midportion-scar.yaml),
/// at column 1: the body of a model file.
inline const std::string kModel = R"(mesh:
  generator: tendon_sheath
  length: 20
  semi_axes: [3, 2]
  sheath_thickness: 0.5
  divisions: {axial: 4, core: 2, tendon_radial: 1, sheath_radial: 1}
materials:
  tendon: {type: hgo, c: 1, k1: 141, k2: 19.1, kappa: 0, k: 1000}
  paratenon: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: tendon, elements: tendon, material: tendon, formulation: mean-dilatation}
  - {name: paratenon, elements: sheath, material: paratenon}
fibre: [1, 0, 0]
scars:
  - name: midportion
    shape: ellipsoid
    centre: [10, 0, 1]
    semi_axes: [3, 1.5, 0.8]
    falloff: 0.5
    adhesion_density: 1.0
interface:
  adhesion_density: 0.0
  friction_coefficient: 0.016
  bond_stiffness: 10.0
  normal_strength: 0.05
  shear_strength: 0.05
  mode_I_fracture_energy: 0.01
  mode_II_fracture_energy: 0.01
boundary:
  - {type: fixed, nodes: tendon_distal, components: [x, y, z]}
  - {type: fixed, nodes: sheath_outer, components: [x, y, z]}
  - {type: traction, facets: tendon_proximal, total_force: [100, 0, 0], curve: ramp}
steps:
  - {name: contraction, duration: 1.0, increments: 2}
)";

/// Every line of `text` indented by `n` spaces.
inline std::string indent(const std::string& text, int n) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) out += std::string(static_cast<size_t>(n), ' ') + line + "\n";
  return out;
}

/// "model:" followed by kModel as an inline mapping (kModel with `replace` -> `by` applied once).
inline std::string inline_model(const std::string& replace = {}, const std::string& by = {}) {
  std::string m = kModel;
  if (!replace.empty()) {
    const auto at = m.find(replace);
    EXPECT_NE(at, std::string::npos) << replace;
    if (at != std::string::npos) m.replace(at, replace.size(), by);
  }
  return "model:\n" + indent(m, 2);
}

/// 1-based line of the only line containing `needle` (a failure when not exactly one).
inline int line_of(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  int n = 0, found = 0, count = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find(needle) != std::string::npos) {
      found = n;
      ++count;
    }
  }
  EXPECT_EQ(count, 1) << "'" << needle << "' should be on exactly one line";
  return found;
}

/// 1-based column where `needle` starts on its line.
inline int column_of(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (auto at = line.find(needle); at != std::string::npos) return static_cast<int>(at) + 1;
  ADD_FAILURE() << "'" << needle << "' not found";
  return 0;
}

/// The errors of a study text that must not load (a failure when it loads).
inline std::vector<InputError> errors_of(const std::string& text,
                                         const std::string& file = "study.yaml",
                                         bool check_models = true) {
  try {
    load_study_text(text, file, registries(), check_models);
  } catch (const InputErrors& e) {
    return e.errors();
  } catch (const InputError& e) {
    return {e};
  }
  ADD_FAILURE() << "the study loaded:\n" << text;
  return {};
}

inline std::string all_messages(const std::vector<InputError>& errors) {
  std::string s;
  for (const auto& e : errors) s += std::string(e.what()) + "\n";
  return s;
}

struct Expected {
  std::string file;  ///< file named in the message
  int line = 0;
  int column = 0;                      ///< 0: any column > 0
  std::string key;                     ///< exact key path
  std::vector<std::string> fragments;  ///< each must be in the message
};

/// Checks `e` against `want`, including the printed "file:line:column: key: message" form.
inline void expect_error(const InputError& e, const Expected& want) {
  SCOPED_TRACE(e.what());
  EXPECT_EQ(e.where().file, want.file);
  EXPECT_EQ(e.where().line, want.line);
  if (want.column > 0)
    EXPECT_EQ(e.where().column, want.column);
  else
    EXPECT_GT(e.where().column, 0);
  EXPECT_EQ(e.key_path(), want.key);
  for (const auto& f : want.fragments)
    EXPECT_NE(e.message().find(f), std::string::npos) << "missing '" << f << "'";
  const std::string prefix = want.file + ":" + std::to_string(want.line) + ":" +
                             std::to_string(e.where().column) + ": " + want.key + ": ";
  EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << "expected prefix " << prefix;
}

/// Exactly one error, matching `want`.
inline void expect_single_error(const std::vector<InputError>& errors, const Expected& want) {
  ASSERT_EQ(errors.size(), 1u) << all_messages(errors);
  expect_error(errors.front(), want);
}

/// A fresh folder under the system temporary folder, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name =
        std::string("sinew-scenario-") + (info ? info->test_suite_name() : "x") + "-" +
        (info ? info->name() : "y") + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `relative` (folders created); returns the full path.
  std::string write(const std::string& relative, const std::string& text) const {
    const auto p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace sinew::scenario::testing
