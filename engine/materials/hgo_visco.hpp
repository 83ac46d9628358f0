// Visco-hyperelastic HGO law: the uncoupled hgo solid with one Maxwell branch on its fibre term.
//
// Holzapfel & Gasser 2001 (CMAME 190:4379) after Simo 1987 (CMAME 60:153): a non-equilibrium
// stress Q relaxes toward zero with time constant tau and is fed by the rate of the elastic
// stress with weight beta, Q' + Q/tau = beta dS_f/dt. Integrating over an increment with the
// elastic stress linear in time gives the recurrence (Simo 1987, eq. 2.16 in that notation)
//
//   Q_{n+1} = exp(-dt/tau) Q_n + beta exp(-dt/2tau) (S_f,{n+1} - S_f,n).
//
// Here the branch acts on the scalar fibre stress f = dPsi_f/dE conjugate to the generalised
// fibre strain E (hgo_fibre.hpp), so two state slots hold it: q_n (the overstress) and f_n (the
// elastic fibre stress of the last commit). Within an increment (dt, q_n, f_n fixed) the fibre
// term is the potential
//
//   Phi(E) = (1 + b) Psi_f(E) + a max(E, 0),  b = beta exp(-dt/2tau),
//                                             a = exp(-dt/tau) q_n - b f_n,
//
// so dPhi/dE = f + q_{n+1} and the tangent (1 + b) Psi_f'' is symmetric and consistent. For a
// step strain held at rest the stress is S(t) = S_inf + (S_0 - S_inf) exp(-t/tau) with
// S_0 - S_inf = beta (fibre part); under a constant fibre load a linear fibre creeps with the
// retardation time tau (1 + beta). The overstress acts only while the fibres are in tension
// (E > 0), like the fibre term itself. The matrix is elastic.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/parameters.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

/// The fibre Maxwell branch in the scalar fibre stress (see the file comment).
struct FibreMaxwell {
  Real tau = 1.0;   ///< s, relaxation time
  Real beta = 0.0;  ///< 1, non-equilibrium / equilibrium fibre stiffness
  static constexpr int kOverstressSlot = 0;
  static constexpr int kElasticSlot = 1;

  /// b and a of Phi = (1 + b) Psi_f + a max(E, 0) for a step dt from the state of p.
  struct Weights {
    Real b = 0.0, a = 0.0;
  };
  Weights weights(Real dt, const PointFields& p) const {
    const Real b = beta * std::exp(-0.5 * dt / tau);
    return {b, std::exp(-dt / tau) * p.state[kOverstressSlot] - b * p.state[kElasticSlot]};
  }
  /// The commit: q_{n+1} from the elastic fibre stress f of the converged state.
  void update(Real f, PointFields& p) const {
    const Weights w = weights(p.time_step, p);
    p.state[kOverstressSlot] = w.a + w.b * f;
    p.state[kElasticSlot] = f;
  }
};

class HgoVisco final : public Material {
 public:
  static constexpr const char* kName = "hgo-visco";
  static std::string description();
  static std::vector<ParameterSpec> parameter_specs();

  explicit HgoVisco(const ParameterSet& values);

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return true; }
  bool has_fibres() const override { return true; }
  Real fibre_stretch(const Mat3& C, const PointFields& p) const override;
  std::vector<StateVariable> state_variables() const override;
  void update_state(const Mat3& C, PointFields& p) const override;
  PointFields default_fields() const override;
  Real energy(const Mat3& C, const PointFields& p) const override;
  StressTangent stress_tangent(const Mat3& C, const PointFields& p) const override;
  Real bulk_modulus() const override { return k_; }
  Real shear_modulus() const override { return c_; }
  const FibreMaxwell& branch() const { return branch_; }

 private:
  Real c_ = 0.0, k1_ = 0.0, k2_ = 1.0, kappa_ = 0.0, k_ = 0.0;
  FibreMaxwell branch_;
};

}  // namespace sinew::materials
