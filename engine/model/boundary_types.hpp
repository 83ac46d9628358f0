// The registry of boundary-condition types a model file names as `boundary[i].type`: each
// entry's description, the keys it accepts (with units; docs/model-reference.md has one row per
// type) and the code that adds the condition to the model.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/key_spec.hpp"
#include "fem/model.hpp"
#include "model/yaml_node.hpp"

namespace sinew::model {

/// What a boundary condition's construction needs from the model being loaded. Look-ups report
/// their own errors and return nullopt.
class BoundaryContext {
 public:
  virtual ~BoundaryContext() = default;
  virtual fem::Model& model() = 0;
  virtual std::optional<std::vector<Index>> node_set(const YamlNode& n) = 0;
  virtual std::optional<std::vector<mesh::Facet>> facet_set(const YamlNode& n) = 0;
  /// Index of the load curve named by n (0 = ramp, -1 = constant); `fallback` when absent.
  virtual std::optional<int> curve(const YamlNode& n, int fallback) = 0;
  /// The curve a load evaluates: "constant" becomes a curve equal to 1.
  virtual int load_curve(int curve) = 0;
};

/// Reads one condition (its keys already checked against the entry's) into the model.
using BoundaryBuilder = std::function<void(const YamlNode& condition, BoundaryContext& context)>;

struct BoundaryTypeEntry {
  std::string description;
  std::vector<KeySpec> keys;  ///< besides `type`
  BoundaryBuilder build;
};

using BoundaryTypeRegistry = Catalogue<BoundaryTypeEntry>;

/// Adds "fixed", "displacement", "force", "pressure", "traction" and "foundation".
void register_boundary_types(BoundaryTypeRegistry& registry);

}  // namespace sinew::model
