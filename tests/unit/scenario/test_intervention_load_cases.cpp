// Each intervention produces the load cases its parameters say (forces, profiles, patches,
// cycle counts), and load_case_model turns them into the boundary conditions they describe: the
// patch presses with the stated total force, a gripping patch pins the bed, a dragged
// instrument pulls along its stroke, the loaded end is force- or displacement-controlled.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

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

// The one load case of a session (a test failure, not undefined behaviour, when there is not
// exactly one).
LoadCase only_case(const Intervention& i) {
  const auto cases = i.load_cases();
  if (cases.size() != 1)
    throw std::runtime_error("expected one load case, got " + std::to_string(cases.size()));
  return cases.front();
}

// Reference area of a facet (quad or triangle), mm^2.
Real facet_area(const mesh::Mesh& m, const mesh::Facet& f) {
  const auto n = m.facet_nodes(f);
  Real area = 0.0;
  for (size_t k = 1; k + 1 < n.size(); ++k)
    area +=
        0.5 * (m.points[n[k]] - m.points[n[0]]).cross(m.points[n[k + 1]] - m.points[n[0]]).norm();
  return area;
}

struct SmallModel {
  model::ModelDefinition def;
  LoadingFrame frame;
  SmallModel()
      : def(model::load_model_text(scenario::testing::kModel, "small.yaml",
                                   scenario::testing::material_registry())),
        frame(loading_frame(def.model, def.tissue, 0.02)) {}
};

constexpr Real kT0 = 2.0;  // the load case starts at model time 2 s

TEST(InterventionLoadCases, RestHasNoLoadCase) {
  const auto rest = make("rest", {{"days", 14}});
  EXPECT_TRUE(rest->load_cases().empty());
  EXPECT_EQ(rest->cycles(), 0);
}

// Fibre fatigue counts each copy's cycles after it (docs/interventions.md): the session's cycles
// are shared evenly, the first copies taking the remainder.
TEST(InterventionLoadCases, RepeatedCopiesShareTheCyclesEvenly) {
  LoadCase proto;
  const auto cases = interventions::repeated(proto, "hop", 3, 10);
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].cycles, 4);
  EXPECT_EQ(cases[1].cycles, 3);
  EXPECT_EQ(cases[2].cycles, 3);
  EXPECT_EQ(cases[2].name, "hop 3/3");
  for (const auto& c : interventions::repeated(proto, "hop", 4, 1800)) EXPECT_EQ(c.cycles, 450);
  // Never fewer than one cycle per solved copy.
  for (const auto& c : interventions::repeated(proto, "hop", 3, 1)) EXPECT_EQ(c.cycles, 1);
}

TEST(InterventionLoadCases, RunningPeakIsBodyWeightMultiple) {
  const auto run = make("running", {{"body_mass", 80},
                                    {"force_multiple", 7},
                                    {"cadence", 180},
                                    {"duration", 20},
                                    {"simulated_cycles", 2}});
  const auto cases = run->load_cases();
  ASSERT_EQ(cases.size(), 2u);
  for (const auto& c : cases) {
    EXPECT_NEAR(c.axial_force, 80 * kGravity * 7, 1e-9);
    EXPECT_DOUBLE_EQ(c.force_profile(1.0), 1.0);
    EXPECT_EQ(c.elongation, 0.0);
    EXPECT_FALSE(c.patch.has_value());
  }
  EXPECT_EQ(run->cycles(), 1800);  // 180 steps/min x 20 min / 2 legs
  EXPECT_EQ(cases[0].cycles + cases[1].cycles, 1800);
}

TEST(InterventionLoadCases, EccentricLoadsThenLengthens) {
  const auto ecc = make("eccentric", {{"body_mass", 60},
                                      {"force_multiple", 3},
                                      {"sets", 2},
                                      {"repetitions", 12},
                                      {"lengthening", 2}});
  const auto c = only_case(*ecc);
  EXPECT_NEAR(c.axial_force, 60 * kGravity * 3, 1e-9);
  EXPECT_DOUBLE_EQ(c.force_profile(0.25), 0.5);  // force ramps over the first half
  EXPECT_DOUBLE_EQ(c.force_profile(0.5), 1.0);
  EXPECT_DOUBLE_EQ(c.excursion, -2.0);  // toward the fixed end, under the peak force
  EXPECT_DOUBLE_EQ(c.excursion_profile(0.5), 0.0);
  EXPECT_DOUBLE_EQ(c.excursion_profile(1.0), 1.0);
  EXPECT_EQ(ecc->cycles(), 24);
  EXPECT_EQ(c.cycles, 24);
}

