// Per-cell result fields derived from the quadrature-point states: the cell averages that the
// results file stores (Cauchy stress, largest principal Green-Lagrange strain, fibre stretch).
#pragma once

#include <vector>

#include "fem/model.hpp"
#include "fem/solid_kernels.hpp"

namespace sinew::io {

/// Cell averages, one value (or 6 for the stress) per cell, cell-major.
struct CellFields {
  /// Cauchy stress sigma = F S F^T / det F (MPa), Voigt xx, yy, zz, xy, yz, xz: M x 6.
  std::vector<Real> cauchy_stress;
  /// Largest eigenvalue of E = (F^T F - I) / 2 (1): M.
  std::vector<Real> max_principal_green_lagrange_strain;
  /// |F a0| with a0 the point's reference fibre direction (1): M.
  std::vector<Real> fibre_stretch;
};

/// Arithmetic mean over each cell's quadrature points (point_offset[c] .. point_offset[c+1]) of
/// the quantities above. With the equal-weight 2x2x2 Gauss rule of hex8 this is the volume
/// average for parallelepiped cells; tet4 has one point. `states` is
/// MechanicsProblem::point_states(u) for the same model.
CellFields cell_averages(const fem::Model& model, const std::vector<fem::PointState>& states);

}  // namespace sinew::io
