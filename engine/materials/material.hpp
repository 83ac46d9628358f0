// The hyperelastic material interface: every law maps the right Cauchy-Green tensor C and the
// per-point fields to an energy, the second Piola-Kirchhoff stress S and the material tangent
// D = dS/dE = 4 d2W/dCdC. Laws are const and re-entrant; history lives in per-point state.
//
// Fibre damage (fibre_damage.hpp) is the one history-dependent effect: a law with damage reads
// the largest equivalent fibre stretch of the committed states from PointFields and never
// writes it. The caller (the finite-element problem) owns the history: after each converged
// increment it sets fibre_stretch_max = max(fibre_stretch_max, fibre_stretch(C, p)) at every
// quadrature point. Within an increment the history is fixed, so the law stays hyperelastic
// (energy, stress and a symmetric tangent).
//
// Uncoupled laws (W = W_iso(C_bar) + U(J), C_bar = J^{-2/3} C) report only the isochoric part
// through energy()/stress_tangent(); the volumetric part U(J) = K/2 (ln J)^2 is added by the
// element (pointwise for standard elements, element-wise for the mean-dilatation hex8).
#pragma once

#include <cmath>
#include <string>

#include "core/types.hpp"

namespace sinew::materials {

/// Fields that vary from quadrature point to quadrature point (fibre architecture, scar).
struct PointFields {
  Vec3 fibre{1.0, 0.0, 0.0};  ///< unit fibre direction a0 in the reference configuration
  Real dispersion = 0.0;      ///< fibre dispersion kappa in [0, 1/3] (HGO); 0 = aligned
  Real fibre_scale = 1.0;     ///< multiplier on the fibre stiffness (scar: < 1)
  Real matrix_scale = 1.0;    ///< multiplier on the matrix stiffness
  /// History: the largest equivalent fibre stretch (Material::fibre_stretch) reached in
  /// committed states; updated by the caller after each converged increment, read by laws with
  /// fibre damage. 1 = virgin fibres.
  Real fibre_stretch_max = 1.0;
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

  /// True when the law has irreversible fibre damage switched on; then the caller must keep
  /// PointFields::fibre_stretch_max up to date (see the file comment).
  virtual bool has_fibre_damage() const { return false; }

  /// The damage driver at C: the equivalent fibre stretch (>= 1; 1 for laws without fibres and
  /// for slack or compressed fibres). Does not depend on the history.
  virtual Real fibre_stretch(const Mat3& /*C*/, const PointFields& /*p*/) const { return 1.0; }

  /// Damage D in [0, 1] for the history value stretch_max (0 when damage is off): below the
  /// stored maximum the fibre term is the undamaged one times 1 - D.
  virtual Real fibre_damage(Real /*stretch_max*/) const { return 0.0; }

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

}  // namespace sinew::materials
