// A study: one tissue model, intervention arms (named schedules of sessions), an optional sweep
// that multiplies the arms, metric probes and output settings (docs/scenario-reference.md).
// load_study() validates the whole file and expands the sweep into fully resolved arms.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "interventions/intervention.hpp"
#include "interventions/session_plan.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "model/model_spec.hpp"

namespace sinew::scenario {

using interventions::SessionPlan;

struct ProbeSelection {
  std::vector<std::string> metrics;  ///< metric names to store and compare (all by default)
};

struct OutputSpec {
  std::string file;                 ///< results file (relative to the study file's folder)
  std::vector<std::string> fields;  ///< field datasets to keep (empty = all)
  int every = 1;                    ///< keep every n-th reported step (the last one always)
  bool vtk = true;                  ///< write the VTKHDF views
};

/// A fully resolved arm: everything needed to run it, and its identity (spec text and hash).
struct ArmSpec {
  std::string name;                          ///< unique in the study, [A-Za-z0-9_.-]
  std::string base_arm;                      ///< the arm it was expanded from
  std::map<std::string, Real> sweep_values;  ///< sweep path -> value ("{}" without sweep)
  model::ModelSpec model;                    ///< the model after overrides and sweep values
  std::vector<SessionPlan> sessions;
  Real bed_stiffness = 0.01;  ///< N/mm^3, `loading.bed_stiffness`
  /// `loading.press_side`: one of interventions::press_side_values()
  std::string press_side = "auto";
  std::string spec_text;  ///< canonical text of everything above (stored with the results)
  std::string spec_hash;  ///< 16 hex digits, FNV-1a 64 of spec_text
  /// Loads the arm's model (throws InputErrors as build_model does).
  model::ModelDefinition load_model(const materials::MaterialRegistry& materials) const;
};

struct StudySpec {
  std::string file;  ///< the study file as given
  std::string text;  ///< its full text
  std::string description;
  std::vector<ArmSpec> arms;  ///< after sweep expansion, in file order (sweep points inner)
  ProbeSelection probes;
  OutputSpec output;
  std::string results_path;  ///< output.file resolved against the study folder
  /// Things the user should know that are not errors (e.g. model sections studies do not use).
  std::vector<std::string> notes;
};

struct StudyRegistries {
  const materials::MaterialRegistry& materials;
  const interventions::InterventionRegistry& interventions;
};

/// Reads, validates and expands a study file. Every problem is reported at once in
/// InputErrors (file:line:column, key path, value, what is allowed); an unreadable file or YAML
/// syntax error gives an InputError. `check_models` also loads every arm's model (mesh
/// generation included), which `sinew validate` and `sinew run` do.
StudySpec load_study(const std::string& path, const StudyRegistries& registries,
                     bool check_models = true);
StudySpec load_study_text(const std::string& text, const std::string& file_name,
                          const StudyRegistries& registries, bool check_models = true);

/// FNV-1a 64-bit hash as 16 lower-case hex digits.
std::string fnv1a_hex(const std::string& text);

}  // namespace sinew::scenario
