// Registration of the bond softening laws.
#include "interface/cohesive_laws.hpp"

namespace sinew::interface {

void register_cohesive_laws(CohesiveLawRegistry& registry) {
  registry.add("bilinear", {SofteningLaw::Bilinear,
                            "traction falls linearly from the onset to zero at 2 G_c / (K delta_0) "
                            "(Camanho & Davila 2002)"});
  registry.add("exponential",
               {SofteningLaw::Exponential,
                "traction decays as K delta_0 exp(-(delta - delta_0)/delta_c) after the onset, "
                "the same work G_c (Xu & Needleman 1994)"});
}

}  // namespace sinew::interface
