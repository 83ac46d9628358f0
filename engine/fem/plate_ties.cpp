// Tied unknowns of force-controlled rigid plates (plate_ties.hpp).
#include "fem/plate_ties.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace sinew::fem {

namespace {

// Position of entry (row, col) in the values of a compressed-column pattern with sorted rows;
// -1 when it is not stored.
Index entry(const SparseMatrix& P, Index row, Index col) {
  const int* first = P.innerIndexPtr() + P.outerIndexPtr()[col];
  const int* last = P.innerIndexPtr() + P.outerIndexPtr()[col + 1];
  const int* it = std::lower_bound(first, last, static_cast<int>(row));
  if (it == last || *it != row) return -1;
  return static_cast<Index>(it - P.innerIndexPtr());
}

}  // namespace

PlateTies::PlateTies(const Model& model, const std::vector<Index>& constrained)
    : model_(model), master_of_(static_cast<size_t>(3 * model.mesh.n_nodes())) {
  for (Index d = 0; d < static_cast<Index>(master_of_.size()); ++d) master_of_[d] = d;
  std::set<Index> used;
  for (const auto& plate : model.plates) {
    if (plate.component < 0 || plate.component > 2)
      throw std::invalid_argument("plate '" + plate.set_name + "': bad component");
    if (!(plate.spring >= 0.0) || (plate.spring > 0.0 && plate.displacement_control))
      throw std::invalid_argument("plate '" + plate.set_name +
                                  "': a series spring needs a stiffness >= 0 and force control");
    if (plate.displacement_control || plate.nodes.empty()) {
      plate_master_.push_back(-1);
      continue;
    }
    const Index master = 3 * plate.nodes.front() + plate.component;
    for (Index n : plate.nodes) {
      const Index dof = 3 * n + plate.component;
      if (std::binary_search(constrained.begin(), constrained.end(), dof))
        throw std::invalid_argument("plate '" + plate.set_name + "': node " + std::to_string(n) +
                                    " also has a prescribed displacement in the plate's direction");
      if (!used.insert(dof).second)
        throw std::invalid_argument("plate '" + plate.set_name + "': node " + std::to_string(n) +
                                    " belongs to two plates");
      if (dof == master) continue;
      slaves_.push_back({dof, master});
      master_of_[dof] = master;
    }
    masters_.push_back(master);
    plate_master_.push_back(master);
  }
}

std::vector<std::vector<Index>> PlateTies::extra_groups(
    const std::vector<std::vector<Index>>& groups) const {
  std::vector<std::vector<Index>> out;
  if (slaves_.empty()) return out;
  for (const auto& g : groups) {
    std::vector<Index> extra = g;
    for (Index n : g)
      for (int c = 0; c < 3; ++c) {
        const Index m = master_of_[3 * n + c];
        if (m != 3 * n + c && std::find(extra.begin(), extra.end(), m / 3) == extra.end())
          extra.push_back(m / 3);
      }
    if (extra.size() > g.size()) out.push_back(std::move(extra));
  }
  return out;
}

void PlateTies::bind(const SparseMatrix& P) {
  moves_.clear();
  for (Index j = 0; j < P.outerSize(); ++j)
    for (Index k = P.outerIndexPtr()[j]; k < P.outerIndexPtr()[j + 1]; ++k) {
      const Index i = P.innerIndexPtr()[k];
      const Index ti = master_of_[i], tj = master_of_[j];
      if (ti == i && tj == j) continue;
      const Index target = entry(P, ti, tj);
      if (target < 0) throw std::logic_error("plate tie: master entry missing from the pattern");
      moves_.emplace_back(k, target);
    }
  for (auto& t : slaves_) {
    t.ss = entry(P, t.slave, t.slave);
    t.sm = entry(P, t.slave, t.master);
    t.ms = entry(P, t.master, t.slave);
    t.mm = entry(P, t.master, t.master);
    if (t.ss < 0 || t.sm < 0 || t.ms < 0 || t.mm < 0)
      throw std::logic_error("plate tie: entry missing from the pattern");
  }
}

VecX PlateTies::tied(const VecX& u) const {
  VecX out = u;
  for (const auto& t : slaves_) out[t.slave] = u[t.master];
  return out;
}

void PlateTies::condense(const VecX& u, Real t, VecX& r, SparseMatrix* K) {
  for (const auto& tie : slaves_) r[tie.master] += r[tie.slave];
  if (K) {
    Real* v = K->valuePtr();
    for (const auto& [from, to] : moves_) v[to] += v[from];
    for (const auto& [from, to] : moves_) v[from] = 0.0;
    if (!(scale_ > 0.0)) {
      // d: the mean condensed master diagonal per tied node (1 if that is not positive).
      Real sum = 0.0;
      for (Index m : masters_) sum += std::abs(K->coeff(m, m));
      scale_ = sum / static_cast<Real>(slaves_.size() + masters_.size());
      if (!(scale_ > 0.0)) scale_ = 1.0;
    }
    for (const auto& tie : slaves_) {
      v[tie.ss] = scale_;
      v[tie.sm] = -scale_;
      v[tie.ms] = -scale_;
      v[tie.mm] += scale_;
    }
  }
  const Real d = scale_ > 0.0 ? scale_ : 1.0;
  for (const auto& tie : slaves_) {
    const Real gap = u[tie.slave] - u[tie.master];
    r[tie.slave] = d * gap;
    r[tie.master] -= d * gap;
  }
  for (size_t p = 0; p < model_.plates.size(); ++p) {
    const auto& plate = model_.plates[p];
    const Index m = plate_master_[p];
    if (m < 0) continue;
    const Real load = plate.value * model_.curves[plate.curve](t);
    if (!(plate.spring > 0.0)) {
      r[m] -= load;
      continue;
    }
    // Series spring: the plate is pulled by spring x (far-end travel - plate displacement).
    r[m] -= plate.spring * (load - u[m]);
    if (K) K->coeffRef(m, m) += plate.spring;
  }
}

}  // namespace sinew::fem
