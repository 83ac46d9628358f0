// Rigid plates under force control as tied unknowns: the plate's nodes share one displacement
// in the plate's direction. The first free node's dof is the master; every other node's dof is
// a slave u_s = u_m. The element loops see the tied field u_hat = T q (slaves copied from their
// master), the master row and column receive the slaves' rows and columns (T^T K T, T^T r), and
// each slave row keeps the tie itself, d (u_s - u_m) = 0, with its symmetric counterpart in the
// master row. When the tie holds (it does after every linear solve, exactly for a direct
// solver) those tie terms vanish, so the solution is that of the reduced system for any d > 0:
// an exact elimination, not a penalty (the scale d only keeps the rows on the scale of the
// others). The force on the plate acts on the master unknown; a plate with a series spring
// (PlateBC::spring) adds the spring's force and its stiffness on the master's diagonal.
#pragma once

#include <vector>

#include "fem/model.hpp"

namespace sinew::fem {

class PlateTies {
 public:
  /// The force-controlled plates of `model`. Throws std::invalid_argument for a bad component,
  /// a node in two plates, or a plate dof that is also prescribed (`constrained`, sorted).
  PlateTies(const Model& model, const std::vector<Index>& constrained);

  bool empty() const { return slaves_.empty() && masters_.empty(); }

  /// Node groups to add to the sparsity pattern so that each master couples to everything its
  /// slaves couple to: `group` plus the masters of its slave nodes, for each group with one.
  std::vector<std::vector<Index>> extra_groups(const std::vector<std::vector<Index>>& groups) const;

  /// Precomputes where each slave row and column entry of `pattern` moves to.
  void bind(const SparseMatrix& pattern);

  /// u with every slave dof set to its master's value.
  VecX tied(const VecX& u) const;

  /// Turns r and K, assembled at tied(u), into the tied system described above, and adds the
  /// plate forces at time t (and the series springs' stiffness) to the master rows.
  void condense(const VecX& u, Real t, VecX& r, SparseMatrix* K);

  /// The master dof of force-controlled plate `i` of the model (-1 for a displacement-controlled
  /// one).
  Index master_dof(size_t plate) const { return plate_master_[plate]; }

 private:
  struct Tie {
    Index slave, master;
    Index ss = -1, sm = -1, ms = -1, mm = -1;  ///< entries of the pattern
  };
  const Model& model_;
  std::vector<Tie> slaves_;
  std::vector<Index> masters_;                  ///< distinct master dofs
  std::vector<Index> plate_master_;             ///< per model plate
  std::vector<Index> master_of_;                ///< per dof: its master (itself when not a slave)
  std::vector<std::pair<Index, Index>> moves_;  ///< (source entry, target entry)
  Real scale_ = 0.0;                            ///< d, fixed at the first tangent
};

}  // namespace sinew::fem
