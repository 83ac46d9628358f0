// Declarations of per-point state (history) variables and of derived per-point outputs.
//
// A law with history declares its state variables: each has a name, a number of components, an
// offset into PointFields::state (the law chooses it; offsets of one law do not overlap), units,
// a description and an initial value. The finite-element problem sets every declared slot to
// its initial value, calls Material::update_state() at every quadrature point after each
// converged increment, copies the state with the rest of the per-point fields (probes), and the
// output-field table writes every declared variable. Nothing outside the law knows the names.
//
// A point output is a quantity the law derives from its state and fields without a deformation
// (e.g. fibre damage D from the largest fibre stretch); the output table writes those too.
#pragma once

#include <array>
#include <functional>
#include <string>

#include "core/types.hpp"

namespace sinew::materials {

/// Capacity (Reals) of the inline per-point state: enough for every law, small enough that
/// PointFields stays a few cache lines and needs no heap allocation per point.
inline constexpr int kStateCapacity = 4;

/// The per-point state slots (zero until the problem writes the declared initial values).
using StateSlots = std::array<Real, kStateCapacity>;

struct StateVariable {
  std::string name;         ///< output name, e.g. "fibre_stretch_max"
  int offset = 0;           ///< first slot in PointFields::state
  int components = 1;       ///< slots used
  std::string units;        ///< "1" for dimensionless
  std::string description;  ///< one sentence, for the results file and `sinew fields`
  Real initial = 0.0;       ///< value of every component before the first commit
};

struct PointFields;

struct PointOutput {
  std::string name;
  int components = 1;
  std::string units;
  std::string description;
  /// Writes `components` values for a point with fields (and state) p.
  std::function<void(const PointFields& p, Real* out)> evaluate;
};

}  // namespace sinew::materials
