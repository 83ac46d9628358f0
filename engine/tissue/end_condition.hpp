// The loaded end of a tissue model under an axial force, by its end condition (tissue_model.hpp
// EndCondition): a rigid plate carrying the force, or a uniform dead traction. Load cases and
// metric probes add their end force through here, so all of them load the end the same way.
// A load case can also pull the end through a series spring (a muscle in series).
#pragma once

#include "fem/model.hpp"
#include "tissue/tissue_model.hpp"

namespace sinew::tissue {

/// The coordinate direction (0, 1, 2) of the tissue axis. Throws std::invalid_argument when the
/// axis is not along x, y or z (a rigid plate moves along one coordinate direction).
int plate_component(const TissueRoles& roles);

/// Adds the axial force `force` x curve(t) (N, along roles.axis) on the loaded end of `model`,
/// as the tissue's end condition. Throws std::invalid_argument when the end has no area.
void add_end_force(fem::Model& model, const TissueRoles& roles, Real force, int curve);

/// The rigid plate on the loaded end, displacement-controlled: its axial displacement is
/// travel x curve(t) (mm), motion across the axis free.
void add_end_plate_travel(fem::Model& model, const TissueRoles& roles, Real travel, int curve);

/// The rigid plate on the loaded end pulled through a series spring of stiffness `stiffness`
/// (N/mm, > 0) whose far end travels travel x curve(t) (mm) along the axis: a muscle in series
/// with the tendon, the far end the muscle-tendon unit's lengthening. Whatever the end
/// condition, the spring pulls a plate (the muscle acts on the whole end face).
void add_end_spring(fem::Model& model, const TissueRoles& roles, Real stiffness, Real travel,
                    int curve);

}  // namespace sinew::tissue
