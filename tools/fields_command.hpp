// `sinew fields`: prints the output-field table (name, results-file path, association,
// components, units, description) as text, Markdown or JSON; with a model file, that model's
// table including the state variables its laws declare.
#pragma once

#include <string>

namespace sinew::tools {

struct FieldsOptions {
  std::string model_file;  ///< empty: the catalogue of fields every model can have
  bool markdown = false;
  bool json = false;
};

/// Exit code 0, or 2 for a bad model file.
int run_fields(const FieldsOptions& options);

}  // namespace sinew::tools
