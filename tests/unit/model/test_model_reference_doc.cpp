// docs/model-reference.md against the code: every top-level key the loader accepts has a row
// (the material laws' sections are checked by test_materials' LawDocs).
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
  ASSERT_EQ(keys.size(), 13u) << allowed;
  for (const auto& k : keys) {
    EXPECT_NE(section.find("| `" + k + "` |"), std::string::npos) << k;
    EXPECT_NE(doc.find("## `" + k + "`"), std::string::npos) << k;
  }
}

}  // namespace
}  // namespace sinew::model
