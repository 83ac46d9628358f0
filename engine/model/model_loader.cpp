// A model read into its spec and built, with the problems of both halves (model_reader,
// model_builder) reported together: the one call `sinew solve`, `sinew check`, studies and the
// tests use.
#include <algorithm>
#include <tuple>
#include <vector>

#include "model/model_builder.hpp"
#include "model/model_definition.hpp"
#include "model/model_reader.hpp"

namespace sinew::model {

namespace {

// Whether two key paths name the same value or one lies inside the other
// ("regions[0]" and "regions[0].material"; not "regions[0]" and "regions[01]").
bool related(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (longer.compare(0, shorter.size(), shorter) != 0) return false;
  return longer.size() == shorter.size() || shorter.empty() || longer[shorter.size()] == '.' ||
         longer[shorter.size()] == '[';
}

// The build's problems with values that were read correctly: a value the reader rejected is
// left at its default, and what the build says about it would only repeat the reader.
void add_build_errors(const ModelReading& reading, const materials::MaterialRegistry& materials,
                      std::vector<InputError>& errors) {
  const std::string mesh = reading.spec.key("mesh");
  for (const auto& e : reading.errors)
    if (related(e.key_path(), mesh)) return;  // no mesh: every set look-up would fail
  try {
    build_model(reading.spec, materials);
  } catch (const InputErrors& built) {
    for (const auto& e : built.errors())
      if (std::none_of(reading.errors.begin(), reading.errors.end(),
                       [&](const InputError& r) { return related(r.key_path(), e.key_path()); }))
        errors.push_back(e);
  }
}

// Problems are listed section by section in the order the model reference gives the sections
// (keys the root does not know first), in file order within a section.
int section_rank(const ModelSpec& spec, const std::string& path) {
  static const std::vector<std::string> kSections{
      "mesh",   "materials", "load_curves", "regions", "boundary", "steps",
      "solver", "output",    "fibre",       "tissue",  "scars",    "interface"};
  std::string rest = path;
  if (!spec.key_prefix.empty() && rest.rfind(spec.key_prefix + ".", 0) == 0)
    rest = rest.substr(spec.key_prefix.size() + 1);
  const std::string section = rest.substr(0, rest.find_first_of(".["));
  const auto it = std::find(kSections.begin(), kSections.end(), section);
  return it == kSections.end() ? 0 : static_cast<int>(it - kSections.begin()) + 1;
}

}  // namespace

ModelDefinition load_model(const ModelReading& reading,
                           const materials::MaterialRegistry& materials) {
  std::vector<InputError> errors = reading.errors;
  if (errors.empty()) {
    try {
      return build_model(reading.spec, materials);
    } catch (const InputErrors& e) {
      errors = e.errors();
    }
  } else {
    add_build_errors(reading, materials, errors);
  }
  const ModelSpec& spec = reading.spec;
  std::stable_sort(errors.begin(), errors.end(), [&](const InputError& a, const InputError& b) {
    return std::make_tuple(section_rank(spec, a.key_path()), a.where().line, a.where().column) <
           std::make_tuple(section_rank(spec, b.key_path()), b.where().line, b.where().column);
  });
  throw InputErrors(errors);
}

ModelDefinition load_model_text(const std::string& text, const std::string& file_name,
                                const materials::MaterialRegistry& materials) {
  return load_model(read_model_text(text, file_name, materials), materials);
}

ModelDefinition load_model_file(const std::string& path,
                                const materials::MaterialRegistry& materials) {
  return load_model(read_model_file(path, materials), materials);
}

}  // namespace sinew::model
