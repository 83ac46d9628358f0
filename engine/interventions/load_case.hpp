// What an intervention session becomes: an ordered list of load cases, each one quasi-static
// loading of the same tissue model (docs/interventions.md). A load case is described in the
// tissue model's own terms (its axis, fixed and loaded ends, bed surface, scar), so one
// intervention works on every tissue model; load_case_model.hpp turns it into boundary conditions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fem/model.hpp"

namespace sinew::interventions {

/// Piecewise-linear function of the load case's own time s in [0, 1] (held outside it).
using Profile = fem::LoadCurve;

/// Ramp 0 -> 1 over [from, to] of the load case's time, held at 1 afterwards.
inline Profile ramp(Real from = 0.0, Real to = 1.0) { return Profile{{{from, 0.0}, {to, 1.0}}}; }

/// A pressure patch on the bed's outer surface (thumb, instrument edge), pressed toward the body.
struct PatchLoad {
  Real force = 0.0;  ///< N: total normal force at full load
  Profile force_profile = ramp();
  Real length = 10.0;  ///< mm along the body axis
  Real width = 10.0;   ///< mm across the axis (on the pressing side)
  /// mm: axial offset of the patch centre from the target point (the scar centre) at the start
  /// and at the end of its motion; equal for a patch that stays in place.
  Real start = 0.0;
  Real end = 0.0;
  Real move_from = 0.0;  ///< load-case time at which the patch starts moving
  Real move_to = 1.0;    ///< load-case time at which it arrives at `end`
  /// Tangential drag traction along the direction of motion, as a fraction of the pressure
  /// (an instrument dragged over the skin).
  Real drag = 0.0;
  /// The patch grips the skin (ART: the thumb holds the tissue while the tendon slides
  /// beneath): Coulomb friction of this coefficient holds the bed nodes under the patch along
  /// the axis, with the patch's own pressure as the normal load, so the grip holds at most
  /// grip_friction x force (patch_coupling.hpp). 0 = no grip.
  Real grip_friction = 0.0;
  Real grip_stiffness = 10.0;  ///< MPa/mm: elastic stick stiffness of the grip per unit area
};

struct LoadCase {
  std::string name;
  int increments = 6;       ///< nominal load increments (cut back automatically when needed)
  std::int64_t cycles = 1;  ///< physiological repetitions this case stands for (recorded)
  /// Axial force on the loaded end (N), through the tissue's end condition (a rigid plate by
  /// default, or a dead traction). When nonzero the loaded end is force-controlled; otherwise
  /// its displacement is prescribed (elongation + excursion).
  Real axial_force = 0.0;
  Profile force_profile = ramp();
  Real elongation = 0.0;  ///< mm: prescribed axial lengthening of the loaded end
  Profile elongation_profile = ramp();
  /// N/mm: a muscle in series with the tissue (0: none). Without an axial force, the elongation
  /// (and excursion) is then that of the muscle-tendon unit, set by the joint: the far end of a
  /// spring of this stiffness pulling a rigid plate on the loaded end, so the tissue takes the
  /// share its own stiffness leaves it (F = k_m k_t / (k_m + k_t) x elongation when linear).
  Real muscle_stiffness = 0.0;
  /// With an axial force and a hold: the hold keeps the position the ramp reached (the joint
  /// angle at the force limit, a static stretch to end range) instead of the force, so a
  /// viscoelastic tissue relaxes through the series muscle (or, without one, at fixed length).
  bool hold_position = false;
  /// mm: translation of the whole body along the axis relative to its bed (both ends move);
  /// > 0 toward the loaded end.
  Real excursion = 0.0;
  Profile excursion_profile = ramp();
  std::optional<PatchLoad> patch;
  /// s: after the profiles' end (load-case time 1, one second of model time) the loads are held
  /// this long, in a second stage of `increments` increments (a static stretch's hold):
  /// rate-dependent laws (hgo-visco) relax or creep during it; elastic ones do not change.
  Real hold = 0.0;
};

/// `simulated` copies of `prototype` named "<label> i/n". The cycles of the session sum to
/// `session_cycles` (at least `simulated`), shared as evenly as whole numbers allow, the first
/// copies taking one more: after each copy the problem counts its cycles into the cycle-counting
/// history (fibre fatigue, Miner's rule from that copy's peak stress), so the session's fatigue
/// damage grows in `simulated` steps and each copy is solved on the stiffness the cycles before
/// it left. Peak-driven history (static fibre damage) sees every copy, as before.
inline std::vector<LoadCase> repeated(LoadCase prototype, const std::string& label, int simulated,
                                      std::int64_t session_cycles) {
  std::vector<LoadCase> cases;
  const std::int64_t n = simulated;
  const std::int64_t total = std::max(session_cycles, n);
  for (std::int64_t i = 0; i < n; ++i) {
    prototype.name = label + " " + std::to_string(i + 1) + "/" + std::to_string(simulated);
    prototype.cycles = total / n + (i < total % n ? 1 : 0);
    cases.push_back(prototype);
  }
  return cases;
}

}  // namespace sinew::interventions
