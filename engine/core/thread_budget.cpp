// Thread budget of a run.
#include "core/thread_budget.hpp"

#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace sinew {

namespace {

int env_int(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return 0;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return (*end == '\0' && n > 0 && n < 1'000'000) ? static_cast<int>(n) : 0;
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

int usable_cores() {
  int cpus = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) cpus = CPU_COUNT(&set);
  if (cpus < 1) cpus = 1;
  int ranks = env_int("OMPI_COMM_WORLD_LOCAL_SIZE");
  if (ranks == 0) ranks = env_int("MPI_LOCALNRANKS");
  if (ranks == 0) ranks = env_int("SLURM_NTASKS_PER_NODE");
  // A rank bound to its own core (mpirun's default for few ranks) already sees only its share;
  // unbound ranks see the whole node and split it (conservative for ranks bound to sockets).
  if (ranks > 1 && cpus >= ranks) cpus /= ranks;
  return std::max(1, cpus);
}

int requested_threads(int cli_threads) {
  return cli_threads > 0 ? cli_threads : env_int("OMP_NUM_THREADS");
}

int requested_blas_threads(int cli_blas_threads) {
  return cli_blas_threads > 0 ? cli_blas_threads : env_int("OPENBLAS_NUM_THREADS");
}

ThreadBudget plan_threads(int jobs_requested, int threads_requested, int cores, Index dofs,
                          std::size_t arms, int blas_requested) {
  ThreadBudget b;
  b.cores = std::max(1, cores);
  const int total = threads_requested > 0 ? std::min(threads_requested, b.cores) : b.cores;
  b.jobs =
      std::max(1, std::min<int>(jobs_requested, static_cast<int>(std::max<std::size_t>(arms, 1))));
  b.threads_per_job = std::max(1, total / b.jobs);
  if (blas_requested > 0)
    b.blas_threads = blas_requested;
  else
    b.blas_threads = (b.jobs == 1 && dofs > kBlasThreadingMinDofs) ? b.threads_per_job : 1;
  return b;
}

std::string ThreadBudget::describe() const {
  return plural(jobs, "job") + " x " + plural(threads_per_job, "OpenMP thread") + ", " +
         plural(blas_threads, "BLAS thread") + " (" + plural(cores, "usable core") + ")";
}

}  // namespace sinew
