// Validation: the paratenon bond of the Achilles models as a loose-connective-tissue shear
// layer, against the shear modulus and strength of subsynovial connective tissue.
#include <gtest/gtest.h>

#include <cstdio>

#include "achilles_models.hpp"

namespace sinew::testing {
namespace {

/// Area (mm^2) of a facet set of quads (two triangles each).
Real facet_area(const mesh::Mesh& m, const std::string& set) {
  Real area = 0.0;
  for (const auto& f : m.facet_set(set)) {
    const auto n = m.facet_nodes(f);
    const Vec3 d1 = m.points[n[2]] - m.points[n[0]], d2 = m.points[n[3]] - m.points[n[1]];
    area += 0.5 * d1.cross(d2).norm();
  }
  return area;
}

struct ShearCurve {
  std::vector<Real> slip, stress;  ///< mm, MPa
};

/// Fully bonded tendon slid along its axis inside a held, rigid sheath: both tendon ends move
/// by the same excursion, so the bond slip is uniform; the layer's mean shear stress is the
/// axial reaction over the bonded area.
ShearCurve shear_test(const std::string& model, Real excursion, int increments) {
  auto text = coarse_achilles(model, 1.0, increments);
  text = substitute(text, R"(adhesion_density: 0\.0 )", "adhesion_density: 1.0 ");
  // The sheath made stiff (E = 100 MPa: its shear compliance is 1e-4 of the bond's): the layer
  // tested is the bond alone.
  text = substitute(text, R"(\n    E: [0-9.]+)", "\n    E: 100.0");
  auto def = load(text);
  def.tissue.enabled = false;
  auto& model_ = def.model;
  const auto& mesh = model_.mesh;
  model_.tractions.clear();
  model_.displacements.clear();
  const auto loaded = mesh.nodes_of_facets(mesh.facet_set("tendon_proximal"));
  for (const auto* nodes : {&mesh.node_set("tendon_distal"), &loaded})
    for (int c = 0; c < 3; ++c)
      model_.displacements.push_back({"end", *nodes, c, c == 0 ? excursion : 0.0, c == 0 ? 0 : -1});
  for (int c = 0; c < 3; ++c)
    model_.displacements.push_back({"bed", mesh.node_set("sheath_outer"), c, 0.0, -1});
  def.output.reaction_sets = {"tendon_distal", "tendon_proximal"};
  const Real area = facet_area(mesh, "interface_tendon");
  ShearCurve curve;
  const auto observe = [&](const simulation::StepOutput& out, const VecX&) {
    if (!out.record.nominal) return;
    const Real f = out.reactions.at("tendon_distal").x() + out.reactions.at("tendon_proximal").x();
    curve.slip.push_back(excursion * out.record.t);
    curve.stress.push_back(std::abs(f) / area);
  };
  const auto result = simulation::run_model(def, registries().linear, {}, observe);
  if (!result.completed) throw std::runtime_error("shear test: " + result.failure);
  return curve;
}

// Osamura et al. 2007 (Clin Biomech 22:999): subsynovial connective tissue in shear, modulus
// 2.7 +- 1.8 kPa (normal) and 22.8 +- 15.4 kPa (fibrotic, carpal tunnel syndrome), maximum shear
// strength 23.3 +- 10.7 and 54.6 +- 20.3 kPa. The bond stands for a 1 mm layer of that tissue
// (the model files: K = G / t, t = 1 mm assumed), so the layer's modulus is the initial slope
// of stress against slip times 1 mm; its strength is the peak stress.
void expect_layer(const std::string& model, const std::string& label, Real excursion, Real g_mean,
                  Real g_sd, Real tau_mean, Real tau_sd) {
  const auto curve = shear_test(model, excursion, 8);
  const Real g = curve.stress[1] / curve.slip[1] * 1.0 * 1000.0;  // kPa, t = 1 mm
  Real peak = 0.0;
  for (Real s : curve.stress) peak = std::max(peak, s);
  peak *= 1000.0;  // kPa
  const std::string source = "Osamura et al. 2007";
  CaseRecord gc;
  gc.id = "interface-shear-modulus-" + label;
  gc.title = "Paratenon bond shear modulus (" + label + ", " + model + ")";
  gc.source = source;
  gc.quantity = "shear modulus K x 1 mm";
  gc.unit = "kPa";
  gc.mean = g_mean;
  gc.spread = g_sd;
  gc.model = g;
  gc.pass = gc.within();
  gc.note = "uniform slip of a fully bonded tendon in a rigid, held sheath";
  gc.series = {{"slip_mm", curve.slip}, {"stress_kPa", {}}};
  for (Real s : curve.stress) gc.series[1].second.push_back(1000.0 * s);
  write_record(gc);
  CaseRecord tc = gc;
  tc.id = "interface-shear-strength-" + label;
  tc.title = "Paratenon bond shear strength (" + label + ", " + model + ")";
  tc.quantity = "peak shear stress";
  tc.mean = tau_mean;
  tc.spread = tau_sd;
  tc.model = peak;
  tc.pass = tc.within();
  write_record(tc);
  std::printf("[ measured ] %s: G %.2f kPa (%.1f +- %.1f), strength %.1f kPa (%.1f +- %.1f)\n",
              label.c_str(), g, g_mean, g_sd, peak, tau_mean, tau_sd);
  EXPECT_NEAR(g, g_mean, g_sd);
  EXPECT_NEAR(peak, tau_mean, tau_sd);
}

TEST(Validation, InterfaceShearNormalOsamura2007) {
  // Slip to 9 mm: just past the peak at tau / K = 8.5 mm (softening costs cut-backs).
  expect_layer("achilles-healthy", "normal", 9.0, 2.7, 1.8, 23.3, 10.7);
}

TEST(Validation, InterfaceShearFibroticOsamura2007) {
  // Slip to 3 mm: past the peak at tau / K = 2.4 mm.
  expect_layer("achilles-tendinopathic", "fibrotic", 3.0, 22.8, 15.4, 54.6, 20.3);
}

}  // namespace
}  // namespace sinew::testing
