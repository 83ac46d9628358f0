// The nodal return mapping of mortar friction (mortar_friction.hpp), written over the scalar
// type and run on forward automatic-differentiation scalars in the 8 nodal terms.
#include "contact/mortar_friction.hpp"

#include <array>
#include <cmath>
#include <unsupported/Eigen/AutoDiff>

namespace sinew::contact {

namespace {

using FrictionAD = Eigen::AutoDiffScalar<Eigen::Matrix<Real, 8, 1>>;
using ADVec3 = Eigen::Matrix<FrictionAD, 3, 1>;

}  // namespace

MortarFrictionResponse evaluate_mortar_friction(const MortarNodalTerms& q, const Vec3& committed,
                                                const ContactParameters& p) {
  MortarFrictionResponse r;
  const Real mu = p.friction_coefficient;
  // A node touching at zero pressure (fn = 0, its points at g = 0) is in stick with a zero
  // trial force: no force, the stick stiffness (so a Newton predictor from a touching state
  // holds the surfaces together, as in node-to-segment contact).
  if (!(q[0] > 0.0) || !(q[1] >= 0.0) || mu == 0.0 || q.segment<3>(2).norm() == 0.0) return r;
  r.active = true;
  std::array<FrictionAD, 8> x;
  for (int i = 0; i < 8; ++i) x[static_cast<size_t>(i)] = FrictionAD(q[i], 8, i);
  const FrictionAD& w = x[0];
  const FrictionAD& fn = x[1];
  ADVec3 n(x[2], x[3], x[4]), s(x[5], x[6], x[7]);
  n /= sqrt(n.dot(n));
  const ADVec3 Fc = committed.cast<FrictionAD>();
  const ADVec3 trial = (Fc - n * n.dot(Fc)) - p.tangential_penalty * (s - n * n.dot(s));
  const FrictionAD limit = mu * fn;
  ADVec3 F = trial;
  const Real size =
      std::sqrt(trial[0].value() * trial[0].value() + trial[1].value() * trial[1].value() +
                trial[2].value() * trial[2].value());
  if (size > limit.value()) {
    r.slipping = true;
    F = trial * (limit / sqrt(trial.dot(trial)));
  }
  const ADVec3 tau = F / w;
  for (int i = 0; i < 3; ++i) {
    r.trial[i] = trial[i].value();
    r.force[i] = F[i].value();
    r.traction[i] = tau[i].value();
    r.dtraction_dq.row(i) = tau[i].derivatives();
    r.dforce_dq.row(i) = F[i].derivatives();
  }
  const Vec3 plastic = (r.force - r.trial) / p.tangential_penalty;
  r.slip_increment = plastic.norm() / q[0];
  r.dissipation_increment = -r.traction.dot(plastic);
  return r;
}

}  // namespace sinew::contact
