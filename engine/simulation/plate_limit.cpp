// Displacement-controlled continuation of a force-controlled plate past its limit point.
#include "simulation/plate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace sinew::simulation {

std::optional<PlateLimit> run_plate_limit(SessionDriver& driver, const Stage& force_stage,
                                          const StageResult& failed, int increments,
                                          const StepObserver& on_step, Real reach) {
  const fem::Model& source = *force_stage.model;
  if (source.plates.empty() || source.plates.front().displacement_control ||
      source.plates.front().spring > 0.0)
    return std::nullopt;
  const fem::PlateBC& plate = source.plates.front();
  const fem::LoadCurve& curve = source.curves[plate.curve];
  // The last converged force-controlled state: plate displacement and curve value there.
  const Real u_c = driver.displacement()[3 * plate.nodes.front() + plate.component];
  const Real p_c = curve(failed.last_converged_time);
  Real p_max = 0.0;
  for (const auto& [t, v] : curve.points) p_max = std::max(p_max, std::abs(v));
  if (!(std::abs(u_c) > 0.0) || !(std::abs(p_c) > 0.0) || !(p_max > 0.0)) return std::nullopt;

  auto model = std::make_shared<fem::Model>(source);
  fem::PlateBC& driven = model->plates.front();
  driven.displacement_control = true;
  driven.value = reach * (u_c / p_c) * (std::abs(p_c) / p_max);  // mm at curve value 1
  Stage stage = force_stage;
  stage.name = force_stage.name + " (plate displacement control)";
  stage.model = model;
  stage.stepping.increments = increments;
  stage.continues = false;

  PlateLimit out;
  out.target = std::abs(plate.value * p_max);
  const Real sign = plate.value >= 0.0 ? 1.0 : -1.0;
  stage.until = [&](const StepOutput&, const VecX&) {
    const VecX r = driver.residual();
    Real force = 0.0;
    for (Index n : plate.nodes) force += r[3 * n + plate.component];
    force *= sign;
    if (force >= out.target) out.target_reached = true;
    if (force < out.limit_load) out.peak_passed = true;
    out.limit_load = std::max(out.limit_load, force);
    return out.target_reached || out.peak_passed;
  };
  out.stage = driver.run_stage(stage, on_step);
  out.stalled = !out.stage.completed && !out.peak_passed && !out.target_reached;
  out.limit_load = std::max(out.limit_load, std::abs(plate.value * p_c));
  return out;
}

}  // namespace sinew::simulation
