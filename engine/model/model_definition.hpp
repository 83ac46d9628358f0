// A loaded model: the finite-element model plus its steps, solver settings and outputs.
// Loading checks the whole model section and reports every problem with file:line:column.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fem/model.hpp"
#include "materials/register.hpp"
#include "mesh/node_split.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "model/model_spec.hpp"
#include "solver/load_stepper.hpp"
#include "solver/newton.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::model {

struct StepDefinition {
  std::string name;
  Real duration = 1.0;  ///< s (time is also the load-curve argument)
  solver::LoadStepSettings stepping;
};

struct OutputDefinition {
  std::string file;                        ///< CSV (".csv") of node displacements; empty = none
  std::vector<std::string> reaction_sets;  ///< node sets whose summed reactions are reported
};

struct ModelDefinition {
  std::string source;  ///< file the model came from
  fem::Model model;
  std::map<std::string, std::shared_ptr<const materials::Material>> materials;
  std::vector<StepDefinition> steps;
  solver::NewtonSettings newton;
  OutputDefinition output;
  /// Tissue roles, scars and probes; tissue.enabled when the model is a tissue model (a tissue
  /// generator or a `tissue` section), which makes runs report the metrics.
  tissue::TissueModel tissue;
  std::string generator;  ///< mesh generator used ("" for a mesh file)
  /// Nodes a conforming mesh file shared between the tissue's body and bed, duplicated to
  /// give the interface its two sides (zeros for a mesh with duplicated nodes).
  mesh::NodeSplit interface_split;
  Real helix_angle_deg = 0.0;  ///< tendon_sheath: fascicle twist at the tendon surface
  std::optional<mesh::TendonSheathSpec> tendon_sheath;  ///< the spec, for tendon_sheath meshes
};

/// Builds the model of a reading, reporting the reading's problems together with those the
/// build finds in values that were read correctly (all at once, in file order); throws
/// InputErrors when there are any.
ModelDefinition load_model(const ModelReading& reading,
                           const materials::MaterialRegistry& materials);

/// Loads a model file (YAML). Throws InputErrors listing every problem, or InputError for a
/// file that cannot be read or parsed.
ModelDefinition load_model_file(const std::string& path,
                                const materials::MaterialRegistry& materials);

/// The same from YAML text; `file_name` is used in messages and to resolve relative paths.
ModelDefinition load_model_text(const std::string& text, const std::string& file_name,
                                const materials::MaterialRegistry& materials);

}  // namespace sinew::model
