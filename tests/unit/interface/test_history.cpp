// History handling of InterfaceSet: add() and the queries never change it, commit() does, clone()
// copies it and is independent; node groups, bond bookkeeping (intact fraction), input
// validation.
#include <stdexcept>

#include "interface_test_support.hpp"

namespace sinew::interface::test {
namespace {

void expect_same_history(const InterfaceSet& a, const InterfaceSet& b) {
  ASSERT_EQ(a.n_gauss_points(), b.n_gauss_points());
  for (Index q = 0; q < a.n_gauss_points(); ++q) {
    const PointHistory& x = a.history()[static_cast<size_t>(q)];
    const PointHistory& y = b.history()[static_cast<size_t>(q)];
    EXPECT_EQ(x.damage, y.damage);
    EXPECT_EQ(x.viscous_damage, y.viscous_damage);
    EXPECT_EQ(x.max_separation, y.max_separation);
    EXPECT_EQ(x.slip, y.slip);
    EXPECT_EQ(x.bond_energy, y.bond_energy);
    EXPECT_EQ(x.damage_dissipation, y.damage_dissipation);
    EXPECT_EQ(x.friction_dissipation, y.friction_dissipation);
  }
  EXPECT_EQ(a.committed_time(), b.committed_time());
}

/// A sheared and pressed state (damaging bonds, friction slipping) scaled by s.
VecX damaging_state(const StackedBlocks& b, Real s) {
  return translate_secondary(b, Vec3(0.04 * s, 0.01 * s, -0.002));
}

TEST(History, AddAndQueriesDoNotChangeItCommitDoes) {
  const auto b = stacked_blocks();
  InterfaceParameters p;
  p.friction_coefficient = 0.3;
  p.viscosity = 0.1;
  InterfaceSet set(b.mesh, {b.pair}, p, 0.8);
  set.commit(damaging_state(b, 1.0), 1.0);
  const InterfaceSet before = set;
  EXPECT_GT(before.history()[0].damage, 0.0);

  const fem::AssemblyPlan plan(b.mesh.n_nodes(), set.node_groups());
  SparseMatrix K = plan.pattern();
  VecX r = VecX::Zero(3 * b.mesh.n_nodes());
  const VecX u2 = damaging_state(b, 2.0);
  set.add(u2, 2.0, r, &K, plan);
  set.evaluate(u2, 2.0);
  set.total_force(u2, 2.0);
  expect_same_history(set, before);

  set.commit(u2, 2.0);
  EXPECT_GT(set.history()[0].damage, before.history()[0].damage);
  EXPECT_GT(set.history()[0].slip.norm(), before.history()[0].slip.norm());
  EXPECT_EQ(set.committed_time(), 2.0);
  // The trial state that evaluate() reported is what commit() stored.
  const auto trial = before.evaluate(u2, 2.0);
  EXPECT_EQ(trial[0].damage, set.point_info()[0].damage);
  EXPECT_EQ(trial[0].slip, set.point_info()[0].slip);
}

TEST(History, CloneCopiesHistoryAndIsIndependent) {
  const auto b = stacked_blocks();
  InterfaceParameters p;
  p.friction_coefficient = 0.3;
  InterfaceSet set(b.mesh, {b.pair}, p, 1.0);
  set.commit(damaging_state(b, 1.0), 1.0);
  const std::unique_ptr<fem::Coupling> copy = set.clone();
  auto* clone = dynamic_cast<InterfaceSet*>(copy.get());
  ASSERT_NE(clone, nullptr);
  expect_same_history(*clone, set);
  EXPECT_FALSE(clone->is_symmetric());

  const InterfaceSet clone_before = *clone;
  set.commit(damaging_state(b, 3.0), 2.0);
  expect_same_history(*clone, clone_before);  // the original's commit leaves the clone alone

  const InterfaceSet set_before = set;
  clone->commit(damaging_state(b, 5.0), 3.0);
  expect_same_history(set, set_before);  // and vice versa
  EXPECT_GT(clone->history()[0].damage, set.history()[0].damage);
}

TEST(History, NodeGroupsArePrimaryThenSecondary) {
  const auto b = stacked_blocks();
  InterfaceSet set(b.mesh, {b.pair}, InterfaceParameters{}, 1.0);
  const auto groups = set.node_groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<Index>{4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(set.n_gauss_points(), 4);
  Real area = 0.0;
  for (const auto& info : set.point_info()) {
    area += info.weight;
    EXPECT_NEAR(info.reference_position.z(), 1.0, 1e-15);
  }
  EXPECT_NEAR(area, 1.0, 1e-15);
}

/// Two separate unit quad pairs (x in [0, 1] and [2, 3]) in the plane z = 0.
mesh::Mesh two_facets(std::vector<InterfacePair>& pairs) {
  mesh::Mesh m;
  pairs.clear();
  for (Real x0 : {0.0, 2.0}) {
    InterfacePair pr;
    for (int side = 0; side < 2; ++side)
      for (int a = 0; a < 4; ++a) {
        const Real x = x0 + (a == 1 || a == 2 ? 1.0 : 0.0), y = a >= 2 ? 1.0 : 0.0;
        (side == 0 ? pr.primary : pr.secondary)[a] = static_cast<Index>(m.points.size());
        m.points.emplace_back(x, y, 0.0);
      }
    pairs.push_back(pr);
  }
  return m;
}

TEST(History, IntactFractionWeighsBondDensityAndArea) {
  std::vector<InterfacePair> pairs;
  const mesh::Mesh m = two_facets(pairs);
  const auto p = distinct_modes();
  InterfaceSet set(m, pairs, p, {1.0, 0.5}, RhoLayout::PerPair);
  EXPECT_NEAR(set.initial_bond_area(), 1.5, 1e-14);
  EXPECT_EQ(set.intact_fraction(), 1.0);
  // Open the first pair past failure: only the second pair's bonds remain.
  VecX u = VecX::Zero(3 * static_cast<Index>(m.points.size()));
  for (int a = 0; a < 4; ++a) u(3 * pairs[0].secondary[a] + 2) = 1.0;
  set.commit(u, 1.0);
  EXPECT_NEAR(set.intact_bond_area(), 0.5, 1e-14);
  EXPECT_NEAR(set.intact_fraction(), 0.5 / 1.5, 1e-14);
  for (const auto& info : set.point_info()) EXPECT_EQ(info.intact, info.pair == 0 ? 0.0 : 0.5);
  // Per Gauss point densities; no bonds at all counts as intact (nothing could break).
  InterfaceSet none(m, pairs, p, std::vector<Real>(8, 0.0));
  none.commit(u, 1.0);
  EXPECT_EQ(none.intact_fraction(), 1.0);
  EXPECT_EQ(none.damage_dissipated_energy(), 0.0);
}

TEST(History, RejectsBadInput) {
  std::vector<InterfacePair> pairs;
  const mesh::Mesh m = two_facets(pairs);
  const InterfaceParameters p;
  EXPECT_THROW(InterfaceSet(m, pairs, p, 1.5), std::invalid_argument);  // rho > 1
  EXPECT_THROW(InterfaceSet(m, pairs, p, std::vector<Real>(3, 1.0)), std::invalid_argument);
  auto bad = pairs;
  bad[0].n_nodes = 5;
  EXPECT_THROW(InterfaceSet(m, bad, p, 1.0), std::invalid_argument);
  bad = pairs;
  bad[0].secondary[0] = 99;
  EXPECT_THROW(InterfaceSet(m, bad, p, 1.0), std::invalid_argument);
  bad = pairs;
  bad[0].secondary[0] = bad[0].primary[0];  // not duplicated
  EXPECT_THROW(InterfaceSet(m, bad, p, 1.0), std::invalid_argument);
  bad = pairs;
  std::swap(bad[0].secondary[0], bad[0].secondary[1]);  // not coincident
  EXPECT_THROW(InterfaceSet(m, bad, p, 1.0), std::invalid_argument);
  auto weak = p;
  weak.mode_I_energy = 1e-5;  // below sigma_n^2 / (2 K) = 1.25e-4
  EXPECT_THROW(InterfaceSet(m, pairs, weak, 1.0), ParameterError);
}

}  // namespace
}  // namespace sinew::interface::test
