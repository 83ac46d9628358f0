// Assembly of the finite-element model (residual, tangent, reactions, point states).
#include "fem/mechanics_problem.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "fem/rigid_body_modes.hpp"
#include "fem/shape_functions.hpp"
#include "fem/surface_kernels.hpp"

namespace sinew::fem {

using mesh::CellType;

namespace {

std::vector<std::unique_ptr<Coupling>> clone_all(
    const std::vector<std::shared_ptr<const Coupling>>& couplings) {
  std::vector<std::unique_ptr<Coupling>> out;
  for (const auto& c : couplings) out.push_back(c->clone());
  return out;
}

// Groups of the sparsity pattern: every cell, then every coupling element, then the groups that
// couple each plate master to its slaves' neighbours.
AssemblyPlan make_plan(const mesh::Mesh& m, const std::vector<std::unique_ptr<Coupling>>& couplings,
                       const PlateTies& ties) {
  std::vector<std::vector<Index>> groups(static_cast<size_t>(m.n_cells()));
  for (Index c = 0; c < m.n_cells(); ++c) {
    auto n = m.cell_nodes(c);
    groups[c].assign(n.begin(), n.end());
  }
  for (const auto& c : couplings)
    for (auto& g : c->node_groups()) groups.push_back(std::move(g));
  for (auto& g : ties.extra_groups(groups)) groups.push_back(std::move(g));
  return AssemblyPlan(m.n_nodes(), groups);
}

}  // namespace

MechanicsProblem::MechanicsProblem(const Model& model)
    : model_(model),
      fields_(model.point_fields),
      couplings_(clone_all(model.couplings)),
      prescribed_(prescribed_dofs(model)),
      ties_(model, prescribed_.dofs),
      plan_(make_plan(model.mesh, couplings_, ties_)) {
  assign_cells();
  declare_state();

  // The plan colours cells and coupling elements together; cells are assembled in parallel by
  // colour, couplings serially after them.
  for (const auto& colour : plan_.colours()) {
    std::vector<Index> cells;
    for (Index g : colour)
      if (g < model.mesh.n_cells()) cells.push_back(g);
    if (!cells.empty()) cell_colours_.push_back(std::move(cells));
  }

  reference_geometry();
  foundation_masses();
  ties_.bind(plan_.pattern());
}

/// Each cell's material and formulation, checking that every cell has one that suits it.
void MechanicsProblem::assign_cells() {
  const Model& model = model_;
  const auto& m = model.mesh;
  cells_.assign(static_cast<size_t>(m.n_cells()), {nullptr, Formulation::Standard});
  for (const auto& region : model.regions) {
    if (!region.material)
      throw std::invalid_argument("region '" + region.name + "' has no material");
    for (Index c : region.cells) {
      if (region.formulation == Formulation::MeanDilatation) {
        if (m.cell_type(c) != CellType::Hex8)
          throw std::invalid_argument("region '" + region.name +
                                      "': mean-dilatation needs hex8 cells");
        if (!region.material->is_uncoupled())
          throw std::invalid_argument("region '" + region.name +
                                      "': mean-dilatation needs an "
                                      "uncoupled material (W = W_iso + U(J)), not '" +
                                      region.material->name() + "'");
      }
      cells_[c] = {region.material.get(), region.formulation};
    }
  }
  for (Index c = 0; c < m.n_cells(); ++c)
    if (!cells_[c].material)
      throw std::invalid_argument("cell " + std::to_string(c) + " belongs to no region");
  if (static_cast<Index>(model.point_fields.size()) != model.point_offset.back())
    throw std::invalid_argument("point fields are not initialised");
}

/// Reference gradients and volume elements at every quadrature point.
void MechanicsProblem::reference_geometry() {
  const Model& model = model_;
  const auto& m = model.mesh;
  geo_offset_ = model.point_offset;
  dNdX_.resize(static_cast<size_t>(model.point_offset.back()) * 8 * 3);
  dV_.resize(static_cast<size_t>(model.point_offset.back()));
  for (Index c = 0; c < m.n_cells(); ++c) {
    const auto n = m.cell_nodes(c);
    auto fill = [&](const auto& rule) {
      constexpr int NN = std::tuple_size_v<decltype(rule[0].N)>;
      for (size_t q = 0; q < rule.size(); ++q) {
        Mat3 J0 = Mat3::Zero();  // dX/dxi
        for (int a = 0; a < NN; ++a)
          J0 += m.points[n[a]] *
                Vec3(rule[q].dN[a][0], rule[q].dN[a][1], rule[q].dN[a][2]).transpose();
        const Real det = J0.determinant();
        if (!(det > 0))
          throw std::invalid_argument("cell " + std::to_string(c) +
                                      " has a non-positive reference Jacobian (bad orientation)");
        const Mat3 Jinv = J0.inverse();
        const Index p = geo_offset_[c] + static_cast<Index>(q);
        for (int a = 0; a < NN; ++a) {
          const Vec3 g =
              Jinv.transpose() * Vec3(rule[q].dN[a][0], rule[q].dN[a][1], rule[q].dN[a][2]);
          for (int k = 0; k < 3; ++k) dNdX_[static_cast<size_t>(p * 24 + a * 3 + k)] = g[k];
        }
        dV_[p] = det * rule[q].weight;
      }
    };
    if (m.cell_type(c) == CellType::Hex8)
      fill(hex8_rule());
    else
      fill(tet4_rule());
  }
}

/// Prescribed dofs: a later condition on the same dof replaces an earlier one; a
/// displacement-controlled plate prescribes its direction on all its nodes.
MechanicsProblem::Prescribed MechanicsProblem::prescribed_dofs(const Model& model) {
  std::map<Index, int> dof_bc;
  for (size_t b = 0; b < model.displacements.size(); ++b) {
    const auto& bc = model.displacements[b];
    if (bc.component < 0 || bc.component > 2) throw std::invalid_argument("bad component");
    for (Index node : bc.nodes) dof_bc[3 * node + bc.component] = static_cast<int>(b);
  }
  const auto n_displacements = static_cast<int>(model.displacements.size());
  for (size_t p = 0; p < model.plates.size(); ++p) {
    const auto& plate = model.plates[p];
    if (!plate.displacement_control) continue;
    if (plate.component < 0 || plate.component > 2) throw std::invalid_argument("bad component");
    for (Index node : plate.nodes)
      dof_bc[3 * node + plate.component] = n_displacements + static_cast<int>(p);
  }
  Prescribed out;
  for (const auto& [dof, b] : dof_bc) {
    out.dofs.push_back(dof);
    out.source.push_back(b);
  }
  return out;
}

/// The lumped facet masses of the elastic foundations.
void MechanicsProblem::foundation_masses() {
  const auto& m = model_.mesh;
  for (const auto& f : model_.foundations)
    for (const auto& facet : f.facets) {
      const auto nodes = m.facet_nodes(facet);
      MatX X(3, nodes.size());
      for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = m.points[nodes[a]];
      foundation_mass_.push_back(facet_mass(X));
    }
}

void MechanicsProblem::prescribed_values(Real t, VecX& values) const {
  const auto& dofs = prescribed_.dofs;
  values.resize(static_cast<Index>(dofs.size()));
  const auto n_displacements = model_.displacements.size();
  for (size_t i = 0; i < dofs.size(); ++i) {
    const auto b = static_cast<size_t>(prescribed_.source[i]);
    if (b >= n_displacements) {
      const auto& plate = model_.plates[b - n_displacements];
      values[static_cast<Index>(i)] = plate.value * model_.curves[plate.curve](t);
      continue;
    }
    const auto& bc = model_.displacements[b];
    values[static_cast<Index>(i)] = bc.value * (bc.curve < 0 ? 1.0 : model_.curves[bc.curve](t));
  }
}

Real MechanicsProblem::plate_displacement(size_t i, const VecX& u) const {
  const auto& plate = model_.plates.at(i);
  if (plate.nodes.empty()) return 0.0;
  return u[3 * plate.nodes.front() + plate.component];
}

CellGeometry MechanicsProblem::geometry(Index c) const {
  return {dNdX_.data() + geo_offset_[c] * 24, dV_.data() + geo_offset_[c]};
}

void MechanicsProblem::assemble_cell(Index c, const VecX& u, VecX& r, SparseMatrix* K,
                                     PointState* state) const {
  const auto nodes = model_.mesh.cell_nodes(c);
  const auto* fields = fields_.data() + model_.point_offset[c];
  const auto& info = cells_[c];
  const auto geo = geometry(c);
  auto run = [&](auto nn_tag, auto&& kernel) {
    constexpr int NN = decltype(nn_tag)::value;
    NodalMatrix<NN> ue;
    for (int a = 0; a < NN; ++a) ue.col(a) = u.segment<3>(3 * nodes[a]);
    ElementVector<NN> re;
    ElementMatrix<NN> Ke;
    kernel(ue, re, K ? &Ke : nullptr);
    for (int a = 0; a < NN; ++a) r.segment<3>(3 * nodes[a]) += re.template segment<3>(3 * a);
    if (K) plan_.scatter_group(c, nodes, Ke, *K);
  };
  using N8 = std::integral_constant<int, 8>;
  using N4 = std::integral_constant<int, 4>;
  if (model_.mesh.cell_type(c) == CellType::Hex8) {
    if (info.formulation == Formulation::MeanDilatation)
      run(N8{}, [&](const auto& ue, auto& re, auto* Ke) {
        mean_dilatation_hex8(*info.material, fields, geo, ue, re, Ke, state);
      });
    else
      run(N8{}, [&](const auto& ue, auto& re, auto* Ke) {
        standard_element<8, 8>(*info.material, fields, geo, ue, re, Ke, state);
      });
  } else {
    run(N4{}, [&](const auto& ue, auto& re, auto* Ke) {
      standard_element<4, 1>(*info.material, fields, geo, ue, re, Ke, state);
    });
  }
}

void MechanicsProblem::set_time_step(Real t) {
  const Real dt = t - committed_time_;
  if (!fields_.empty() && fields_.front().time_step == dt) return;
  for (auto& f : fields_) f.time_step = dt;
}

void MechanicsProblem::evaluate(const VecX& u_in, Real t, VecX& r, SparseMatrix* K) {
  set_time_step(t);
  // With plate ties the elements see the tied field; the ties are condensed in afterwards.
  const VecX tied_u = ties_.empty() ? VecX() : ties_.tied(u_in);
  const VecX& u = ties_.empty() ? u_in : tied_u;
  r.setZero(n_dofs());
  if (K) {
    if (K->nonZeros() != plan_.pattern().nonZeros()) *K = plan_.pattern();
    std::fill(K->valuePtr(), K->valuePtr() + K->nonZeros(), 0.0);
  }
  for (const auto& colour : cell_colours_)
    parallel_for(static_cast<std::int64_t>(colour.size()),
                 [&](std::int64_t i) { assemble_cell(colour[i], u, r, K); });
  assemble_surface_loads(u, t, r, K);
  for (const auto& c : couplings_) c->add(u, t, r, K, plan_);
  if (!ties_.empty()) ties_.condense(u_in, t, r, K);
  if (!r.allFinite())
    throw NumericalError(NumericalError::Kind::NotANumber, "residual is not finite");
}

void MechanicsProblem::assemble_surface_loads(const VecX& u, Real t, VecX& r,
                                              SparseMatrix* K) const {
  const auto& m = model_.mesh;
  auto gather = [&](const std::vector<Index>& nodes, bool current) {
    MatX x(3, static_cast<Index>(nodes.size()));
    for (size_t a = 0; a < nodes.size(); ++a)
      x.col(static_cast<Index>(a)) =
          m.points[nodes[a]] + (current ? Vec3(u.segment<3>(3 * nodes[a])) : Vec3::Zero());
    return x;
  };
  auto add = [&](const std::vector<Index>& nodes, const VecX& re, const MatX* Ke) {
    for (size_t a = 0; a < nodes.size(); ++a)
      r.segment<3>(3 * nodes[a]) += re.segment<3>(3 * static_cast<Index>(a));
    if (K && Ke) plan_.scatter(nodes, *Ke, *K);
  };
  VecX re;
  MatX Ke;
  for (const auto& bc : model_.nodal_forces) {
    const Vec3 f = bc.force * model_.curves[bc.curve](t);
    for (Index node : bc.nodes) r.segment<3>(3 * node) -= f;
  }
  for (const auto& bc : model_.pressures) {
    const Real p = bc.pressure * model_.curves[bc.curve](t);
    for (const auto& facet : bc.facets) {
      const auto nodes = m.facet_nodes(facet);
      follower_pressure(gather(nodes, true), p, re, K ? &Ke : nullptr);
      add(nodes, re, K ? &Ke : nullptr);
    }
  }
  for (const auto& bc : model_.tractions) {
    const Vec3 tr = bc.traction * model_.curves[bc.curve](t);
    for (const auto& facet : bc.facets) {
      const auto nodes = m.facet_nodes(facet);
      dead_traction(gather(nodes, false), tr, re);
      add(nodes, re, nullptr);
    }
  }
  size_t k = 0;
  for (const auto& bc : model_.foundations)
    for (const auto& facet : bc.facets) {
      const auto nodes = m.facet_nodes(facet);
      const MatX& M = foundation_mass_[k++];
      const Index n = M.rows();
      Ke.setZero(3 * n, 3 * n);
      for (Index a = 0; a < n; ++a)
        for (Index b = 0; b < n; ++b)
          Ke.block<3, 3>(3 * a, 3 * b).diagonal().setConstant(bc.stiffness * M(a, b));
      VecX ue(3 * n);
      for (Index a = 0; a < n; ++a) ue.segment<3>(3 * a) = u.segment<3>(3 * nodes[a]);
      re = Ke * ue;
      add(nodes, re, &Ke);
    }
}

MatX MechanicsProblem::near_null_space() const { return rigid_body_modes(model_.mesh.points); }

bool MechanicsProblem::is_symmetric() const {
  if (!model_.pressures.empty()) return false;
  return std::all_of(couplings_.begin(), couplings_.end(),
                     [](const auto& c) { return c->is_symmetric(); });
}

void MechanicsProblem::commit(const VecX& u_in, Real t) {
  const VecX u = ties_.tied(u_in);
  const bool any_state =
      std::any_of(laws_.begin(), laws_.end(), [](const LawState& l) { return !l.state.empty(); });
  set_time_step(t);
  if (any_state) {
    const auto states = point_states(u);
    for (Index c = 0; c < model_.mesh.n_cells(); ++c) {
      const auto* material = cells_[c].material;
      if (law_state(material)->state.empty()) continue;
      for (Index p = model_.point_offset[c]; p < model_.point_offset[c + 1]; ++p) {
        const Mat3& F = states[p].F;
        material->update_state(F.transpose() * F, fields_[p]);
      }
    }
  }
  for (auto& c : couplings_) c->commit(u, t);
  committed_time_ = t;
}

void MechanicsProblem::apply_cycles(std::int64_t n) {
  for (Index c = 0; c < model_.mesh.n_cells(); ++c) {
    const auto* material = cells_[c].material;
    if (law_state(material)->state.empty()) continue;
    for (Index p = model_.point_offset[c]; p < model_.point_offset[c + 1]; ++p)
      material->apply_cycles(n, fields_[p]);
  }
}

// Every distinct law's declarations, once; the declared state starts at its initial values.
void MechanicsProblem::declare_state() {
  for (const auto& info : cells_) {
    if (law_state(info.material)) continue;
    laws_.push_back({info.material, info.material->state_variables(),
                     info.material->point_outputs()});
    for (const auto& v : laws_.back().state)
      if (std::none_of(declared_state_.begin(), declared_state_.end(),
                       [&](const auto& d) { return d.name == v.name; }))
        declared_state_.push_back(v);
    for (const auto& o : laws_.back().outputs)
      if (std::none_of(declared_outputs_.begin(), declared_outputs_.end(),
                       [&](const auto& d) { return d.name == o.name; }))
        declared_outputs_.push_back(o);
  }
  for (Index c = 0; c < model_.mesh.n_cells(); ++c)
    if (!law_state(cells_[c].material)->state.empty())
      for (Index p = model_.point_offset[c]; p < model_.point_offset[c + 1]; ++p)
        materials::initialise_state(*cells_[c].material, fields_[p]);
}

const MechanicsProblem::LawState* MechanicsProblem::law_state(const materials::Material* m) const {
  for (const auto& l : laws_)
    if (l.material == m) return &l;
  return nullptr;
}

ProblemState MechanicsProblem::state() const {
  ProblemState s{fields_, {}, committed_time_};
  for (const auto& c : couplings_) s.couplings.push_back(c->clone());
  return s;
}

void MechanicsProblem::set_state(const ProblemState& s) {
  if (s.fields.size() != fields_.size() || s.couplings.size() != couplings_.size())
    throw std::invalid_argument("problem state does not match the model");
  fields_ = s.fields;
  couplings_ = clone_all(s.couplings);
  committed_time_ = s.time;
}

void MechanicsProblem::restart_clock(Real t) {
  committed_time_ = t;
  for (auto& c : couplings_) c->restart_clock(t);
}

namespace {

// The number of components `name` has in its declarations (1 when none declares it); throws when
// two laws disagree.
template <class Decl>
int declared_components(const std::vector<Decl>& declared, const std::string& name) {
  for (const auto& d : declared)
    if (d.name == name) return d.components;
  return 1;
}

}  // namespace

MechanicsProblem::PointValues MechanicsProblem::point_output(const std::string& name) const {
  PointValues out;
  out.components = declared_components(declared_outputs_, name);
  const auto n = static_cast<size_t>(out.components);
  out.values.assign(fields_.size() * n, 0.0);
  for (Index c = 0; c < model_.mesh.n_cells(); ++c)
    for (const auto& o : law_state(cells_[c].material)->outputs) {
      if (o.name != name) continue;
      if (o.components != out.components)
        throw std::invalid_argument("point output '" + name + "' is declared with " +
                                    std::to_string(o.components) + " and " +
                                    std::to_string(out.components) + " components");
      for (Index p = model_.point_offset[c]; p < model_.point_offset[c + 1]; ++p)
        o.evaluate(fields_[p], out.values.data() + static_cast<size_t>(p) * n);
    }
  return out;
}

MechanicsProblem::PointValues MechanicsProblem::state_variable(const std::string& name) const {
  PointValues out;
  out.components = declared_components(declared_state_, name);
  const auto n = static_cast<size_t>(out.components);
  out.values.assign(fields_.size() * n, 0.0);
  for (Index c = 0; c < model_.mesh.n_cells(); ++c)
    for (const auto& v : law_state(cells_[c].material)->state) {
      if (v.name != name) continue;
      if (v.components != out.components)
        throw std::invalid_argument("state variable '" + name + "' is declared with " +
                                    std::to_string(v.components) + " and " +
                                    std::to_string(out.components) + " components");
      for (Index p = model_.point_offset[c]; p < model_.point_offset[c + 1]; ++p)
        for (size_t k = 0; k < n; ++k)
          out.values[static_cast<size_t>(p) * n + k] =
              fields_[p].state[static_cast<size_t>(v.offset) + k];
    }
  return out;
}

std::vector<PointState> MechanicsProblem::point_states(const VecX& u_in) const {
  const VecX u = ties_.tied(u_in);
  std::vector<PointState> out(model_.point_fields.size());
  // The residual is not wanted here; the kernels write it to a scratch vector.
  VecX scratch = VecX::Zero(n_dofs());
  for (Index c = 0; c < model_.mesh.n_cells(); ++c)
    assemble_cell(c, u, scratch, nullptr, out.data() + model_.point_offset[c]);
  return out;
}

Real MechanicsProblem::strain_energy(const VecX& u_in) const {
  const VecX u = ties_.tied(u_in);
  Real W = 0.0;
  for (Index c = 0; c < model_.mesh.n_cells(); ++c) {
    const auto nodes = model_.mesh.cell_nodes(c);
    const auto* fields = fields_.data() + model_.point_offset[c];
    const auto& info = cells_[c];
    if (model_.mesh.cell_type(c) == CellType::Hex8) {
      NodalMatrix<8> ue;
      for (int a = 0; a < 8; ++a) ue.col(a) = u.segment<3>(3 * nodes[a]);
      W += info.formulation == Formulation::MeanDilatation
               ? mean_dilatation_hex8_energy(*info.material, fields, geometry(c), ue)
               : standard_element_energy<8, 8>(*info.material, fields, geometry(c), ue);
    } else {
      NodalMatrix<4> ue;
      for (int a = 0; a < 4; ++a) ue.col(a) = u.segment<3>(3 * nodes[a]);
      W += standard_element_energy<4, 1>(*info.material, fields, geometry(c), ue);
    }
  }
  return W;
}

Vec3 MechanicsProblem::set_force(const std::vector<Index>& nodes, const VecX& r) const {
  Vec3 f = Vec3::Zero();
  for (Index n : nodes) f += r.segment<3>(3 * n);
  return f;
}

}  // namespace sinew::fem
