// docs/model-reference.md against the material registry: every registered law has a section
// "### `<law>`" whose table has exactly one row per declared parameter, with its unit and
// default. Parameterised over the registry's names, so a new law without docs fails here.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "common/doc_tables.hpp"
#include "material_test_support.hpp"

namespace sinew::materials::testing {
namespace {

std::string number(Real v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

class LawDocs : public ::testing::TestWithParam<std::string> {};

TEST_P(LawDocs, EveryParameterHasARowWithItsUnitAndDefault) {
  const std::string doc = sinew::testing::read_doc("model-reference.md");
  ASSERT_FALSE(doc.empty());
  const std::string law = GetParam();
  const std::string section = sinew::testing::doc_section(doc, "### `" + law + "`\n");
  ASSERT_FALSE(section.empty()) << "docs/model-reference.md has no section ### `" << law << "`";
  const auto& specs = registry().entry(law).parameters;
  for (const auto& p : specs) {
    const std::string row = "| `" + p.name + "` | " + p.unit + " | " +
                            (p.default_value ? number(*p.default_value) : "required") + " |";
    EXPECT_NE(section.find(row), std::string::npos) << "missing row starting " << row;
  }
  // No rows for parameters the law does not have.
  EXPECT_EQ(sinew::testing::row_names(section).size(), specs.size());
}

INSTANTIATE_TEST_SUITE_P(Registry, LawDocs, ::testing::ValuesIn(registry().names()),
                         [](const auto& param_info) { return safe_label(param_info.param); });

}  // namespace
}  // namespace sinew::materials::testing
