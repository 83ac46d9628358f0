// The solid's entries of the output-field table: the fixed fields, the laws' declared point
// outputs and state variables (as cell means), and the static cell fields.
#include "fem/output_fields.hpp"

#include <algorithm>

#include "fem/mechanics_problem.hpp"

namespace sinew::fem {

const char* association_name(Association a) {
  switch (a) {
    case Association::Point: return "point";
    case Association::Cell: return "cell";
    case Association::FacetPoint: return "facet_point";
    case Association::Facet: return "facet";
  }
  return "cell";
}

const std::vector<PointState>& FieldContext::point_states() const {
  if (!states_)
    states_ = std::make_shared<const std::vector<PointState>>(problem_.point_states(u_));
  return *states_;
}

const CellFields& FieldContext::cell_fields() const {
  if (!cells_)
    cells_ = std::make_shared<const CellFields>(cell_averages(problem_.model(), point_states()));
  return *cells_;
}

namespace {

constexpr const char* kDisplacementDoc =
    "node displacement u = x - X, time-major (step, node, component x/y/z)";
constexpr const char* kStressDoc =
    "Cauchy stress sigma = F S F^T / det F, mean over the cell's quadrature points; Voigt order "
    "xx, yy, zz, xy, yz, xz (step, cell, component)";
constexpr const char* kStrainDoc =
    "largest eigenvalue of the Green-Lagrange strain E = (F^T F - I)/2, mean over the cell's "
    "quadrature points (step, cell)";
constexpr const char* kFibreDoc =
    "fibre stretch |F a0| (a0: reference fibre direction of the point), mean over the cell's "
    "quadrature points (step, cell)";
constexpr const char* kFibreDirectionDoc =
    "current fibre direction: mean over the cell's quadrature points of the unit vector "
    "F a0 / |F a0|, normalised to unit length (step, cell, component x/y/z)";
constexpr const char* kFibreDamageDoc =
    "fibre damage D in [0, 1] (0 intact, 1 fibres carry nothing; irreversible, from the largest "
    "fibre stretch so far), mean over the cell's quadrature points; 0 where the material has no "
    "damage law (step, cell)";
constexpr const char* kScarDoc =
    "scar fraction s in [0, 1] of the model's scars (0 healthy, 1 scar), mean over the cell's "
    "quadrature points; constant in time; 0 everywhere without scars (cell)";
constexpr const char* kReferenceFibreDoc =
    "reference fibre direction a0 (model key fibre, scar misalignment, helix), mean over the "
    "cell's quadrature points normalised to unit length (cell, component x/y/z)";

using Values = std::vector<double>;

// Cell means of a declared point output (zeros where no law declares it).
OutputField point_output_field(std::string name, int components, std::string units,
                               std::string description) {
  const std::string key = name;
  return {std::move(name),
          Association::Cell,
          components,
          std::move(units),
          std::move(description),
          FieldKind::Output,
          [key](const FieldContext& c) {
            const auto v = c.problem().point_output(key);
            return cell_means(c.problem().model(), v.values, v.components);
          }};
}

}  // namespace

std::vector<OutputField> solid_output_fields() {
  std::vector<OutputField> f;
  f.push_back({"displacement", Association::Point, 3, "mm", kDisplacementDoc, FieldKind::Output,
               [](const FieldContext& c) {
                 return Values(c.u().data(), c.u().data() + c.u().size());
               }});
  f.push_back({"cauchy_stress", Association::Cell, 6, "MPa", kStressDoc, FieldKind::Output,
               [](const FieldContext& c) { return c.cell_fields().cauchy_stress; }});
  f.push_back({"max_principal_green_lagrange_strain", Association::Cell, 1, "1", kStrainDoc,
               FieldKind::Output, [](const FieldContext& c) {
                 return c.cell_fields().max_principal_green_lagrange_strain;
               }});
  f.push_back({"fibre_stretch", Association::Cell, 1, "1", kFibreDoc, FieldKind::Output,
               [](const FieldContext& c) { return c.cell_fields().fibre_stretch; }});
  f.push_back({"fibre_direction", Association::Cell, 3, "1", kFibreDirectionDoc, FieldKind::Output,
               [](const FieldContext& c) { return c.cell_fields().fibre_direction; }});
  f.push_back(point_output_field("fibre_damage", 1, "1", kFibreDamageDoc));
  return f;
}

std::vector<OutputField> declared_point_fields(const Model& model) {
  const auto fixed = solid_output_fields();
  std::vector<OutputField> out;
  auto listed = [&](const std::string& name) {
    auto same = [&](const OutputField& f) { return f.name == name; };
    return std::any_of(fixed.begin(), fixed.end(), same) ||
           std::any_of(out.begin(), out.end(), same);
  };
  for (const auto& region : model.regions) {
    if (!region.material) continue;
    for (const auto& o : region.material->point_outputs())
      if (!listed(o.name))
        out.push_back(point_output_field(o.name, o.components, o.units,
                                         o.description +
                                             ", mean over the cell's quadrature points"));
    for (const auto& v : region.material->state_variables()) {
      if (listed(v.name)) continue;
      const std::string key = v.name;
      out.push_back({v.name, Association::Cell, v.components, v.units,
                     v.description +
                         ", mean over the cell's quadrature points (committed state of "
                         "material '" +
                         region.material->name() + "'; 0 where a law does not keep it)",
                     FieldKind::State, [key](const FieldContext& c) {
                       const auto s = c.problem().state_variable(key);
                       return cell_means(c.problem().model(), s.values, s.components);
                     }});
    }
  }
  return out;
}

std::vector<StaticField> solid_static_fields(const Model& model,
                                             const std::vector<Real>& scar_fraction) {
  return {{"scar_fraction", Association::Cell, 1, "1", kScarDoc, true,
           cell_means(model, scar_fraction)},
          {"reference_fibre_direction", Association::Cell, 3, "1", kReferenceFibreDoc, false,
           reference_fibre_directions(model)}};
}

}  // namespace sinew::fem
