// SymmetricSolveWithFallback: backend switching on indefinite, singular or unconverged systems.
#include "solver/linear/fallback.hpp"

#include <cmath>

#include "core/error.hpp"
#include "solver/linear/backend_support.hpp"

namespace sinew::solver {

namespace {

const char* describe(FactorStatus status) {
  switch (status) {
    case FactorStatus::NotPositiveDefinite: return "tangent not positive definite";
    case FactorStatus::Singular: return "zero pivot (singular, or LDL^T needs pivoting)";
    case FactorStatus::Failed: return "factorisation failed";
    case FactorStatus::Ok: break;
  }
  return "ok";
}

bool all_finite(const SparseMatrix& K) {
  for (Index j = 0; j < K.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(K, j); it; ++it)
      if (!std::isfinite(it.value())) return false;
  return true;
}

void append(std::string& log, const std::string& entry) {
  if (entry.empty()) return;
  if (!log.empty()) log += "; ";
  log += entry;
}

}  // namespace

SymmetricSolveWithFallback::SymmetricSolveWithFallback(const LinearSolverRegistry& registry,
                                                       std::string primary)
    : registry_(registry), primary_name_(std::move(primary)), active_name_(primary_name_) {
  slot(primary_name_);  // fail early on an unknown name
}

SymmetricSolveWithFallback::Slot& SymmetricSolveWithFallback::slot(const std::string& name) {
  auto it = slots_.find(name);
  if (it != slots_.end()) return it->second;
  Slot s;
  s.solver = registry_.create(name);
  s.solver->set_tolerance(tolerance_);
  s.solver->set_block_size(block_size_);
  if (max_iterations_ > 0) s.solver->set_max_iterations(max_iterations_);
  return slots_.emplace(name, std::move(s)).first->second;
}

void SymmetricSolveWithFallback::set_tolerance(Real relative) {
  tolerance_ = relative;
  for (auto& [name, s] : slots_) s.solver->set_tolerance(relative);
}

void SymmetricSolveWithFallback::set_block_size(int dofs_per_node) {
  block_size_ = dofs_per_node;
  for (auto& [name, s] : slots_) s.solver->set_block_size(dofs_per_node);
}

void SymmetricSolveWithFallback::set_max_iterations(int limit) {
  max_iterations_ = limit;
  for (auto& [name, s] : slots_) s.solver->set_max_iterations(limit);
}

void SymmetricSolveWithFallback::set_near_null_space(const MatX& modes) {
  for (auto& [name, s] : slots_) s.solver->set_near_null_space(modes);
}

LinearSolver& SymmetricSolveWithFallback::active() { return *slot(active_name_).solver; }

const LinearSolver& SymmetricSolveWithFallback::active() const {
  return *slots_.at(active_name_).solver;
}

void SymmetricSolveWithFallback::analyze(const SparseMatrix& K) {
  ++generation_;
  Slot& s = slot(active_name_);
  s.solver->analyze(K);
  s.analysed_generation = generation_;
}

void SymmetricSolveWithFallback::switch_to(const std::string& name, const SparseMatrix& K) {
  Slot& s = slot(name);
  if (s.analysed_generation != generation_) {
    s.solver->analyze(K);
    s.analysed_generation = generation_;
  }
  active_name_ = name;
}

std::string SymmetricSolveWithFallback::fall_back_until_ok(const SparseMatrix& K,
                                                           FactorStatus status) {
  std::string log;
  while (status != FactorStatus::Ok) {
    const std::string from = active_name_;
    std::string to;
    // An indefinite matrix usually still has an LDL^T factorisation without pivoting (it breaks
    // down only on an exactly zero pivot, reported as Singular); a singular or otherwise
    // failing one needs LU with partial pivoting.
    if (status == FactorStatus::NotPositiveDefinite && active().requires_spd())
      to = "cholmod-ldlt";
    else if (from != "eigen-lu")
      to = "eigen-lu";
    append(log, std::string(describe(status)) + ": " + from + (to.empty() ? "" : " → " + to));
    if (to.empty())
      throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                           "no linear solver could factorise the tangent (" + log + ")");
    switch_to(to, K);
    status = active().factorize(K);
  }
  return log;
}

void SymmetricSolveWithFallback::prepare(const SparseMatrix& K) {
  if (!all_finite(K))
    throw NumericalError(NumericalError::Kind::NotANumber, "tangent has NaN or infinite entries");
  // After reset_to_primary() the primary may not know the current pattern yet.
  switch_to(active_name_, K);
}

std::string SymmetricSolveWithFallback::factorize(const SparseMatrix& K) {
  prepare(K);
  return fall_back_until_ok(K, active().factorize(K));
}

std::string SymmetricSolveWithFallback::update_matrix_keep_preconditioner(const SparseMatrix& K) {
  prepare(K);
  return fall_back_until_ok(K, active().update_matrix_keep_preconditioner(K));
}

std::string SymmetricSolveWithFallback::solve(const SparseMatrix& K, const VecX& b, VecX& x) {
  std::string log;
  try {
    active().solve(b, x);
  } catch (const NumericalError& e) {
    // Only an iterative backend's non-convergence has a better answer elsewhere; a direct
    // backend that fails in the triangular solves is not helped by another one.
    if (!active().is_iterative() || e.kind() != NumericalError::Kind::LinearSolverFailed) throw;
    const std::string from = active_name_;
    log = from + " did not converge (" + e.what() + "): " + from + " → cholmod";
    switch_to("cholmod", K);
    append(log, fall_back_until_ok(K, active().factorize(K)));
    active().solve(b, x);
  }
  // LDL^T without pivoting can lose accuracy on an indefinite matrix (tiny pivots) without
  // failing; a backward-stable solve leaves a relative residual near machine precision, so a
  // large one means the factorisation is not to be trusted: redo it with pivoting (LU).
  if (!active().requires_spd() && active().requires_symmetric()) {
    const Real b_norm = b.norm();
    const Real residual = b_norm > 0.0 ? (K * x - b).norm() / b_norm : (K * x).norm();
    if (!(residual <= kLdltResidualLimit)) {
      append(log, active_name_ + " residual " + detail::format_number(residual) +
                      " too large: " + active_name_ + " → eigen-lu");
      switch_to("eigen-lu", K);
      if (active().factorize(K) != FactorStatus::Ok)
        throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                             "no linear solver could factorise the tangent (" + log + ")");
      active().solve(b, x);
    }
  }
  return log;
}

void SymmetricSolveWithFallback::reset_to_primary() { active_name_ = primary_name_; }

}  // namespace sinew::solver
