// A set of interface elements (adhesion bonds, contact, friction) joining a primary body
// (tendon, fascia) to a secondary body (sheath, underlay) over paired conforming facets: the
// fem::Coupling the finite-element problem assembles, the owner of the per-Gauss-point history
// (damage, slip, dissipated energy), and the queries that metrics and outputs read.
#pragma once

#include <memory>
#include <vector>

#include "core/types.hpp"
#include "fem/coupling.hpp"
#include "interface/interface_element.hpp"
#include "interface/interface_pair.hpp"
#include "interface/interface_parameters.hpp"
#include "interface/traction_law.hpp"
#include "mesh/mesh.hpp"

namespace sinew::interface {

/// How a vector of bond densities is laid out.
enum class RhoLayout { PerGaussPoint, PerPair };

/// Committed state of one Gauss point, for outputs and metrics.
struct InterfacePointInfo {
  Index pair = 0;
  int local = 0;      ///< Gauss point within the pair
  Real weight = 0.0;  ///< reference mid-surface area (mm^2)
  Vec3 reference_position = Vec3::Zero();
  Real rho = 0.0;                      ///< bond density
  Real damage = 0.0;                   ///< D_v, the damage acting on the bonds (= D if eta_v = 0)
  Real rate_independent_damage = 0.0;  ///< D
  Real intact = 0.0;                   ///< rho (1 - D_v)
  Real max_separation = 0.0;           ///< delta_max (mm)
  Real slip = 0.0;                     ///< |s|, committed friction slip (mm)
};

/// State of one Gauss point at a trial displacement (history not changed).
struct InterfacePointState {
  Vec3 position = Vec3::Zero();  ///< current mid-surface position (mm)
  Vec3 normal = Vec3::Zero();    ///< current mid-surface normal
  Real normal_gap = 0.0;         ///< g_n (mm)
  Real tangential_gap = 0.0;     ///< |g_t| (mm)
  Real slip = 0.0;               ///< |s| after the return mapping at this state (mm)
  Real damage = 0.0;             ///< D_v at this state
  Real intact = 0.0;             ///< rho (1 - D_v)
  Real pressure = 0.0;           ///< contact pressure (MPa)
  bool in_contact = false;
  bool slipping = false;
  Vec3 traction = Vec3::Zero();  ///< on the primary body, per reference area (MPa)
};

class InterfaceSet final : public fem::Coupling {
 public:
  /// Reads the reference coordinates of the pairs from `mesh` (not kept). `rho` in [0, 1]: one
  /// value per Gauss point (pairs in order; 4 per quad, 3 per triangle) or one per pair.
  /// Throws std::invalid_argument for bad pairs (node count, node ids, a node on both sides,
  /// paired nodes farther apart than 1% of the facet diameter, degenerate facet) or bad rho,
  /// and ParameterError for bad parameters.
  InterfaceSet(const mesh::Mesh& mesh, std::vector<InterfacePair> pairs, InterfaceParameters params,
               std::vector<Real> rho, RhoLayout layout = RhoLayout::PerGaussPoint);
  /// The same bond density everywhere.
  InterfaceSet(const mesh::Mesh& mesh, std::vector<InterfacePair> pairs, InterfaceParameters params,
               Real rho);

  // fem::Coupling
  std::vector<std::vector<Index>> node_groups() const override;
  void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const override;
  void commit(const VecX& u, Real t) override;
  void restart_clock(Real t) override { t_committed_ = t; }
  /// Always false: with the current mid-surface normal, contact and mixed-mode softening give
  /// non-symmetric tangents (O(gap) terms), and so does friction in slip.
  bool is_symmetric() const override { return false; }
  std::unique_ptr<fem::Coupling> clone() const override;
  /// The per-Gauss-point history (interface_state.cpp): bond damage, separation, slip, energies.
  std::vector<materials::StateVariable> state_variables() const override;
  std::vector<Real> state_values() const override;

  const InterfaceParameters& parameters() const { return params_; }
  const std::vector<InterfacePair>& pairs() const { return pairs_; }
  Index n_pairs() const { return static_cast<Index>(pairs_.size()); }
  Index n_gauss_points() const { return static_cast<Index>(history_.size()); }
  /// Index of the first Gauss point of a pair (points of pair k: first(k) .. first(k+1)-1).
  Index first_gauss_point(Index pair) const { return first_point_[static_cast<size_t>(pair)]; }
  /// Time of the last commit (0 before the first one): the start of the viscous interval.
  Real committed_time() const { return t_committed_; }

  /// Reference area (mm^2) of every Gauss point.
  const std::vector<Real>& gauss_weights() const { return weight_; }
  /// Committed per-point history (read-only).
  const std::vector<PointHistory>& history() const { return history_; }
  /// Committed per-point state for outputs and metrics.
  std::vector<InterfacePointInfo> point_info() const;
  /// Per-point state at displacement u and time t, without changing the history.
  std::vector<InterfacePointState> evaluate(const VecX& u, Real t) const;

  /// Bonded area sum(w rho (1 - D_v)) (mm^2) and its value at construction sum(w rho).
  Real intact_bond_area() const;
  Real initial_bond_area() const;
  /// intact_bond_area() / initial_bond_area(); defined as 1 when there were no bonds at all
  /// (nothing could break).
  Real intact_fraction() const;
  /// Energy dissipated by bond damage / by frictional slip up to the last commit (mJ = N mm).
  Real damage_dissipated_energy() const;
  Real friction_dissipated_energy() const;
  /// Resultant force of the interface on the primary body at (u, t) (N).
  Vec3 total_force(const VecX& u, Real t) const;

 private:
  /// Evaluates pair k at u (residual, optional tangent and point results).
  void evaluate_pair(size_t k, const VecX& u, Real dt, ElementVector& r, ElementMatrix* K,
                     std::span<ElementPoint> points) const;

  InterfaceParameters params_;
  std::vector<InterfacePair> pairs_;
  std::vector<FacetMatrix> reference_;  ///< per pair: reference mid-surface node positions
  std::vector<Index> first_point_;      ///< per pair + 1: first Gauss point
  std::vector<Real> rho_;               ///< per Gauss point
  std::vector<Real> weight_;            ///< per Gauss point: reference area (mm^2)
  std::vector<Vec3> point_position_;    ///< per Gauss point: reference position
  std::vector<PointHistory> history_;   ///< per Gauss point, committed
  Index n_nodes_ = 0;
  Real t_committed_ = 0.0;
};

}  // namespace sinew::interface
