// io/hdf5_errors.hpp on the HDF5 C API.
#include "io/hdf5_errors.hpp"

#include "hdf5_support.hpp"

namespace sinew::io {

void show_hdf5_error_stacks(bool show) {
  H5open();
  if (show)
    H5Eset_auto2(H5E_DEFAULT, h5::print_error_stack, nullptr);
  else
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace sinew::io
