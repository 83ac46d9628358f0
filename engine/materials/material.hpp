// The hyperelastic material interface: every law maps the right Cauchy-Green tensor C and the
// per-point fields to an energy, the second Piola-Kirchhoff stress S and the material tangent
// D = dS/dE = 4 d2W/dCdC. Laws are const and re-entrant; history lives in per-point state.
//
// History is per-point state declared by the law (state_variable.hpp): energy() and
// stress_tangent() only read PointFields::state; the caller (the finite-element problem) calls
// update_state() at every quadrature point after each converged increment. Within an increment
// the history is fixed, so the law stays hyperelastic (energy, stress and a symmetric tangent).
// Fibre damage (fibre_damage.hpp) is such a state: the largest equivalent fibre stretch. Fibre
// fatigue (fibre_fatigue.hpp) also counts cycles: apply_cycles() after each load case.
//
// Uncoupled laws (W = W_iso(C_bar) + U(J), C_bar = J^{-2/3} C) report only the isochoric part
// through energy()/stress_tangent(); the volumetric part U(J) = K/2 (ln J)^2 is added by the
// element (pointwise for standard elements, element-wise for the mean-dilatation hex8).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "materials/state_variable.hpp"

namespace sinew::materials {

/// Fields that vary from quadrature point to quadrature point (fibre architecture, scar).
struct PointFields {
  Vec3 fibre{1.0, 0.0, 0.0};  ///< unit fibre direction a0 in the reference configuration
  Real dispersion = 0.0;      ///< fibre dispersion kappa in [0, 1/3] (HGO); 0 = aligned
  Real fibre_scale = 1.0;     ///< multiplier on the fibre stiffness (scar: < 1)
  Real matrix_scale = 1.0;    ///< multiplier on the matrix stiffness
  /// History: the law's declared state variables at their offsets (Material::state_variables);
  /// written only by Material::update_state at a commit.
  StateSlots state{};
  /// s: the time step of the increment being evaluated or committed, t - t_committed (set by the
  /// finite-element problem; read only by rate-dependent laws, e.g. hgo-visco).
  Real time_step = 0.0;
};

/// Second Piola-Kirchhoff stress S (MPa) and material tangent D = dS/dE (MPa, Voigt
/// 11,22,33,12,23,13; strain-like Voigt vectors carry engineering shear 2E_12).
struct StressTangent {
  Mat3 S = Mat3::Zero();
  Mat6 D = Mat6::Zero();
};

class Material {
 public:
  virtual ~Material() = default;

  /// Registry name (the name used in model files).
  virtual std::string name() const = 0;

  /// True when W = W_iso(C_bar) + U(J); false for coupled laws W(C).
  virtual bool is_uncoupled() const = 0;

  /// True when the law uses the fibre direction (and so needs it set per point).
  virtual bool has_fibres() const { return false; }

  /// The equivalent fibre stretch at C (>= 1; 1 for laws without fibres and for slack or
  /// compressed fibres), the driver of fibre damage. Does not depend on the history.
  virtual Real fibre_stretch(const Mat3& /*C*/, const PointFields& /*p*/) const { return 1.0; }

  /// The per-point state this law keeps (empty: no history). Offsets and components fit in
  /// kStateCapacity.
  virtual std::vector<StateVariable> state_variables() const { return {}; }

  /// Advances the declared state of one point to the converged state C (called once per point
  /// after each converged increment; p.state holds the previous committed values).
  virtual void update_state(const Mat3& /*C*/, PointFields& /*p*/) const {}

  /// Counts the physiological cycles a finished load case stands for (LoadCase::cycles): laws
  /// with cycle-dependent history (fibre fatigue, fibre_fatigue.hpp) add their damage here and
  /// start the next case afresh. Called once per point after the case's last commit.
  virtual void apply_cycles(std::int64_t /*n*/, PointFields& /*p*/) const {}

  /// Quantities derived from the state (and fields) of a point, written as output fields.
  virtual std::vector<PointOutput> point_outputs() const { return {}; }

  /// Per-point fields this law starts from (its own dispersion, unit scales).
  virtual PointFields default_fields() const { return {}; }

  /// Strain energy per reference volume (MPa): W(C) (coupled) or W_iso(C_bar) (uncoupled).
  virtual Real energy(const Mat3& C, const PointFields& p) const = 0;

  /// S and D of energy(); for uncoupled laws the isochoric part only.
  virtual StressTangent stress_tangent(const Mat3& C, const PointFields& p) const = 0;

  /// Bulk modulus K (MPa) of U(J) = K/2 (ln J)^2 for uncoupled laws; 0 for coupled laws.
  virtual Real bulk_modulus() const { return 0.0; }

  /// Small-strain shear modulus (MPa) of the matrix, for estimates and penalty scaling.
  virtual Real shear_modulus() const = 0;
};

/// Volumetric energy U(J) = K/2 (ln J)^2 and its first two derivatives.
struct Volumetric {
  Real U, dU, d2U;
};
inline Volumetric volumetric(Real K, Real J) {
  const Real l = std::log(J);
  return {0.5 * K * l * l, K * l / J, K * (1.0 - l) / (J * J)};
}

/// S and D of the total energy W_iso + U(J) of an uncoupled law, or of W for a coupled one:
/// what a standard (not mean-dilatation) element integrates at each point.
StressTangent total_stress_tangent(const Material& m, const Mat3& C, const PointFields& p);

/// Total energy W_iso + U(J) (uncoupled) or W (coupled).
Real total_energy(const Material& m, const Mat3& C, const PointFields& p);

/// Sets every state variable m declares to its initial value in p (other slots unchanged).
/// Throws std::invalid_argument when a declaration does not fit in kStateCapacity.
void initialise_state(const Material& m, PointFields& p);

}  // namespace sinew::materials
