// Small nonlinear problems with closed-form residuals and tangents for the Newton and load-
// stepping tests: a stiffening cubic spring, an arctan spring (whose full Newton step overshoots
// from far away), a spring with a triple root (a vanishing tangent), a stiff exponential
// spring (which overflows) and a softening bar with a limit point, alone or driven through a
// spring.
#pragma once

#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/nonlinear_problem.hpp"
#include "test_parallel_runtime.hpp"

namespace sinew::solver::testing {

/// The registry every toy problem solves with.
inline const LinearSolverRegistry& toy_registry() {
  static const LinearSolverRegistry r = [] {
    LinearSolverRegistry reg;
    testing::register_test_linear_solvers(reg);
    return reg;
  }();
  return r;
}

/// A problem of a few unknowns with a dense tangent; subclasses give r(u, t) and dr/du.
class DenseToyProblem : public NonlinearProblem {
 public:
  explicit DenseToyProblem(Index n, std::vector<Index> constrained = {})
      : n_(n), constrained_(std::move(constrained)) {
    std::vector<Eigen::Triplet<Real>> full;
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < n; ++j) full.emplace_back(i, j, 1.0);
    pattern_.resize(n, n);
    pattern_.setFromTriplets(full.begin(), full.end());
  }

  Index n_dofs() const override { return n_; }
  int dofs_per_node() const override { return 1; }
  const SparseMatrix& pattern() const override { return pattern_; }
  const std::vector<Index>& constrained_dofs() const override { return constrained_; }
  void prescribed_values(Real t, VecX& values) const override { values = prescribed(t); }

  void evaluate(const VecX& u, Real t, VecX& r, SparseMatrix* K) override {
    MatX dense = MatX::Zero(n_, n_);
    r.resize(n_);
    residual(u, t, r, dense);
    if (!K) return;
    for (Index j = 0; j < K->outerSize(); ++j)
      for (SparseMatrix::InnerIterator it(*K, j); it; ++it)
        it.valueRef() = dense(it.row(), it.col());
  }

 protected:
  virtual VecX prescribed(Real /*t*/) const { return VecX(0); }
  virtual void residual(const VecX& u, Real t, VecX& r, MatX& K) const = 0;

 private:
  Index n_;
  std::vector<Index> constrained_;
  SparseMatrix pattern_;
};

/// r(u) = k u + c u^3 - f t (N): a stiffening spring, one unknown.
class CubicSpring : public DenseToyProblem {
 public:
  CubicSpring(Real k, Real c, Real f) : DenseToyProblem(1), k_(k), c_(c), f_(f) {}

  /// The real root at load factor t (Cardano; one real root for k, c > 0).
  Real root(Real t) const {
    const Real p = k_ / c_, q = -f_ * t / c_;
    const Real d = std::sqrt(q * q / 4 + p * p * p / 27);
    return std::cbrt(-q / 2 + d) + std::cbrt(-q / 2 - d);
  }

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    r[0] = k_ * u[0] + c_ * u[0] * u[0] * u[0] - f_ * t;
    K(0, 0) = k_ + 3 * c_ * u[0] * u[0];
  }

 private:
  Real k_, c_, f_;
};

/// r(u) = atan(u) - f t: the tangent 1 / (1 + u^2) vanishes far from the root, so a full Newton
/// step from there overshoots to the other side, further away.
class ArctanSpring : public DenseToyProblem {
 public:
  explicit ArctanSpring(Real f) : DenseToyProblem(1), f_(f) {}
  Real root(Real t) const { return std::tan(f_ * t); }

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    r[0] = std::atan(u[0]) - f_ * t;
    K(0, 0) = 1 / (1 + u[0] * u[0]);
  }

 private:
  Real f_;
};

/// r(u) = a (u - 1)^3: a triple root, where the tangent 3 a (u - 1)^2 vanishes. Newton
/// converges only linearly, e_{k+1} = 2/3 e_k, so the residual (~ e^3) reaches round-off while
/// the update (~ e / 3) is still far above any displacement tolerance: the way a nearly singular
/// tangent (a sliding interface, a slack fibre) behaves.
class TripleRootSpring : public DenseToyProblem {
 public:
  explicit TripleRootSpring(Real a) : DenseToyProblem(1), a_(a) {}

 protected:
  void residual(const VecX& u, Real /*t*/, VecX& r, MatX& K) const override {
    const Real e = u[0] - 1;
    r[0] = a_ * e * e * e;
    K(0, 0) = 3 * a_ * e * e;
  }

 private:
  Real a_;
};

