// Shared pieces of the io tests: the test model (a 2x2x2 hex8 cube in uniaxial stretch), a run
// that records what the engine reported, temporary folders, and HDF5 C API readers.
#pragma once

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/linear_solver_registry.hpp"
#include "common/material_registry.hpp"
#include "fem/mechanics_problem.hpp"
#include "io/results_writer.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/linear_solver.hpp"

namespace sinew::io_test {

namespace fs = std::filesystem;

// Uniaxial stretch of a 2 mm cube (2x2x2 hex8): rollers on x0, y0, z0 and u_x = 0.2 mm on x1,
// ramped over 3 increments; compressible neo-Hookean E = 1 MPa, nu = 0.3. The deformation is
// homogeneous, F = diag(lambda, l, l). Fibres along (1, 1, 0) give a fibre stretch that mixes
// lambda and l.
inline const char* const kCubeModel = R"(# 2x2x2 hex8 cube, uniaxial stretch in 3 steps
mesh: {generator: box, size: [2, 2, 2], divisions: [2, 2, 2]}
materials:
  matrix: {type: neo-hookean, E: 1.0, nu: 0.3}
regions:
  - {elements: all, material: matrix}
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.2, curve: ramp}
steps:
  - {name: pull, increments: 3}
solver: {residual_tolerance: 1.0e-12}
output: {reactions: [x1, x0]}
fibre: [1, 1, 0]
)";
inline constexpr int kSteps = 3;
inline constexpr int kRows = kSteps + 1;  ///< reported steps: the undeformed state at t = 0 first
inline constexpr double kE = 1.0, kNu = 0.3, kSize = 2.0, kPull = 0.2;

inline const materials::MaterialRegistry& material_registry() {
  return ::sinew::testing::registered_materials();
}

inline const solver::LinearSolverRegistry& linear_registry() {
  return ::sinew::testing::registered_linear_solvers();
}

inline model::ModelDefinition load_cube() {
  return model::load_model_text(kCubeModel, "cube.yaml", material_registry());
}

inline io::RunInfo cube_info() {
  io::RunInfo info;
  info.model_file = "cube.yaml";
  info.model_text = kCubeModel;
  info.command_line = "sinew solve cube.yaml";
  return info;
}

/// What the engine reported at each step, copied as it went by.
struct Recorded {
  std::vector<simulation::StepOutput> outputs;
  std::vector<VecX> u;
};

/// Thrown from on_output to stop a run after some steps (an "interrupted" run).
struct StopRun {};

/// Runs `def`, passing every reported step to `writer` (if any) and recording it. With
/// stop_after > 0 the run is abandoned (StopRun thrown through run_model) after that many steps.
inline Recorded run_cube(model::ModelDefinition& def, io::ResultsWriter* writer,
                         int stop_after = 0) {
  Recorded rec;
  try {
    const auto result =
        simulation::run_model(def, linear_registry(), {},
                              [&](const simulation::StepOutput& out, const VecX& u) {
                                if (writer) writer->write_step(out, u);
                                rec.outputs.push_back(out);
                                rec.u.push_back(u);
                                if (stop_after > 0 && static_cast<int>(rec.u.size()) == stop_after)
                                  throw StopRun{};
                              });
    EXPECT_TRUE(result.completed) << result.failure;
  } catch (const StopRun&) {
  }
  return rec;
}

/// A fresh temporary folder, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("sinew_io_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- HDF5 reading (the C API, as a user without Sinew would) --------------------------------

