// Patch loads of the interventions on the true footprint (patch_footprint.hpp,
// patch_coupling.hpp): on a flat bed the thumb and the instrument edge cover exactly length x
// width, press with exactly their force at the mean pressure F / area, and put the load's centre
// at the patch centre, on two meshes of different facet size; the grip holds at most mu F; the
// coupling's tangent is its residual's derivative (finite differences).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>

#include "fem/assembly_plan.hpp"
#include "interventions/load_case_model.hpp"
#include "model/model_definition.hpp"
#include "study_test_support.hpp"

namespace sinew::interventions {
namespace {

std::unique_ptr<Intervention> make(const std::string& name,
                                   const std::map<std::string, Real>& given) {
  const auto& registry = scenario::testing::intervention_registry();
  return registry.create(name, resolve_parameters(registry.entry(name).parameters, given));
}

LoadCase first_case(const Intervention& i) { return i.load_cases().front(); }

constexpr Real kT0 = 3.0;

// A 60 x 40 mm fascia band on a 4 mm underlay, the scar at its middle (x = 30): the bed (the
// underlay's bottom face, z = -4) is flat and pressed from below. `nx` x `ny` facets.
model::ModelDefinition band(int nx, int ny) {
  const std::string text = R"(mesh:
  generator: fascia_band
  length: 60
  width: 40
  thickness: 2
  underlay_thickness: 4
  divisions: {length: )" + std::to_string(nx) +
                           ", width: " + std::to_string(ny) + R"(, thickness: 1, underlay: 1}
materials:
  fascia: {type: hgo, c: 1, k1: 42.5, k2: 19.1, kappa: 0, k: 1000}
  pad: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: fascia, elements: fascia, material: fascia, formulation: mean-dilatation}
  - {name: pad, elements: underlay, material: pad}
fibre: [1, 0, 0]
scars:
  - {name: origin, shape: box, centre: [30, 0, 1], half_sizes: [5, 4, 1], falloff: 0.5,
     adhesion_density: 1.0}
interface: {adhesion_density: 0.0, friction_coefficient: 0.016, bond_stiffness: 10.0,
            normal_strength: 0.05, shear_strength: 0.05, mode_I_fracture_energy: 0.01,
            mode_II_fracture_energy: 0.01}
boundary:
  - {type: fixed, nodes: fascia_distal, components: [x, y, z]}
steps:
  - {name: tension, duration: 1.0, increments: 1}
)";
  return model::load_model_text(text, "band.yaml", scenario::testing::material_registry());
}

struct Footprint {
  Real force = 0.0, area = 0.0, pressure = 0.0;
  Vec3 load = Vec3::Zero();    // resultant on the body, N
  Vec3 centre = Vec3::Zero();  // centre of the nodal normal forces, mm
};

Footprint footprint(const fem::Model& model, Real t) {
  const PatchCoupling* c = patch_coupling(model);
  EXPECT_NE(c, nullptr);
  Footprint f;
  if (!c) return f;
  f.force = c->normal_force(t);
  f.area = c->covered_area(t);
  f.pressure = c->pressure(t);
  const VecX u = VecX::Zero(3 * static_cast<Index>(model.mesh.points.size()));
  VecX r = VecX::Zero(u.size());
  const fem::AssemblyPlan plan(static_cast<Index>(model.mesh.points.size()), c->node_groups());
  c->add(u, t, r, nullptr, plan);
  Real weight = 0.0;
  for (size_t n = 0; n < model.mesh.points.size(); ++n) {
    const Vec3 fn = -r.segment<3>(3 * static_cast<Index>(n));
    f.load += fn;
    f.centre += fn.z() * model.mesh.points[n];
    weight += fn.z();
  }
  if (weight != 0.0) f.centre /= weight;
  return f;
}