/// r(u) = a (exp(b u) - 1) - f t: a fibre-like exponential spring. Like the HGO fibre term it
/// throws NumericalError(NotANumber) where exp(b u) overflows, and a step computed with the
/// tangent at rest (a b) overshoots the root ln(1 + f t / a) / b by far when f t >> a.
class ExponentialSpring : public DenseToyProblem {
 public:
  ExponentialSpring(Real a, Real b, Real f) : DenseToyProblem(1), a_(a), b_(b), f_(f) {}
  Real root(Real t) const { return std::log1p(f_ * t / a_) / b_; }

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    const Real e = std::exp(b_ * u[0]);
    if (!std::isfinite(e))
      throw NumericalError(NumericalError::Kind::NotANumber, "exponential overflows");
    r[0] = a_ * (e - 1) - f_ * t;
    K(0, 0) = a_ * b_ * e;
  }

 private:
  Real a_, b_, f_;
};

/// n uncoupled exponential springs r_i = a (exp(b u_i) - 1) - f_i t under forces f_i spread
/// log-uniformly over [f_min, f_max]: a fibre bundle whose fibres stiffen by different factors,
/// so that an old tangent is wrong in n directions at once and BFGS, which corrects one
/// direction per update, needs about n updates where full Newton needs a handful.
class ExponentialBundle : public DenseToyProblem {
 public:
  ExponentialBundle(Index n, Real a, Real b, Real f_min, Real f_max)
      : DenseToyProblem(n), a_(a), b_(b), f_(n) {
    for (Index i = 0; i < n; ++i)
      f_[i] = f_min * std::pow(f_max / f_min, n > 1 ? Real(i) / Real(n - 1) : 0.0);
  }
  Real root(Index i, Real t) const { return std::log1p(f_[i] * t / a_) / b_; }

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    for (Index i = 0; i < u.size(); ++i) {
      const Real e = std::exp(b_ * u[i]);
      if (!std::isfinite(e))
        throw NumericalError(NumericalError::Kind::NotANumber, "exponential overflows");
      r[i] = a_ * (e - 1) - f_[i] * t;
      K(i, i) = a_ * b_ * e;
    }
  }

 private:
  Real a_, b_;
  VecX f_;
};

/// Force of a softening bar F(w) = k w exp(-w / w0): it peaks at the limit point w = w0 with
/// F_max = k w0 / e and falls beyond, so no equilibrium exists under a larger force.
struct SofteningLaw {
  Real k = 1.0, w0 = 1.0;
  Real force(Real w) const { return k * w * std::exp(-w / w0); }
  Real stiffness(Real w) const { return k * (1 - w / w0) * std::exp(-w / w0); }
  Real peak() const { return k * w0 / std::exp(1.0); }
};

/// The softening bar under force f t: r(w) = F(w) - f t.
class SofteningBarForce : public DenseToyProblem {
 public:
  SofteningBarForce(SofteningLaw law, Real f) : DenseToyProblem(1), law_(law), f_(f) {}

 protected:
  void residual(const VecX& u, Real t, VecX& r, MatX& K) const override {
    r[0] = law_.force(u[0]) - f_ * t;
    K(0, 0) = law_.stiffness(u[0]);
  }

 private:
  SofteningLaw law_;
  Real f_;
};

/// The softening bar (unknown w) pulled through a spring k_s whose far end v = v_end t is
/// prescribed: energy F's potential + k_s (v - w)^2 / 2, so r_w = F(w) - k_s (v - w) and the
/// reaction at v is r_v = k_s (v - w) = F(w). The free tangent F'(w) + k_s stays positive when
/// k_s exceeds the steepest softening slope, k e^-2 at w = 2 w0, so the path passes the limit
/// point without a jump.
class SofteningBarDisplacement : public DenseToyProblem {
 public:
  SofteningBarDisplacement(SofteningLaw law, Real k_spring, Real v_end)
      : DenseToyProblem(2, {1}), law_(law), ks_(k_spring), v_end_(v_end) {}

 protected:
  VecX prescribed(Real t) const override { return VecX::Constant(1, v_end_ * t); }
  void residual(const VecX& u, Real /*t*/, VecX& r, MatX& K) const override {
    const Real stretch = u[1] - u[0];
    r[0] = law_.force(u[0]) - ks_ * stretch;
    r[1] = ks_ * stretch;
    K(0, 0) = law_.stiffness(u[0]) + ks_;
    K(0, 1) = K(1, 0) = -ks_;
    K(1, 1) = ks_;
  }

 private:
  SofteningLaw law_;
  Real ks_, v_end_;
};

}  // namespace sinew::solver::testing
