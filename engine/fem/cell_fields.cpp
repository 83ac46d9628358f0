// Cell averages of stress, strain and fibre stretch and direction from quadrature-point states,
// and cell means of per-point values.
#include "fem/cell_fields.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <stdexcept>
#include <string>

namespace sinew::fem {

namespace {

void check_offsets(const Model& model, const char* who) {
  if (static_cast<Index>(model.point_offset.size()) != model.mesh.n_cells() + 1 ||
      static_cast<Index>(model.point_fields.size()) != model.point_offset.back())
    throw std::invalid_argument(std::string(who) +
                                ": the model's point offsets do not match its cells");
}

// Unit vector along v, or zero when v has (numerically) no length.
Vec3 unit_or_zero(const Vec3& v) {
  const Real n = v.norm();
  return n > 0.0 ? Vec3(v / n) : Vec3::Zero();
}

}  // namespace

CellFields cell_averages(const Model& model, const std::vector<PointState>& states) {
  const Index n_cells = model.mesh.n_cells();
  if (static_cast<Index>(model.point_offset.size()) != n_cells + 1 ||
      static_cast<Index>(states.size()) != model.point_offset.back() ||
      model.point_fields.size() != states.size())
    throw std::invalid_argument("cell_averages: point states do not match the model's points");
  CellFields out;
  out.cauchy_stress.assign(static_cast<size_t>(6 * n_cells), 0.0);
  out.max_principal_green_lagrange_strain.assign(static_cast<size_t>(n_cells), 0.0);
  out.fibre_stretch.assign(static_cast<size_t>(n_cells), 0.0);
  out.fibre_direction.assign(static_cast<size_t>(3 * n_cells), 0.0);
  // Serial on purpose: it costs a fraction of point_states (itself serial), and keeping OpenMP
  // out of the writer keeps it usable in a forked child process.
  for (Index c = 0; c < n_cells; ++c) {
    const Index b = model.point_offset[c], e = model.point_offset[c + 1];
    Mat3 sigma = Mat3::Zero();
    Real e_max = 0.0, stretch = 0.0;
    Vec3 direction = Vec3::Zero();
    for (Index p = b; p < e; ++p) {
      const Mat3& F = states[p].F;
      sigma += F * states[p].S * F.transpose() / F.determinant();
      const Mat3 E = 0.5 * (F.transpose() * F - Mat3::Identity());
      // The iterative solver (not computeDirect): accurate also for nearly equal eigenvalues.
      Eigen::SelfAdjointEigenSolver<Mat3> eig(E, Eigen::EigenvaluesOnly);
      e_max += eig.eigenvalues()(2);  // ascending order
      const Vec3 a = F * model.point_fields[p].fibre;
      stretch += a.norm();
      direction += unit_or_zero(a);
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
    const Vec3 d = unit_or_zero(direction);
    for (int k = 0; k < 3; ++k) out.fibre_direction[static_cast<size_t>(3 * c + k)] = d(k);
  }
  return out;
}

std::vector<Real> cell_means(const Model& model, const std::vector<Real>& point_values,
                             int components) {
  check_offsets(model, "cell_means");
  const Index n_cells = model.mesh.n_cells();
  const auto n = static_cast<size_t>(std::max(components, 1));
  std::vector<Real> out(static_cast<size_t>(n_cells) * n, 0.0);
  if (point_values.empty()) return out;
  if (point_values.size() != model.point_fields.size() * n)
    throw std::invalid_argument("cell_means: " + std::to_string(point_values.size()) +
                                " point values for " + std::to_string(model.point_fields.size()) +
                                " quadrature points x " + std::to_string(n) + " components");
  for (Index c = 0; c < n_cells; ++c) {
    const Index b = model.point_offset[c], e = model.point_offset[c + 1];
    for (size_t k = 0; k < n; ++k) {
      Real sum = 0.0;
      for (Index p = b; p < e; ++p) sum += point_values[static_cast<size_t>(p) * n + k];
      out[static_cast<size_t>(c) * n + k] = e > b ? sum / static_cast<Real>(e - b) : 0.0;
    }
  }
  return out;
}

std::vector<Real> reference_fibre_directions(const Model& model) {
  check_offsets(model, "reference_fibre_directions");
  const Index n_cells = model.mesh.n_cells();
  std::vector<Real> out(static_cast<size_t>(3 * n_cells), 0.0);
  for (Index c = 0; c < n_cells; ++c) {
    Vec3 sum = Vec3::Zero();
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p)
      sum += model.point_fields[static_cast<size_t>(p)].fibre;
    const Vec3 d = unit_or_zero(sum);
    for (int k = 0; k < 3; ++k) out[static_cast<size_t>(3 * c + k)] = d(k);
  }
  return out;
}

}  // namespace sinew::fem
