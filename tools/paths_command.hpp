// `sinew paths`: every key path of a model with its value (the model's canonical text), i.e.
// what a study's `model.set` and `sweep.parameters` (`model.<key path>`) can address.
#pragma once

#include <string>

namespace sinew::tools {

/// Exit code 0, or 2 for a bad model file.
int run_paths(const std::string& model_file);

}  // namespace sinew::tools
