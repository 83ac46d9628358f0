// The problems found while building a model from its spec, each reported at the key path of
// the value it is about and the place in the file where that value (or its section) was written.
#pragma once

#include <string>

#include "model/diagnostics.hpp"
#include "model/model_spec.hpp"

namespace sinew::model {

class ModelErrors {
 public:
  explicit ModelErrors(const ModelSpec& spec) : spec_(spec) {}
  /// `path` is below the model section ("regions[0].material").
  void add(const std::string& path, const std::string& message) {
    const std::string full = spec_.key(path);
    diag_.add(spec_.origin(full), full, message);
  }
  bool empty() const { return diag_.empty(); }
  void throw_if_any() const { diag_.throw_if_any(); }

 private:
  const ModelSpec& spec_;
  Diagnostics diag_;
};

}  // namespace sinew::model
