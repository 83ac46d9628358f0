// blas_info(): OpenBLAS configuration and the library that provides dgemm_ in this process.
#include "solver/linear/blas_info.hpp"

#include <dlfcn.h>

extern "C" {
// OpenBLAS extensions (cblas.h is not included: it would clash with other BLAS headers).
char* openblas_get_config(void);
char* openblas_get_corename(void);
int openblas_get_num_threads(void);
void openblas_set_num_threads(int);
}

namespace sinew::solver {

namespace {

/// Path of the shared object whose dgemm_ the dynamic linker hands out to everyone (CHOLMOD
/// included), or "unknown" when it cannot tell.
std::string dgemm_provider() {
  void* symbol = dlsym(RTLD_DEFAULT, "dgemm_");
  Dl_info info{};
  if (symbol == nullptr || dladdr(symbol, &info) == 0 || info.dli_fname == nullptr)
    return "unknown";
  return info.dli_fname;
}

}  // namespace

std::string blas_info() {
  const char* config = openblas_get_config();
  const char* core = openblas_get_corename();
  return std::string(config ? config : "OpenBLAS (no config string)") + "; core " +
         (core ? core : "unknown") + "; " + std::to_string(openblas_get_num_threads()) +
         " threads; dgemm_ from " + dgemm_provider();
}

void set_blas_threads(int threads) { openblas_set_num_threads(threads < 1 ? 1 : threads); }

int blas_threads() { return openblas_get_num_threads(); }

}  // namespace sinew::solver
