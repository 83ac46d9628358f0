// The per-node history every contact set declares and writes (pressure, slip path, frictional
// dissipation), shared by the rigid-surface and the node-to-segment sets so both list the same
// state variables in the same order.
#pragma once

#include <vector>

#include "core/types.hpp"
#include "materials/state_variable.hpp"

namespace sinew::contact {

/// The declared history of a node: pressure (MPa), slip path (mm), dissipated energy (mJ).
inline std::vector<materials::StateVariable> contact_history_variables() {
  return {
      {"contact_pressure", 0, 1, "MPa", "contact pressure p at the last commit", 0.0},
      {"slip", 1, 1, "mm", "accumulated frictional slip path length", 0.0},
      {"friction_dissipation", 2, 1, "mJ", "energy dissipated by friction at the node", 0.0},
  };
}

/// One row per node of contact_history_variables() (H has pressure, slip and dissipation).
template <class H>
std::vector<Real> contact_history_rows(const std::vector<H>& history) {
  std::vector<Real> out;
  out.reserve(3 * history.size());
  for (const auto& h : history) {
    out.push_back(h.pressure);
    out.push_back(h.slip);
    out.push_back(h.dissipation);
  }
  return out;
}

/// Energy dissipated by friction over all nodes (mJ).
template <class H>
Real total_dissipation(const std::vector<H>& history) {
  Real e = 0.0;
  for (const auto& h : history) e += h.dissipation;
  return e;
}

}  // namespace sinew::contact