TEST(InterventionLoadCases, StaticStretchPrescribesElongation) {
  const auto s = make("static_stretch", {{"elongation", 1.5}, {"hold", 45}, {"repetitions", 4}});
  const auto c = only_case(*s);
  EXPECT_EQ(c.axial_force, 0.0);
  EXPECT_DOUBLE_EQ(c.elongation, 1.5);
  EXPECT_DOUBLE_EQ(c.elongation_profile(1.0), 1.0);
  EXPECT_EQ(s->cycles(), 4);
}

TEST(InterventionLoadCases, StaticStretchThroughASeriesMuscleOrToAForceLimit) {
  const auto mtu =
      only_case(*make("static_stretch", {{"elongation", 4}, {"muscle_stiffness", 50}}));
  EXPECT_EQ(mtu.axial_force, 0.0);
  EXPECT_DOUBLE_EQ(mtu.elongation, 4.0);
  EXPECT_DOUBLE_EQ(mtu.muscle_stiffness, 50.0);
  EXPECT_FALSE(mtu.hold_position);
  const auto limited = only_case(
      *make("static_stretch", {{"force_limit", 300}, {"muscle_stiffness", 50}, {"hold", 20}}));
  EXPECT_DOUBLE_EQ(limited.axial_force, 300.0);
  EXPECT_EQ(limited.elongation, 0.0);
  EXPECT_TRUE(limited.hold_position);
  EXPECT_DOUBLE_EQ(limited.hold, 20.0);
}

TEST(InterventionLoadCases, ActiveReleaseHoldsAGrippingPatchWhileTheTendonSlides) {
  const auto art = make("active_release", {{"thumb_force", 80},
                                           {"contact_length", 12},
                                           {"contact_width", 18},
                                           {"excursion", 4},
                                           {"position", 1.5},
                                           {"passes", 25}});
  const auto c = only_case(*art);
  ASSERT_TRUE(c.patch.has_value());
  const auto& p = *c.patch;
  EXPECT_DOUBLE_EQ(p.force, 80.0);
  EXPECT_DOUBLE_EQ(p.length, 12.0);
  EXPECT_DOUBLE_EQ(p.width, 18.0);
  EXPECT_DOUBLE_EQ(p.start, 1.5);
  EXPECT_DOUBLE_EQ(p.end, 1.5);
  EXPECT_EQ(p.grip_friction, 1.0);
  EXPECT_DOUBLE_EQ(p.force_profile(0.3), 1.0);
  // Shortened (-excursion/2) while the thumb presses, then lengthened (+excursion/2).
  EXPECT_DOUBLE_EQ(c.excursion * c.excursion_profile(0.3), -2.0);
  EXPECT_DOUBLE_EQ(c.excursion * c.excursion_profile(1.0), 2.0);
  EXPECT_EQ(art->cycles(), 25);
}

TEST(InterventionLoadCases, InstrumentStrokesAlongTheAxisWithDrag) {
  const auto iastm = make("instrument_mobilisation", {{"instrument_force", 10},
                                                      {"edge_width", 3},
                                                      {"edge_length", 40},
                                                      {"drag_coefficient", 0.2},
                                                      {"stroke_start", -5},
                                                      {"stroke_end", 5},
                                                      {"passes", 8}});
  const auto c = only_case(*iastm);
  ASSERT_TRUE(c.patch.has_value());
  const auto& p = *c.patch;
  EXPECT_DOUBLE_EQ(p.force, 10.0);
  EXPECT_DOUBLE_EQ(p.length, 3.0);  // the edge's width lies along the stroke
  EXPECT_DOUBLE_EQ(p.width, 40.0);
  EXPECT_DOUBLE_EQ(p.drag, 0.2);
  EXPECT_DOUBLE_EQ(p.start, -5.0);
  EXPECT_DOUBLE_EQ(p.end, 5.0);
  EXPECT_EQ(p.grip_friction, 0.0);
  EXPECT_LT(p.move_from, p.move_to);
  EXPECT_EQ(c.excursion, 0.0);
  EXPECT_EQ(iastm->cycles(), 8);
}

TEST(InterventionLoadCases, ProgressiveStrengtheningStepsTheForce) {
  const auto prog = make(
      "progressive_strengthening",
      {{"start_force", 500}, {"end_force", 2000}, {"levels", 4}, {"repetitions_per_level", 10}});
  const auto cases = prog->load_cases();
  ASSERT_EQ(cases.size(), 4u);
  const Real expected[] = {500, 1000, 1500, 2000};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(cases[i].axial_force, expected[i], 1e-9);
    EXPECT_EQ(cases[i].cycles, 10);
  }
  EXPECT_EQ(prog->cycles(), 40);
}

