// Uniaxial tension of a cube against the semi-analytic stress-stretch curve: neo-Hookean to
// stretch 1.5, and HGO (coupled and uncoupled, fibres along and across the load) to 1.1, at 10
// equal load steps on a 10^3 hex8 mesh.
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"

namespace sinew::testing {
namespace {

/// Lateral stretches (l2, l3) with S22 = S33 = 0 at axial stretch l1 for F = diag(l1, l2, l3),
/// by Newton on the material's own stress and tangent; returns the nominal stress P11 (MPa).
Real semi_analytic_p11(const materials::Material& m, const materials::PointFields& p, Real l1) {
  Real l2 = 1.0, l3 = 1.0;
  for (int it = 0; it < 100; ++it) {
    const Mat3 C = Vec3(l1 * l1, l2 * l2, l3 * l3).asDiagonal();
    const auto st = materials::total_stress_tangent(m, C, p);
    const Eigen::Vector2d r(st.S(1, 1), st.S(2, 2));
    if (r.norm() < 1e-14 * (1 + std::abs(st.S(0, 0)))) break;
    // dS_ii / d l_j = D_ij * dE_jj / d l_j = D_ij * l_j.
    Eigen::Matrix2d Jm;
    Jm << st.D(1, 1) * l2, st.D(1, 2) * l3, st.D(2, 1) * l2, st.D(2, 2) * l3;
    const Eigen::Vector2d d = Jm.fullPivLu().solve(-r);
    l2 += d[0];
    l3 += d[1];
  }
  const Mat3 C = Vec3(l1 * l1, l2 * l2, l3 * l3).asDiagonal();
  return l1 * materials::total_stress_tangent(m, C, p).S(0, 0);
}

struct UniaxialCase {
  std::string name;
  std::string material_yaml;
  std::string formulation;
  Vec3 fibre;
  Real final_stretch;
};

std::ostream& operator<<(std::ostream& os, const UniaxialCase& c) { return os << c.name; }

class UniaxialTension : public ::testing::TestWithParam<UniaxialCase> {};

TEST_P(UniaxialTension, MatchesSemiAnalyticCurveAtEveryStep) {
  const auto& c = GetParam();
  const std::string yaml = R"(
mesh: {generator: box, size: [1, 1, 1], divisions: [10, 10, 10], cell: hex8}
materials:
  tissue: )" + c.material_yaml +
                           R"(
fibre: [)" + std::to_string(c.fibre.x()) +
                           ", " + std::to_string(c.fibre.y()) + ", " + std::to_string(c.fibre.z()) +
                           R"(]
regions: [{elements: all, material: tissue, formulation: )" +
                           c.formulation + R"(}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: )" +
                           std::to_string(c.final_stretch - 1.0) + R"(}
steps: [{name: stretch, increments: 10, adaptive: false}]
solver: {residual_tolerance: 1.0e-12, residual_absolute: 0, linear: cholmod}
output: {reactions: [x1]}
)";
  auto def = load(yaml);
  const auto result = solve(def);
  ASSERT_TRUE(result.completed) << result.failure;
  ASSERT_EQ(result.outputs.size(), 11u);  // the undeformed state at t = 0, then 10 increments
  EXPECT_EQ(result.outputs[0].record.t, 0.0);
  EXPECT_NEAR(result.outputs[0].reactions.at("x1").norm(), 0.0, 1e-12);
  const auto& material = *def.model.regions[0].material;
  const auto fields = def.model.point_fields[0];
  for (size_t k = 1; k < result.outputs.size(); ++k) {
    const auto& out = result.outputs[k];
    const Real stretch = 1.0 + (c.final_stretch - 1.0) * out.record.t;
    const Real expected = semi_analytic_p11(material, fields, stretch);  // face area 1 mm^2
    const Real got = out.reactions.at("x1").x();
    EXPECT_NEAR(got / expected, 1.0, 1e-6)
        << "stretch " << stretch << ": " << got << " vs " << expected;
  }
}

const std::string kHgo = "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 100.0}";
const std::string kHgoCoupled =
    "{type: hgo-coupled, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 100.0}";

INSTANTIATE_TEST_SUITE_P(
    Cube, UniaxialTension,
    ::testing::Values(
        UniaxialCase{"neo_hookean_to_1_5", "{type: neo-hookean, E: 1.0, nu: 0.3}", "standard",
                     Vec3::UnitX(), 1.5},
        UniaxialCase{"hgo_uncoupled_fibres_along", kHgo, "mean-dilatation", Vec3::UnitX(), 1.1},
        UniaxialCase{"hgo_uncoupled_fibres_across", kHgo, "mean-dilatation", Vec3::UnitY(), 1.1},
        UniaxialCase{"hgo_coupled_fibres_along", kHgoCoupled, "standard", Vec3::UnitX(), 1.1},
        UniaxialCase{"hgo_coupled_fibres_across", kHgoCoupled, "standard", Vec3::UnitY(), 1.1}),
    [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace sinew::testing

namespace sinew::testing {
namespace {

// BFGS (one factorisation per step, inverse updates in between) reaches the same equilibrium as
// full Newton on the stiff-fibre HGO case, with fewer factorisations.
TEST(UniaxialTensionBfgs, SameAnswerAsFullNewtonWithFewerFactorisations) {
  auto run = [](const std::string& strategy, int* factorizations) {
    auto def = load(R"(
mesh: {generator: box, size: [1, 1, 1], divisions: [4, 4, 4], cell: hex8}
materials: {tissue: {type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 100.0}}
regions: [{elements: all, material: tissue, formulation: mean-dilatation}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1}
steps: [{increments: 10, adaptive: false}]
solver: {residual_tolerance: 1.0e-12, linear: cholmod, strategy: )" +
                    strategy + R"(}
output: {reactions: [x1]}
)");
    const auto result = solve(def);
    EXPECT_TRUE(result.completed) << result.failure;
    *factorizations = 0;
    for (const auto& o : result.outputs) *factorizations += o.record.factorizations;
    return result.outputs.back().reactions.at("x1").x();
  };
  int f_newton = 0, f_bfgs = 0;
  const Real full = run("newton", &f_newton);
  const Real quasi = run("bfgs", &f_bfgs);
  EXPECT_NEAR(quasi / full, 1.0, 1e-9);
  EXPECT_LT(f_bfgs, f_newton);
}

}  // namespace
}  // namespace sinew::testing
