// Scalar, index and small fixed-size tensor types used across the engine.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cstdint>

namespace sinew {

using Real = double;
using Index = std::int64_t;

using Vec3 = Eigen::Matrix<Real, 3, 1>;
using Mat3 = Eigen::Matrix<Real, 3, 3>;
/// Symmetric second-order tensor in Voigt order (11, 22, 33, 12, 23, 13).
using Vec6 = Eigen::Matrix<Real, 6, 1>;
/// Minor- and major-symmetric fourth-order tensor in Voigt order (11, 22, 33, 12, 23, 13).
using Mat6 = Eigen::Matrix<Real, 6, 6>;
using VecX = Eigen::Matrix<Real, Eigen::Dynamic, 1>;
using MatX = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;
using SparseMatrix = Eigen::SparseMatrix<Real, Eigen::ColMajor, int>;

}  // namespace sinew
