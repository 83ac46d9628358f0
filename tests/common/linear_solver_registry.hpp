// The registered linear-solver backends, built once per test executable (tests that solve
// through the simulation pipeline or measure metrics).
#pragma once

#include "solver/linear/linear_solver.hpp"

namespace sinew::testing {

inline const solver::LinearSolverRegistry& registered_linear_solvers() {
  static const solver::LinearSolverRegistry registry = [] {
    solver::LinearSolverRegistry r;
    solver::register_linear_solvers(r);
    return r;
  }();
  return registry;
}

}  // namespace sinew::testing
