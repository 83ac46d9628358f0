// MPI for cluster runs (`mpirun -n R sinew run study.yaml`): ranks take arms from a shared
// counter (MPI one-sided fetch-and-add), so fast ranks take more arms; rank 0 merges after a
// barrier. MPI is initialised only when the process was started by an MPI launcher.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "batch/launcher_watch.hpp"

namespace sinew::batch {

class MpiSession {
 public:
  /// Initialises MPI when the environment shows an MPI launcher (OMPI_COMM_WORLD_SIZE,
  /// PMI_SIZE, PMIX_RANK); otherwise a single-process session (rank 0 of 1). A launched rank
  /// watches its launcher and ends when it dies (LauncherWatch).
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  /// Starts what hypre's MPI build needs (MPI when no launcher started it, then HYPRE_Init),
  /// once, on the first call from any thread; the destructor finalises them. Pass it to
  /// register_linear_solvers as LinearSolverEnvironment::start_parallel_runtime, so MPI is
  /// initialised by the program only when an "amg-cg" solver is first made.
  void start_parallel_runtime();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool active() const { return active_; }
  void barrier() const;
  /// Logical OR of `flag` over the ranks.
  bool any(bool flag) const;
  /// Rank 0's `value` on every rank (collective).
  int broadcast(int value) const;
  /// Rank 0's `bytes` on every rank (collective; other ranks' contents are replaced).
  void broadcast(std::vector<char>& bytes) const;

  /// A counter shared by all ranks: next() returns 0, 1, 2, ... across the ranks, each value
  /// once. Collective: every rank creates it. Thread-safe within a rank.
  class Counter {
   public:
    virtual ~Counter() = default;
    virtual std::size_t next() = 0;
  };
  std::unique_ptr<Counter> make_counter() const;
  /// A counter for this process alone.
  static std::unique_ptr<Counter> local_counter();

 private:
  std::once_flag runtime_once_;
  bool owns_mpi_ = false;  // MPI started by start_parallel_runtime (no launcher)
  bool hypre_started_ = false;
  bool active_ = false;
  int rank_ = 0, size_ = 1;
  std::unique_ptr<LauncherWatch> watch_;  // a rank ends when its launcher is gone
};

}  // namespace sinew::batch
