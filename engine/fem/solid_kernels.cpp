// Total-Lagrangian solid element kernels (standard and mean-dilatation).
#include "fem/solid_kernels.hpp"

#include <array>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace sinew::fem {

namespace {

using materials::Material;
using materials::PointFields;

template <int NN>
using Gradients = Eigen::Matrix<Real, NN, 3, Eigen::RowMajor>;

template <int NN>
Eigen::Map<const Gradients<NN>> gradients(const CellGeometry& g, int q) {
  return Eigen::Map<const Gradients<NN>>(g.dNdX + q * NN * 3);
}

Mat3 deformation_gradient_checked(const Mat3& F) {
  const Real J = F.determinant();
  if (!(J > 0.0) || !std::isfinite(J))
    throw NumericalError(NumericalError::Kind::InvertedElement,
                         "inverted element (det F = " + std::to_string(J) + ")");
  return F;
}

/// Adds (B^T D B + G) dV and P:dN dV for one point. B_a maps node a's displacement increment
/// to the Green-Lagrange strain increment (Voigt 11,22,33,12,23,13 with engineering shear).
/// Only the blocks b >= a are computed; the lower ones are their transposes (K is symmetric).
template <int NN>
void add_point(const Mat3& F, const Mat3& S, const Mat6& D, const Gradients<NN>& dN, Real dV,
               ElementVector<NN>& r, ElementMatrix<NN>* K) {
  const Mat3 P = F * S;
  for (int a = 0; a < NN; ++a) r.template segment<3>(3 * a) += dV * (P * dN.row(a).transpose());
  if (!K) return;
  using Block63 = Eigen::Matrix<Real, 6, 3>;
  std::array<Block63, NN> B, DB;
  const Mat6 Dv = dV * D;
  for (int a = 0; a < NN; ++a) {
    const Real d0 = dN(a, 0), d1 = dN(a, 1), d2 = dN(a, 2);
    Block63& Ba = B[a];
    for (int i = 0; i < 3; ++i) {
      Ba(0, i) = F(i, 0) * d0;
      Ba(1, i) = F(i, 1) * d1;
      Ba(2, i) = F(i, 2) * d2;
      Ba(3, i) = F(i, 0) * d1 + F(i, 1) * d0;
      Ba(4, i) = F(i, 1) * d2 + F(i, 2) * d1;
      Ba(5, i) = F(i, 0) * d2 + F(i, 2) * d0;
    }
    DB[a].noalias() = Dv * Ba;
  }
  // Geometric stiffness: (dN_a . S dN_b) I.
  const Eigen::Matrix<Real, NN, NN> G = dV * dN * S * dN.transpose();
  for (int a = 0; a < NN; ++a)
    for (int b = a; b < NN; ++b) {
      Mat3 Kab = B[a].transpose() * DB[b];
      Kab.diagonal().array() += G(a, b);
      K->template block<3, 3>(3 * a, 3 * b) += Kab;
      if (b != a) K->template block<3, 3>(3 * b, 3 * a) += Kab.transpose();
    }
}

}  // namespace

template <int NN, int NQ>
void standard_element(const Material& material, const PointFields* fields, const CellGeometry& geo,
                      const NodalMatrix<NN>& u, ElementVector<NN>& r, ElementMatrix<NN>* K,
                      PointState* state) {
  r.setZero();
  if (K) K->setZero();
  for (int q = 0; q < NQ; ++q) {
    const auto dN = gradients<NN>(geo, q);
    const Mat3 F = deformation_gradient_checked(Mat3::Identity() + u * dN);
    const Mat3 C = F.transpose() * F;
    const auto st = materials::total_stress_tangent(material, C, fields[q]);
    add_point<NN>(F, st.S, st.D, dN, geo.dV[q], r, K);
    if (state) state[q] = {F, st.S};
  }
}

template <int NN, int NQ>
Real standard_element_energy(const Material& material, const PointFields* fields,
                             const CellGeometry& geo, const NodalMatrix<NN>& u) {
  Real W = 0.0;
  for (int q = 0; q < NQ; ++q) {
    const Mat3 F = deformation_gradient_checked(Mat3::Identity() + u * gradients<NN>(geo, q));
    W += geo.dV[q] * materials::total_energy(material, F.transpose() * F, fields[q]);
  }
  return W;
}