TEST(LoadCaseModel, AxialForceIsARigidPlateOnTheLoadedEnd) {
  SmallModel m;
  const auto c = only_case(*make("running", {{"body_mass", 50}, {"force_multiple", 2}}));
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  const auto& roles = m.def.tissue.roles;
  EXPECT_TRUE(model.tractions.empty());
  ASSERT_EQ(model.plates.size(), 1u);
  const auto& p = model.plates.front();
  EXPECT_EQ(p.set_name, roles.loaded_end);
  EXPECT_EQ(p.nodes, model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end)));
  EXPECT_FALSE(p.displacement_control);
  EXPECT_EQ(p.component, 0);  // the axis is x
  EXPECT_NEAR(p.value * model.curves[p.curve](kT0 + 1.0), 50 * kGravity * 2, 1e-9 * p.value);
  EXPECT_NEAR(model.curves[p.curve](kT0), 0.0, 1e-15);

  // tissue.end_condition: traction gives the uniform dead traction of the same total force.
  auto tissue = m.def.tissue;
  tissue.roles.end_condition = tissue::EndCondition::Traction;
  const auto traction = load_case_model(m.def.model, tissue, m.frame, c, kT0);
  EXPECT_TRUE(traction.plates.empty());
  ASSERT_EQ(traction.tractions.size(), 1u);
  const auto& t = traction.tractions.front();
  EXPECT_EQ(t.set_name, roles.loaded_end);
  Real force = 0.0;
  for (const auto& f : t.facets) force += t.traction.dot(roles.axis) * facet_area(model.mesh, f);
  EXPECT_NEAR(force * traction.curves[t.curve](kT0 + 1.0), 50 * kGravity * 2, 1e-9 * force);
  EXPECT_NEAR((t.traction - t.traction.dot(roles.axis) * roles.axis).norm(), 0.0, 1e-12);
  // The fixed end is clamped in all three components; the bed rests on its foundation.
  int clamped = 0;
  for (const auto& d : model.displacements)
    if (d.set_name == roles.fixed_end) {
      ++clamped;
      EXPECT_EQ(d.value, 0.0);
    }
  EXPECT_EQ(clamped, 3);
  ASSERT_EQ(model.foundations.size(), 1u);
  EXPECT_DOUBLE_EQ(model.foundations.front().stiffness, 0.02);
  EXPECT_TRUE(model.pressures.empty());
}

TEST(LoadCaseModel, StretchPrescribesTheLoadedEndTravel) {
  SmallModel m;
  const auto c = only_case(*make("static_stretch", {{"elongation", 0.8}}));
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  EXPECT_TRUE(model.tractions.empty());
  const auto& roles = m.def.tissue.roles;
  int axial = 0;
  for (const auto& d : model.displacements)
    if (d.set_name == roles.loaded_end && d.value != 0.0) {
      ++axial;
      ASSERT_GE(d.curve, 0);
      EXPECT_NEAR(d.value * model.curves[d.curve](kT0 + 1.0), 0.8 * roles.axis[d.component], 1e-12);
      EXPECT_NEAR(model.curves[d.curve](kT0), 0.0, 1e-15);
    }
  EXPECT_EQ(axial, 1);  // the x component only: the axis is x
}

TEST(LoadCaseModel, SeriesMusclePullsThePlateFromTheMuscleTendonUnitsTravel) {
  SmallModel m;
  const auto c = only_case(*make("static_stretch", {{"elongation", 4}, {"muscle_stiffness", 50}}));
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  const auto& roles = m.def.tissue.roles;
  for (const auto& d : model.displacements) EXPECT_NE(d.set_name, roles.loaded_end);
  ASSERT_EQ(model.plates.size(), 1u);
  const auto& p = model.plates.front();
  EXPECT_FALSE(p.displacement_control);
  EXPECT_DOUBLE_EQ(p.spring, 50.0);
  EXPECT_NEAR(p.value * model.curves[p.curve](kT0 + 1.0), 4.0, 1e-12);
  EXPECT_NEAR(model.curves[p.curve](kT0), 0.0, 1e-15);
}

