// Fills the intervention registry from a table of the interventions' add_<stem> functions,
// generated at configure time from the REGISTERED list of sinew_module(interventions ...)
// (engine/CMakeLists.txt): one file per intervention, the list written once.
#include "interventions/intervention.hpp"

namespace sinew::interventions {

#define SINEW_REGISTERED(stem) void add_##stem(InterventionRegistry& registry);
#include "interventions/registered.inc"
#undef SINEW_REGISTERED

namespace {
using AddIntervention = void (*)(InterventionRegistry&);
constexpr AddIntervention kInterventions[] = {
#define SINEW_REGISTERED(stem) &add_##stem,
#include "interventions/registered.inc"
#undef SINEW_REGISTERED
};
}  // namespace

void register_interventions(InterventionRegistry& registry) {
  for (const AddIntervention add : kInterventions) add(registry);
}

}  // namespace sinew::interventions
