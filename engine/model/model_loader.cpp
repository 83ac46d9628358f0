// A model file read into its spec and built: the two halves (model_reader, model_builder) in
// the one call `sinew solve`, `sinew check` and the tests use.
#include "model/model_builder.hpp"
#include "model/model_definition.hpp"
#include "model/model_reader.hpp"

namespace sinew::model {

ModelDefinition load_model_text(const std::string& text, const std::string& file_name,
                                const materials::MaterialRegistry& materials) {
  return build_model(read_model_text(text, file_name, materials), materials);
}

ModelDefinition load_model_file(const std::string& path,
                                const materials::MaterialRegistry& materials) {
  return build_model(read_model_file(path, materials), materials);
}

}  // namespace sinew::model