TEST(LoadCaseModel, ForceLimitedHoldKeepsThePositionReached) {
  SmallModel m;
  const auto& roles = m.def.tissue.roles;
  const auto nodes = m.def.model.mesh.nodes_of_facets(m.def.model.mesh.facet_set(roles.loaded_end));
  VecX u = VecX::Zero(3 * m.def.model.mesh.n_nodes());
  for (Index n : nodes) u[3 * n] = 0.7;  // the plate reached 0.7 mm (the axis is x)
  const auto with_muscle = only_case(
      *make("static_stretch", {{"force_limit", 300}, {"muscle_stiffness", 50}, {"hold", 20}}));
  const auto spring = hold_model(m.def.model, m.def.tissue, m.frame, with_muscle, kT0, u);
  ASSERT_EQ(spring.plates.size(), 1u);
  const auto& p = spring.plates.front();
  EXPECT_DOUBLE_EQ(p.spring, 50.0);
  // The far end where the ramp left it: 300 N at 0.7 mm of plate travel.
  for (Real t : {kT0 + 1.0, kT0 + 21.0})
    EXPECT_NEAR(p.value * spring.curves[p.curve](t), 0.7 + 300.0 / 50.0, 1e-12);
  for (const auto& d : spring.displacements) EXPECT_NE(d.set_name, roles.loaded_end);

  const auto rigid = only_case(*make("static_stretch", {{"force_limit", 300}, {"hold", 20}}));
  const auto held = hold_model(m.def.model, m.def.tissue, m.frame, rigid, kT0, u);
  ASSERT_EQ(held.plates.size(), 1u);
  EXPECT_TRUE(held.plates.front().displacement_control);
  EXPECT_NEAR(held.plates.front().value * held.curves[held.plates.front().curve](kT0 + 5.0), 0.7,
              1e-12);
  const auto stretch = only_case(*make("static_stretch", {{"elongation", 1}}));
  EXPECT_THROW(hold_model(m.def.model, m.def.tissue, m.frame, stretch, kT0, u),
               std::invalid_argument);
}

TEST(LoadCaseModel, ThumbPatchPressesWithItsForceAndGripsTheBed) {
  SmallModel m;
  const auto c = only_case(*make("active_release",
                                 {{"thumb_force", 40}, {"contact_length", 6}, {"excursion", 1.0}}));
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  EXPECT_NEAR(patch_normal_force(model, kT0), 0.0, 1e-12);
  EXPECT_NEAR(patch_normal_force(model, kT0 + 0.15), 20.0, 1e-9);  // half way up its ramp
  EXPECT_NEAR(patch_normal_force(model, kT0 + 0.3), 40.0, 1e-9);
  EXPECT_NEAR(patch_normal_force(model, kT0 + 1.0), 40.0, 1e-9);
  // The thumb holds the bed nodes under it by friction (grip_friction 1 by default) with its
  // own pressure as the normal load: at most 1 x 40 N.
  const PatchCoupling* patch = patch_coupling(model);
  ASSERT_NE(patch, nullptr);
  EXPECT_EQ(patch->spec().grip_friction, 1.0);
  EXPECT_NEAR(patch->grip_normal_force(kT0 + 1.0), 40.0, 1e-9);
  EXPECT_FALSE(patch->grip_nodes().empty());
  const auto& bed = m.def.model.mesh.node_set(m.def.tissue.roles.bed_support);
  for (Index n : patch->grip_nodes())
    EXPECT_TRUE(std::find(bed.begin(), bed.end(), n) != bed.end());
  for (const auto& d : model.displacements) EXPECT_NE(d.set_name, "patch_grip");
  // Both ends travel by the excursion: -0.5 mm at s = 0.3, +0.5 mm at the end.
  int travelling = 0;
  for (const auto& d : model.displacements)
    if (d.set_name == m.def.tissue.roles.fixed_end && d.component == 0) {
      ++travelling;
      ASSERT_GE(d.curve, 0);
      EXPECT_NEAR(d.value * model.curves[d.curve](kT0 + 0.3), -0.5, 1e-12);
      EXPECT_NEAR(d.value * model.curves[d.curve](kT0 + 1.0), 0.5, 1e-12);
    }
  EXPECT_EQ(travelling, 1);
}

