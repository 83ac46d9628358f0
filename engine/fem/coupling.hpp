// The interface through which node-to-node couplings that are not solid cells (the zero-thickness
// adhesion/contact elements between paired facets) join the finite-element problem. A coupling
// adds its residual and tangent, tells the assembly which nodes it couples (for the sparsity
// pattern), and keeps its own irreversible history, which changes only in commit().
#pragma once

#include <memory>
#include <vector>

#include "core/types.hpp"
#include "fem/assembly_plan.hpp"

namespace sinew::fem {

class Coupling {
 public:
  virtual ~Coupling() = default;

  /// Node lists that couple (one list per element, e.g. the 8 nodes of a quad pair).
  virtual std::vector<std::vector<Index>> node_groups() const = 0;

  /// Adds the residual contribution (internal force, N) at displacement u and time t to r and,
  /// when K != nullptr, the tangent dr/du into K (whose pattern includes node_groups()) using
  /// plan.scatter(). Uses the committed history only; const, so safe to call for trial states.
  virtual void add(const VecX& u, Real t, VecX& r, SparseMatrix* K, const AssemblyPlan& plan) const = 0;

  /// Accepts the converged state at time t: irreversible history (damage, slip) is updated.
  virtual void commit(const VecX& u, Real t) = 0;

  /// Makes t the time of the committed state, history unchanged: a problem that starts its own
  /// clock on a copied history (a metric probe from t = 0) must not see a negative time step.
  virtual void restart_clock(Real t) { (void)t; }

  /// False when the tangent is not symmetric (friction, current-frame normal).
  virtual bool is_symmetric() const = 0;

  /// A deep copy, history included (metric probes run on copies and never change the original).
  virtual std::unique_ptr<Coupling> clone() const = 0;
};

}  // namespace sinew::fem
