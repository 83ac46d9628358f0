// Per-cell result fields derived from the quadrature-point states: the cell averages that the
// results file stores (Cauchy stress, largest principal Green-Lagrange strain, fibre stretch and
// direction), and cell means of any per-point value (scar fraction, fibre damage).
#pragma once

#include <vector>

#include "fem/model.hpp"
#include "fem/solid_kernels.hpp"

namespace sinew::fem {

/// Cell averages, one value (or 3 / 6 per cell) per cell, cell-major.
struct CellFields {
  /// Cauchy stress sigma = F S F^T / det F (MPa), Voigt xx, yy, zz, xy, yz, xz: M x 6.
  std::vector<Real> cauchy_stress;
  /// Largest eigenvalue of E = (F^T F - I) / 2 (1): M.
  std::vector<Real> max_principal_green_lagrange_strain;
  /// |F a0| with a0 the point's reference fibre direction (1): M.
  std::vector<Real> fibre_stretch;
  /// Current fibre direction (1): M x 3, the mean over the cell's points of the unit vectors
  /// F a0 / |F a0|, normalised to unit length (0 0 0 if that mean vanishes).
  std::vector<Real> fibre_direction;
};

/// Arithmetic mean over each cell's quadrature points (point_offset[c] .. point_offset[c+1]) of
/// the quantities above. With the equal-weight 2x2x2 Gauss rule of hex8 this is the volume
/// average for parallelepiped cells; tet4 has one point. `states` is
/// MechanicsProblem::point_states(u) for the same model.
CellFields cell_averages(const Model& model, const std::vector<PointState>& states);

/// Arithmetic mean over each cell's quadrature points of `components` values per point
/// (indexed like Model::point_fields, point-major): M x components values. An empty
/// `point_values` gives zeros (e.g. a model without scars has no scar fraction). Throws
/// std::invalid_argument for any other size mismatch.
std::vector<Real> cell_means(const Model& model, const std::vector<Real>& point_values,
                             int components = 1);

/// Reference fibre direction per cell (1): M x 3, the mean of the points' a0 normalised to unit
/// length (0 0 0 if that mean vanishes).
std::vector<Real> reference_fibre_directions(const Model& model);

}  // namespace sinew::fem
