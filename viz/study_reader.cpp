// HDF5 C API reader of the study results file (see study_reader.hpp).
#include "study_reader.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace sinew::viz {
namespace {

// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    std::swap(id_, o.id_);
    std::swap(closer_, o.closer_);
    return *this;
  }
  ~Handle() {
    if (id_ >= 0 && closer_) closer_(id_);
  }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

bool link_exists(hid_t loc, const std::string& path) {
  // Check every prefix: H5Lexists fails (rather than returning false) on a missing parent.
  std::size_t pos = 0;
  while (true) {
    pos = path.find('/', pos + 1);
    const std::string prefix = path.substr(0, pos);
    if (H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (pos == std::string::npos) return true;
  }
}

Handle open_object(hid_t loc, const std::string& path, const std::string& where) {
  if (!link_exists(loc, path)) fail(where + ": no object '" + path + "'");
  const hid_t id = H5Oopen(loc, path.c_str(), H5P_DEFAULT);
  if (id < 0) fail(where + ": cannot open '" + path + "'");
  return Handle(id, H5Oclose);
}

Handle open_dataset(hid_t loc, const std::string& path, const std::string& where) {
  if (!link_exists(loc, path)) fail(where + ": no dataset '" + path + "'");
  const hid_t id = H5Dopen2(loc, path.c_str(), H5P_DEFAULT);
  if (id < 0) fail(where + ": cannot open dataset '" + path + "'");
  return Handle(id, H5Dclose);
}

// Reads `count` strings of file type `ftype` through `read(memtype, buffer)`, variable or
// fixed length.
template <class Read>
std::vector<std::string> read_strings(hid_t ftype, std::size_t count, Read read) {
  std::vector<std::string> out(count);
  if (count == 0) return out;
  if (H5Tis_variable_str(ftype) > 0) {
    Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem.get(), H5T_VARIABLE);
    H5Tset_cset(mem.get(), H5Tget_cset(ftype));
    std::vector<char*> buf(count, nullptr);
    if (read(mem.get(), buf.data()) < 0) return {};
    for (std::size_t i = 0; i < count; ++i) out[i] = buf[i] ? buf[i] : "";
    for (char* p : buf) H5free_memory(p);
    return out;
  }
  // Fixed length: one byte more than stored, so a string filling all its bytes (NULLPAD or
  // SPACEPAD, as numpy's "S" type writes) keeps its last character.
  const std::size_t size = H5Tget_size(ftype) + 1;
  Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mem.get(), size);
  H5Tset_cset(mem.get(), H5Tget_cset(ftype));
  std::vector<char> buf(size * count, '\0');
  if (read(mem.get(), buf.data()) < 0) return {};
  for (std::size_t i = 0; i < count; ++i) {
    const char* p = buf.data() + i * size;
    out[i] = std::string(p, strnlen(p, size));
  }
  return out;
}

