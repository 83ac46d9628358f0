// The docs tables against the registries they document: every linear solver, mesh generator,
// boundary-condition type, softening law, intervention and metric has its row (with its keys,
// units and defaults), and no table names an entry the registry lacks.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "common/doc_tables.hpp"
#include "interface/cohesive_laws.hpp"
#include "interventions/intervention.hpp"
#include "model/boundary_types.hpp"
#include "model/mesh_generators.hpp"
#include "solver/linear/linear_solver.hpp"
#include "tissue/metrics.hpp"

namespace sinew::model {
namespace {

using sinew::testing::doc_section;
using sinew::testing::doc_section_containing;
using sinew::testing::read_doc;
using sinew::testing::row_names;
using sinew::testing::row_of;
using sinew::testing::sorted;

// `s` in backticks (appended, not by operator+: GCC 12 warns falsely on "`" + s).
std::string code(const std::string& s) {
  std::string out(1, '`');
  out += s;
  out += '`';
  return out;
}

std::string number(Real v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

TEST(RegistryDocs, LinearSolversTableListsExactlyTheRegistry) {
  const std::string section = doc_section(read_doc("model-reference.md"), "### Linear solvers");
  ASSERT_FALSE(section.empty());
  EXPECT_EQ(row_names(section), sorted(solver::linear_solver_names()));
}

TEST(RegistryDocs, EveryMeshGeneratorHasItsKeysAndSets) {
  const std::string doc = read_doc("model-reference.md");
  MeshGeneratorRegistry registry;
  register_mesh_generators(registry);
  for (const auto& name : registry.names()) {
    SCOPED_TRACE(name);
    const std::string section = doc_section_containing(doc, "###", "(`" + name + "`)");
    ASSERT_FALSE(section.empty()) << "no ### heading with (`" << name << "`)";
    const auto& entry = registry.entry(name);
    for (const auto& k : entry.keys)
      EXPECT_NE(section.find(key_row(k)), std::string::npos) << "no row " << key_row(k);
    EXPECT_EQ(row_names(section), sorted(key_names(entry.keys)));
    for (const auto* sets : {&entry.element_sets, &entry.facet_sets, &entry.node_sets})
      for (const auto& s : *sets)
        EXPECT_NE(section.find(code(s)), std::string::npos) << "set " << s;
  }
  // No generator section for a name the registry lacks: one "### ... (`name`)" per entry.
  const auto from = doc.find("\n## `mesh`");
  ASSERT_NE(from, std::string::npos);
  const std::string mesh = doc.substr(from, doc.find("\n## ", from + 1) - from);
  size_t headings = 0;
  for (auto at = mesh.find("\n### "); at != std::string::npos; at = mesh.find("\n### ", at + 1))
    if (mesh.substr(at, mesh.find('\n', at + 1) - at).find("(`") != std::string::npos) ++headings;
  EXPECT_EQ(headings, registry.names().size());
}

TEST(RegistryDocs, BoundaryTableListsEveryTypeWithItsKeysAndUnits) {
  const std::string section = doc_section(read_doc("model-reference.md"), "## `boundary`");
  ASSERT_FALSE(section.empty());
  BoundaryTypeRegistry registry;
  register_boundary_types(registry);
  // The rows below the header (whose first cell is `type`).
  EXPECT_EQ(row_names(section.substr(section.find("| --- |"))), registry.names());
  for (const auto& type : registry.names()) {
    SCOPED_TRACE(type);
    const std::string row = row_of(section, type);
    for (const auto& k : registry.entry(type).keys) {
      EXPECT_NE(row.find(code(k.name)), std::string::npos) << "key " << k.name;
      if (!k.unit.empty()) {
        EXPECT_NE(row.find("(" + k.unit + ")"), std::string::npos) << "unit of " << k.name;
      }
    }
  }
}

TEST(RegistryDocs, SofteningLawsTableListsExactlyTheRegistry) {
  const std::string section = doc_section(read_doc("model-reference.md"), "### Softening laws");
  ASSERT_FALSE(section.empty());
  interface::CohesiveLawRegistry registry;
  interface::register_cohesive_laws(registry);
  EXPECT_EQ(row_names(section), registry.names());
}

TEST(RegistryDocs, InterventionsTableHasEveryInterventionAndParameter) {
  const std::string section = doc_section(read_doc("interventions.md"), "## The interventions");
  ASSERT_FALSE(section.empty());
  interventions::InterventionRegistry registry;
  interventions::register_interventions(registry);
  EXPECT_EQ(row_names(section), registry.names());
  for (const auto& name : registry.names()) {
    SCOPED_TRACE(name);
    const std::string row = row_of(section, name);
    for (const auto& p : registry.entry(name).parameters) {
      EXPECT_NE(row.find(code(p.name)), std::string::npos) << "parameter " << p.name;
      if (p.unit != "1") {
        EXPECT_NE(row.find("(" + p.unit + ","), std::string::npos) << p.name;
      }
      // Defaults are written without sign (a minus sign is typeset as U+2212).
      if (p.default_value) {
        EXPECT_NE(row.find(number(std::abs(*p.default_value))), std::string::npos) << p.name;
      }
    }
  }
}

TEST(RegistryDocs, MetricsDocHasEveryMetricWithItsUnit) {
  const std::string doc = read_doc("metrics.md");
  ASSERT_FALSE(doc.empty());
  std::vector<std::string> names;
  for (const auto& m : tissue::metric_table()) {
    names.emplace_back(m.name);
    const std::string row = row_of(doc, std::string(m.name));
    EXPECT_EQ(row.rfind("| `" + std::string(m.name) + "` | " + std::string(m.unit) + " |", 0), 0u)
        << "row of " << m.name << ": " << row;
  }
  EXPECT_EQ(row_names(doc), sorted(names));
}

}  // namespace
}  // namespace sinew::model
