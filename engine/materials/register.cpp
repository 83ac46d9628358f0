// Registration of every material law: a table of the laws' add_<stem> functions, generated at
// configure time from the REGISTERED list of sinew_module(materials ...) (engine/CMakeLists.txt),
// so the list of laws is written once and nothing is registered by static initialisation.
#include "materials/register.hpp"

namespace sinew::materials {

#define SINEW_REGISTERED(stem) void add_##stem(MaterialRegistry& registry);
#include "materials/registered.inc"
#undef SINEW_REGISTERED

namespace {
using AddLaw = void (*)(MaterialRegistry&);
constexpr AddLaw kLaws[] = {
#define SINEW_REGISTERED(stem) &add_##stem,
#include "materials/registered.inc"
#undef SINEW_REGISTERED
};
}  // namespace

void register_materials(MaterialRegistry& registry) {
  for (const AddLaw add : kLaws) add(registry);
}

}  // namespace sinew::materials