TEST(LoadCaseModel, InstrumentKeepsItsForceAlongTheStrokeAndDragsForward) {
  SmallModel m;
  const auto c = only_case(*make("instrument_mobilisation", {{"instrument_force", 8},
                                                             {"edge_width", 2},
                                                             {"edge_length", 30},
                                                             {"drag_coefficient", 0.25},
                                                             {"stroke_start", -5},
                                                             {"stroke_end", 5}}));
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  const auto& patch = *c.patch;
  // At the start of the stroke and at its end (both fully on the 20 mm body) the edge presses
  // with the instrument force.
  EXPECT_NEAR(patch_normal_force(model, kT0 + patch.move_from), 8.0, 1e-9);
  EXPECT_NEAR(patch_normal_force(model, kT0 + 1.0), 8.0, 1e-9);
  // The edge moves from -5 to +5 mm and drags forward (+axis, from start to end) with
  // 0.25 x the pressure over its footprint: 0.25 x 8 N (the sheath's normals have no axial part).
  const PatchCoupling* pc = patch_coupling(model);
  ASSERT_NE(pc, nullptr);
  EXPECT_NEAR(pc->centre(kT0 + patch.move_from), -5.0, 1e-12);
  EXPECT_NEAR(pc->centre(kT0 + 1.0), 5.0, 1e-12);
  const VecX u0 = VecX::Zero(3 * static_cast<Index>(model.mesh.points.size()));
  EXPECT_NEAR(pc->load(u0, kT0 + 1.0).dot(m.def.tissue.roles.axis), 0.25 * 8.0, 1e-9);
  EXPECT_TRUE(pc->grip_nodes().empty());
  // The instrument does not grip, and the tendon does not travel: its fixed end is clamped.
  int clamped = 0;
  for (const auto& d : model.displacements) {
    EXPECT_NE(d.set_name, "patch_grip");
    if (d.set_name == m.def.tissue.roles.fixed_end) {
      ++clamped;
      EXPECT_EQ(d.value, 0.0);
    }
  }
  EXPECT_EQ(clamped, 3);
}

TEST(LoadCaseModel, PatchForceIsPressureTimesCoveredAreaAtEveryPosition) {
  SmallModel m;
  // The stroke asks for -9.5..9.5 mm on a body whose bed reaches -10..10 mm from the scar
  // centre: the 2 mm edge fits for centres -9..9 mm, so the stroke is limited to that.
  const auto c = only_case(*make(
      "instrument_mobilisation",
      {{"instrument_force", 8}, {"edge_width", 2}, {"stroke_start", -9.5}, {"stroke_end", 9.5}}));
  const auto place = place_patch(m.def.model, m.def.tissue, m.frame, *c.patch);
  EXPECT_TRUE(place.limited);
  EXPECT_NEAR(place.length, 2.0, 1e-9);
  EXPECT_NEAR(place.bed_min, -10.0, 1e-9);
  EXPECT_NEAR(place.bed_max, 10.0, 1e-9);
  EXPECT_NEAR(place.start, -9.0, 1e-9);
  EXPECT_NEAR(place.end, 9.0, 1e-9);
  EXPECT_NEAR(place.pressure * place.area, 8.0, 1e-9);
  const auto model = load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0);
  const PatchCoupling* pc = patch_coupling(model);
  ASSERT_NE(pc, nullptr);
  // At 41 positions (between the 5 mm facet boundaries too): the sheath is a prism along the
  // axis, so the covered area is the same everywhere, and force = pressure x area = 8 N.
  for (int k = 0; k <= 40; ++k) {
    const Real s = 0.2 + 0.8 * k / 40.0;
    EXPECT_NEAR(pc->covered_area(kT0 + s), place.area, 1e-9 * place.area) << "s = " << s;
    EXPECT_NEAR(pc->pressure(kT0 + s), place.pressure, 1e-9 * place.pressure) << "s = " << s;
    EXPECT_NEAR(patch_normal_force(model, kT0 + s), 8.0, 1e-9) << "s = " << s;
  }
}

TEST(LoadCaseModel, UnderlayIsPressedOnItsExposedFace) {
  // A band on an underlay (the plantar fascia's generator), the scar centred on the band's axis:
  // the bed (the underlay's bottom face) is pressed from below, whatever side the scar is on.
  const std::string text = R"(mesh:
  generator: fascia_band
  length: 20
  width: 8
  thickness: 2
  underlay_thickness: 4
  divisions: {length: 4, width: 2, thickness: 1, underlay: 1}
materials:
  fascia: {type: hgo, c: 1, k1: 42.5, k2: 19.1, kappa: 0, k: 1000}
  pad: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: fascia, elements: fascia, material: fascia, formulation: mean-dilatation}
  - {name: pad, elements: underlay, material: pad}
