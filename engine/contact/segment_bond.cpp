// The bond law of segment_bond.hpp on automatic-differentiation scalars (the damage depends on
// the slave and the anchor facet through delta, B and the anchor normal).
#include "contact/segment_bond.hpp"

#include <cmath>
#include <unsupported/Eigen/AutoDiff>

#include "interface/cohesive_law.hpp"

namespace sinew::contact {

namespace {

using Deriv = Eigen::Matrix<Real, Eigen::Dynamic, 1, 0, 15, 1>;
using AD = Eigen::AutoDiffScalar<Deriv>;
using V3 = Eigen::Matrix<AD, 3, 1>;

AD dot(const V3& a, const V3& b) { return a(0) * b(0) + a(1) * b(1) + a(2) * b(2); }

V3 seed(const Vec3& x, int first) {
  return V3(AD(x[0], 15, first), AD(x[1], 15, first + 1), AD(x[2], 15, first + 2));
}

}  // namespace

BondResponse evaluate_bond(const BondInput& in, Real damage,
                           const interface::InterfaceParameters& p) {
  BondResponse r;
  r.force = VecX::Zero(15);
  r.df_dx = MatX::Zero(15, 15);
  r.damage = damage;
  if (in.density <= 0.0 || damage >= 1.0) return r;
  const V3 xs = seed(in.slave, 0);
  std::array<V3, 4> xc;
  for (int a = 0; a < 4; ++a) xc[a] = seed(in.facet[a], 3 + 3 * a);
  const auto y = patch_point<AD>(xc, in.xi);
  const V3 c(y.a1(1) * y.a2(2) - y.a1(2) * y.a2(1), y.a1(2) * y.a2(0) - y.a1(0) * y.a2(2),
             y.a1(0) * y.a2(1) - y.a1(1) * y.a2(0));
  using std::sqrt;
  const V3 n = c / sqrt(dot(c, c));
  const V3 g = xs - y.x;
  const AD gn = dot(g, n);
  const V3 gt = g - n * gn;
  // Constants carry explicit zero derivatives: an empty derivative vector mixed with sized
  // ones is not safe in every AutoDiffScalar operation.
  const Deriv zero = Deriv::Zero(15);
  const AD open = gn.value() > 0.0 ? gn : AD(0.0, zero);
  const AD gt2 = dot(gt, gt), delta2 = open * open + gt2;
  AD D(damage, zero);
  if (delta2.value() > 0.0) {
    const AD delta = sqrt(delta2), B = gt2 / delta2;
    r.mixity = B.value();
    r.separation = delta.value();
    const AD d = interface::damage_from_separation(delta, B, p);
    // Loading; otherwise elastic on the damaged secant. (d = 1 comes back as a constant.)
    if (d.value() > damage) D = d.derivatives().size() == 15 ? d : AD(d.value(), zero);
  }
  r.damage = D.value();
  const V3 fs = (n * open + gt) * (-in.area * in.density * p.bond_stiffness * (1.0 - D));
  const auto N = patch_shape(in.xi);
  for (int i = 0; i < 3; ++i) {
    r.force[i] = fs(i).value();
    r.df_dx.row(i) = fs(i).derivatives().transpose();
    for (int a = 0; a < 4; ++a) {
      r.force[3 + 3 * a + i] = -N[static_cast<size_t>(a)] * fs(i).value();
      r.df_dx.row(3 + 3 * a + i) = -N[static_cast<size_t>(a)] * fs(i).derivatives().transpose();
    }
  }
  return r;
}

}  // namespace sinew::contact
