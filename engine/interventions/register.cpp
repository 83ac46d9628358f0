// Fills the intervention registry with the built-in interventions (one per file).
#include "interventions/intervention.hpp"

namespace sinew::interventions {

void add_rest(InterventionRegistry& r);
void add_running(InterventionRegistry& r);
void add_eccentric(InterventionRegistry& r);
void add_static_stretch(InterventionRegistry& r);
void add_active_release(InterventionRegistry& r);
void add_instrument_mobilisation(InterventionRegistry& r);
void add_progressive_strengthening(InterventionRegistry& r);

void register_interventions(InterventionRegistry& registry) {
  add_rest(registry);
  add_running(registry);
  add_eccentric(registry);
  add_static_stretch(registry);
  add_active_release(registry);
  add_instrument_mobilisation(registry);
  add_progressive_strengthening(registry);
}

}  // namespace sinew::interventions
