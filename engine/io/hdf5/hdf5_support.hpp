// Internal helpers of the HDF5 files of engine/io/hdf5 (results writer, study merge, summaries):
// errors as exceptions with the HDF5 error stack (a system error kept apart, so a full disk or a
// read-only folder can be named), owning handles, and small creators. Only
// engine/io/hdf5/*.cpp include this (and HDF5).
#pragma once

#include <hdf5.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sinew::io::h5 {

// ---- errors -------------------------------------------------------------------------------

inline herr_t collect_error(unsigned, const H5E_error2_t* err, void* data) {
  auto& messages = *static_cast<std::vector<std::string>*>(data);
  if (err->desc && *err->desc) messages.emplace_back(err->desc);
  return 0;
}

/// An HDF5 failure whose cause is a system error (errno `code`: ENOSPC, EROFS, EFBIG, ...), which
/// the writers turn into a WriteFailure naming their file.
class SystemFailure : public std::runtime_error {
 public:
  SystemFailure(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// The errno HDF5's file drivers quote in their messages ("..., errno = 28, error message = ..."),
// 0 when none does.
inline int quoted_errno(const std::vector<std::string>& messages) {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    const auto at = it->find("errno = ");
    if (at != std::string::npos) return std::atoi(it->c_str() + at + 8);
  }
  return 0;
}

// Throws with `what` and the HDF5 error stack: its API-level entry and its innermost cause
// (the latter carries e.g. "errno = 2, error message = 'No such file or directory'"); a
// SystemFailure when the cause is a system error. Must be called right after the failing call:
// the next HDF5 call clears the stack.
[[noreturn]] inline void fail(const std::string& what) {
  std::vector<std::string> messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &messages);
  std::string m = what;
  if (!messages.empty()) {
    m += ": " + messages.front();
    if (messages.size() > 1) m += " (" + messages.back() + ")";
  }
  if (const int code = quoted_errno(messages); code > 0) throw SystemFailure(code, m);
  throw std::runtime_error(m);
}

template <class T>
T check(T value, const std::string& what) {
  if (value < 0) fail(what);
  return value;
}

// HDF5's error-stack printer while `sinew ... --verbose` asks for the stacks
// (io::show_hdf5_error_stacks); QuietErrors leaves it on.
inline herr_t print_error_stack(hid_t stack, void*) { return H5Eprint2(stack, stderr); }

// HDF5 prints its error stack to stderr by default; errors are reported as exceptions
// instead, so printing is off while a call runs (and restored after it) unless the stacks were
// asked for.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    if (func_ != print_error_stack) H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Owns one HDF5 identifier.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      closer_ = o.closer_;
    }
    return *this;
  }
  ~Handle() { reset(); }
  void reset() {
    if (id_ >= 0 && closer_) closer_(id_);
    id_ = H5I_INVALID_HID;
  }
  /// Closes now and reports failure (the destructor cannot).
  void close(const std::string& what) {
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    if (id >= 0 && closer_) check(closer_(id), what);
  }
  /// Gives up ownership without closing (the identifier stays open in the library).
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

inline Handle make_space(const std::vector<hsize_t>& dims,
                         const std::vector<hsize_t>* max = nullptr) {
  return {check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                 max ? max->data() : nullptr),
                "cannot create a dataspace"),
          H5Sclose};
}

inline Handle make_plist(hid_t cls) {
  return {check(H5Pcreate(cls), "cannot create a property list"), H5Pclose};
}

inline Handle make_group(hid_t parent, const std::string& name, hid_t gcpl = H5P_DEFAULT) {
  return {check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT),
                "cannot create group " + name),
          H5Gclose};
}

// Variable-length UTF-8 string: h5py reads it as str, and it has no 64 KiB attribute limit
// (the model text lives in the global heap).
inline Handle vlen_string_type() {
  Handle t(check(H5Tcopy(H5T_C_S1), "cannot copy a string type"), H5Tclose);
  check(H5Tset_size(t, H5T_VARIABLE), "cannot size a string type");
  check(H5Tset_cset(t, H5T_CSET_UTF8), "cannot set a string type's character set");
  return t;
}

inline void write_attr(hid_t obj, const char* name, const std::string& value) {
  const Handle type = vlen_string_type();
  const Handle space(check(H5Screate(H5S_SCALAR), "cannot create a dataspace"), H5Sclose);
  if (check(H5Aexists(obj, name), std::string("cannot query attribute ") + name) > 0)
    check(H5Adelete(obj, name), std::string("cannot replace attribute ") + name);
  const Handle a(check(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
                       std::string("cannot create attribute ") + name),
                 H5Aclose);
  const char* p = value.c_str();
  check(H5Awrite(a, type, &p), std::string("cannot write attribute ") + name);
}

inline void write_attr(hid_t obj, const char* name, std::int64_t value) {
  const Handle space(check(H5Screate(H5S_SCALAR), "cannot create a dataspace"), H5Sclose);
  const Handle a(check(H5Acreate2(obj, name, H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT),
                       std::string("cannot create attribute ") + name),
                 H5Aclose);
  check(H5Awrite(a, H5T_NATIVE_INT64, &value), std::string("cannot write attribute ") + name);
}

// ---- sizes read from a file ---------------------------------------------------------------

// The number of values of a dataset of extent `dims`, refused (with `what`) beyond 2^31: no
// results file holds that many, and a damaged or hostile file may declare any extent (an
// unwritten chunked dataset costs nothing on disk) and would make a reader allocate it.
inline std::size_t value_count(const std::vector<hsize_t>& dims, const std::string& what) {
  constexpr hsize_t limit = hsize_t{1} << 31;
  hsize_t n = 1;
  for (const hsize_t d : dims) {
    if (d > limit || (d > 0 && n > limit / d))
      throw std::runtime_error(what + ": declares more than 2^31 values (damaged file?)");
    n *= d;
  }
  return static_cast<std::size_t>(n);
}

inline std::size_t value_count(hid_t space, const std::string& what) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw std::runtime_error(what + ": cannot read its extent");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return value_count(dims, what);
}

// ---- provenance ---------------------------------------------------------------------------

// This machine's host name ("" when it cannot be read).
inline std::string host_name() {
  std::array<char, 256> buf{};
  if (gethostname(buf.data(), buf.size() - 1) != 0) return "";
  return buf.data();
}

}  // namespace sinew::io::h5