/// Owns one HDF5 identifier (test side; the engine has its own).
class H5 {
 public:
  using Closer = herr_t (*)(hid_t);
  H5(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  H5(H5&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
  H5(const H5&) = delete;
  H5& operator=(const H5&) = delete;
  ~H5() {
    if (id_ >= 0) closer_(id_);
  }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_;
  Closer closer_;
};

inline H5 open_file(const fs::path& p) {
  return {H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
}

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return H5T_NATIVE_UINT8;
  else
    static_assert(sizeof(T) == 0, "unsupported type");
}

/// A whole dataset (converted to T) and its shape.
template <class T>
struct Array {
  std::vector<T> values;
  std::vector<hsize_t> dims;
};

/// Reads dataset `path` of `loc`. Fails the test (and returns nothing) when it cannot.
template <class T>
Array<T> read(hid_t loc, const std::string& path) {
  Array<T> a;
  H5 ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  if (!ds.valid()) {
    ADD_FAILURE() << "cannot open dataset " << path;
    return a;
  }
  H5 space(H5Dget_space(ds), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  a.dims.resize(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space, a.dims.data(), nullptr);
  hsize_t n = 1;
  for (auto d : a.dims) n *= d;
  a.values.resize(n);
  if (n > 0 && H5Dread(ds, native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) < 0)
    ADD_FAILURE() << "cannot read dataset " << path;
  return a;
}

/// A string attribute (variable- or fixed-length) of object `object` (a path from `loc`).
inline std::string string_attr(hid_t loc, const std::string& object, const std::string& name) {
  H5 a(H5Aopen_by_name(loc, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!a.valid()) {
    ADD_FAILURE() << "no attribute " << name << " on " << object;
    return {};
  }
  H5 type(H5Aget_type(a), H5Tclose);
  if (H5Tget_class(type) != H5T_STRING) {
    ADD_FAILURE() << "attribute " << name << " on " << object << " is not a string";
    return {};
  }
  if (H5Tis_variable_str(type) > 0) {
    H5 mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem, H5T_VARIABLE);
    H5Tset_cset(mem, H5Tget_cset(type));
    char* p = nullptr;
    if (H5Aread(a, mem, &p) < 0 || !p) return {};
    std::string s(p);
    H5free_memory(p);
    return s;
  }
  std::string s(H5Tget_size(type), '\0');
  H5Aread(a, type, s.data());
  return s.substr(0, s.find('\0'));
}

/// The name a view gives the results dataset `source` of `file` (docs/paraview.md): its last
/// path component and its `units` attribute, "cauchy_stress [MPa]", a '/' written " per ".
inline std::string view_array_name(hid_t file, const std::string& source) {
  std::string units;
  for (char c : string_attr(file, source, "units")) units += c == '/' ? " per " : std::string{c};
  return source.substr(source.rfind('/') + 1) + " [" + units + "]";
}

template <class T>
std::vector<T> numeric_attr(hid_t loc, const std::string& object, const std::string& name) {
  H5 a(H5Aopen_by_name(loc, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!a.valid()) {
    ADD_FAILURE() << "no attribute " << name << " on " << object;
    return {};
  }
  H5 space(H5Aget_space(a), H5Sclose);
  std::vector<T> v(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
  H5Aread(a, native_type<T>(), v.data());
  return v;
}

/// The exit status of `sh -c command` (-1 if it did not exit normally).
inline int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// max over nodes of |u_node| (mm).
inline double max_displacement(const VecX& u) {
  double m = 0.0;
  for (Index n = 0; n < u.size() / 3; ++n) m = std::max(m, u.segment<3>(3 * n).norm());
  return m;
}

// ---- study arms (test_study_file.cpp, tests/vtk) ----------------------------------------------

/// The cube model with another pull (u_x on x1, mm) and number of increments.
inline std::string cube_model_text(double pull, int increments) {
  std::string text = kCubeModel;
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  };
  std::ostringstream value;
  value.precision(17);
  value << "value: " << pull;
  replace("value: 0.2", value.str());
  replace("increments: 3", "increments: " + std::to_string(increments));
  return text;
}

/// Sets (adds or replaces) a string attribute of the root group of an existing HDF5 file, as
/// the study runner does with `arm_name`. Returns false on failure.
inline bool set_root_string_attr(const fs::path& file, const std::string& name,
                                 const std::string& value) {
  H5 f(H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) return false;
  if (H5Aexists(f, name.c_str()) > 0) H5Adelete(f, name.c_str());
  H5 type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  H5 space(H5Screate(H5S_SCALAR), H5Sclose);
  H5 a(H5Acreate2(f, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const char* p = value.c_str();
  return a.valid() && H5Awrite(a, type, &p) >= 0;
}

/// Writes a study arm's part file: a single-run results file of `def` (model text `text`)
/// without views, then, unless `arm_name` is empty, the root attribute arm_name. Returns what
/// the engine reported. `def` is the caller's (it must outlive the records' use of it).
inline Recorded write_arm_part(const fs::path& file, model::ModelDefinition& def,
                               const std::string& text, const std::string& arm_name) {
  io::RunInfo info = cube_info();
  info.model_text = text;
  io::ResultsOptions options;
  options.vtk_views = false;
  Recorded rec;
  {
    io::ResultsWriter writer(file, def, info, options);
    rec = run_cube(def, &writer);
    writer.close(true);
  }
  if (!arm_name.empty()) {
    EXPECT_TRUE(set_root_string_attr(file, "arm_name", arm_name));
  }
  return rec;
}

// The (file, object) an external link points to; empty strings when `name` is not one.
inline std::pair<std::string, std::string> external_target(hid_t loc, const char* name) {
  H5L_info_t info;
  if (H5Lget_info(loc, name, &info, H5P_DEFAULT) < 0 || info.type != H5L_TYPE_EXTERNAL) return {};
  std::vector<char> buf(info.u.val_size);
  H5Lget_val(loc, name, buf.data(), buf.size(), H5P_DEFAULT);
  unsigned flags = 0;
  const char *file = nullptr, *object = nullptr;
  H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &file, &object);
  return {file ? file : "", object ? object : ""};
}

// Row `s` (the first index) of a row-major array.
inline std::vector<double> row(const Array<double>& a, size_t s) {
  size_t n = 1;
  for (size_t i = 1; i < a.dims.size(); ++i) n *= a.dims[i];
  return {a.values.begin() + static_cast<std::ptrdiff_t>(s * n),
          a.values.begin() + static_cast<std::ptrdiff_t>((s + 1) * n)};
}

}  // namespace sinew::io_test
