// The assembled description of one mechanical model: mesh, material regions with their element
// formulation, per-point fields, boundary conditions and load curves. Built by the model loader
// (or by hand in tests) and consumed by MechanicsProblem.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fem/coupling.hpp"
#include "materials/material.hpp"
#include "mesh/mesh.hpp"

namespace sinew::fem {

/// Element technology for a region.
enum class Formulation {
  Standard,        ///< displacement-only hex8 (2x2x2) / tet4 (1 point), total energy at each point
  MeanDilatation,  ///< hex8 three-field Q1P0 for uncoupled laws (Simo, Taylor & Pister 1985)
};

/// Piecewise-linear function of time, held constant outside its points.
struct LoadCurve {
  std::vector<std::pair<Real, Real>> points{{0.0, 0.0}, {1.0, 1.0}};
  Real operator()(Real t) const;
};

struct Region {
  std::string name;
  std::vector<Index> cells;
  std::shared_ptr<const materials::Material> material;
  Formulation formulation = Formulation::Standard;
};

/// Prescribed displacement u_component = value * curve(t) (mm) on a set of nodes.
struct DisplacementBC {
  std::string set_name;
  std::vector<Index> nodes;
  int component = 0;  ///< 0 = x, 1 = y, 2 = z
  Real value = 0.0;
  int curve = -1;  ///< index into Model::curves; -1 = constant (value at all t)
};

/// Force per node (N), scaled by curve(t).
struct NodalForceBC {
  std::string set_name;
  std::vector<Index> nodes;
  Vec3 force = Vec3::Zero();
  int curve = 0;
};

/// Follower pressure (MPa) on facets: traction -p n on the current surface (p > 0 pushes in).
struct PressureBC {
  std::string set_name;
  std::vector<mesh::Facet> facets;
  Real pressure = 0.0;
  int curve = 0;
};

/// Distributed dead traction (MPa) on facets, per unit reference area.
struct TractionBC {
  std::string set_name;
  std::vector<mesh::Facet> facets;
  Vec3 traction = Vec3::Zero();
  int curve = 0;
};

/// Elastic foundation: springs to the reference position, traction -k u per unit reference
/// area (k in N/mm^3 = MPa/mm).
struct FoundationBC {
  std::string set_name;
  std::vector<mesh::Facet> facets;
  Real stiffness = 0.0;
};

/// Rigid plate on a set of nodes (docs/model-reference.md, `plate`): every node of the set has the
/// same displacement in `component` (the plate's, one unknown), motion across it is free. Force
/// control: the plate carries the total force value x curve(t) (N), shared by the nodes as the
/// structure's stiffness decides. Displacement control: the plate displacement is
/// value x curve(t) (mm); its reaction is the sum of the nodes' residuals. Series spring
/// (force control with spring > 0): the plate is pulled through a linear spring of stiffness
/// `spring` (N/mm) whose far end moves by value x curve(t) (mm), so the plate carries
/// spring x (value x curve(t) - plate displacement): a muscle in series with the tendon, the
/// far end the muscle-tendon unit's length set by the joint.
struct PlateBC {
  std::string set_name;
  std::vector<Index> nodes;
  int component = 0;  ///< 0 = x, 1 = y, 2 = z
  bool displacement_control = false;
  Real value = 0.0;  ///< N (force control), mm (displacement control, series spring)
  int curve = 0;
  Real spring = 0.0;  ///< N/mm: series spring stiffness (0: none), force control only
};

struct Model {
  mesh::Mesh mesh;
  std::vector<Region> regions;
  /// Per quadrature point fields, indexed by point_offset[cell] + q.
  std::vector<materials::PointFields> point_fields;
  std::vector<Index> point_offset;  ///< n_cells + 1

  std::vector<LoadCurve> curves{LoadCurve{}};  ///< curve 0 is the default ramp 0 -> 1 over [0,1]
  std::vector<DisplacementBC> displacements;
  std::vector<NodalForceBC> nodal_forces;
  std::vector<PressureBC> pressures;
  std::vector<TractionBC> tractions;
  std::vector<FoundationBC> foundations;
  std::vector<PlateBC> plates;

  /// Non-cell couplings (adhesion/contact interfaces). MechanicsProblem works on its own clones,
  /// so these hold the initial history.
  std::vector<std::shared_ptr<const Coupling>> couplings;
};

/// The model without its load curves, loads and supports: mesh, regions, point fields and
/// couplings kept (metric probes and intervention load cases add their own).
Model unloaded_copy(const Model& m);

/// Number of quadrature points of a cell of this type in this code (hex8: 8, tet4: 1).
int points_per_cell(mesh::CellType t);

/// Sets point_offset and fills point_fields with each region's material defaults
/// (fibres along `fibre`). Cells in no region get an error.
void initialise_point_fields(Model& model, const Vec3& fibre = Vec3::UnitX());

}  // namespace sinew::fem
