// Registration of the linear-solver backends and the size-based choice of the default one.
#include "solver/linear/linear_solver.hpp"

#include "solver/linear/amg_cg_solver.hpp"
#include "solver/linear/cholmod_ldlt_solver.hpp"
#include "solver/linear/cholmod_solver.hpp"
#include "solver/linear/eigen_ldlt_solver.hpp"
#include "solver/linear/eigen_lu_solver.hpp"
#include "solver/linear/iccg_solver.hpp"
#include "solver/linear/umfpack_solver.hpp"

namespace sinew::solver {

void register_linear_solvers(LinearSolverRegistry& registry, LinearSolverEnvironment environment) {
  registry.add(
      "cholmod", [] { return std::make_unique<CholmodSolver>(); },
      "CHOLMOD supernodal Cholesky (SPD; BLAS-bound; default up to " +
          std::to_string(kDirectSolverMaxDofs) + " dofs)");
  registry.add(
      "cholmod-ldlt", [] { return std::make_unique<CholmodLdltSolver>(); },
      "CHOLMOD simplicial LDL^T (symmetric indefinite; no BLAS, slow on large 3-D problems)");
  registry.add(
      "eigen-ldlt", [] { return std::make_unique<EigenLdltSolver>(); },
      "Eigen SimplicialLDLT (symmetric, small problems only)");
  registry.add(
      "eigen-lu", [] { return std::make_unique<EigenLuSolver>(); },
      "Eigen SparseLU with COLAMD ordering (nonsymmetric)");
  registry.add(
      "umfpack", [] { return std::make_unique<UmfpackSolver>(); },
      "UMFPACK multifrontal LU (nonsymmetric; default when the tangent is not symmetric)");
  registry.add(
      "iccg", [] { return std::make_unique<IccgSolver>(); },
      "conjugate gradients with incomplete Cholesky (SPD; iterative)");
  registry.add(
      "amg-cg",
      [start = environment.start_parallel_runtime] { return std::make_unique<AmgCgSolver>(start); },
      "conjugate gradients with hypre BoomerAMG (SPD; iterative; default above " +
          std::to_string(kDirectSolverMaxDofs) + " dofs)");
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
