// Assembles the output-field table of a model from the solid's, the interface's and the
// rigid-surface contact's entries and evaluates it at reported states.
#include "simulation/output_table.hpp"

#include "contact/contact_fields.hpp"
#include "fem/mechanics_problem.hpp"
#include "interface/facet_fields.hpp"

namespace sinew::simulation {

OutputTable::OutputTable(const model::ModelDefinition& def) : def_(def) {
  const auto& model = def.model;
  fields_ = fem::solid_output_fields();
  static_fields_ = fem::solid_static_fields(model, def.tissue.scar_fraction);
  const auto sets = interface::interface_sets(model.couplings);
  if (!sets.empty()) {
    auto imesh =
        std::make_shared<const fem::FacetMesh>(interface::interface_mesh(model.mesh, sets));
    // Interfaces without pairs have nothing to show.
    if (imesh->n_cells() > 0) facets_ = std::move(imesh);
  }
  if (facets_) {
    for (auto& f : interface::interface_output_fields(facets_)) fields_.push_back(std::move(f));
    for (auto& f : interface::interface_state_fields(facets_, sets))
      fields_.push_back(std::move(f));
    for (auto& f : interface::interface_static_fields(*facets_))
      static_fields_.push_back(std::move(f));
  }
  if (contact::has_contact(model.couplings))
    for (auto& f : contact::contact_output_fields()) fields_.push_back(std::move(f));
  for (auto& f : fem::declared_point_fields(model)) fields_.push_back(std::move(f));
}

OutputTable::~OutputTable() = default;

std::vector<std::vector<double>> OutputTable::evaluate(const StepOutput& out, const VecX& u) {
  const fem::MechanicsProblem* problem = out.problem;
  if (!problem) {
    if (!own_problem_) own_problem_ = std::make_unique<fem::MechanicsProblem>(def_.model);
    problem = own_problem_.get();
  }
  const fem::FieldContext context(*problem, u, out.record.t);
  std::vector<std::vector<double>> values;
  values.reserve(fields_.size());
  for (const auto& f : fields_) values.push_back(f.evaluate(context));
  return values;
}

std::vector<fem::OutputField> field_catalogue() {
  auto fields = fem::solid_output_fields();
  for (auto& f : interface::interface_output_fields(nullptr)) fields.push_back(std::move(f));
  for (auto& f : contact::contact_output_fields()) fields.push_back(std::move(f));
  return fields;
}

std::string field_path(const fem::OutputField& f) {
  const bool facet = f.association == fem::Association::Facet ||
                     f.association == fem::Association::FacetPoint;
  const char* group = f.kind == fem::FieldKind::State ? "state/" : "fields/";
  return std::string(facet ? "/interface/" : "/") + group + f.name;
}

std::vector<ViewField> view_fields(const OutputTable& table) {
  auto on_interface = [](fem::Association a) {
    return a == fem::Association::Facet || a == fem::Association::FacetPoint;
  };
  auto at_points = [](fem::Association a) {
    return a == fem::Association::Point || a == fem::Association::FacetPoint;
  };
  std::vector<ViewField> views;
  for (const auto& f : table.fields())
    views.push_back({f.name, field_path(f), at_points(f.association), on_interface(f.association),
                     true});
  for (const auto& f : table.static_fields()) {
    if (!f.in_views) continue;
    const bool facet = on_interface(f.association);
    views.push_back({f.name, (facet ? "/interface/mesh/" : "/mesh/") + f.name,
                     at_points(f.association), facet, false});
  }
  return views;
}

}  // namespace sinew::simulation