fibre: [1, 0, 0]
scars:
  - {name: origin, shape: box, centre: [5, 0, 1], half_sizes: [5, 4, 1], falloff: 0.5,
     adhesion_density: 1.0}
interface: {adhesion_density: 0.0, friction_coefficient: 0.016, bond_stiffness: 10.0,
            normal_strength: 0.05, shear_strength: 0.05, mode_I_fracture_energy: 0.01,
            mode_II_fracture_energy: 0.01}
boundary:
  - {type: fixed, nodes: fascia_distal, components: [x, y, z]}
steps:
  - {name: tension, duration: 1.0, increments: 1}
)";
  const auto def =
      model::load_model_text(text, "band.yaml", scenario::testing::material_registry());
  const auto frame = loading_frame(def.model, def.tissue, 0.01);
  EXPECT_NEAR(frame.side.z(), -1.0, 1e-12);
  // ART at the scar centre (x = 5 mm): the 15 mm thumb fits on the 20 mm pad for centres
  // 7.5..12.5 mm from the origin, i.e. 2.5..7.5 mm from the scar centre; it presses with 50 N.
  const auto c = only_case(*make("active_release", {}));
  const auto place = place_patch(def.model, def.tissue, frame, *c.patch);
  EXPECT_TRUE(place.limited);
  EXPECT_NEAR(place.start, 2.5, 1e-9);
  const auto model = load_case_model(def.model, def.tissue, frame, c, kT0);
  EXPECT_NEAR(patch_normal_force(model, kT0 + 1.0), 50.0, 1e-9);
}

// `loading.press_side`: ART pressed from each side of the sheath. A pressure p on a facet of
// outward area vector A pushes with -p A, so the net patch load on the bed points into it,
// against the chosen side, with the thumb's 80 N (the whole patch lies on the bed at the scar).
TEST(LoadCaseModel, PressSideChoosesWhereThePatchPushes) {
  SmallModel m;
  const auto c = only_case(*make("active_release",
                                 {{"thumb_force", 80}, {"position", 0}, {"contact_width", 15}}));
  for (const char* name : {"+y", "-y", "+z", "-z"}) {
    SCOPED_TRACE(name);
    const auto press = parse_press_side(name);
    ASSERT_TRUE(press.has_value());
    const auto frame = loading_frame(m.def.model, m.def.tissue, 0.02, *press);
    EXPECT_NEAR((frame.side - press->direction).norm(), 0.0, 1e-12);
    const auto model = load_case_model(m.def.model, m.def.tissue, frame, c, kT0);
    const VecX u0 = VecX::Zero(3 * static_cast<Index>(model.mesh.points.size()));
    const Vec3 load = patch_coupling(model)->load(u0, kT0 + 1.0);
    EXPECT_NEAR(patch_normal_force(model, kT0 + 1.0), 80.0, 1e-9);
    // Into the bed from the pressed side: the load along the side is negative, more than half
    // the 80 N (the 15 mm patch wraps over the 7 x 5 mm ellipse: 60.5 N from +-z, more from
    // +-y), and by the section's symmetry nothing remains across or along the axis.
    EXPECT_LT(load.dot(press->direction), -0.5 * 80.0) << load.transpose();
    const Vec3 across = press->direction.cross(Vec3::UnitX());
    EXPECT_LT(std::abs(load.dot(across)), 1e-9) << load.transpose();
    EXPECT_LT(std::abs(load.x()), 1e-9);
  }
  // auto (the sheath: the side of the scar, whose centre is at z = 1) and scar agree: +z.
  for (const char* name : {"auto", "scar"}) {
    const auto frame = loading_frame(m.def.model, m.def.tissue, 0.02, *parse_press_side(name));
    EXPECT_NEAR((frame.side - Vec3::UnitZ()).norm(), 0.0, 1e-12) << name;
  }
  // Along the axis (x) there is no side to press on; other text is not a side.
  EXPECT_THROW(loading_frame(m.def.model, m.def.tissue, 0.02, *parse_press_side("+x")),
               std::invalid_argument);
  for (const char* bad : {"up", "y", "+w", "++z", ""}) EXPECT_FALSE(parse_press_side(bad)) << bad;
}

TEST(LoadCaseModel, PatchOffTheBodyIsAnError) {
  SmallModel m;
  const auto c =
      only_case(*make("instrument_mobilisation", {{"stroke_start", -40}, {"stroke_end", -30}}));
  EXPECT_THROW(load_case_model(m.def.model, m.def.tissue, m.frame, c, kT0), std::invalid_argument);
}

}  // namespace
}  // namespace sinew::interventions
