// Where a key of the spec was written: the key's own place or that of its nearest ancestor.
#include "model/model_spec.hpp"

namespace sinew::model {

SourceLocation ModelSpec::origin(const std::string& path) const {
  std::string p = path;
  while (!p.empty()) {
    const auto it = origins.find(p);
    if (it != origins.end()) return it->second;
    const auto cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  const auto root = origins.find(key_prefix);
  return root != origins.end() ? root->second : SourceLocation{source, 0, 0};
}

}  // namespace sinew::model
