// The solver tests' program-side start of MPI and hypre (what `sinew` does through its
// MpiSession): started on first use by an "amg-cg" backend, finalised at exit.
#pragma once

#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <HYPRE_utilities.h>
#include <mpi.h>

#include <cstdlib>
#include <mutex>

#include "solver/linear/linear_solver.hpp"

namespace sinew::solver::testing {

inline void start_parallel_runtime() {
  static std::once_flag once;
  std::call_once(once, [] {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    }
    HYPRE_Init();
    std::atexit([] {
      HYPRE_Finalize();
      MPI_Finalize();
    });
  });
}

/// Every backend, with "amg-cg" able to start MPI and hypre.
inline void register_test_linear_solvers(LinearSolverRegistry& registry) {
  register_linear_solvers(registry, {start_parallel_runtime});
}

}  // namespace sinew::solver::testing
