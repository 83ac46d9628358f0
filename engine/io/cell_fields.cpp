// Cell averages of stress, strain and fibre stretch from quadrature-point states.
#include "io/cell_fields.hpp"

#include <Eigen/Eigenvalues>
#include <stdexcept>

namespace sinew::io {

CellFields cell_averages(const fem::Model& model, const std::vector<fem::PointState>& states) {
  const Index n_cells = model.mesh.n_cells();
  if (static_cast<Index>(model.point_offset.size()) != n_cells + 1 ||
      static_cast<Index>(states.size()) != model.point_offset.back() ||
      model.point_fields.size() != states.size())
    throw std::invalid_argument("cell_averages: point states do not match the model's points");
  CellFields out;
  out.cauchy_stress.assign(static_cast<size_t>(6 * n_cells), 0.0);
  out.max_principal_green_lagrange_strain.assign(static_cast<size_t>(n_cells), 0.0);
  out.fibre_stretch.assign(static_cast<size_t>(n_cells), 0.0);
  // Serial on purpose: it costs a fraction of point_states (itself serial), and keeping OpenMP
  // out of the writer keeps it usable in a forked child process.
  for (Index c = 0; c < n_cells; ++c) {
    const Index b = model.point_offset[c], e = model.point_offset[c + 1];
    Mat3 sigma = Mat3::Zero();
    Real e_max = 0.0, stretch = 0.0;
    for (Index p = b; p < e; ++p) {
      const Mat3& F = states[p].F;
      sigma += F * states[p].S * F.transpose() / F.determinant();
      const Mat3 E = 0.5 * (F.transpose() * F - Mat3::Identity());
      // The iterative solver (not computeDirect): accurate also for nearly equal eigenvalues.
      Eigen::SelfAdjointEigenSolver<Mat3> eig(E, Eigen::EigenvaluesOnly);
      e_max += eig.eigenvalues()(2);  // ascending order
      stretch += (F * model.point_fields[p].fibre).norm();
    }
    const Real w = e > b ? 1.0 / static_cast<Real>(e - b) : 0.0;
    sigma *= w;
    Real* s = out.cauchy_stress.data() + 6 * c;
    s[0] = sigma(0, 0);
    s[1] = sigma(1, 1);
    s[2] = sigma(2, 2);
    s[3] = 0.5 * (sigma(0, 1) + sigma(1, 0));
    s[4] = 0.5 * (sigma(1, 2) + sigma(2, 1));
    s[5] = 0.5 * (sigma(0, 2) + sigma(2, 0));
    out.max_principal_green_lagrange_strain[c] = e_max * w;
    out.fibre_stretch[c] = stretch * w;
  }
  return out;
}

}  // namespace sinew::io
