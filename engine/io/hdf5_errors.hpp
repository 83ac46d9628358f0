// Whether HDF5's own error stacks reach stderr. HDF5 prints one on every failed call unless told
// not to; Sinew reports each failure as one message naming the file and what failed, and prints
// the stacks too only when asked (`--verbose`).
#pragma once

namespace sinew::io {

/// Turns HDF5's error-stack printing off (`show` false) or on for the whole process, and HDF5's
/// clean-up at exit off (it crashes on a file whose write failed). Call once at the start of a
/// command, before any other HDF5 call; every file must then be closed by its owner.
void show_hdf5_error_stacks(bool show);

}  // namespace sinew::io
