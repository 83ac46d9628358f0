// Registration of every material law with its description and declared parameters.
#include "materials/register.hpp"

#include <memory>

#include "materials/hgo.hpp"
#include "materials/hgo_coupled.hpp"
#include "materials/mooney_rivlin.hpp"
#include "materials/neo_hookean.hpp"
#include "materials/ti_mooney_rivlin.hpp"

namespace sinew::materials {

namespace {
template <class Law>
void add(MaterialRegistry& registry) {
  registry.add(
      Law::kName,
      [](const ParameterSet& values) -> std::unique_ptr<Material> {
        return std::make_unique<Law>(values);
      },
      Law::description(), Law::parameter_specs());
}
}  // namespace

void register_materials(MaterialRegistry& registry) {
  add<NeoHookean>(registry);
  add<MooneyRivlin>(registry);
  add<Hgo>(registry);
  add<HgoCoupled>(registry);
  add<TiMooneyRivlin>(registry);
}

}  // namespace sinew::materials
