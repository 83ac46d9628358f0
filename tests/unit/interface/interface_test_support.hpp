// Shared fixtures of the interface tests: two unit cubes stacked along z with duplicated nodes
// at the interface, prescribed relative motions, and a finite-difference tangent check of the
// element kernel.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "fem/assembly_plan.hpp"
#include "interface/interface_element.hpp"
#include "interface/interface_set.hpp"
#include "mesh/mesh.hpp"

namespace sinew::interface::test {

/// Bottom (primary) hex8 0..7 on z in [0, 1], top (secondary) hex8 8..15 on z in [1, 2]; nodes
/// 8..11 duplicate 4..7. The pair joins the primary cell's top face (4, 5, 6, 7), normal +z.
struct StackedBlocks {
  mesh::Mesh mesh;
  InterfacePair pair;
};

inline StackedBlocks stacked_blocks() {
  StackedBlocks b;
  const std::array<Vec3, 4> corners{Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0), Vec3(0, 1, 0)};
  for (Real z : {0.0, 1.0, 1.0, 2.0})
    for (const Vec3& c : corners) b.mesh.points.push_back(c + Vec3(0, 0, z));
  const std::array<Index, 8> bottom{0, 1, 2, 3, 4, 5, 6, 7}, top{8, 9, 10, 11, 12, 13, 14, 15};
  b.mesh.add_cell(mesh::CellType::Hex8, bottom);
  b.mesh.add_cell(mesh::CellType::Hex8, top);
  const auto face = b.mesh.facet_nodes({0, 1});
  b.pair.n_nodes = 4;
  for (int a = 0; a < 4; ++a) {
    b.pair.primary[a] = face[static_cast<size_t>(a)];
    b.pair.secondary[a] = face[static_cast<size_t>(a)] + 4;  // the duplicate above
  }
  return b;
}

/// Displacement moving the whole secondary (top) block rigidly by d; the primary block is fixed.
inline VecX translate_secondary(const StackedBlocks& b, const Vec3& d) {
  VecX u = VecX::Zero(3 * b.mesh.n_nodes());
  for (Index i = 8; i < 16; ++i) u.segment<3>(3 * i) = d;
  return u;
}

/// Parameters without friction and with distinct mode I / mode II values.
inline InterfaceParameters distinct_modes() {
  InterfaceParameters p;
  p.friction_coefficient = 0.0;
  p.bond_stiffness = 10.0;
  p.normal_strength = 0.05;
  p.shear_strength = 0.08;
  p.mode_I_energy = 0.01;
  p.mode_II_energy = 0.03;
  p.bk_exponent = 2.0;
  return p;
}

/// Inputs of one kernel evaluation.
struct KernelCase {
  FacetMatrix X, up, us;
  std::vector<PointHistory> history;
  std::vector<Real> rho;
  InterfaceParameters p;
  Real dt = 0.0;
};

inline ElementVector kernel_residual(const KernelCase& c, ElementMatrix* K = nullptr,
                                     std::span<ElementPoint> points = {}) {
  ElementVector r;
  interface_element(c.X, c.up, c.us, c.history, c.rho, c.p, c.dt, r, K, points);
  return r;
}

/// max |K - K_fd| / max |K| with K_fd from central differences of the residual (step h, mm).
inline Real kernel_tangent_error(const KernelCase& c, Real h = 1e-7) {
  ElementMatrix K;
  kernel_residual(c, &K);
  const int n = static_cast<int>(c.X.cols());
  ElementMatrix Kfd(6 * n, 6 * n);
  for (int j = 0; j < 6 * n; ++j) {
    KernelCase plus = c, minus = c;
    FacetMatrix& vp = j < 3 * n ? plus.up : plus.us;
    FacetMatrix& vm = j < 3 * n ? minus.up : minus.us;
    const int a = (j % (3 * n)) / 3, i = j % 3;
    vp(i, a) += h;
    vm(i, a) -= h;
    Kfd.col(j) = (kernel_residual(plus) - kernel_residual(minus)) / (2 * h);
  }
  return (K - Kfd).cwiseAbs().maxCoeff() / K.cwiseAbs().maxCoeff();
}

/// A tilted, slightly warped quad (reference) in a rotated frame, and a rotation taking the
/// local frame (e1, e2 tangent, e3 normal) to it.
inline Mat3 tilt() {
  return (Eigen::AngleAxis<Real>(0.7, Vec3(1, 2, 3).normalized()) *
          Eigen::AngleAxis<Real>(0.4, Vec3(0, 1, 0)))
      .toRotationMatrix();
}

/// Quad (n = 4) or triangle (n = 3) kernel case with the primary side given a rigid rotation and
/// small distortion, and the secondary side offset by the local gap `gap_local` (tangential
/// x, y; normal z) plus small node-to-node variations, so that n depends on u.
inline KernelCase tilted_case(int n, const Vec3& gap_local, const InterfaceParameters& p,
                              Real variation = 0.1) {
  KernelCase c;
  c.p = p;
  const Mat3 R = tilt();
  const Real quad[4][3] = {{0, 0, 0}, {1.1, 0.05, 0.02}, {1.0, 0.9, -0.03}, {-0.05, 1.0, 0.01}};
  const Real tri[3][3] = {{0, 0, 0}, {1.0, 0.1, 0.02}, {0.2, 0.9, -0.02}};
  c.X.resize(3, n);
  c.up.resize(3, n);
  c.us.resize(3, n);
  const Mat3 Q = Eigen::AngleAxis<Real>(0.3, Vec3(0.2, -0.5, 1).normalized()).toRotationMatrix();
  for (int a = 0; a < n; ++a) {
    const Real* P = n == 4 ? quad[a] : tri[a];
    const Vec3 Xa = R * Vec3(P[0], P[1], P[2]) + Vec3(0.3, -0.2, 0.5);
    c.X.col(a) = Xa;
    // Rigid rotation Q of the primary facet about its first node plus a small stretch.
    const Vec3 xp = Q * (Xa - c.X.col(0)) * 1.02 + c.X.col(0) + Vec3(0.01, -0.02, 0.015);
    c.up.col(a) = xp - Xa;
    const Vec3 var(variation * std::sin(1.0 + a), variation * std::cos(2.0 * a),
                   0.5 * variation * std::sin(3.0 * a + 0.5));
    const Vec3 local = gap_local.cwiseProduct(Vec3::Ones() + var);
    c.us.col(a) = c.up.col(a) + Q * R * local;
  }
  const int nq = gauss_points_per_facet(n);
  c.history.assign(static_cast<size_t>(nq), PointHistory{});
  c.rho.assign(static_cast<size_t>(nq), 1.0);
  return c;
}

}  // namespace sinew::interface::test
