// Test matrices for the linear-solver tests: small-strain elasticity (trilinear hex8, 2x2x2
// Gauss) on a structured n x n x n node grid of the unit cube, boundary nodes clamped, 3 dofs
// per interior node numbered node-major (dof = 3 * node + component), as AMG expects.
#pragma once

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <array>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "core/types.hpp"

namespace sinew::solver::testing {

/// 24x24 stiffness of a cube element of side h (E = 1).
inline Eigen::Matrix<Real, 24, 24> hex8_stiffness(Real h, Real nu) {
  const Real E = 1.0;
  const Real lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  const Real mu = E / (2 * (1 + nu));
  Mat6 D = Mat6::Zero();
  D.topLeftCorner<3, 3>().setConstant(lambda);
  D.topLeftCorner<3, 3>().diagonal().array() += 2 * mu;
  D.bottomRightCorner<3, 3>().diagonal().setConstant(mu);

  static constexpr Real corner[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                        {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
  const Real g = 1.0 / std::sqrt(3.0);
  Eigen::Matrix<Real, 24, 24> Ke = Eigen::Matrix<Real, 24, 24>::Zero();
  for (int q = 0; q < 8; ++q) {
    const Real xi[3] = {corner[q][0] * g, corner[q][1] * g, corner[q][2] * g};
    Eigen::Matrix<Real, 6, 24> B = Eigen::Matrix<Real, 6, 24>::Zero();
    for (int a = 0; a < 8; ++a) {
      Real dN[3];
      for (int i = 0; i < 3; ++i) {
        Real v = 0.125 * corner[a][i];
        for (int j = 0; j < 3; ++j)
          if (j != i) v *= 1 + corner[a][j] * xi[j];
        dN[i] = v * 2.0 / h;  // dxi/dx = 2/h on an axis-aligned cube
      }
      // Voigt order 11, 22, 33, 12, 23, 13 (engineering shear strains).
      B(0, 3 * a + 0) = dN[0];
      B(1, 3 * a + 1) = dN[1];
      B(2, 3 * a + 2) = dN[2];
      B(3, 3 * a + 0) = dN[1];
      B(3, 3 * a + 1) = dN[0];
      B(4, 3 * a + 1) = dN[2];
      B(4, 3 * a + 2) = dN[1];
      B(5, 3 * a + 0) = dN[2];
      B(5, 3 * a + 2) = dN[0];
    }
    Ke += B.transpose() * D * B * (h * h * h / 8.0);  // det J = (h/2)^3, Gauss weights 1
  }
  return Ke;
}

/// Elasticity stiffness on n^3 nodes ((n-2)^3 free nodes). element_scale(e) multiplies element
/// e's stiffness (e.g. a perturbed material); it keeps the matrix SPD when positive.
inline SparseMatrix elasticity_matrix(int n, Real nu = 0.3,
                                      const std::function<Real(Index)>& element_scale = {}) {
  const Real h = 1.0 / (n - 1);
  const auto Ke = hex8_stiffness(h, nu);
  const int m = n - 2;  // free nodes per side
  auto free_node = [&](int i, int j, int k) -> Index {
    if (i <= 0 || j <= 0 || k <= 0 || i >= n - 1 || j >= n - 1 || k >= n - 1) return -1;
    return (Index(k - 1) * m + (j - 1)) * m + (i - 1);
  };
  static constexpr int offset[8][3] = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0},
                                       {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
  std::vector<Eigen::Triplet<Real, int>> triplets;
  triplets.reserve(std::size_t(n - 1) * (n - 1) * (n - 1) * 576);
  Index e = 0;
  for (int k = 0; k < n - 1; ++k)
    for (int j = 0; j < n - 1; ++j)
      for (int i = 0; i < n - 1; ++i, ++e) {
        const Real s = element_scale ? element_scale(e) : 1.0;
        std::array<Index, 8> node;
        for (int a = 0; a < 8; ++a)
          node[a] = free_node(i + offset[a][0], j + offset[a][1], k + offset[a][2]);
        for (int a = 0; a < 8; ++a) {
          if (node[a] < 0) continue;
          for (int b = 0; b < 8; ++b) {
            if (node[b] < 0) continue;
            for (int c = 0; c < 3; ++c)
              for (int d = 0; d < 3; ++d)
                triplets.emplace_back(int(3 * node[a] + c), int(3 * node[b] + d),
                                      s * Ke(3 * a + c, 3 * b + d));
          }
        }
      }
  const Index dofs = 3 * Index(m) * m * m;
  SparseMatrix K(dofs, dofs);
  K.setFromTriplets(triplets.begin(), triplets.end());
  K.makeCompressed();
  return K;
}

/// K - s I (same pattern) with at least `negative` negative eigenvalues. s lies in the middle of
/// a clear gap of K's spectrum: the cube's symmetry makes many eigenvalues repeat, and a shift
/// onto one of them would make the matrix singular instead of indefinite. Dense eigensolver:
/// small K only.
inline SparseMatrix shifted_indefinite(const SparseMatrix& K, int negative) {
  Eigen::SelfAdjointEigenSolver<MatX> eig{MatX(K)};
  const VecX& lambda = eig.eigenvalues();
  for (Index k = negative; k < lambda.size(); ++k) {
    if (lambda[k] - lambda[k - 1] > 0.2 * lambda[k - 1]) {
      SparseMatrix I(K.rows(), K.cols());
      I.setIdentity();
      SparseMatrix A = K - 0.5 * (lambda[k - 1] + lambda[k]) * I;
      A.makeCompressed();
      return A;
    }
  }
  return K;  // no gap found: the caller's checks will fail visibly
}

/// A reproducible "known" solution: smooth part plus noise (so no solver gets it by luck).
inline VecX known_solution(Index n, unsigned seed = 42) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<Real> noise(-1.0, 1.0);
  VecX x(n);
  for (Index i = 0; i < n; ++i) x[i] = 1.0 + std::sin(0.01 * Real(i)) + 0.5 * noise(rng);
  return x;
}

inline Real relative_error(const VecX& x, const VecX& reference) {
  return (x - reference).norm() / reference.norm();
}

}  // namespace sinew::solver::testing
