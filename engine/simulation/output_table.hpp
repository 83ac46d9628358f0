// The output-field table of one model: the solid's fields (fem/output_fields.hpp), the fields
// its laws declare (point outputs, state variables), for a model with an interface the
// interface surface and its fields, and for a model with rigid-surface contact its nodal fields.
// The results writer works from this alone.
#pragma once

#include <memory>
#include <vector>

#include "fem/output_fields.hpp"
#include "model/model_definition.hpp"
#include "simulation/step_output.hpp"
#include "simulation/view_field.hpp"

namespace sinew::simulation {

class OutputTable {
 public:
  /// The table of `def`, which must outlive it.
  explicit OutputTable(const model::ModelDefinition& def);
  ~OutputTable();
  OutputTable(const OutputTable&) = delete;
  OutputTable& operator=(const OutputTable&) = delete;

  /// Per-step fields, in the order they are written.
  const std::vector<fem::OutputField>& fields() const { return fields_; }
  /// Fields constant in time (scar fraction, reference fibre direction, facet area, ...).
  const std::vector<fem::StaticField>& static_fields() const { return static_fields_; }
  /// The interface surface; null for a model without interface pairs.
  const fem::FacetMesh* facet_mesh() const { return facets_.get(); }

  /// Every field of fields() at a reported state, in that order. Evaluates on out.problem (the
  /// run's problem, with its history) or, when that is null, on a problem of the table's own.
  std::vector<std::vector<double>> evaluate(const StepOutput& out, const VecX& u);

 private:
  const model::ModelDefinition& def_;
  std::shared_ptr<const fem::FacetMesh> facets_;
  std::vector<fem::OutputField> fields_;
  std::vector<fem::StaticField> static_fields_;
  std::unique_ptr<fem::MechanicsProblem> own_problem_;
};

/// The fields every model can have, without the laws' declared ones (which depend on the model):
/// what `sinew fields` prints, and what docs/results-schema.md, the viewer and the Python
/// helpers are checked against.
std::vector<fem::OutputField> field_catalogue();

/// The arrays the VTKHDF views of a run of `table`'s model show, in view order: every per-step
/// field, then the static fields marked in_views (those of the interface surface with
/// `interface` set). The results writer's views and the study file's views both follow it.
std::vector<ViewField> view_fields(const OutputTable& table);

/// Results-file path of a field: /fields/<name>, /state/<name>, /interface/fields/<name> or
/// /interface/state/<name>.
std::string field_path(const fem::OutputField& f);

}  // namespace sinew::simulation
