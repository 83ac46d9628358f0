// The finite-element model as a NonlinearProblem: parallel, deterministic assembly of the
// residual and tangent over element colours, surface loads, and prescribed displacements.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fem/assembly_plan.hpp"
#include "fem/model.hpp"
#include "fem/plate_ties.hpp"
#include "fem/solid_kernels.hpp"
#include "solver/nonlinear_problem.hpp"

namespace sinew::fem {

/// The history a run accumulates: per-point fields (with every law's declared state variables)
/// and the couplings' internal state. Metric probes copy it into a problem of their own and never
/// write it back.
struct ProblemState {
  std::vector<materials::PointFields> fields;
  std::vector<std::shared_ptr<const Coupling>> couplings;
  Real time = 0.0;  ///< s: the committed time (rate-dependent laws measure time steps from it)
};

class MechanicsProblem : public solver::NonlinearProblem {
 public:
  /// Keeps a reference to `model`, which must outlive the problem. Checks that every region's
  /// formulation suits its cells and material (throws std::invalid_argument otherwise).
  explicit MechanicsProblem(const Model& model);

  Index n_dofs() const override { return plan_.n_dofs(); }
  const SparseMatrix& pattern() const override { return plan_.pattern(); }
  const std::vector<Index>& constrained_dofs() const override { return prescribed_.dofs; }
  void prescribed_values(Real t, VecX& values) const override;
  void evaluate(const VecX& u, Real t, VecX& r, SparseMatrix* K) override;
  bool is_symmetric() const override;
  /// The rigid-body modes of the mesh nodes in the reference configuration (rigid_body_modes).
  MatX near_null_space() const override;

  /// Updates the irreversible history at a converged state: every law's declared state at every
  /// point (Material::update_state) and the couplings' history (damage, slip).
  void commit(const VecX& u, Real t) override;

  /// Counts the n physiological cycles the load case that just ended stands for
  /// (Material::apply_cycles at every point with declared state: fibre fatigue adds its Miner
  /// fraction). Called once after a load case's last commit.
  void apply_cycles(std::int64_t n);

  /// A copy of the history (for probes that must not change it) and its restoration.
  ProblemState state() const;
  void set_state(const ProblemState& s);

  /// Makes t the committed time of the couplings and of the laws (rate-dependent laws measure
  /// time steps from it); the history itself is unchanged. For probes that run a clock of their
  /// own from t.
  void restart_clock(Real t);

  /// Per-point fields including the declared state, indexed like Model::point_fields.
  const std::vector<materials::PointFields>& fields() const { return fields_; }

  /// One named per-point quantity at every point, points x components, point-major.
  struct PointValues {
    int components = 1;
    std::vector<Real> values;
  };
  /// The point output `name` (Material::point_outputs, e.g. "fibre_damage") at every point; 0
  /// at points whose law does not declare it (all zero, 1 component, if no law does).
  PointValues point_output(const std::string& name) const;
  /// The committed state variable `name` (Material::state_variables) at every point; 0 at points
  /// whose law does not declare it.
  PointValues state_variable(const std::string& name) const;

  /// The distinct state variables and point outputs declared by the model's laws (first
  /// declaration of each name).
  const std::vector<materials::StateVariable>& declared_state() const { return declared_state_; }
  const std::vector<materials::PointOutput>& declared_outputs() const { return declared_outputs_; }

  /// The couplings with their current history.
  const std::vector<std::unique_ptr<Coupling>>& couplings() const { return couplings_; }

  /// Deformation gradient and total 2nd Piola-Kirchhoff stress at every quadrature point.
  std::vector<PointState> point_states(const VecX& u) const;

  /// Reference volume (mm^3) that each quadrature point represents (weight x det dX/dxi).
  const std::vector<Real>& point_volumes() const { return dV_; }

  /// Total strain energy of the solid (N mm).
  Real strain_energy(const VecX& u) const;

  /// Sum over a node set of the residual (= the reaction where the nodes are supported), N.
  Vec3 set_force(const std::vector<Index>& nodes, const VecX& r) const;

  /// u with the nodes of every force-controlled plate at their plate's displacement (the field
  /// the elements see; the solver's u equals it to rounding once a step has converged).
  VecX tied(const VecX& u) const { return ties_.tied(u); }
  /// The displacement (mm) of model plate `i` in its direction.
  Real plate_displacement(size_t i, const VecX& u) const;

  const Model& model() const { return model_; }
  const AssemblyPlan& plan() const { return plan_; }

 private:
  void assign_cells();
  void reference_geometry();
  void foundation_masses();
  struct CellInfo {
    const materials::Material* material;
    Formulation formulation;
  };
  /// Per distinct law: its declarations, read once (they are built on every call).
  struct LawState {
    const materials::Material* material;
    std::vector<materials::StateVariable> state;
    std::vector<materials::PointOutput> outputs;
  };
  const LawState* law_state(const materials::Material* m) const;
  void declare_state();
  /// Sets PointFields::time_step = t - committed time at every point (when it changes).
  void set_time_step(Real t);
  CellGeometry geometry(Index c) const;
  void assemble_cell(Index c, const VecX& u, VecX& r, SparseMatrix* K,
                     PointState* state = nullptr) const;
  void assemble_surface_loads(const VecX& u, Real t, VecX& r, SparseMatrix* K) const;

  /// The prescribed dofs (sorted) and, per dof, its source: an index into model.displacements,
  /// or n_displacements + p for displacement-controlled plate p.
  struct Prescribed {
    std::vector<Index> dofs;
    std::vector<int> source;
  };
  static Prescribed prescribed_dofs(const Model& model);

  const Model& model_;
  std::vector<materials::PointFields> fields_;  ///< model's fields plus history
  Real committed_time_ = 0.0;                   ///< s: time of the last commit
  std::vector<std::unique_ptr<Coupling>> couplings_;
  Prescribed prescribed_;
  PlateTies ties_;
  AssemblyPlan plan_;
  std::vector<std::vector<Index>> cell_colours_;  ///< the plan's colours without couplings
  std::vector<CellInfo> cells_;
  std::vector<LawState> laws_;  ///< the distinct laws of the regions
  std::vector<materials::StateVariable> declared_state_;
  std::vector<materials::PointOutput> declared_outputs_;
  std::vector<Index> geo_offset_;      ///< per cell: start (in points) of its gradients / volumes
  std::vector<Real> dNdX_;             ///< per point: n_nodes x 3 reference gradients
  std::vector<Real> dV_;               ///< per point: weight x det(dX/dxi)
  std::vector<MatX> foundation_mass_;  ///< per foundation facet (flattened over BCs)
};

}  // namespace sinew::fem
