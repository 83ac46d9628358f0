// Interface surface mesh, per-facet averages of the interface state and their output fields.
#include "interface/facet_fields.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "fem/mechanics_problem.hpp"

namespace sinew::interface {

namespace {

template <class Ptr>
std::vector<const InterfaceSet*> find_sets(const std::vector<Ptr>& couplings) {
  std::vector<const InterfaceSet*> out;
  for (const auto& c : couplings)
    if (const auto* s = dynamic_cast<const InterfaceSet*>(c.get())) out.push_back(s);
  return out;
}

constexpr std::uint8_t kVtkTriangle = 5, kVtkQuad = 9;

}  // namespace

std::vector<const InterfaceSet*> interface_sets(
    const std::vector<std::shared_ptr<const fem::Coupling>>& couplings) {
  return find_sets(couplings);
}

std::vector<const InterfaceSet*> interface_sets(
    const std::vector<std::unique_ptr<fem::Coupling>>& couplings) {
  return find_sets(couplings);
}

InterfaceMesh interface_mesh(const mesh::Mesh& mesh, const std::vector<const InterfaceSet*>& sets) {
  InterfaceMesh m;
  for (const auto* s : sets)
    for (const auto& pr : s->pairs())
      for (int a = 0; a < pr.n_nodes; ++a) m.node_ids.push_back(pr.primary[static_cast<size_t>(a)]);
  std::sort(m.node_ids.begin(), m.node_ids.end());
  m.node_ids.erase(std::unique(m.node_ids.begin(), m.node_ids.end()), m.node_ids.end());
  for (Index n : m.node_ids) {
    if (n < 0 || n >= mesh.n_nodes())
      throw std::invalid_argument("interface_mesh: node " + std::to_string(n) +
                                  " is not in the mesh");
    for (int k = 0; k < 3; ++k) m.points.push_back(mesh.points[static_cast<size_t>(n)][k]);
  }
  auto point_of = [&](Index node) {
    return static_cast<Index>(std::lower_bound(m.node_ids.begin(), m.node_ids.end(), node) -
                              m.node_ids.begin());
  };
  for (const auto* s : sets) {
    const auto info = s->point_info();
    for (Index k = 0; k < s->n_pairs(); ++k) {
      const auto& pr = s->pairs()[static_cast<size_t>(k)];
      for (int a = 0; a < pr.n_nodes; ++a) {
        m.connectivity.push_back(point_of(pr.primary[static_cast<size_t>(a)]));
        m.secondary_node_ids.push_back(pr.secondary[static_cast<size_t>(a)]);
      }
      m.offsets.push_back(static_cast<Index>(m.connectivity.size()));
      m.types.push_back(pr.n_nodes == 4 ? kVtkQuad : kVtkTriangle);
      Real area = 0.0, rho = 0.0;
      for (Index q = s->first_gauss_point(k); q < s->first_gauss_point(k + 1); ++q) {
        const auto& p = info[static_cast<size_t>(q)];
        area += p.weight;
        rho += p.weight * p.rho;
      }
      m.area.push_back(area);
      m.adhesion_density.push_back(area > 0.0 ? rho / area : 0.0);
    }
  }
  return m;
}

InterfaceFields interface_averages(const InterfaceMesh& imesh,
                                   const std::vector<const InterfaceSet*>& sets, const VecX& u,
                                   Real t) {
  Index pairs = 0;
  for (const auto* s : sets) pairs += s->n_pairs();
  if (pairs != imesh.n_cells())
    throw std::invalid_argument("interface_averages: " + std::to_string(pairs) +
                                " interface pairs, the interface mesh has " +
                                std::to_string(imesh.n_cells()) + " cells");
  const auto F = static_cast<size_t>(imesh.n_cells());
  InterfaceFields f;
  f.adhesion.assign(F, 0.0);
  f.bond_damage.assign(F, 0.0);
  f.slip.assign(F, 0.0);
  f.tangential_gap.assign(F, 0.0);
  f.normal_gap.assign(F, 0.0);
  f.traction.assign(3 * F, 0.0);
  size_t cell = 0;
  for (const auto* s : sets) {
    const auto info = s->point_info();
    const auto state = s->evaluate(u, t);
    for (Index k = 0; k < s->n_pairs(); ++k, ++cell) {
      Real w_sum = 0.0, bonds = 0.0;
      Vec3 traction = Vec3::Zero();
      for (Index q = s->first_gauss_point(k); q < s->first_gauss_point(k + 1); ++q) {
        const auto& p = info[static_cast<size_t>(q)];
        const auto& e = state[static_cast<size_t>(q)];
        const Real w = p.weight;
        w_sum += w;
        f.adhesion[cell] += w * p.intact;
        bonds += w * p.rho;
        f.bond_damage[cell] += w * p.rho * p.damage;
        f.slip[cell] += w * p.slip;
        f.tangential_gap[cell] += w * e.tangential_gap;
        f.normal_gap[cell] += w * e.normal_gap;
        traction += w * e.traction;
      }
      const Real inv = w_sum > 0.0 ? 1.0 / w_sum : 0.0;
      for (auto* v : {&f.adhesion, &f.slip, &f.tangential_gap, &f.normal_gap}) (*v)[cell] *= inv;
      // Weighted by the bonds: the fraction of the facet's bonds that are broken, so that
      // adhesion = adhesion_density (1 - bond_damage) holds per facet.
      f.bond_damage[cell] = bonds > 0.0 ? f.bond_damage[cell] / bonds : 0.0;
      for (int c = 0; c < 3; ++c) f.traction[3 * cell + static_cast<size_t>(c)] = traction(c) * inv;
    }
  }
  f.displacement.resize(3 * imesh.node_ids.size());
  for (size_t i = 0; i < imesh.node_ids.size(); ++i) {
    const Index n = imesh.node_ids[i];
    if (3 * n + 2 >= u.size())
      throw std::invalid_argument("interface_averages: u has no entry for node " +
                                  std::to_string(n));
    for (int c = 0; c < 3; ++c) f.displacement[3 * i + static_cast<size_t>(c)] = u[3 * n + c];
  }
  return f;
}

namespace {

using fem::Association;
using fem::FieldContext;
using fem::FieldKind;
using fem::OutputField;

// The facet averages of one state, shared by the interface's fields of one context.
const InterfaceFields& averages(const FieldContext& c, const InterfaceMesh& imesh) {
  return c.shared<InterfaceFields>("interface.averages", [&] {
    return interface_averages(imesh, interface_sets(c.problem().couplings()), c.u(), c.t());
  });
}

}  // namespace

std::vector<OutputField> interface_output_fields(std::shared_ptr<const InterfaceMesh> imesh) {
  auto field = [&](const char* name, Association a, int components, const char* units,
                   const char* doc, std::vector<Real> InterfaceFields::*member) {
    return OutputField{
        name, a, components, units, doc, FieldKind::Output, [imesh, member](const FieldContext& c) {
          return averages(c, *imesh).*member;
        }};
  };
  return {
      field("displacement", Association::FacetPoint, 3, "mm",
            "displacement of the interface points (= rows node_ids of /fields/displacement) "
            "(step, point, x/y/z)",
            &InterfaceFields::displacement),
      field("adhesion", Association::Facet, 1, "1",
            "intact bond density rho (1 - D) of the committed state (step, facet)",
            &InterfaceFields::adhesion),
      field("bond_damage", Association::Facet, 1, "1",
            "bond damage D in [0, 1] of the committed state, the damage acting on the bonds "
            "(rate-dependent D_v; = D without viscosity), mean weighted by the bond density: the "
            "fraction of the facet's bonds that are broken (0 without bonds) (step, facet)",
            &InterfaceFields::bond_damage),
      field("slip", Association::Facet, 1, "mm",
            "committed friction slip |s| (the frictional, irreversible part of the tangential "
            "gap) (step, facet)",
            &InterfaceFields::slip),
      field("tangential_gap", Association::Facet, 1, "mm",
            "tangential gap |g_t|: sliding of the secondary body relative to the primary one at "
            "the step (step, facet)",
            &InterfaceFields::tangential_gap),
      field("normal_gap", Association::Facet, 1, "mm",
            "normal gap g_n along the current mid-surface normal (> 0 opening, < 0 penetration) "
            "(step, facet)",
            &InterfaceFields::normal_gap),
      field("traction", Association::Facet, 3, "MPa",
            "interface traction on the primary body per unit reference area (bonds, contact and "
            "friction) (step, facet, x/y/z)",
            &InterfaceFields::traction),
  };
}

namespace {

// Area-weighted facet means of one declared variable over every set's Gauss points.
std::vector<double> facet_state_means(const FieldContext& c, const InterfaceMesh& imesh,
                                      const materials::StateVariable& v) {
  const auto sets = interface_sets(c.problem().couplings());
  const auto n = static_cast<size_t>(v.components);
  std::vector<double> out(static_cast<size_t>(imesh.n_cells()) * n, 0.0);
  size_t cell = 0;
  for (const auto* s : sets) {
    const auto vars = s->state_variables();
    size_t width = 0;
    for (const auto& d : vars)
      width = std::max(width, static_cast<size_t>(d.offset + d.components));
    const auto values = s->state_values();
    const auto& w = s->gauss_weights();
    for (Index k = 0; k < s->n_pairs(); ++k, ++cell) {
      Real area = 0.0;
      for (Index q = s->first_gauss_point(k); q < s->first_gauss_point(k + 1); ++q) {
        const auto i = static_cast<size_t>(q);
        area += w[i];
        for (size_t j = 0; j < n; ++j)
          out[cell * n + j] += w[i] * values[i * width + static_cast<size_t>(v.offset) + j];
      }
      for (size_t j = 0; j < n; ++j)
        out[cell * n + j] = area > 0.0 ? out[cell * n + j] / area : 0.0;
    }
  }
  if (cell != static_cast<size_t>(imesh.n_cells()))
    throw std::invalid_argument("interface state: the interface mesh does not match the sets");
  return out;
}

}  // namespace

std::vector<OutputField> interface_state_fields(std::shared_ptr<const InterfaceMesh> imesh,
                                                const std::vector<const InterfaceSet*>& sets) {
  std::vector<OutputField> out;
  if (sets.empty()) return out;
  for (const auto& v : sets.front()->state_variables())
    out.push_back({v.name, Association::Facet, v.components, v.units,
                   v.description + ", area-weighted mean over the facet's Gauss points",
                   FieldKind::State,
                   [imesh, v](const FieldContext& c) { return facet_state_means(c, *imesh, v); }});
  return out;
}

std::vector<fem::StaticField> interface_static_fields(const InterfaceMesh& imesh) {
  return {{"adhesion_density", Association::Facet, 1, "1",
           "initial bond density rho in [0, 1] (interface adhesion_density blended toward the "
           "scars' adhesion_density), area-weighted mean over the facet's Gauss points; constant "
           "in time (facet)",
           true, imesh.adhesion_density},
          {"area", Association::Facet, 1, "mm^2",
           "reference area of each facet (sum of its Gauss points' weights)", true, imesh.area}};
}

}  // namespace sinew::interface