// ART's thumb (15 x 15 mm, 50 N) and the IASTM edge (2 x 30 mm, 6 N) on two meshes whose facets
// are 10 x 10 mm and 3.53 x 3.64 mm (no facet boundary on the patch edges): the same area,
// force, mean pressure and load centre, to round-off.
TEST(PatchFootprint, ThumbAndEdgeCoverTheirAreaWhateverTheFacetSize) {
  struct Patch {
    const char* intervention;
    std::map<std::string, Real> given;
    Real force, area, time;
  };
  const std::vector<Patch> patches{
      {"active_release", {{"thumb_force", 50}, {"position", 2}}, 50.0, 225.0, 1.0},
      {"instrument_mobilisation", {{"stroke_start", -15}, {"stroke_end", 15}}, 6.0, 60.0, 0.6}};
  for (const auto& [nx, ny] : {std::pair{6, 4}, std::pair{17, 11}}) {
    const auto def = band(nx, ny);
    const auto frame = loading_frame(def.model, def.tissue, 0.01);
    ASSERT_NEAR(frame.side.z(), -1.0, 1e-12);
    for (const auto& p : patches) {
      SCOPED_TRACE(std::string(p.intervention) + " on " + std::to_string(nx) + " x " +
                   std::to_string(ny));
      const auto c = first_case(*make(p.intervention, p.given));
      const auto model = load_case_model(def.model, def.tissue, frame, c, kT0);
      const auto f = footprint(model, kT0 + p.time);
      EXPECT_NEAR(f.area, p.area, 1e-9 * p.area);
      EXPECT_NEAR(f.force, p.force, 1e-9 * p.force);
      EXPECT_NEAR(f.pressure, p.force / p.area, 1e-9 * p.force / p.area);
      // Pressed from below (-z side): the load pushes up, into the bed, with the whole force.
      EXPECT_NEAR(f.load.z(), p.force, 1e-9 * p.force);
      EXPECT_NEAR(f.load.y(), 0.0, 1e-9 * p.force);
      // The nodal forces are int N_a p dA over the footprint: their centre is the patch's.
      const PatchCoupling* pc = patch_coupling(model);
      EXPECT_NEAR(f.centre.x(), 30.0 + pc->centre(kT0 + p.time), 1e-9);
      EXPECT_NEAR(f.centre.y(), 0.0, 1e-9);
    }
  }
}

// The edge keeps its 2 x 30 mm footprint and 6 N all along its stroke (41 positions, most of
// them between facet boundaries), and its drag is 0.1 x 6 N forward.
TEST(PatchFootprint, MovingEdgeKeepsItsAreaAndForceAlongTheStroke) {
  const auto def = band(6, 4);
  const auto frame = loading_frame(def.model, def.tissue, 0.01);
  const auto c = first_case(*make("instrument_mobilisation", {}));
  const auto model = load_case_model(def.model, def.tissue, frame, c, kT0);
  const PatchCoupling* pc = patch_coupling(model);
  ASSERT_NE(pc, nullptr);
  for (int k = 0; k <= 40; ++k) {
    const Real s = 0.2 + 0.8 * k / 40.0;
    const auto f = footprint(model, kT0 + s);
    EXPECT_NEAR(pc->centre(kT0 + s), -15.0 + 30.0 * (s - 0.2) / 0.8, 1e-12) << s;
    EXPECT_NEAR(f.area, 60.0, 1e-9) << s;
    EXPECT_NEAR(f.force, 6.0, 1e-9) << s;
    EXPECT_NEAR(f.load.x(), 0.1 * 6.0, 1e-9) << s;
  }
  // Half way up the force ramp: half the force on the same area.
  EXPECT_NEAR(footprint(model, kT0 + 0.1).force, 3.0, 1e-9);
  EXPECT_NEAR(footprint(model, kT0 + 0.1).area, 60.0, 1e-9);
}

// Residual of the coupling at (u, t), and its tangent.
VecX residual(const PatchCoupling& c, const fem::AssemblyPlan& plan, const VecX& u, Real t,
              SparseMatrix* K) {
  VecX r = VecX::Zero(u.size());
  if (K) {
    *K = plan.pattern();
    c.add(u, t, r, K, plan);
  } else {
    c.add(u, t, r, nullptr, plan);
  }
  return r;
}

