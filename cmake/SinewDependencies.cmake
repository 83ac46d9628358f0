# Finds Sinew's dependencies. Each missing one stops configuration with the Debian package name.

macro(sinew_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "Sinew needs ${what}: install the Debian package '${package}' "
                        "(or run tools/setup.sh, which installs everything missing).")
  endif()
endmacro()

find_package(Eigen3 3.4 QUIET NO_MODULE)
sinew_require(Eigen3_FOUND "Eigen 3.4" libeigen3-dev)

find_package(OpenMP QUIET COMPONENTS CXX)
sinew_require(OpenMP_CXX_FOUND "OpenMP" "g++ (libgomp)")

find_package(HDF5 QUIET COMPONENTS C CXX HL)
sinew_require(HDF5_FOUND "HDF5 (serial)" libhdf5-dev)

find_package(yaml-cpp QUIET)
sinew_require(yaml-cpp_FOUND "yaml-cpp" libyaml-cpp-dev)

find_package(CLI11 QUIET)
sinew_require(CLI11_FOUND "CLI11" libcli11-dev)

find_package(fmt QUIET)
sinew_require(fmt_FOUND "fmt" libfmt-dev)

find_package(Threads REQUIRED)
find_package(MPI QUIET COMPONENTS C)
sinew_require(MPI_C_FOUND "MPI (hypre is built with it)" libopenmpi-dev)

# SuiteSparse 5.12 ships no CMake config or pkg-config file: find CHOLMOD by hand.
find_path(CHOLMOD_INCLUDE_DIR cholmod.h PATH_SUFFIXES suitesparse)
find_library(CHOLMOD_LIBRARY cholmod)
find_library(SUITESPARSE_AMD_LIBRARY amd)
find_library(SUITESPARSE_COLAMD_LIBRARY colamd)
find_library(SUITESPARSECONFIG_LIBRARY suitesparseconfig)
sinew_require(CHOLMOD_INCLUDE_DIR "CHOLMOD headers" libsuitesparse-dev)
sinew_require(CHOLMOD_LIBRARY "CHOLMOD" libsuitesparse-dev)
add_library(SuiteSparse::CHOLMOD UNKNOWN IMPORTED)
set_target_properties(SuiteSparse::CHOLMOD PROPERTIES
  IMPORTED_LOCATION "${CHOLMOD_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CHOLMOD_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${SUITESPARSE_AMD_LIBRARY};${SUITESPARSE_COLAMD_LIBRARY};${SUITESPARSECONFIG_LIBRARY}")

# UMFPACK (multifrontal LU for nonsymmetric tangents), from the same SuiteSparse package and
# found the same way; its frontal matrices go through the BLAS below, and it orders with AMD.
find_path(UMFPACK_INCLUDE_DIR umfpack.h PATH_SUFFIXES suitesparse)
find_library(UMFPACK_LIBRARY umfpack)
sinew_require(UMFPACK_INCLUDE_DIR "UMFPACK headers" libsuitesparse-dev)
sinew_require(UMFPACK_LIBRARY "UMFPACK" libsuitesparse-dev)
add_library(SuiteSparse::UMFPACK UNKNOWN IMPORTED)
set_target_properties(SuiteSparse::UMFPACK PROPERTIES
  IMPORTED_LOCATION "${UMFPACK_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${UMFPACK_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${SUITESPARSE_AMD_LIBRARY};${SUITESPARSECONFIG_LIBRARY}")

# CHOLMOD's supernodal factorisation runs on the system BLAS; Debian's OpenBLAS must be the one
# behind libblas.so.3 (the reference BLAS is ~4x slower; benchmarks/RESULTS.md).
find_library(OPENBLAS_LIBRARY openblas)
sinew_require(OPENBLAS_LIBRARY "OpenBLAS" libopenblas-dev)

# hypre (BoomerAMG); Debian's build is MPI-parallel, so it brings MPI with it.
find_path(HYPRE_INCLUDE_DIR HYPRE.h PATH_SUFFIXES hypre)
find_library(HYPRE_LIBRARY HYPRE)
sinew_require(HYPRE_INCLUDE_DIR "hypre headers" libhypre-dev)
sinew_require(HYPRE_LIBRARY "hypre" libhypre-dev)
add_library(HYPRE::HYPRE UNKNOWN IMPORTED)
set_target_properties(HYPRE::HYPRE PROPERTIES
  IMPORTED_LOCATION "${HYPRE_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${HYPRE_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "MPI::MPI_C")

if(SINEW_BUILD_TESTS)
  find_package(GTest QUIET)
  sinew_require(GTest_FOUND "GoogleTest" "libgtest-dev libgmock-dev")
endif()
if(SINEW_BUILD_BENCHMARKS)
  find_package(benchmark QUIET)
  sinew_require(benchmark_FOUND "Google Benchmark" libbenchmark-dev)
endif()
