// Interface element kernel: Gauss loop, mid-surface normal and its derivative, assembly of the
// element residual and tangent from the point law.
#include "interface/interface_element.hpp"

#include <cmath>

#include "core/error.hpp"
#include "fem/shape_functions.hpp"

namespace sinew::interface {

namespace {

Mat3 skew(const Vec3& v) {
  Mat3 s;
  s << 0, -v.z(), v.y(), v.z(), 0, -v.x(), -v.y(), v.x(), 0;
  return s;
}

/// One Gauss point's contribution; N, dN over the facet's n nodes.
void add_point(int q, const Real* N, const std::array<Real, 2>* dN, Real w, const FacetMatrix& X,
               const FacetMatrix& up, const FacetMatrix& us, std::span<const PointHistory> history,
               std::span<const Real> rho, const InterfaceParameters& p, Real dt, ElementVector& r,
               ElementMatrix* K, std::span<ElementPoint> points) {
  const int n = static_cast<int>(X.cols());
  Vec3 A1 = Vec3::Zero(), A2 = Vec3::Zero(), a1 = Vec3::Zero(), a2 = Vec3::Zero();
  Vec3 g = Vec3::Zero(), X0 = Vec3::Zero(), um = Vec3::Zero();
  for (int a = 0; a < n; ++a) {
    const Vec3 xm = X.col(a) + 0.5 * (up.col(a) + us.col(a));
    A1 += dN[a][0] * X.col(a);
    A2 += dN[a][1] * X.col(a);
    a1 += dN[a][0] * xm;
    a2 += dN[a][1] * xm;
    g += N[a] * (us.col(a) - up.col(a));
    X0 += N[a] * X.col(a);
    um += N[a] * 0.5 * (up.col(a) + us.col(a));
  }
  const Real dA = w * A1.cross(A2).norm();
  const Vec3 c = a1.cross(a2);
  const Real cn = c.norm();
  if (!(cn > 0.0) || !std::isfinite(cn))
    throw NumericalError(NumericalError::Kind::InvertedElement,
                         "interface element: the current mid-surface is degenerate");
  const Vec3 nrm = c / cn;

  const PointResponse pr = evaluate_point(g, nrm, history[q], rho[q], p, dt, K != nullptr);
  for (int a = 0; a < n; ++a) {
    const Vec3 f = (dA * N[a]) * pr.traction;
    r.segment<3>(3 * a) -= f;
    r.segment<3>(3 * (n + a)) += f;
  }
  if (K) {
    // dT/du_b = dT/dn dn/du_b (the same for primary and secondary nodes) -/+ N_b dT/dg.
    const Mat3 TnP = 0.5 / cn * (pr.dT_dn * (Mat3::Identity() - nrm * nrm.transpose()));
    const Mat3 S1 = skew(a1), S2 = skew(a2);
    for (int b = 0; b < n; ++b) {
      const Mat3 Gb = TnP * (dN[b][1] * S1 - dN[b][0] * S2);
      const Mat3 Hp = Gb - N[b] * pr.dT_dg;
      const Mat3 Hs = Gb + N[b] * pr.dT_dg;
      for (int a = 0; a < n; ++a) {
        const Real s = dA * N[a];
        K->block<3, 3>(3 * a, 3 * b) -= s * Hp;
        K->block<3, 3>(3 * a, 3 * (n + b)) -= s * Hs;
        K->block<3, 3>(3 * (n + a), 3 * b) += s * Hp;
        K->block<3, 3>(3 * (n + a), 3 * (n + b)) += s * Hs;
      }
    }
  }
  if (!points.empty()) {
    ElementPoint& e = points[static_cast<size_t>(q)];
    e.weight = dA;
    e.reference_position = X0;
    e.position = X0 + um;
    e.normal = nrm;
    e.response = pr;
  }
}

}  // namespace

int gauss_points_per_facet(int n_nodes) { return n_nodes == 4 ? 4 : 3; }

void interface_element(const FacetMatrix& X, const FacetMatrix& u_primary,
                       const FacetMatrix& u_secondary, std::span<const PointHistory> history,
                       std::span<const Real> rho, const InterfaceParameters& p, Real dt,
                       ElementVector& r, ElementMatrix* K, std::span<ElementPoint> points) {
  const int n = static_cast<int>(X.cols());
  SINEW_ASSERT(n == 3 || n == 4);
  SINEW_ASSERT(static_cast<int>(history.size()) == gauss_points_per_facet(n));
  SINEW_ASSERT(static_cast<int>(rho.size()) == gauss_points_per_facet(n));
  r.setZero(6 * n);
  if (K) K->setZero(6 * n, 6 * n);
  if (n == 4) {
    const auto& rule = fem::quad4_rule();
    for (int q = 0; q < 4; ++q)
      add_point(q, rule[q].N.data(), rule[q].dN.data(), rule[q].weight, X, u_primary, u_secondary,
                history, rho, p, dt, r, K, points);
  } else {
    const auto& rule = fem::tri3_rule();
    for (int q = 0; q < 3; ++q)
      add_point(q, rule[q].N.data(), rule[q].dN.data(), rule[q].weight, X, u_primary, u_secondary,
                history, rho, p, dt, r, K, points);
  }
}

}  // namespace sinew::interface