// The grip of the thumb on the curved sheath of the small tendon model, pressed with 40 N at
// mu = 0.6: a rigid axial shift of the bed is held elastically (k = eps_T x gripped area) below
// mu F and by exactly mu F beyond; the committed slip keeps the force at the limit.
TEST(PatchGrip, HoldsElasticallyBelowMuFAndSlipsAtMuF) {
  const auto def = model::load_model_text(scenario::testing::kModel, "small.yaml",
                                          scenario::testing::material_registry());
  const auto frame = loading_frame(def.model, def.tissue, 0.02);
  const auto c =
      first_case(*make("active_release",
                       {{"thumb_force", 40}, {"contact_length", 6}, {"grip_friction", 0.6}}));
  const auto model = load_case_model(def.model, def.tissue, frame, c, kT0);
  auto coupling = patch_coupling(model)->clone();
  auto& grip = dynamic_cast<PatchCoupling&>(*coupling);
  ASSERT_FALSE(grip.grip_nodes().empty());
  const Real t = kT0 + 1.0, F = 40.0, mu = 0.6;
  EXPECT_NEAR(grip.grip_normal_force(t), F, 1e-9 * F);
  const Real k = grip.spec().grip_stiffness * grip.covered_area(t);
  const Index n = static_cast<Index>(model.mesh.points.size());
  auto shifted = [&](Real d) {
    VecX u = VecX::Zero(3 * n);
    for (Index i = 0; i < n; ++i) u[3 * i] = d;
    return u;
  };
  const Real small = 0.5 * mu * F / k;  // half the elastic slip limit
  EXPECT_NEAR(grip.grip_force(shifted(small), t).x(), -k * small, 1e-9 * F);
  EXPECT_NEAR(grip.grip_force(shifted(-small), t).x(), k * small, 1e-9 * F);
  EXPECT_NEAR(grip.grip_force(shifted(2.0), t).x(), -mu * F, 1e-9 * F);
  EXPECT_NEAR(grip.grip_force(shifted(2.0), t).tail<2>().norm(), 0.0, 1e-12);
  // Slid 2 mm and committed: held at the limit there, and elastically back from the new
  // stick point (2 mm - the elastic slip).
  grip.commit(shifted(2.0), t);
  EXPECT_NEAR(grip.grip_force(shifted(2.0), t).x(), -mu * F, 1e-9 * F);
  EXPECT_NEAR(grip.grip_force(shifted(2.0 - mu * F / k), t).x(), 0.0, 1e-9 * F);
  // Before the thumb presses there is no grip.
  EXPECT_NEAR(grip.grip_force(shifted(5.0), kT0).norm(), 0.0, 1e-12);
  // A grip of 0 is no grip.
  const auto free_case = first_case(*make("instrument_mobilisation", {}));
  const auto free_model = load_case_model(def.model, def.tissue, frame, free_case, kT0);
  EXPECT_TRUE(patch_coupling(free_model)->grip_nodes().empty());
}

// The tangent of the coupling (follower pressure on the clipped footprint, drag, grip in stick
// and in slip) against central differences of its residual, on the curved sheath.
TEST(PatchGrip, TangentMatchesFiniteDifferences) {
  const auto def = model::load_model_text(scenario::testing::kModel, "small.yaml",
                                          scenario::testing::material_registry());
  const auto frame = loading_frame(def.model, def.tissue, 0.02);
  const auto c = first_case(*make(
      "active_release",
      {{"thumb_force", 40}, {"contact_length", 7}, {"contact_width", 5}, {"grip_friction", 0.6}}));
  const auto model = load_case_model(def.model, def.tissue, frame, c, kT0);
  const PatchCoupling& pc = *patch_coupling(model);
  const Index n = static_cast<Index>(model.mesh.points.size());
  const fem::AssemblyPlan plan(n, pc.node_groups());
  std::mt19937 rng(7);
  std::uniform_real_distribution<Real> jitter(-0.05, 0.05);
  for (Real shift : {0.0, 1.5}) {  // stick, slip
    SCOPED_TRACE(shift);
    VecX u(3 * n);
    for (Index i = 0; i < 3 * n; ++i) u[i] = jitter(rng) + (i % 3 == 0 ? shift : 0.0);
    const Real t = kT0 + 0.8;
    SparseMatrix K;
    residual(pc, plan, u, t, &K);
    const MatX Kd(K);
    const Real h = 1e-6;
    Real worst = 0.0, scale = Kd.cwiseAbs().maxCoeff();
    for (Index node : pc.grip_nodes())
      for (int comp = 0; comp < 3; ++comp) {
        const Index j = 3 * node + comp;
        VecX up = u, um = u;
        up[j] += h;
        um[j] -= h;
        const VecX fd =
            (residual(pc, plan, up, t, nullptr) - residual(pc, plan, um, t, nullptr)) / (2 * h);
        worst = std::max(worst, (fd - Kd.col(j)).cwiseAbs().maxCoeff());
      }
    EXPECT_LT(worst, 1e-6 * scale) << "scale " << scale;
  }
}

}  // namespace
}  // namespace sinew::interventions
