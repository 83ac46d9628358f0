// io/hdf5_errors.hpp on the HDF5 C API.
#include "io/hdf5_errors.hpp"

#include "hdf5_support.hpp"

namespace sinew::io {

void show_hdf5_error_stacks(bool show) {
  // HDF5 1.10 closes the files still open at exit, and crashes (SIGSEGV in H5F__close_cb) on a
  // file whose write failed (full disk, size limit). Sinew closes every file it opens; the one
  // left open is the broken one, already removed, so the clean-up at exit is switched off.
  // Must come before any other HDF5 call, which would start the library.
  H5dont_atexit();
  H5open();
  if (show)
    H5Eset_auto2(H5E_DEFAULT, h5::print_error_stack, nullptr);
  else
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace sinew::io
