// The node contact law and its linearisation. With w = x - z and C = dn/dx (symmetric):
//   d(P w)/dx = P - n (C w)^T - (n.w) C,   dp/dx = -eps_N n^T (closest point: dg/dx = n^T),
//   d(p n)/dx = -eps_N n n^T + p C,
//   slip, q = tau_tr/|tau_tr|: dtau/dx = mu q dp/dx + (mu p/|tau_tr|) (I - q q^T) dtau_tr/dx
// (the consistent tangent of the return mapping, Wriggers 2006, sec. 6.3.2; not symmetric).
#include "contact/contact_law.hpp"

#include <cmath>
#include <stdexcept>

namespace sinew::contact {

void ContactParameters::check() const {
  if (!(normal_penalty > 0.0)) throw std::invalid_argument("contact: normal_penalty must be > 0");
  if (!(tangential_penalty > 0.0))
    throw std::invalid_argument("contact: tangential_penalty must be > 0");
  if (!(friction_coefficient >= 0.0))
    throw std::invalid_argument("contact: friction_coefficient must be >= 0");
}

namespace {

// Friction traction and its derivative; fills r.traction, r.slipping.
Mat3 friction(const Vec3& x, const SurfacePoint& s, const Vec3& z, Real pressure,
              const ContactParameters& p, NodeResponse& r) {
  const Vec3& n = s.normal;
  const Vec3 w = x - z;
  const Mat3 P = Mat3::Identity() - n * n.transpose();
  const Vec3 trial = -p.tangential_penalty * (P * w);
  const Mat3 dtrial =
      -p.tangential_penalty * (P - n * (s.dn_dx * w).transpose() - n.dot(w) * s.dn_dx);
  const ReturnMap m = coulomb_return_map(trial, dtrial, p.friction_coefficient * pressure,
                                         -p.friction_coefficient * p.normal_penalty * n);
  r.traction = m.traction;
  r.slipping = m.slipping;
  return m.dtraction;
}

}  // namespace

ReturnMap coulomb_return_map(const Vec3& trial, const Mat3& dtrial, Real limit,
                             const Vec3& dlimit) {
  ReturnMap m;
  const Real size = trial.norm();
  if (size <= limit) {
    m.traction = trial;
    m.dtraction = dtrial;
    return m;
  }
  m.slipping = true;
  const Vec3 q = trial / size;
  m.traction = limit * q;
  m.dtraction =
      q * dlimit.transpose() + (limit / size) * (Mat3::Identity() - q * q.transpose()) * dtrial;
  return m;
}

NodeResponse evaluate_node(const Vec3& x, Real t, Real area, const RigidSurface& surface,
                           const NodeHistory& history, const ContactParameters& p) {
  NodeResponse r;
  const SurfacePoint s = surface.project(x, t);
  const Vec3 offset = surface.motion(t);
  r.gap = s.gap;
  r.updated = history;
  if (s.gap > 0.0) {
    // Out of contact: no force and no memory; the stick point follows the node.
    r.updated.stick_point = s.point - offset;
    r.updated.pressure = 0.0;
    r.updated.in_contact = false;
    return r;
  }
  const Vec3& n = s.normal;
  r.in_contact = true;
  r.pressure = -p.normal_penalty * s.gap;
  Mat3 dt = -p.normal_penalty * n * n.transpose() + r.pressure * s.dn_dx;
  Vec3 total = r.pressure * n;
  if (p.friction_coefficient > 0.0) {
    const Vec3 z = history.stick_point + offset;
    dt += friction(x, s, z, r.pressure, p, r);
    total += r.traction;
    const Vec3 z_new = s.point + r.traction / p.tangential_penalty;
    if (r.slipping) {
      const Vec3 ds = z_new - z;
      r.updated.slip += ds.norm();
      r.updated.dissipation -= area * r.traction.dot(ds);
    }
    r.updated.stick_point = z_new - offset;
  } else {
    r.updated.stick_point = s.point - offset;
  }
  r.force = area * total;
  r.df_dx = area * dt;
  r.updated.pressure = r.pressure;
  r.updated.in_contact = true;
  return r;
}

}  // namespace sinew::contact
