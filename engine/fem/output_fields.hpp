// The output-field table: every per-step quantity a run reports, declared once by the physics
// with its name, where it lives (mesh nodes, cells, interface points or facets), its number of
// components, units, description and how to evaluate it at a converged state. The results writer
// (io) creates and fills its datasets and views from the table alone; `sinew fields` prints it;
// the schema document, the viz field list and the Python helpers are tested against it.
//
// Kinds: an output is derived from the state (stress, damage); a state variable is a law's
// committed history itself (Material::state_variables), added for every law of the model without
// naming it here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "fem/cell_fields.hpp"
#include "fem/model.hpp"
#include "fem/solid_kernels.hpp"

namespace sinew::fem {

class MechanicsProblem;

/// Where a field's values live: mesh nodes, mesh cells, interface surface points or facets.
enum class Association { Point, Cell, FacetPoint, Facet };

/// "point", "cell", "facet_point", "facet".
const char* association_name(Association a);

enum class FieldKind {
  Output,  ///< derived from the converged state (/fields, /interface/fields)
  State,   ///< a declared state variable, the committed history (/state, /interface/state)
};

/// One converged state to evaluate fields at. Intermediate results that several fields share
/// (the quadrature-point states, the cell averages, a contributor's own averages) are computed
/// at most once per context.
class FieldContext {
 public:
  FieldContext(const MechanicsProblem& problem, const VecX& u, Real t)
      : problem_(problem), u_(u), t_(t) {}

  const MechanicsProblem& problem() const { return problem_; }
  const VecX& u() const { return u_; }
  Real t() const { return t_; }

  /// MechanicsProblem::point_states(u), computed on first use.
  const std::vector<PointState>& point_states() const;
  /// cell_averages() of those states, computed on first use.
  const CellFields& cell_fields() const;

  /// The value `make()` gives, made on the first call with `key` and kept for the context.
  template <class T, class Make>
  const T& shared(const std::string& key, Make&& make) const {
    auto it = shared_.find(key);
    if (it == shared_.end()) it = shared_.emplace(key, std::make_shared<const T>(make())).first;
    return *static_cast<const T*>(it->second.get());
  }

 private:
  const MechanicsProblem& problem_;
  const VecX& u_;
  Real t_;
  mutable std::shared_ptr<const std::vector<PointState>> states_;
  mutable std::shared_ptr<const CellFields> cells_;
  mutable std::map<std::string, std::shared_ptr<const void>> shared_;
};

struct OutputField {
  std::string name;
  Association association = Association::Cell;
  int components = 1;  ///< values per point / cell / facet
  std::string units;   ///< "1" for dimensionless
  std::string description;
  FieldKind kind = FieldKind::Output;
  /// The values at a state: (count x components), entity-major.
  std::function<std::vector<double>(const FieldContext&)> evaluate;
};

/// A field that does not change in time (reference configuration), written once with the mesh.
struct StaticField {
  std::string name;
  Association association = Association::Cell;
  int components = 1;
  std::string units;
  std::string description;
  bool in_views = true;  ///< also shown in the VTKHDF step views
  std::vector<double> values;
};

/// The interface surface that Facet and FacetPoint fields live on, in VTK conventions: one cell
/// per interface pair (its primary facet over the primary nodes).
struct FacetMesh {
  std::vector<Index> node_ids;            ///< P: mesh node id of each point (ascending)
  std::vector<Real> points;               ///< P x 3: reference coordinates (mm)
  std::vector<Index> secondary_node_ids;  ///< K: secondary node paired with each connectivity entry
  std::vector<Index> connectivity;        ///< K: point indices (0 .. P-1), cell after cell
  std::vector<Index> offsets{0};          ///< F + 1
  std::vector<std::uint8_t> types;        ///< F: VTK cell type
  std::vector<Real> area;                 ///< F: reference area = sum of the Gauss weights (mm^2)
  std::vector<Real> adhesion_density;     ///< F: area-weighted mean of the bond density rho (1)

  Index n_points() const { return static_cast<Index>(node_ids.size()); }
  Index n_cells() const { return static_cast<Index>(types.size()); }
};

/// The solid's fields every model has, in the order of the results file: displacement,
/// cauchy_stress, max_principal_green_lagrange_strain, fibre_stretch, fibre_direction and
/// fibre_damage (0 where no law declares it).
std::vector<OutputField> solid_output_fields();

/// The fields `model`'s laws declare: their point outputs not listed above (cell means) and
/// every state variable (cell means, FieldKind::State).
std::vector<OutputField> declared_point_fields(const Model& model);

/// The solid's static cell fields: scar_fraction (from the tissue's per-point scar fraction,
/// empty for none) and reference_fibre_direction.
std::vector<StaticField> solid_static_fields(const Model& model,
                                             const std::vector<Real>& scar_fraction);

}  // namespace sinew::fem
