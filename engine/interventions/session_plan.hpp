// One session of a treatment or loading programme, resolved: its intervention and every
// parameter value. A study arm is an ordered list of these.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "interventions/intervention.hpp"

namespace sinew::interventions {

struct SessionPlan {
  std::string name;                        ///< unique within the arm
  std::string intervention;                ///< registry name
  std::map<std::string, Real> parameters;  ///< all declared parameters, defaults filled in
  std::shared_ptr<const Intervention> impl;
};

}  // namespace sinew::interventions
