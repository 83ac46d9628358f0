// The limit load of a force-controlled rigid-plate end: when the force asked is more than the
// structure can carry (Newton fails at a limit point, no cut-back left), the load case is run
// again under displacement control of the plate, along the same profile, so the force-
// displacement curve passes its peak; the peak plate force is the load case's limit load. Where
// the displacement-controlled run stops converging at the peak too (a material instability: the
// softening fibres of a continuum lose ellipticity and localise), the largest force either run
// carried is the limit load.
#pragma once

#include <optional>

#include "simulation/session_driver.hpp"

namespace sinew::simulation {

struct PlateLimit {
  StageResult stage;  ///< of the displacement-controlled run
  /// N: the largest plate force carried, by the displacement-controlled run or by the last
  /// converged state under force control (along the plate)
  Real limit_load = 0.0;
  Real target = 0.0;            ///< N: the force the failed stage asked for
  bool target_reached = false;  ///< the force reached the target after all (then no limit)
  bool peak_passed = false;     ///< the force fell after its peak
  /// The displacement-controlled run stopped converging before its force fell: both controls
  /// stall at the same force, a limit point (the state stays that before the load case).
  bool stalled = false;
};

/// Reruns the failed `force_stage` (its model's first plate force-controlled, `failed` its
/// result) from the driver's carried history with the plate's displacement prescribed: the
/// plate curve scaled so that its largest value is `reach` x the plate displacement of the last
/// converged force-controlled state, in `increments` nominal steps. The run ends (completed,
/// its state the new history) at the first reported step after the force has fallen below its
/// peak, or where the force reaches the target. nullopt when the stage has no force-controlled
/// plate or no increment of it converged. `limit_load` is the larger of the run's peak and the
/// force of the last converged force-controlled state.
std::optional<PlateLimit> run_plate_limit(SessionDriver& driver, const Stage& force_stage,
                                          const StageResult& failed, int increments,
                                          const StepObserver& on_step, Real reach = 1.5);

}  // namespace sinew::simulation
