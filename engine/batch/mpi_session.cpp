// MPI initialisation and the shared arm counter (MPI-3 RMA on a window held by rank 0).
#include "batch/mpi_session.hpp"

#include <HYPRE_utilities.h>
#include <mpi.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace sinew::batch {

namespace {

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

class LocalCounter final : public MpiSession::Counter {
 public:
  std::size_t next() override { return value_++; }

 private:
  std::atomic<std::size_t> value_{0};
};

class WindowCounter final : public MpiSession::Counter {
 public:
  WindowCounter() {
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Win_allocate(rank == 0 ? sizeof(std::int64_t) : 0, sizeof(std::int64_t), MPI_INFO_NULL,
                     MPI_COMM_WORLD, &base_, &window_);
    if (rank == 0) {
      MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, window_);
      *static_cast<std::int64_t*>(base_) = 0;
      MPI_Win_unlock(0, window_);
    }
    MPI_Barrier(MPI_COMM_WORLD);
  }
  ~WindowCounter() override { MPI_Win_free(&window_); }
  std::size_t next() override {
    std::lock_guard lock(mutex_);  // MPI is initialised for serialised calls
    const std::int64_t one = 1;
    std::int64_t previous = 0;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, window_);
    MPI_Fetch_and_op(&one, &previous, MPI_INT64_T, 0, 0, MPI_SUM, window_);
    MPI_Win_unlock(0, window_);
    return static_cast<std::size_t>(previous);
  }

 private:
  void* base_ = nullptr;
  MPI_Win window_{};
  std::mutex mutex_;
};

}  // namespace

MpiSession::MpiSession() {
  if (!launched_by_mpi()) return;
  watch_ = std::make_unique<LauncherWatch>();
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (hypre_started_) HYPRE_Finalize();
  if (active_ || owns_mpi_) MPI_Finalize();
  watch_.reset();  // only now: a launcher killed during MPI_Finalize still ends the rank
}

void MpiSession::start_parallel_runtime() {
  std::call_once(runtime_once_, [this] {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      // SERIALIZED: arms run the solver from worker threads, never two MPI calls at once.
      int provided = 0;
      if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
        throw std::runtime_error("MPI_Init_thread failed");
      owns_mpi_ = true;
    }
    HYPRE_Init();
    hypre_started_ = true;
  });
}

void MpiSession::barrier() const {
  if (active_) MPI_Barrier(MPI_COMM_WORLD);
}

bool MpiSession::any(bool flag) const {
  if (!active_) return flag;
  int in = flag ? 1 : 0, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
  return out != 0;
}

int MpiSession::broadcast(int value) const {
  if (active_) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

void MpiSession::broadcast(std::vector<char>& bytes) const {
  if (!active_) return;
  const int n = broadcast(static_cast<int>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(n));
  if (n > 0) MPI_Bcast(bytes.data(), n, MPI_CHAR, 0, MPI_COMM_WORLD);
}

std::unique_ptr<MpiSession::Counter> MpiSession::make_counter() const {
  if (active_ && size_ > 1) return std::make_unique<WindowCounter>();
  return local_counter();
}

std::unique_ptr<MpiSession::Counter> MpiSession::local_counter() {
  return std::make_unique<LocalCounter>();
}

}  // namespace sinew::batch
