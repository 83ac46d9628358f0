// Registration of the linear-solver backends (a table of their add_<stem> functions, generated
// at configure time from the REGISTERED list of sinew_module(solver ...) in engine/CMakeLists.txt)
// and the size-based choice of the default one.
#include "solver/linear/linear_solver.hpp"

namespace sinew::solver {

#define SINEW_REGISTERED(stem) \
  void add_##stem(LinearSolverRegistry& registry, const LinearSolverEnvironment& environment);
#include "solver/registered.inc"
#undef SINEW_REGISTERED

namespace {
using AddBackend = void (*)(LinearSolverRegistry&, const LinearSolverEnvironment&);
constexpr AddBackend kBackends[] = {
#define SINEW_REGISTERED(stem) &add_##stem,
#include "solver/registered.inc"
#undef SINEW_REGISTERED
};
}  // namespace

void register_linear_solvers(LinearSolverRegistry& registry, LinearSolverEnvironment environment) {
  for (const AddBackend add : kBackends) add(registry, environment);
}

std::vector<std::string> linear_solver_names() {
  LinearSolverRegistry registry;
  register_linear_solvers(registry);
  std::vector<std::string> names{"auto"};
  for (const auto& n : registry.names()) names.push_back(n);
  return names;
}

std::string default_linear_solver(Index n_dofs) {
  return n_dofs <= kDirectSolverMaxDofs ? "cholmod" : "amg-cg";
}

}  // namespace sinew::solver
