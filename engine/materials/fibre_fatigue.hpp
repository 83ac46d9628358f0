// Cycle-counting fatigue damage of the fibres (hgo): Miner's rule on the S-N line of human tendon.
//
// Schechtman & Bader 1997 (J Biomech 30:829) loaded 90 human extensor digitorum longus tendons
// with a square tension-tension waveform (minimum stress 1% of the ultimate tensile strength,
// UTS ~ 100 MPa) and found the median cycles to failure N_f at a peak stress S (in % of the UTS)
// on one line without endurance limit:
//
//   S = 101.3 - 14.8 log10(N_f)   <=>   N_f(S) = 10^((101.3 - S) / 14.8).
//
// Every point keeps two state variables: the largest nominal fibre stress sigma_p reached in the
// current load case and the accumulated Miner damage D_f. A load case stands for n physiological
// cycles (interventions::LoadCase::cycles); when it ends, the problem calls apply_cycles(n), which
// adds the Miner fraction n / N_f(sigma_p) (Miner 1945, J Appl Mech 12:A159) and starts the next
// case's peak from zero. D_f is capped at 1 and scales the fibre stiffness by 1 - D_f, so the
// number of cycles (cadence x duration) matters, not only the peak.
//
// The line is an in-vitro result without repair; Schechtman & Bader themselves note that living
// tendon heals between loadings. With it, the Achilles tendon force of a maximal contraction
// (3.5 kN on 57 mm^2: 61 MPa, N_f ~ 500) would break the fibres within the 1,150-2,600 hops
// after which Peltonen et al. 2010 (J Exp Biol 213:1259) found the stiffness unchanged in vivo;
// only peak stresses below ~25 MPa keep 2,600 cycles under a 2% stiffness loss (docs/theory.md,
// "Fibre fatigue"). Fatigue is therefore off by default (fatigue_uts = 0).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/parameters.hpp"
#include "core/types.hpp"
#include "materials/material.hpp"

namespace sinew::materials {

class FibreFatigue {
 public:
  static constexpr const char* kUtsKey = "fatigue_uts";
  /// The S-N line S = a - b log10 N (S in % of the UTS), Schechtman & Bader 1997.
  static constexpr Real kIntercept = 101.3;
  static constexpr Real kSlope = 14.8;
  /// State slots: the load case's peak fibre stress and the Miner damage (slot 0 is the static
  /// fibre damage's fibre_stretch_max).
  static constexpr int kPeakSlot = 1;
  static constexpr int kDamageSlot = 2;

  FibreFatigue() = default;
  static std::vector<ParameterSpec> parameter_specs();
  static FibreFatigue from_parameters(const ParameterSet& values);
  /// Fatigue with ultimate tensile strength `uts` (MPa); 0 = off.
  explicit FibreFatigue(Real uts) : uts_(uts) {}

  bool enabled() const { return uts_ > 0.0; }
  Real uts() const { return uts_; }

  /// Median cycles to failure N_f at peak nominal fibre stress `stress` (MPa); infinite for a
  /// point that carried no tension.
  Real cycles_to_failure(Real stress) const {
    if (!enabled() || !(stress > 0.0)) return std::numeric_limits<Real>::infinity();
    const Real percent = 100.0 * stress / uts_;
    return std::pow(10.0, (kIntercept - percent) / kSlope);
  }

  /// 1 - D_f: the multiplier of the fibre stiffness (1 when fatigue is off).
  Real keep(const PointFields& p) const { return enabled() ? 1.0 - p.state[kDamageSlot] : 1.0; }

  /// The commit of one converged state: the load case's peak fibre stress.
  void update_state(Real fibre_stress, PointFields& p) const {
    if (!enabled()) return;
    Real& peak = p.state[kPeakSlot];
    peak = std::max(peak, fibre_stress);
  }

  /// The end of a load case standing for n cycles: D_f += n / N_f(peak), capped at 1; the peak
  /// restarts at 0 for the next case.
  void apply_cycles(std::int64_t n, PointFields& p) const {
    if (!enabled()) return;
    Real& peak = p.state[kPeakSlot];
    Real& d = p.state[kDamageSlot];
    if (n > 0) d = std::min(1.0, d + static_cast<Real>(n) / cycles_to_failure(peak));
    peak = 0.0;
  }

  /// fibre_stress_peak and fatigue_damage (empty when off); fatigue_damage is also the output
  /// field of the same name.
  std::vector<StateVariable> state_variables() const;

 private:
  Real uts_ = 0.0;
};

/// Appends `b` to `a` (the state declarations or point outputs of two history mechanisms).
template <class T>
std::vector<T> joined(std::vector<T> a, std::vector<T> b) {
  for (auto& x : b) a.push_back(std::move(x));
  return a;
}

}  // namespace sinew::materials
