// The patch coupling: footprint pressure and drag, and the thumb's friction grip.
#include "interventions/patch_coupling.hpp"

#include <algorithm>
#include <map>
#include <span>

#include "contact/contact_history.hpp"
#include "contact/contact_law.hpp"
#include "fem/surface_kernels.hpp"

namespace sinew::interventions {

PatchCoupling::PatchCoupling(PatchSpec spec) : spec_(std::move(spec)) {
  if (spec_.grip_friction <= 0.0) return;
  // The grip holds the bed where the thumb first lands (a gripping patch does not move).
  const auto start = points(spec_.t0 + spec_.move_from);
  std::map<Index, std::pair<Vec3, Real>> nodes;
  for (size_t f = 0; f < spec_.facets.size(); ++f) {
    const auto areas = footprint_node_areas(spec_.reference[f], start[f]);
    for (size_t a = 0; a < areas.size(); ++a) {
      auto& n = nodes[spec_.facets[f][a]];
      n.first = spec_.reference[f].col(static_cast<Index>(a));
      n.second += areas[a];
    }
  }
  for (const auto& [node, value] : nodes)
    if (value.second > 0.0) {
      grip_nodes_.push_back(node);
      grip_reference_.push_back(value.first);
      grip_areas_.push_back(value.second);
      history_.push_back({value.first, 0.0, 0.0, 0.0});
    }
}

Real PatchCoupling::centre(Real t) const {
  const Real s = t - spec_.t0;
  if (spec_.move_to <= spec_.move_from) return s < spec_.move_from ? spec_.start : spec_.end;
  const Real x = std::clamp((s - spec_.move_from) / (spec_.move_to - spec_.move_from), 0.0, 1.0);
  return spec_.start + (spec_.end - spec_.start) * x;
}

Real PatchCoupling::scale(Real t) const { return spec_.force_profile(t - spec_.t0); }

std::vector<std::vector<FacetPoint>> PatchCoupling::points(Real t) const {
  FootprintWindow w = spec_.window;
  w.centre = centre(t);
  std::vector<std::vector<FacetPoint>> out;
  out.reserve(spec_.facets.size());
  for (const auto& X : spec_.reference) out.push_back(footprint_points(X, w, spec_.subdivisions));
  return out;
}

Real PatchCoupling::covered_area(Real t) const {
  const auto pts = points(t);
  Real area = 0.0;
  for (size_t f = 0; f < pts.size(); ++f) area += footprint_area(spec_.reference[f], pts[f]);
  return area;
}

Real PatchCoupling::pressure(Real t) const {
  const Real area = covered_area(t);
  return area > 0.0 ? spec_.force * scale(t) / area : 0.0;
}

Real PatchCoupling::normal_force(Real t) const { return pressure(t) * covered_area(t); }

Real PatchCoupling::grip_normal_force(Real t) const {
  Real area = 0.0;
  for (Real a : grip_areas_) area += a;
  return pressure(t) * area;
}

std::vector<std::vector<Index>> PatchCoupling::node_groups() const { return spec_.facets; }

PatchCoupling::GripResponse PatchCoupling::grip(size_t k, const Vec3& x, Real t) const {
  // Tied along the axis only: the trial traction -eps_T a a^T (x - z), limit mu p.
  const Vec3& a = spec_.window.axis;
  const Mat3 P = a * a.transpose();
  const GripHistory& h = history_[k];
  const Real p = pressure(t), eps = spec_.grip_stiffness, A = grip_areas_[k];
  const Vec3 w = P * (x - h.stick_point);
  const auto m =
      contact::coulomb_return_map(-eps * w, -eps * P, spec_.grip_friction * p, Vec3::Zero());
  GripResponse r;
  r.force = A * m.traction;
  r.df_dx = A * m.dtraction;
  r.updated = h;
  r.updated.pressure = p;
  if (m.slipping) {
    const Vec3 ds = w + m.traction / eps;  // the slip increment: the stick point follows
    r.updated.stick_point += ds;
    r.updated.slip += ds.norm();
    r.updated.dissipation -= A * m.traction.dot(ds);
  }
  return r;
}

void PatchCoupling::add_load(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                             const fem::AssemblyPlan* plan) const {
  const auto pts = points(t);
  Real area = 0.0;
  for (size_t f = 0; f < pts.size(); ++f) area += footprint_area(spec_.reference[f], pts[f]);
  const Real p = area > 0.0 ? spec_.force * scale(t) / area : 0.0;
  const Real direction = spec_.end > spec_.start ? 1.0 : spec_.end < spec_.start ? -1.0 : 0.0;
  const Vec3 drag = spec_.drag * p * direction * spec_.window.axis;
  VecX re, rd;
  MatX Ke;
  for (size_t f = 0; f < pts.size() && p != 0.0; ++f) {
    if (pts[f].empty()) continue;
    const auto& nodes = spec_.facets[f];
    MatX x = spec_.reference[f];
    for (size_t a = 0; a < nodes.size(); ++a)
      x.col(static_cast<Index>(a)) += u.segment<3>(3 * nodes[a]);
    fem::follower_pressure(x, p, pts[f], re, K ? &Ke : nullptr);
    if (drag.squaredNorm() > 0.0) {
      fem::dead_traction(spec_.reference[f], drag, pts[f], rd);
      re += rd;
    }
    for (size_t a = 0; a < nodes.size(); ++a)
      r.segment<3>(3 * nodes[a]) += re.segment<3>(3 * static_cast<Index>(a));
    if (K) plan->scatter(nodes, Ke, *K);
  }
}

void PatchCoupling::add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                        const fem::AssemblyPlan& plan) const {
  add_load(u, t, r, K, &plan);
  for (size_t k = 0; k < grip_nodes_.size(); ++k) {
    const Index n = grip_nodes_[k];
    const auto g = grip(k, grip_reference_[k] + u.segment<3>(3 * n), t);
    r.segment<3>(3 * n) -= g.force;  // residual = internal - external
    if (K) {
      const Mat3 Kg = -g.df_dx;
      plan.scatter(std::span<const Index>(&grip_nodes_[k], 1), Kg, *K);
    }
  }
}

void PatchCoupling::commit(const VecX& u, Real t) {
  for (size_t k = 0; k < grip_nodes_.size(); ++k)
    history_[k] = grip(k, grip_reference_[k] + u.segment<3>(3 * grip_nodes_[k]), t).updated;
}

Vec3 PatchCoupling::load(const VecX& u, Real t) const {
  VecX r = VecX::Zero(u.size());
  add_load(u, t, r, nullptr, nullptr);
  Vec3 total = Vec3::Zero();
  for (Index i = 0; i < r.size() / 3; ++i) total -= r.segment<3>(3 * i);
  return total;
}

Vec3 PatchCoupling::grip_force(const VecX& u, Real t) const {
  Vec3 total = Vec3::Zero();
  for (size_t k = 0; k < grip_nodes_.size(); ++k)
    total += grip(k, grip_reference_[k] + u.segment<3>(3 * grip_nodes_[k]), t).force;
  return total;
}

std::unique_ptr<fem::Coupling> PatchCoupling::clone() const {
  return std::make_unique<PatchCoupling>(*this);
}

std::vector<materials::StateVariable> PatchCoupling::state_variables() const {
  return contact::contact_history_variables();
}

std::vector<Real> PatchCoupling::state_values() const {
  return contact::contact_history_rows(history_);
}

}  // namespace sinew::interventions
