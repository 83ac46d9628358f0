// The model file's `contact` section: a block pressed by 10 N and dragged 20 mm by a rigid
// plane read from YAML carries mu N at its held top; the section's keys are key paths (set and
// listed like every other value); bad items are reported at their key paths.
#include <gtest/gtest.h>

#include <algorithm>

#include "contact/contact_set.hpp"
#include "contact/mortar_contact_set.hpp"
#include "contact/segment_contact_set.hpp"
#include "model/model_reader.hpp"
#include "model/spec_paths.hpp"
#include "simulation/output_table.hpp"
#include "support.hpp"

namespace sinew::testing {
namespace {

const char* kSlide = R"(
mesh: {generator: box, size: [10, 10, 4], divisions: [4, 4, 2]}
materials: {soft: {type: neo-hookean, E: 10, nu: 0.3}}
regions: [{elements: all, material: soft}]
boundary:
  - {type: fixed, nodes: z1, components: [x, y]}
  - {type: traction, facets: z1, total_force: [0, 0, -10]}
contact:
  - name: plate
    surface: plane
    facets: z0
    direction: [0, 0, 1]
    friction_coefficient: 0.3
    normal_penalty: 1000
    motion: [[1, 0, 0, 0], [3, 20, 0, 0]]
steps:
  - {name: press, duration: 1, increments: 4}
  - {name: slide, duration: 2, increments: 20}
output: {reactions: [z1]}
)";

TEST(ContactModel, BlockDraggedByAPlaneFromTheModelFileCarriesMuN) {
  auto def = load(kSlide);
  ASSERT_EQ(def.model.couplings.size(), 1u);
  const auto& set = dynamic_cast<const contact::ContactSet&>(*def.model.couplings.front());
  EXPECT_EQ(set.nodes().size(), 25u);
  EXPECT_DOUBLE_EQ(set.parameters().tangential_penalty, 1000.0);  // defaults to the normal one
  const auto result = solve(def);
  ASSERT_TRUE(result.completed) << result.failure;
  int sliding = 0;
  for (const auto& out : result.outputs) {
    if (out.record.t < 1.1 - 1e-9) continue;
    ++sliding;
    EXPECT_NEAR(std::abs(out.reactions.at("z1").x()), 3.0, 0.03) << "t = " << out.record.t;
  }
  EXPECT_EQ(sliding, 20);
}

TEST(ContactModel, OutputTableHasNodalPressureAndSlip) {
  auto def = load(kSlide);
  const auto& set = dynamic_cast<const contact::ContactSet&>(*def.model.couplings.front());
  simulation::OutputTable table(def);
  auto index = [&](const std::string& name) {
    for (size_t i = 0; i < table.fields().size(); ++i)
      if (table.fields()[i].name == name) return static_cast<int>(i);
    return -1;
  };
  const int pressure = index("contact_pressure"), slip = index("contact_slip");
  ASSERT_GE(pressure, 0);
  ASSERT_GE(slip, 0);
  Real force = -1.0, mean_slip = -1.0;
  const auto result = simulation::run_model(
      def, registries().linear, {}, [&](const simulation::StepOutput& out, const VecX& u) {
        if (out.record.t < 3.0 - 1e-9) return;
        const auto values = table.evaluate(out, u);
        force = mean_slip = 0.0;
        for (size_t k = 0; k < set.nodes().size(); ++k) {
          const auto n = static_cast<size_t>(set.nodes()[k]);
          force += set.areas()[k] * values[static_cast<size_t>(pressure)][n];
          mean_slip += set.areas()[k] * values[static_cast<size_t>(slip)][n] / 100.0;
        }
      });
  ASSERT_TRUE(result.completed) << result.failure;
  EXPECT_NEAR(force, 10.0, 1e-6);     // the pressure integrates to the normal load
  EXPECT_NEAR(mean_slip, 20.0, 0.2);  // the plane's travel, less the shear offset
}

TEST(ContactModel, AutomaticPenaltyScalesWithTheBodyModulusAndFacetSize) {
  std::string text = kSlide;
  text.replace(text.find("    normal_penalty: 1000\n"), 25, "    penalty_scale: 20\n");
  const auto def = load(text);
  const auto& set = dynamic_cast<const contact::ContactSet&>(*def.model.couplings.front());
  // G = E / (2 (1 + nu)) = 10/2.6 MPa, facets 2.5 x 2.5 mm: eps_N = 20 x 3G / 2.5.
  EXPECT_NEAR(set.parameters().normal_penalty, 20.0 * 3.0 * (10.0 / 2.6) / 2.5, 1e-9);
}

TEST(ContactModel, KeysAreKeyPaths) {
  auto reading = model::read_model_text(kSlide, "test.yaml", registries().materials);
  ASSERT_TRUE(reading.errors.empty());
  const auto paths = model::spec_paths(reading.spec, {});
  for (const char* p :
       {"contact.0.surface", "contact.0.friction_coefficient", "contact.0.normal_penalty",
        "contact.0.penalty_scale", "contact.0.centre.2", "contact.0.motion.1.1"})
    EXPECT_NE(std::find(paths.begin(), paths.end(), p), paths.end()) << p;
  EXPECT_EQ(std::count(paths.begin(), paths.end(), "contact.0.radius"), 0);  // a plane
  const auto set =
      model::set_spec_value(reading.spec, "contact.plate.friction_coefficient", "0.2", {});
  EXPECT_TRUE(set.error.empty()) << set.error;
  EXPECT_DOUBLE_EQ(reading.spec.contact.at(0).friction_coefficient, 0.2);
  EXPECT_FALSE(model::set_spec_value(reading.spec, "contact.plate.friction_coefficient", "-1", {})
                   .error.empty());
}

TEST(ContactModel, BadItemsAreReportedAtTheirKeyPaths) {
  auto message = [](std::string text) {
    try {
      load(text);
    } catch (const InputErrors& e) {
      return e.errors().at(0).message() + " @ " + e.errors().at(0).key_path();
    }
    return std::string("no error");
  };
  std::string cone = kSlide;
  cone.replace(cone.find("surface: plane"), 14, "surface: cone");
  EXPECT_NE(message(cone).find("contact[0].surface"), std::string::npos) << message(cone);
  std::string cylinder = kSlide;
  cylinder.replace(cylinder.find("surface: plane"), 14, "surface: cylinder");
  EXPECT_NE(message(cylinder).find("radius"), std::string::npos) << message(cylinder);
  std::string facets = kSlide;
  facets.replace(facets.find("facets: z0"), 10, "facets: zz");
  EXPECT_NE(message(facets).find("contact[0].facets"), std::string::npos) << message(facets);
}

// An item naming a master facet set instead of a rigid surface builds node-to-segment contact
// (here the block's bottom against its own top facets, only to check the reading and building).
std::string master_item() {
  std::string text = kSlide;
  const auto begin = text.find("  - name: plate"), end = text.find("steps:");
  text.replace(begin, end - begin,
               "  - name: glide\n    master: z1\n    facets: z0\n    reach: 5\n"
               "    friction_coefficient: 0.2\n");
  return text;
}

TEST(ContactModel, MasterFacetSetBuildsNodeToSegmentContact) {
  const auto def = load(master_item());
  ASSERT_EQ(def.model.couplings.size(), 1u);
  const auto& set = dynamic_cast<const contact::SegmentContactSet&>(*def.model.couplings.front());
  EXPECT_EQ(set.nodes().size(), 25u);
  EXPECT_EQ(set.master().size(), 16);
  EXPECT_DOUBLE_EQ(set.parameters().friction_coefficient, 0.2);
  // Automatic penalty as for a rigid surface: 10 x 3G / h, h = 2.5 mm.
  EXPECT_NEAR(set.parameters().normal_penalty, 10.0 * 3.0 * (10.0 / 2.6) / 2.5, 1e-9);
  auto reading = model::read_model_text(master_item(), "test.yaml", registries().materials);
  ASSERT_TRUE(reading.errors.empty());
  const auto paths = model::spec_paths(reading.spec, {});
  for (const char* p : {"contact.0.master", "contact.0.reach", "contact.0.facets"})
    EXPECT_NE(std::find(paths.begin(), paths.end(), p), paths.end()) << p;
  for (const char* p : {"contact.0.surface", "contact.0.centre.2"})
    EXPECT_EQ(std::find(paths.begin(), paths.end(), p), paths.end()) << p;
}

TEST(ContactModel, BadMasterItemsAreReported) {
  auto message = [](std::string text) {
    try {
      load(text);
    } catch (const InputErrors& e) {
      return e.errors().at(0).message() + " @ " + e.errors().at(0).key_path();
    }
    return std::string("no error");
  };
  std::string unknown = master_item();
  unknown.replace(unknown.find("master: z1"), 10, "master: zz");
  EXPECT_NE(message(unknown).find("contact[0].master"), std::string::npos) << message(unknown);
  std::string both = master_item();
  both.replace(both.find("reach: 5"), 8, "radius: 2");
  EXPECT_NE(message(both).find("radius"), std::string::npos) << message(both);
}

// `formulation: segment_to_segment` builds mortar contact; the default stays node-to-segment.
TEST(ContactModel, FormulationSelectsSegmentToSegmentContact) {
  std::string text = master_item();
  text.replace(text.find("    friction_coefficient: 0.2\n"), 30,
               "    formulation: segment_to_segment\n");
  const auto def = load(text);
  ASSERT_EQ(def.model.couplings.size(), 1u);
  const auto& set = dynamic_cast<const contact::MortarContactSet&>(*def.model.couplings.front());
  EXPECT_EQ(set.nodes().size(), 25u);
  EXPECT_NEAR(set.parameters().normal_penalty, 10.0 * 3.0 * (10.0 / 2.6) / 2.5, 1e-9);
  auto reading = model::read_model_text(text, "test.yaml", registries().materials);
  ASSERT_TRUE(reading.errors.empty());
  const auto paths = model::spec_paths(reading.spec, {});
  EXPECT_NE(std::find(paths.begin(), paths.end(), "contact.0.formulation"), paths.end());
  auto message = [](const std::string& t) {
    try {
      load(t);
    } catch (const InputErrors& e) {
      return e.errors().at(0).message() + " @ " + e.errors().at(0).key_path();
    }
    return std::string("no error");
  };
  std::string bad = text;
  bad.replace(bad.find("segment_to_segment"), 18, "mortar");
  EXPECT_NE(message(bad).find("contact[0].formulation"), std::string::npos) << message(bad);
  // With friction: the mortar set carries the coefficient (nodal mortar friction).
  std::string friction = text;
  friction.replace(friction.find("    formulation"), 0, "    friction_coefficient: 0.2\n");
  const auto with_friction = load(friction);
  EXPECT_DOUBLE_EQ(
      dynamic_cast<const contact::MortarContactSet&>(*with_friction.model.couplings.front())
          .parameters()
          .friction_coefficient,
      0.2);
  std::string rigid = kSlide;
  rigid.replace(rigid.find("surface: plane"), 14,
                "surface: plane\n    formulation: node_to_segment");
  EXPECT_NE(message(rigid).find("formulation"), std::string::npos) << message(rigid);
}

}  // namespace
}  // namespace sinew::testing
