// docs/model-reference.md against the code: every material law and parameter is documented
// with its unit and default, and every top-level key the loader accepts has a row.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"

namespace sinew::model {
namespace {

std::string reference() {
  std::ifstream in(std::string(SINEW_SOURCE_DIR) + "/docs/model-reference.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string number(Real v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The text of "### `law`" up to the next heading of level 2 or 3.
std::string law_section(const std::string& doc, const std::string& law) {
  const auto start = doc.find("\n### `" + law + "`\n");
  if (start == std::string::npos) return {};
  auto end = doc.find("\n#", start + 1);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(ModelReferenceDoc, EveryMaterialParameterHasARow) {
  const std::string doc = reference();
  ASSERT_FALSE(doc.empty());
  materials::MaterialRegistry registry;
  materials::register_materials(registry);
  for (const auto& law : registry.names()) {
    SCOPED_TRACE(law);
    const std::string section = law_section(doc, law);
    ASSERT_FALSE(section.empty()) << "no section ### `" << law << "`";
    const auto& specs = registry.entry(law).parameters;
    for (const auto& p : specs) {
      const std::string row = "| `" + p.name + "` | " + p.unit + " | " +
                              (p.default_value ? number(*p.default_value) : "required") + " |";
      EXPECT_NE(section.find(row), std::string::npos) << "missing row starting " << row;
    }
    // No rows for parameters the law does not have.
    size_t rows = 0;
    for (auto at = section.find("\n| `"); at != std::string::npos;
         at = section.find("\n| `", at + 1))
      ++rows;
    EXPECT_EQ(rows, specs.size());
  }
}

TEST(ModelReferenceDoc, EveryTopLevelKeyHasARow) {
  const std::string doc = reference();
  const auto top = doc.find("## Top level");
  ASSERT_NE(top, std::string::npos);
  const std::string section = doc.substr(top, doc.find("\n## ", top + 1) - top);
  materials::MaterialRegistry registry;
  materials::register_materials(registry);
  // The loader names its allowed top-level keys in the message for an unknown one.
  std::string allowed;
  try {
    load_model_text("no_such_key: 1\n", "model.yaml", registry);
  } catch (const InputErrors& e) {
    const std::string m = e.errors().at(0).message();
    const auto open = m.find("(allowed: ");
    ASSERT_NE(open, std::string::npos) << m;
    allowed = m.substr(open + 10, m.rfind(')') - open - 10);
  }
  std::vector<std::string> keys;
  std::stringstream ss(allowed);
  for (std::string k; std::getline(ss, k, ',');) keys.push_back(k.substr(k.find_first_not_of(' ')));
  ASSERT_EQ(keys.size(), 12u) << allowed;
  for (const auto& k : keys) {
    EXPECT_NE(section.find("| `" + k + "` |"), std::string::npos) << k;
    EXPECT_NE(doc.find("## `" + k + "`"), std::string::npos) << k;
  }
}

}  // namespace
}  // namespace sinew::model
