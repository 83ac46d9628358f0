// The registry of bond softening laws of the adhesion interface: the name a model file gives as
// `interface.law`, its description, and the SofteningLaw the elements evaluate
// (cohesive_law.hpp has both laws' equations).
#pragma once

#include <string>

#include "core/catalogue.hpp"
#include "interface/interface_parameters.hpp"

namespace sinew::interface {

struct CohesiveLawEntry {
  SofteningLaw law;
  std::string description;
};

using CohesiveLawRegistry = Catalogue<CohesiveLawEntry>;

/// Adds "bilinear" (Camanho & Davila 2002) and "exponential" (Xu & Needleman 1994 tail).
void register_cohesive_laws(CohesiveLawRegistry& registry);

}  // namespace sinew::interface
