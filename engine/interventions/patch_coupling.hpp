// A pressing patch (thumb, instrument edge) as a coupling of the load-case model: a follower
// pressure integrated over the patch's true footprint on the bed surface (patch_footprint.hpp),
// scaled at every time so that int p dA_0 = F exactly; a dead drag traction (drag x pressure
// along the motion) over the same footprint; and, for a gripping patch (ART), a finite grip: each
// bed node under the thumb is held along the axis by regularised Coulomb friction whose normal
// load is the patch's own pressure on the node, f_a <= mu p int N_a dA_0, so that the grip holds
// at most mu F. The friction is the contact law's return mapping (contact_law.hpp) with an
// elastic stick stiffness, slip as history, and its consistent tangent.
#pragma once

#include <memory>
#include <vector>

#include "fem/coupling.hpp"
#include "interventions/load_case.hpp"
#include "interventions/patch_footprint.hpp"

namespace sinew::interventions {

struct PatchSpec {
  std::vector<std::vector<Index>> facets;  ///< node lists of the bed facets the patch may touch
  std::vector<MatX> reference;             ///< their reference coordinates (3 x n)
  FootprintWindow window;                  ///< its centre is set from the motion at each time
  Real force = 0.0;                        ///< N at full load
  Profile force_profile = ramp();
  Real t0 = 0.0;                                                ///< model time of load-case time 0
  Real start = 0.0, end = 0.0, move_from = 0.0, move_to = 1.0;  ///< PatchLoad's motion
  Real drag = 0.0;             ///< drag traction / pressure, along the motion
  Real grip_friction = 0.0;    ///< mu of the grip; 0 = no grip
  Real grip_stiffness = 10.0;  ///< MPa/mm: elastic stick stiffness per unit area
  int subdivisions = 4;
};

class PatchCoupling final : public fem::Coupling {
 public:
  explicit PatchCoupling(PatchSpec spec);

  Real centre(Real t) const;        ///< mm along the axis from the window origin
  Real covered_area(Real t) const;  ///< mm^2, reference
  Real pressure(Real t) const;      ///< MPa: F s(t) / covered area
  Real normal_force(Real t) const;  ///< N: int p dA_0 over the footprint
  /// Resultant of the pressure and drag on the body at (u, t), N.
  Vec3 load(const VecX& u, Real t) const;
  /// Resultant force of the grip on the body at (u, t) from the committed history, N.
  Vec3 grip_force(const VecX& u, Real t) const;
  /// Normal load under the grip, sum of mu-free limits: p(t) x gripped area, N.
  Real grip_normal_force(Real t) const;
  const std::vector<Index>& grip_nodes() const { return grip_nodes_; }
  /// int N_a dA_0 of each gripped node over the footprint (its share of the normal load), mm^2.
  const std::vector<Real>& grip_areas() const { return grip_areas_; }
  const PatchSpec& spec() const { return spec_; }

  // fem::Coupling
  std::vector<std::vector<Index>> node_groups() const override;
  void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
           const fem::AssemblyPlan& plan) const override;
  void commit(const VecX& u, Real t) override;
  bool is_symmetric() const override { return false; }
  std::unique_ptr<fem::Coupling> clone() const override;
  std::vector<materials::StateVariable> state_variables() const override;
  std::vector<Real> state_values() const override;

 private:
  struct GripHistory {
    Vec3 stick_point = Vec3::Zero();  ///< mm, the node's position held by the thumb
    Real pressure = 0.0, slip = 0.0, dissipation = 0.0;
  };
  struct GripResponse {
    Vec3 force = Vec3::Zero();
    Mat3 df_dx = Mat3::Zero();
    GripHistory updated;
  };
  void add_load(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                const fem::AssemblyPlan* plan) const;
  GripResponse grip(size_t k, const Vec3& x, Real t) const;
  std::vector<std::vector<FacetPoint>> points(Real t) const;
  Real scale(Real t) const;

  PatchSpec spec_;
  std::vector<Index> grip_nodes_;
  std::vector<Vec3> grip_reference_;
  std::vector<Real> grip_areas_;  ///< int N_a dA_0 over the footprint at the start, mm^2
  std::vector<GripHistory> history_;
};

}  // namespace sinew::interventions
