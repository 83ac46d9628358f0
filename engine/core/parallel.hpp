// The engine's one entry to OpenMP: a parallel loop that runs a body on [0, n) and rethrows the
// first exception after the region (exceptions never leave an OpenMP region).
#pragma once

#include <cstdint>
#include <exception>
#include <mutex>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace sinew {

inline int max_threads() {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

/// Sets the OpenMP thread count of parallel regions started by the calling thread for its
/// lifetime (a batch worker thread gives each arm its share of the machine), then restores it.
class ScopedThreads {
 public:
  explicit ScopedThreads(int threads) : previous_(max_threads()) {
#ifdef _OPENMP
    if (threads > 0) omp_set_num_threads(threads);
#else
    (void)threads;
#endif
  }
  ~ScopedThreads() {
#ifdef _OPENMP
    omp_set_num_threads(previous_);
#endif
  }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int previous_;
};

/// Runs body(i) for i in [0, n) in parallel (static schedule). The body must not write to memory
/// another index writes; callers keep sums deterministic by construction (e.g. colouring).
template <class Body>
void parallel_for(std::int64_t n, Body&& body) {
  std::exception_ptr error;
  std::mutex error_mutex;
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    try {
      body(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace sinew
