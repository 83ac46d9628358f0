// Newton-Raphson with line search, constraint elimination and linear-solver fallbacks.
#include "solver/newton.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "core/error.hpp"

namespace sinew::solver {

namespace {
std::string sci(Real v) {
  std::ostringstream s;
  s.precision(3);
  s << std::scientific << v;
  return s.str();
}
}  // namespace

std::string NewtonSolver::primary_linear_solver(const NonlinearProblem& p,
                                                const std::string& name) {
  // Symmetric backends read one triangle and silently mis-solve a nonsymmetric tangent: use an
  // LU, UMFPACK (multifrontal, BLAS-3) unless the model asks for Eigen's SparseLU by name.
  if (!p.is_symmetric()) return name == "eigen-lu" ? name : "umfpack";
  return name == "auto" ? default_linear_solver(p.n_dofs()) : name;
}

NewtonSolver::NewtonSolver(NonlinearProblem& problem, const LinearSolverRegistry& registry,
                           NewtonSettings settings, LogSink log)
    : problem_(problem),
      registry_(registry),
      settings_(std::move(settings)),
      log_(std::move(log)),
      linear_(registry, primary_linear_solver(problem, settings_.linear_solver)) {
  linear_.set_block_size(problem_.dofs_per_node());
  bfgs_ = settings_.strategy == NewtonStrategy::Bfgs ||
          (settings_.strategy == NewtonStrategy::Auto && !linear_.active().is_iterative() &&
           problem_.n_dofs() > kBfgsMinDofs);
  prepare_constraint_masks();
  K_ = problem_.pattern();
}

void NewtonSolver::prepare_constraint_masks() {
  const SparseMatrix& P = problem_.pattern();
  is_constrained_.assign(static_cast<size_t>(problem_.n_dofs()), 0);
  for (Index d : problem_.constrained_dofs()) is_constrained_[d] = 1;
  std::map<Index, Index> diagonal;
  for (Index j = 0; j < P.outerSize(); ++j)
    for (Index k = P.outerIndexPtr()[j]; k < P.outerIndexPtr()[j + 1]; ++k) {
      const Index i = P.innerIndexPtr()[k];
      if (!is_constrained_[i] && !is_constrained_[j]) continue;
      if (i == j) diagonal[i] = k; else zero_entries_.push_back(k);
    }
  for (Index d : problem_.constrained_dofs()) diagonal_entries_.push_back(diagonal.at(d));
}

void NewtonSolver::apply_constraints(SparseMatrix& K, VecX& diagonal) const {
  // Keeping the assembled diagonal (instead of 1) keeps the rows on the scale of the others,
  // which algebraic multigrid and pivoting need.
  Real* v = K.valuePtr();
  for (Index k : zero_entries_) v[k] = 0.0;
  diagonal.resize(static_cast<Index>(diagonal_entries_.size()));
  for (size_t i = 0; i < diagonal_entries_.size(); ++i) {
    Real& d = v[diagonal_entries_[i]];
    if (!(d > 0)) d = 1.0;
    diagonal[static_cast<Index>(i)] = d;
  }
}

int NewtonSolver::linear_solve(const SparseMatrix& K, const VecX& b, VecX& x, Real forcing,
                               bool new_step, NewtonResult& result) {
  if (!analyzed_) {
    linear_.analyze(K);
    analyzed_ = true;
  }
  const bool reset = new_step && linear_.fell_back();
  if (reset) linear_.reset_to_primary();
  LinearSolver& active = linear_.active();
  const bool iterative = active.is_iterative();
  if (iterative) linear_.set_tolerance(forcing);
  // Iterative backends keep their preconditioner (also across load steps) while it still works
  // well: the tangent changes little between iterations. Direct backends factorise every time.
  const bool rebuild =
      reset || !iterative || !active.supports_preconditioner_reuse() ||
      iterations_after_setup_ < 0 ||
      active.stats().last_iterations >
          settings_.preconditioner_rebuild_factor * std::max(iterations_after_setup_, 5);
  std::string what = rebuild ? linear_.factorize(K) : linear_.update_matrix_keep_preconditioner(K);
  if (rebuild) ++result.factorizations;
  const std::string solved = linear_.solve(K, b, x);
  if (!solved.empty()) what += (what.empty() ? "" : "; ") + solved;
  if (!what.empty()) {
    log_.warn(what);
    result.fallbacks.push_back(what);
  }
  const int its = linear_.active().stats().last_iterations;
  if (rebuild) iterations_after_setup_ = its;
  return linear_.active().is_iterative() ? its : 0;
}

int NewtonSolver::linear_resolve(const SparseMatrix& K, const VecX& b, VecX& x,
                                 NewtonResult& result) {
  const std::string what = linear_.solve(K, b, x);
  if (!what.empty()) {
    log_.warn(what);
    result.fallbacks.push_back(what);
  }
  return linear_.active().is_iterative() ? linear_.active().stats().last_iterations : 0;
}

VecX NewtonSolver::tangent_solve(const VecX& u, Real t, const VecX& b) {
  NewtonResult scratch;
  VecX r;
  problem_.evaluate(u, t, r, &K_);
  K_factored_ = K_;
  apply_constraints(K_factored_, factored_diagonal_);
  VecX rhs = b;
  for (Index d : problem_.constrained_dofs()) rhs[d] = 0.0;
  VecX x(problem_.n_dofs());
  linear_solve(K_factored_, rhs, x, settings_.forcing_min, true, scratch);
  have_factorization_ = true;
  for (Index d : problem_.constrained_dofs()) x[d] = 0.0;
  return x;
}

NewtonResult NewtonSolver::solve(VecX& u, Real t) {
  NewtonResult result;
  const auto& cdofs = problem_.constrained_dofs();
  const Index n = problem_.n_dofs();
  VecX target;
  problem_.prescribed_values(t, target);

  // Prescribed increment, applied through the tangent in the first iteration.
  VecX delta_c = VecX::Zero(n);
  for (size_t i = 0; i < cdofs.size(); ++i)
    delta_c[cdofs[i]] = target[static_cast<Index>(i)] - u[cdofs[i]];
  const bool has_prescribed_increment = delta_c.squaredNorm() > 0;
  const VecX u_start = u;

  auto free_norm = [&](const VecX& v) {
    Real s = 0;
    for (Index i = 0; i < n; ++i)
      if (!is_constrained_[i]) s += v[i] * v[i];
    return std::sqrt(s);
  };
  auto free_dot = [&](const VecX& a, const VecX& b) {
    Real s = 0;
    for (Index i = 0; i < n; ++i)
      if (!is_constrained_[i]) s += a[i] * b[i];
    return s;
  };

  const bool bfgs = bfgs_;
  auto zero_constrained = [&](VecX& v) {
    for (Index d : cdofs) v[d] = 0.0;
  };

  problem_.evaluate(u, t, r_, &K_);
  bool tangent_current = true;  // K_ is the tangent at u
  VecX rhs(n), du(n), r_trial(n);
  Real ref_residual = 0, ref_energy = 0, previous_residual = 0, forcing = settings_.forcing_max;
  // BFGS history (Nocedal & Wright 2006, Alg. 7.4, with H0 = the factorised tangent): steps s_i,
  // residual changes y_i (free unknowns only) and rho_i = 1 / (y_i . s_i).
  std::vector<VecX> hist_s, hist_y;
  std::vector<Real> hist_rho;
  bool reform = !(bfgs && settings_.bfgs_keep_across_steps && have_factorization_);

  // One pass more than max_iterations: the last update is checked before giving up.
  for (int k = 0; k <= settings_.max_iterations; ++k) {
    IterationRecord rec;
    rec.iteration = k;
    rec.residual_norm = free_norm(r_);
    rhs = -r_;
    if (k == 0 && has_prescribed_increment) rhs -= K_ * delta_c;
    for (Index d : cdofs) rhs[d] = 0.0;
    if (k == 0) ref_residual = free_norm(rhs);

    // Convergence (from the second iteration on: norms of the update just made).
    if (k > 0) {
      const auto& last = result.iterations.back();
      const bool r_ok = settings_.residual_tolerance <= 0 ||
                        rec.residual_norm <= settings_.residual_tolerance * ref_residual ||
                        rec.residual_norm <= settings_.residual_absolute;
      // Relative to the step's movement, or to the state itself in a step that holds the load.
      const Real total = std::max((u - u_start).norm(), u.norm());
      const bool d_ok = settings_.displacement_tolerance <= 0 ||
                        last.displacement_norm <= settings_.displacement_tolerance * total;
      const bool e_ok = settings_.energy_tolerance <= 0 ||
                        last.energy_norm <= settings_.energy_tolerance * ref_energy ||
                        rec.residual_norm <= settings_.residual_absolute;
      if (r_ok && d_ok && e_ok) {
        result.converged = true;
        result.final_residual_norm = rec.residual_norm;
        result.iterations.push_back(rec);
        break;
      }
    }
    if (k == settings_.max_iterations) break;

    // Eisenstat-Walker choice 2 forcing term for iterative backends.
    if (k > 0 && previous_residual > 0) {
      const Real ratio = rec.residual_norm / previous_residual;
      Real eta = 0.9 * ratio * ratio;
      const Real safeguard = 0.9 * forcing * forcing;
      if (safeguard > 0.1) eta = std::max(eta, safeguard);
      // Do not solve more accurately than the Newton tolerance needs.
      if (rec.residual_norm > 0)
        eta = std::max(eta, 0.5 * settings_.residual_tolerance * ref_residual / rec.residual_norm);
      forcing = std::clamp(eta, settings_.forcing_min, settings_.forcing_max);
    }
    const Real last_residual = previous_residual;
    previous_residual = rec.residual_norm;

    // BFGS: re-form the tangent when the history is full or the residual grew.
    if (bfgs && k > 0 &&
        (static_cast<int>(hist_s.size()) >= settings_.bfgs_max_updates ||
         rec.residual_norm > (k == 1 ? ref_residual : last_residual)))
      reform = true;
    if (!bfgs || reform) {
      if (!tangent_current) problem_.evaluate(u, t, r_, &K_);
      K_factored_ = K_;
      apply_constraints(K_factored_, factored_diagonal_);
      if (k == 0)
        for (size_t i = 0; i < cdofs.size(); ++i)
          rhs[cdofs[i]] = factored_diagonal_[static_cast<Index>(i)] * delta_c[cdofs[i]];
      rec.linear_iterations = linear_solve(K_factored_, rhs, du, forcing, k == 0, result);
      have_factorization_ = true;
      if (bfgs && k > 0) ++result.reformations;
      hist_s.clear();
      hist_y.clear();
      hist_rho.clear();
      reform = false;
    } else {
      // Two-loop recursion: du = H rhs with H the BFGS-updated inverse of the factorised K.
      if (k == 0)
        for (size_t i = 0; i < cdofs.size(); ++i)
          rhs[cdofs[i]] = factored_diagonal_[static_cast<Index>(i)] * delta_c[cdofs[i]];
      VecX q = rhs;
      std::vector<Real> a(hist_s.size());
      for (size_t i = hist_s.size(); i-- > 0;) {
        a[i] = hist_rho[i] * hist_s[i].dot(q);
        q -= a[i] * hist_y[i];
      }
      rec.linear_iterations = linear_resolve(K_factored_, q, du, result);
      for (size_t i = 0; i < hist_s.size(); ++i) {
        const Real b = hist_rho[i] * hist_y[i].dot(du);
        du += (a[i] - b) * hist_s[i];
      }
      if (k == 0)  // the prescribed increment is applied exactly
        for (Index d : cdofs) du[d] = delta_c[d];
      else
        zero_constrained(du);
    }
    result.linear_iterations += rec.linear_iterations;
    if (!du.allFinite())
      throw NumericalError(NumericalError::Kind::NotANumber, "linear solve gave NaN");
    if (k == 0) ref_energy = std::abs(free_dot(du, rhs));

    // Line search on the free part: s(alpha) = du . r(u + alpha du) should vanish.
    // The prescribed part is always applied in full.
    const Real s0 = free_dot(du, rhs);
    Real alpha = 1.0;
    VecX u_trial;
    for (int ls = 0;; ++ls) {
      u_trial = u + alpha * du;
      if (k == 0)
        for (Index d : cdofs) u_trial[d] = u[d] + du[d];
      try {
        // Full Newton needs the tangent at the accepted point anyway; BFGS only residuals.
        problem_.evaluate(u_trial, t, r_trial, bfgs ? nullptr : &K_);
        tangent_current = !bfgs;
      } catch (const NumericalError& e) {
        if (e.kind() != NumericalError::Kind::InvertedElement || ls >= settings_.line_search_max)
          throw;
        alpha *= 0.5;
        continue;
      }
      if (!settings_.line_search || ls >= settings_.line_search_max) break;
      const Real s1 = -free_dot(du, r_trial);
      if (std::abs(s1) <= settings_.line_search_tolerance * std::abs(s0) || s0 <= 0) break;
      // Secant root of s(alpha) between 0 and alpha, kept in [0.1, 1] alpha.
      const Real a_new = alpha * s0 / (s0 - s1);
      const Real bounded = std::clamp(a_new, 0.1 * alpha, alpha);
      if (a_new >= alpha || bounded == alpha) break;
      alpha = bounded;
    }
    rec.alpha = alpha;
    const VecX step = u_trial - u;
    rec.displacement_norm = step.norm();
    rec.energy_norm = std::abs(free_dot(step, rhs));
    if (bfgs && k > 0) {
      VecX y = r_trial - r_;
      zero_constrained(y);
      VecX s_step = step;
      zero_constrained(s_step);
      const Real ys = y.dot(s_step);
      if (ys > 1e-12 * y.norm() * s_step.norm()) {
        hist_s.push_back(std::move(s_step));
        hist_y.push_back(std::move(y));
        hist_rho.push_back(1.0 / ys);
      } else {
        reform = true;  // no positive curvature along the step: the update would break H
      }
    }
    u = u_trial;
    r_ = r_trial;
    result.iterations.push_back(rec);
    log_.debug("  newton " + std::to_string(k) + ": |r| " + sci(rec.residual_norm) + " |du| " +
               sci(rec.displacement_norm) + " |e| " + sci(rec.energy_norm) +
               (alpha < 1 ? " alpha " + sci(alpha) : std::string()));
  }
  if (!result.converged) {
    result.final_residual_norm = free_norm(r_);
    result.failure = "no convergence in " + std::to_string(settings_.max_iterations) +
                     " iterations (|r| = " + sci(result.final_residual_norm) + ", |r0| = " +
                     sci(ref_residual) + ")";
  }
  return result;
}

}  // namespace sinew::solver
