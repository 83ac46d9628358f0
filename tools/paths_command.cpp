// `sinew paths`: the model is read and built (so only a valid model is listed; `steps` may be
// omitted, as in a study's model), then its spec's canonical text is printed: one
// `key.path = value` line per value, defaults included.
#include "paths_command.hpp"

#include <iostream>

#include "core/error.hpp"
#include "materials/register.hpp"
#include "model/model_builder.hpp"
#include "model/model_definition.hpp"
#include "model/model_reader.hpp"
#include "model/spec_paths.hpp"

namespace sinew::tools {

int run_paths(const std::string& model_file) {
  materials::MaterialRegistry materials;
  materials::register_materials(materials);
  try {
    const model::ModelReading reading = model::read_model_file(model_file, materials, false);
    model::load_model(reading, materials);  // only a valid model is listed
    std::cout << model::canonical_text(reading.spec, model::law_parameters(materials));
    return 0;
  } catch (const InputErrors& e) {
    for (const auto& err : e.errors()) std::cerr << "error: " << err.what() << "\n";
    std::cerr << e.errors().size() << " problem(s) found\n";
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace sinew::tools
