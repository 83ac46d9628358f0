// Which BLAS kernels the direct solvers run on: CHOLMOD's speed depends on it by 3-10x (Debian's
// OpenBLAS falls back to generic SSE3 kernels on CPUs newer than it knows), so runs log it.
#pragma once

#include <string>

namespace sinew::solver {

/// One line for logs, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64;
/// core Prescott; 2 threads; dgemm_ from /usr/lib/x86_64-linux-gnu/libopenblas.so.0".
/// The core is the kernel set OpenBLAS picked at load time (OPENBLAS_CORETYPE overrides it); the
/// library is where the process resolves dgemm_, the symbol CHOLMOD's supernodal factorisation
/// calls, so a reference BLAS taking precedence would show up there.
std::string blas_info();

/// Sets OpenBLAS's thread count for the process. Sinew's OpenMP assembly threads and OpenBLAS's
/// own pthreads otherwise compete for the same cores (measured: a third of the run spent in
/// sched_yield on 2 cores); on 2 vCPUs a second BLAS thread gains nothing (solver-floor
/// measurements in benchmarks/RESULTS.md).
void set_blas_threads(int threads);
/// OpenBLAS's thread count for the process.
int blas_threads();

}  // namespace sinew::solver
