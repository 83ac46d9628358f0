// Shared helpers of the verification tests: registries, loading models from YAML text, solving.
#pragma once

#include <string>

#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::testing {

struct Registries {
  materials::MaterialRegistry materials;
  solver::LinearSolverRegistry linear;
  Registries() {
    materials::register_materials(materials);
    solver::register_linear_solvers(linear);
  }
};

inline const Registries& registries() {
  static const Registries r;
  return r;
}

inline model::ModelDefinition load(const std::string& yaml) {
  return model::load_model_text(yaml, "test.yaml", registries().materials);
}

inline simulation::RunResult solve(model::ModelDefinition& def) {
  return simulation::run_model(def, registries().linear);
}

}  // namespace sinew::testing
