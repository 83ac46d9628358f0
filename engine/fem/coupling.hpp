// The interface through which node-to-node couplings that are not solid cells (the zero-thickness
// adhesion/contact elements between paired facets) join the finite-element problem. A coupling
// adds its residual and tangent, tells the assembly which nodes it couples (for the sparsity
// pattern), and keeps its own irreversible history, which changes only in commit() and which it
// declares (state_variables) so that outputs can list it without knowing its names.
#pragma once

#include <memory>
#include <vector>

#include "core/types.hpp"
#include "fem/assembly_plan.hpp"
#include "materials/state_variable.hpp"

namespace sinew::fem {

class Coupling {
 public:
  virtual ~Coupling() = default;

  /// Node lists that couple (one list per element, e.g. the 8 nodes of a quad pair).
  virtual std::vector<std::vector<Index>> node_groups() const = 0;

  /// Adds the residual contribution (internal force, N) at displacement u and time t to r and,
  /// when K != nullptr, the tangent dr/du into K (whose pattern includes node_groups()) using
  /// plan.scatter(). Uses the committed history only; const, so safe to call for trial states.
  virtual void add(const VecX& u, Real t, VecX& r, SparseMatrix* K,
                   const AssemblyPlan& plan) const = 0;

  /// Accepts the converged state at time t: irreversible history (damage, slip) is updated.
  virtual void commit(const VecX& u, Real t) = 0;

  /// Makes t the time of the committed state, history unchanged: a problem that starts its own
  /// clock on a copied history (a metric probe from t = 0) must not see a negative time step.
  virtual void restart_clock(Real t) { (void)t; }

  /// False when the tangent is not symmetric (friction, current-frame normal).
  virtual bool is_symmetric() const = 0;

  /// The per-point history the coupling keeps, declared like a material's state variables:
  /// `offset` is the first column of the variable in a row of state_values(). Empty: none.
  virtual std::vector<materials::StateVariable> state_variables() const { return {}; }

  /// The committed history as declared: one row per point of the coupling (row width = the
  /// sum of the declared components), point-major.
  virtual std::vector<Real> state_values() const { return {}; }

  /// A deep copy, history included (metric probes run on copies and never change the original).
  virtual std::unique_ptr<Coupling> clone() const = 0;
};

}  // namespace sinew::fem