void mean_dilatation_hex8(const Material& material, const PointFields* fields,
                          const CellGeometry& geo, const NodalMatrix<8>& u, ElementVector<8>& r,
                          ElementMatrix<8>* K, PointState* state) {
  r.setZero();
  if (K) K->setZero();
  // dv/dx_a = sum_q J n_a dV with n_a = F^{-T} dN_a (spatial gradient); the second derivative
  // of v is sum_q J (n_a (x) n_b - n_b (x) n_a) dV (Bonet & Wood 2008, sec. 8.6).
  Real V = 0.0, v = 0.0;
  ElementVector<8> g = ElementVector<8>::Zero();
  ElementMatrix<8> H;
  if (K) H.setZero();
  for (int q = 0; q < 8; ++q) {
    const auto dN = gradients<8>(geo, q);
    const Mat3 F = deformation_gradient_checked(Mat3::Identity() + u * dN);
    const Real J = F.determinant();
    const Mat3 C = F.transpose() * F;
    const auto st = material.stress_tangent(C, fields[q]);
    add_point<8>(F, st.S, st.D, dN, geo.dV[q], r, K);
    if (state) state[q] = {F, st.S};

    const Real dv = J * geo.dV[q];
    V += geo.dV[q];
    v += dv;
    const Eigen::Matrix<Real, 8, 3> n = dN * F.inverse();  // rows: n_a^T
    for (int a = 0; a < 8; ++a) g.segment<3>(3 * a) += dv * n.row(a).transpose();
    if (K)
      for (int a = 0; a < 8; ++a)
        for (int b = 0; b < 8; ++b)
          H.block<3, 3>(3 * a, 3 * b) +=
              dv * (n.row(a).transpose() * n.row(b) - n.row(b).transpose() * n.row(a));
  }
  const Real theta = v / V;
  if (!(theta > 0.0))
    throw NumericalError(NumericalError::Kind::InvertedElement, "element volume not positive");
  const auto vol = materials::volumetric(material.bulk_modulus(), theta);
  r += vol.dU * g;
  if (state) {
    // Report the total stress: isochoric plus the element pressure p = U'(theta), S = J p C^-1.
    for (int q = 0; q < 8; ++q) {
      const Mat3& F = state[q].F;
      const Mat3 Cinv = (F.transpose() * F).inverse();
      state[q].S += F.determinant() * vol.dU * Cinv;
    }
  }
  if (K) {
    K->noalias() += (vol.d2U / V) * g * g.transpose();
    *K += vol.dU * H;
  }
}

Real mean_dilatation_hex8_energy(const Material& material, const PointFields* fields,
                                 const CellGeometry& geo, const NodalMatrix<8>& u) {
  Real W = 0.0, V = 0.0, v = 0.0;
  for (int q = 0; q < 8; ++q) {
    const Mat3 F = deformation_gradient_checked(Mat3::Identity() + u * gradients<8>(geo, q));
    W += geo.dV[q] * material.energy(F.transpose() * F, fields[q]);
    V += geo.dV[q];
    v += F.determinant() * geo.dV[q];
  }
  return W + V * materials::volumetric(material.bulk_modulus(), v / V).U;
}

template void standard_element<8, 8>(const Material&, const PointFields*, const CellGeometry&,
                                     const NodalMatrix<8>&, ElementVector<8>&, ElementMatrix<8>*,
                                     PointState*);
template void standard_element<4, 1>(const Material&, const PointFields*, const CellGeometry&,
                                     const NodalMatrix<4>&, ElementVector<4>&, ElementMatrix<4>*,
                                     PointState*);
template Real standard_element_energy<8, 8>(const Material&, const PointFields*,
                                            const CellGeometry&, const NodalMatrix<8>&);
template Real standard_element_energy<4, 1>(const Material&, const PointFields*,
                                            const CellGeometry&, const NodalMatrix<4>&);

}  // namespace sinew::fem
