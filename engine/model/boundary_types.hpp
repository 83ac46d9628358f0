// The registry of boundary-condition types a model file names as `boundary[i].type`: each
// entry's description, the keys it accepts (with units; docs/model-reference.md has one row per
// type) and the code that adds the condition to the model (its keys are read into a
// BoundarySpec by the model reader).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/key_spec.hpp"
#include "fem/model.hpp"
#include "model/model_spec.hpp"

namespace sinew::model {

/// What a boundary condition's construction needs from the model being built. Look-ups
/// report their own errors (at the key path given) and return nullopt.
class BoundaryContext {
 public:
  virtual ~BoundaryContext() = default;
  virtual fem::Model& model() = 0;
  /// Reports a problem with the value at `path` (below the model section, "boundary[0].value").
  virtual void error(const std::string& path, const std::string& message) = 0;
  virtual std::optional<std::vector<Index>> node_set(const std::string& name,
                                                     const std::string& path) = 0;
  virtual std::optional<std::vector<mesh::Facet>> facet_set(const std::string& name,
                                                            const std::string& path) = 0;
  /// Index of the named load curve (0 = ramp, -1 = constant).
  virtual std::optional<int> curve(const std::string& name, const std::string& path) = 0;
  /// The curve a load evaluates: "constant" becomes a curve equal to 1.
  virtual int load_curve(int curve) = 0;
};

/// Adds one condition to the model; `path` is its key path ("boundary[2]").
using BoundaryBuilder = std::function<void(const BoundarySpec& condition, const std::string& path,
                                           BoundaryContext& context)>;

struct BoundaryTypeEntry {
  std::string description;
  std::vector<KeySpec> keys;  ///< besides `type`
  BoundaryBuilder build;
};

using BoundaryTypeRegistry = Catalogue<BoundaryTypeEntry>;

/// Adds "fixed", "displacement", "force", "pressure", "traction", "plate" and "foundation".
void register_boundary_types(BoundaryTypeRegistry& registry);

}  // namespace sinew::model