std::optional<std::string> string_attribute(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return std::nullopt;
  Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) return std::nullopt;
  Handle ftype(H5Aget_type(attr.get()), H5Tclose);
  if (H5Tget_class(ftype.get()) != H5T_STRING) return std::nullopt;
  const auto v = read_strings(ftype.get(), 1,
                              [&](hid_t mem, void* buf) { return H5Aread(attr.get(), mem, buf); });
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<hsize_t> dataset_dims(hid_t ds) {
  Handle space(H5Dget_space(ds), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

// The number of values of extent `dims` from dimension `from` on. A damaged file may declare
// any extent (an unwritten chunked dataset costs nothing on disk): beyond 2^31 values it is
// refused rather than allocated.
std::size_t product(const std::vector<hsize_t>& dims, std::size_t from = 0) {
  constexpr hsize_t limit = hsize_t{1} << 31;
  hsize_t n = 1;
  for (std::size_t i = from; i < dims.size(); ++i) {
    if (dims[i] > limit || (dims[i] > 0 && n > limit / dims[i]))
      fail("a dataset declares more than 2^31 values (damaged file?)");
    n *= dims[i];
  }
  return static_cast<std::size_t>(n);
}

template <class T>
std::vector<T> read_numbers(hid_t loc, const std::string& path, hid_t memtype,
                            const std::string& where) {
  const Handle ds = open_dataset(loc, path, where);
  std::vector<T> out(product(dataset_dims(ds.get())));
  if (!out.empty() && H5Dread(ds.get(), memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    fail(where + ": cannot read '" + path + "'");
  return out;
}

std::vector<double> read_doubles(hid_t loc, const std::string& path, const std::string& where) {
  return read_numbers<double>(loc, path, H5T_NATIVE_DOUBLE, where);
}

std::vector<std::int64_t> read_int64s(hid_t loc, const std::string& path,
                                      const std::string& where) {
  return read_numbers<std::int64_t>(loc, path, H5T_NATIVE_INT64, where);
}

std::vector<std::string> read_string_dataset(hid_t loc, const std::string& path,
                                             const std::string& where) {
  const Handle ds = open_dataset(loc, path, where);
  Handle ftype(H5Dget_type(ds.get()), H5Tclose);
  if (H5Tget_class(ftype.get()) != H5T_STRING) fail(where + ": '" + path + "' is not text");
  return read_strings(ftype.get(), product(dataset_dims(ds.get())), [&](hid_t mem, void* buf) {
    return H5Dread(ds.get(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  });
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

// Names of the links of a group, in creation order if the group tracks it, else by name.
std::vector<std::string> child_names(hid_t group) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_name, &names) >= 0)
    return names;
  names.clear();
  idx = 0;
  H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_name, &names);
  return names;
}

template <class T>
T element_or(const std::vector<T>& v, std::size_t i, T fallback) {
  return i < v.size() ? v[i] : fallback;
}

std::vector<Session> read_sessions(hid_t arm, const std::string& where) {
  if (!link_exists(arm, "sessions/name")) return {};
  const auto names = read_string_dataset(arm, "sessions/name", where);
  auto strings = [&](const char* key) {
    const std::string p = std::string("sessions/") + key;
    return link_exists(arm, p) ? read_string_dataset(arm, p, where) : std::vector<std::string>{};
  };
  auto ints = [&](const char* key) {
    const std::string p = std::string("sessions/") + key;
    return link_exists(arm, p) ? read_int64s(arm, p, where) : std::vector<std::int64_t>{};
  };
  const auto intervention = strings("intervention"), evidence = strings("evidence"),
             grade = strings("evidence_grade");
  const auto load_cases = ints("load_cases"), cycles = ints("cycles"), first = ints("first_step"),
             count = ints("step_count");
  std::vector<Session> out(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    out[i].name = names[i];
    out[i].intervention = element_or(intervention, i, std::string());
    out[i].evidence = element_or(evidence, i, std::string());
    out[i].evidence_grade = element_or(grade, i, std::string());
    out[i].load_cases = element_or<std::int64_t>(load_cases, i, 0);
    out[i].cycles = element_or<std::int64_t>(cycles, i, 0);
    out[i].first_step = element_or<std::int64_t>(first, i, 0);
    out[i].step_count = element_or<std::int64_t>(count, i, 0);
  }
  return out;
}

// Metrics: the float datasets of /metrics other than `time`; probes from the rest.
void read_metrics(hid_t arm, const std::string& where, ArmSummary& out) {
  if (!link_exists(arm, "metrics")) return;
  const Handle group = open_object(arm, "metrics", where);
  for (const std::string& name : child_names(group.get())) {
    const std::string path = "metrics/" + name;
    const Handle obj = open_object(arm, path, where);
    if (H5Iget_type(obj.get()) != H5I_DATASET) continue;
    Handle ftype(H5Dget_type(obj.get()), H5Tclose);
    const bool is_float = H5Tget_class(ftype.get()) == H5T_FLOAT;
    if (name == "time") {
      out.probes.time = read_doubles(arm, path, where);
    } else if (name == "session_index") {
      out.probes.session_index = read_int64s(arm, path, where);
    } else if (name == "session_name") {
      out.probes.session_name = read_string_dataset(arm, path, where);
    } else if (name == "stage") {
      out.probes.stage = read_string_dataset(arm, path, where);
    } else if (is_float) {
      Metric m;
      m.name = name;
      m.units = string_attribute(obj.get(), "units").value_or("");
      m.description = string_attribute(obj.get(), "description").value_or("");
      m.values = read_doubles(arm, path, where);
      // No metric (N/mm, mJ, mm^2, 1) comes near 1e100; such a value is damage, and VTK's chart
      // axes never finish laying out ticks over a range near 1e308: shown as n/a instead.
      for (double& v : m.values)
        if (std::abs(v) > 1e100) v = std::nan("");
      out.metrics.push_back(std::move(m));
    }
  }
  // Make the probe columns as long as the metrics (missing entries empty / -1 / NaN).
  std::size_t p = out.probes.stage.size();
  for (const auto& m : out.metrics) p = std::max(p, m.values.size());
  out.probes.stage.resize(p);
  out.probes.session_name.resize(p);
  out.probes.session_index.resize(p, -1);
  out.probes.time.resize(p, std::nan(""));
  for (auto& m : out.metrics) m.values.resize(p, std::nan(""));
}

ArmSummary read_arm(hid_t arms, const std::string& name, const std::string& file) {
  const std::string where = file + ": /arms/" + name;
  const Handle arm = open_object(arms, name, file);
  ArmSummary a;
  a.name = name;
  auto attr = [&](const char* key) { return string_attribute(arm.get(), key).value_or(""); };
  a.status = attr("status");
  a.failure_reason = attr("failure_reason");
  a.arm_name = attr("arm_name");
  a.base_arm = attr("base_arm");
  a.spec_hash = attr("spec_hash");
  a.arm_spec = attr("arm_spec");
  a.sweep = attr("sweep");
  if (link_exists(arm.get(), "time")) a.time = read_doubles(arm.get(), "time", where);
  // Row 0 is the undeformed state (step `initial` at t = 0) in files written since that row was
  // added; older files start with the first load step.
  if (!a.time.empty() && a.time.front() == 0.0 && link_exists(arm.get(), "steps/step_name")) {
    const auto names = read_string_dataset(arm.get(), "steps/step_name", where);
    a.undeformed_row = !names.empty() && names.front() == "initial";
  }
  a.sessions = read_sessions(arm.get(), where);
  read_metrics(arm.get(), where, a);
  a.has_interface = link_exists(arm.get(), "interface/mesh/points");
  return a;
}

FieldRow row_from(hid_t ds, const std::vector<hsize_t>& dims, std::size_t step,
                  const std::string& where) {
  if (dims.empty() || step >= dims[0]) fail(where + ": no step " + std::to_string(step));
  std::vector<hsize_t> start(dims.size(), 0), count = dims;
  start[0] = step;
  count[0] = 1;
  Handle file_space(H5Dget_space(ds), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                      nullptr);
  const hsize_t n = product(dims, 1);
  Handle mem_space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  FieldRow row;
  row.values.resize(static_cast<std::size_t>(n));
  row.components = dims.size() > 2 ? static_cast<int>(product(dims, 2)) : 1;
  if (n > 0 && H5Dread(ds, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT,
                       row.values.data()) < 0)
    fail(where + ": cannot read step " + std::to_string(step));
  row.units = string_attribute(ds, "units").value_or("");
  return row;
}

CellMesh read_cells(hid_t arm, const std::string& prefix, const std::string& where) {
  CellMesh m;
  m.points = read_doubles(arm, prefix + "/points", where);
  m.connectivity = read_int64s(arm, prefix + "/connectivity", where);
  m.offsets = read_int64s(arm, prefix + "/offsets", where);
  m.types = read_numbers<std::uint8_t>(arm, prefix + "/types", H5T_NATIVE_UINT8, where);
  if (m.offsets.size() != m.types.size() + 1 || m.offsets.front() != 0 ||
      m.offsets.back() != static_cast<std::int64_t>(m.connectivity.size()))
    fail(where + ": " + prefix + ": offsets do not match types and connectivity");
  for (std::size_t c = 0; c + 1 < m.offsets.size(); ++c)
    if (m.offsets[c + 1] < m.offsets[c])
      fail(where + ": " + prefix + ": offsets decrease at cell " + std::to_string(c));
  if (m.points.size() % 3 != 0)
    fail(where + ": " + prefix + ": points do not hold three coordinates each");
  const auto n = static_cast<std::int64_t>(m.n_points());
  for (std::int64_t id : m.connectivity)
    if (id < 0 || id >= n) fail(where + ": " + prefix + ": node id out of range");
  return m;
}

}  // namespace

std::string StudySummary::attribute(const std::string& key) const {
  const auto it = attributes.find(key);
  return it == attributes.end() ? std::string() : it->second;
}

StudyFile::StudyFile(const std::filesystem::path& path) : path_(path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions with our messages
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) fail(path.string() + ": no such file");
  if (H5Fis_hdf5(path.string().c_str()) <= 0) fail(path.string() + ": not an HDF5 file");
  file_ = H5Fopen(path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0)
    fail(path.string() + ": cannot open (being written? try HDF5_USE_FILE_LOCKING=FALSE)");
  const auto schema = string_attribute(file_, "schema");
  if (!schema || schema->rfind("sinew-study", 0) != 0) {
    H5Fclose(file_);
    file_ = -1;
    fail(path.string() + ": not a Sinew study file (root attribute 'schema' is '" +
         schema.value_or("") + "', expected 'sinew-study 1')");
  }
  if (!link_exists(file_, "arms")) {
    H5Fclose(file_);
    file_ = -1;
    fail(path.string() + ": study file without an /arms group");
  }
}

StudyFile::~StudyFile() {
  if (file_ >= 0) H5Fclose(file_);
}

StudySummary StudyFile::read_summary() const {
  StudySummary s;
  for (const char* key :
       {"schema", "sinew_version", "scenario_file", "scenario_text", "command_line", "host",
        "start_time", "end_time", "status", "working_directory", "git_commit"})
    if (auto v = string_attribute(file_, key)) s.attributes[key] = *v;
  const Handle arms = open_object(file_, "arms", path_.string());
  for (const std::string& name : child_names(arms.get())) {
    const Handle obj = open_object(arms.get(), name, path_.string());
    if (H5Iget_type(obj.get()) == H5I_GROUP)
      s.arms.push_back(read_arm(arms.get(), name, path_.string()));
  }
  return s;
}

CellMesh StudyFile::read_mesh(const std::string& arm) const {
  const Handle g = open_object(file_, "arms/" + arm, path_.string());
  return read_cells(g.get(), "mesh", path_.string() + ": /arms/" + arm);
}

CellMesh StudyFile::read_interface_mesh(const std::string& arm) const {
  const Handle g = open_object(file_, "arms/" + arm, path_.string());
  return read_cells(g.get(), "interface/mesh", path_.string() + ": /arms/" + arm);
}

FieldRow StudyFile::read_step_row(const std::string& arm, const std::string& path,
                                  std::size_t step) const {
  const std::string where = path_.string() + ": /arms/" + arm + "/" + path;
  const Handle ds = open_dataset(file_, "arms/" + arm + "/" + path, path_.string());
  return row_from(ds.get(), dataset_dims(ds.get()), step, where);
}

FieldRow StudyFile::read_static(const std::string& arm, const std::string& path) const {
  const std::string full = "arms/" + arm + "/" + path;
  const Handle ds = open_dataset(file_, full, path_.string());
  const auto dims = dataset_dims(ds.get());
  FieldRow row;
  row.values = read_doubles(file_, full, path_.string());
  row.components = dims.size() > 1 ? static_cast<int>(product(dims, 1)) : 1;
  row.units = string_attribute(ds.get(), "units").value_or("");
  return row;
}

bool StudyFile::exists(const std::string& arm, const std::string& path) const {
  return link_exists(file_, "arms/" + arm + "/" + path);
}

std::optional<std::vector<std::int64_t>> StudyFile::read_cell_set(const std::string& arm,
                                                                  const std::string& name,
                                                                  const CellMesh& mesh) const {
  const std::string base = "arms/" + arm + "/mesh/";
  if (link_exists(file_, base + "element_sets/" + name))
    return read_int64s(file_, base + "element_sets/" + name, path_.string());
  if (!link_exists(file_, base + "node_sets/" + name)) return std::nullopt;
  const auto nodes = read_int64s(file_, base + "node_sets/" + name, path_.string());
  std::vector<char> in_set(mesh.n_points(), 0);
  for (std::int64_t n : nodes)
    if (n >= 0 && static_cast<std::size_t>(n) < in_set.size()) in_set[std::size_t(n)] = 1;
  std::vector<std::int64_t> cells;
  for (std::size_t c = 0; c < mesh.n_cells(); ++c) {
    bool all = true;
    for (auto k = mesh.offsets[c]; k < mesh.offsets[c + 1] && all; ++k)
      all = in_set[std::size_t(mesh.connectivity[std::size_t(k)])] != 0;
    if (all) cells.push_back(static_cast<std::int64_t>(c));
  }
  return cells;
}

}  // namespace sinew::viz
