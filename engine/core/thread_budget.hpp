// How many threads each part of a run may use: the one place that divides the machine between
// arms run at once (--jobs), their OpenMP assembly threads and the BLAS threads of the direct
// solvers, so that they never ask for more cores than the process has. Without it a study at
// --jobs 2 on 2 cores ran 2 arms x 2 BLAS threads on top of the OpenMP threads and spent most of
// its time spinning (114 s wall, 58 s system time, against 32 s with one BLAS thread).
#pragma once

#include <string>

#include "core/types.hpp"

namespace sinew {

struct ThreadBudget {
  int cores = 1;            ///< cores this process may use (see usable_cores)
  int jobs = 1;             ///< arms run at once
  int threads_per_job = 1;  ///< OpenMP threads of each arm
  /// BLAS threads (OpenBLAS's setting is process-wide). One BLAS thread runs in the calling
  /// thread; more than one is used only with a single job, whose OpenMP threads are idle
  /// while the factorisation runs, and only for problems large enough to gain from it.
  int blas_threads = 1;
  std::string describe() const;  ///< e.g. "2 jobs x 1 OpenMP thread, 1 BLAS thread, 2 cores"
};

/// Above this many unknowns CHOLMOD's factorisation gains from more than one BLAS thread (9.1 s
/// with 1 thread against 12.6 s with 2 on a 10k-dof HGO cube, 33 s against 46 s at 89k dofs;
/// benchmarks/RESULTS.md).
inline constexpr Index kBlasThreadingMinDofs = 50'000;

/// BLAS threads of a study (`sinew run`): always one, whatever --jobs, OPENBLAS_NUM_THREADS
/// or the problem size, because OpenBLAS's threaded Cholesky (dpotrf) rounds differently from
/// its serial one and a study's metrics must not depend on how it was run (measured: a
/// stiffness 406.09 N/mm with one BLAS thread, 404.38 with two). Studies run their arms in
/// parallel instead (--jobs, MPI ranks).
inline constexpr int kStudyBlasThreads = 1;

/// Cores the process may use: the CPUs of its affinity mask (taskset, SLURM and cgroup cpusets
/// set it), divided among the MPI ranks started on this node (OMPI_COMM_WORLD_LOCAL_SIZE,
/// MPI_LOCALNRANKS or SLURM_NTASKS_PER_NODE), at least 1.
int usable_cores();

/// What the user asked for: `cli_threads` when > 0, else OMP_NUM_THREADS when set, else 0
/// (all usable cores). The same for BLAS threads with OPENBLAS_NUM_THREADS.
int requested_threads(int cli_threads);
int requested_blas_threads(int cli_blas_threads);

/// The budget for `jobs_requested` arms at once (fewer when there are fewer arms: `arms`) with
/// `threads_requested` OpenMP threads in all (0: all usable cores) on problems of about `dofs`
/// unknowns. Threads are never more than the cores: jobs x threads_per_job <= max(cores, jobs).
/// `blas_requested` > 0 forces the BLAS thread count.
ThreadBudget plan_threads(int jobs_requested, int threads_requested, int cores, Index dofs,
                          std::size_t arms = 1, int blas_requested = 0);

}  // namespace sinew
