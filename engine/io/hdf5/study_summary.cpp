// HDF5 reading of part-file summaries and of the study's metrics and session tables.
#include "io/study_summary.hpp"

#include "hdf5_support.hpp"

#include <sstream>
#include <stdexcept>

#include "io/study_file.hpp"
#include "tissue/metrics.hpp"

namespace sinew::io {

using namespace h5;

namespace {

bool exists(hid_t loc, const std::string& path) {
  return H5Lexists(loc, path.c_str(), H5P_DEFAULT) > 0;
}

std::string string_attr(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return {};
  Handle a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  Handle type(H5Aget_type(a), H5Tclose);
  if (H5Tget_class(type) != H5T_STRING) return {};
  if (H5Tis_variable_str(type) > 0) {
    Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem, H5T_VARIABLE);
    H5Tset_cset(mem, H5T_CSET_UTF8);
    char* p = nullptr;
    if (H5Aread(a, mem, &p) < 0 || !p) return {};
    std::string s(p);
    H5free_memory(p);
    return s;
  }
  std::string s(H5Tget_size(type), '\0');
  H5Aread(a, type, s.data());
  return s.c_str();
}

std::vector<double> read_doubles(hid_t loc, const std::string& path) {
  if (!exists(loc, path)) return {};
  Handle ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  Handle space(H5Dget_space(ds), H5Sclose);
  std::vector<double> v(value_count(space, path));
  if (!v.empty()) H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  return v;
}

std::vector<std::int64_t> read_ints(hid_t loc, const std::string& path) {
  if (!exists(loc, path)) return {};
  Handle ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  Handle space(H5Dget_space(ds), H5Sclose);
  std::vector<std::int64_t> v(value_count(space, path));
  if (!v.empty()) H5Dread(ds, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  return v;
}

std::vector<std::string> read_strings(hid_t loc, const std::string& path) {
  if (!exists(loc, path)) return {};
  Handle ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  Handle space(H5Dget_space(ds), H5Sclose);
  const std::size_t n = value_count(space, path);
  Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mem, H5T_VARIABLE);
  H5Tset_cset(mem, H5T_CSET_UTF8);
  std::vector<char*> p(n, nullptr);
  std::vector<std::string> out;
  if (n && H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()) >= 0) {
    for (char* c : p) out.emplace_back(c ? c : "");
    H5Dvlen_reclaim(mem, space, H5P_DEFAULT, p.data());
  }
  return out;
}

}  // namespace

std::optional<PartSummary> read_part_summary(const std::filesystem::path& part) {
  QuietErrors quiet;
  if (!std::filesystem::is_regular_file(part)) return std::nullopt;
  Handle file(H5Fopen(part.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) return std::nullopt;
  Handle root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
  return PartSummary{string_attr(root, "status"), string_attr(root, "arm_status"),
                     string_attr(root, "spec_hash")};
}

std::string part_problem(const std::filesystem::path& part) {
  QuietErrors quiet;
  if (!std::filesystem::is_regular_file(part)) return "no such file";
  if (H5Fis_hdf5(part.c_str()) <= 0) return "not an HDF5 file (truncated or foreign)";
  Handle file(H5Fopen(part.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) return "cannot be opened as HDF5 (truncated or damaged)";
  Handle root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
  if (!root.valid()) return "its root group cannot be read";
  for (const char* attr : {"spec_hash", "arm_status"})
    if (H5Aexists(root, attr) <= 0 || string_attr(root, attr).empty())
      return std::string("no '") + attr + "' attribute (not the part file of a study arm)";
  if (!exists(file, "metrics") || !exists(file, "metrics/session_index"))
    return "no /metrics table";
  std::size_t probes = 0;
  try {
    probes = read_ints(file, "metrics/session_index").size();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  for (const auto& m : tissue::metric_table()) {
    const std::string path = "metrics/" + std::string(m.name);
    if (!exists(file, path)) return "/" + path + " is missing";
    Handle ds(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!ds.valid()) return "/" + path + " cannot be opened";
    Handle space(H5Dget_space(ds), H5Sclose);
    const auto n = H5Sget_simple_extent_npoints(space);
    if (n < 0 || static_cast<std::size_t>(n) != probes || probes > (std::size_t{1} << 31))
      return "/" + path + " does not hold one value per probe";
    std::vector<double> v(probes);
    if (probes > 0 && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
      return "/" + path + " cannot be read";
  }
  return {};
}

std::vector<StoredArm> read_stored_arms(const std::filesystem::path& results) {
  QuietErrors quiet;
  const auto names = study_arm_names(results);
  Handle file(H5Fopen(results.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) throw std::runtime_error("cannot open " + results.string());
  std::vector<StoredArm> arms;
  for (const auto& name : names) {
    Handle g(H5Gopen2(file, ("arms/" + name).c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.valid()) throw std::runtime_error(results.string() + ": cannot open /arms/" + name);
    StoredArm a{name, string_attr(g, "spec_hash"), string_attr(g, "arm_status")};
    if (a.status.empty()) a.status = string_attr(g, "status");
    arms.push_back(std::move(a));
  }
  return arms;
}

std::vector<ArmSummary> read_study_summary(const std::filesystem::path& results) {
  QuietErrors quiet;
  Handle file(H5Fopen(results.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) throw std::runtime_error("cannot open " + results.string());
  if (!exists(file, "arms")) throw std::runtime_error(results.string() + " has no /arms group");
  Handle arms(H5Gopen2(file, "arms", H5P_DEFAULT), H5Gclose);
  std::vector<ArmSummary> out;
  for (const auto& name : study_arm_names(results)) {
    Handle g(H5Gopen2(arms, name.c_str(), H5P_DEFAULT), H5Gclose);
    ArmSummary a;
    a.name = name;
    a.status = string_attr(g, "arm_status");
    if (a.status.empty()) a.status = string_attr(g, "status");
    a.failure = string_attr(g, "failure_reason");
    a.base_arm = string_attr(g, "base_arm");
    a.sweep = string_attr(g, "sweep");
    for (const auto& m : tissue::metric_table()) {
      const std::string path = "metrics/" + std::string(m.name);
      if (!exists(g, "metrics") || !exists(g, path)) continue;
      a.metric_names.emplace_back(m.name);
      a.metric_units.emplace_back(m.unit);
      a.values.push_back(read_doubles(g, path));
    }
    if (exists(g, "metrics")) {
      a.probe_session = read_ints(g, "metrics/session_index");
      a.probe_session_name = read_strings(g, "metrics/session_name");
      a.probe_stage = read_strings(g, "metrics/stage");
      a.probe_time = read_doubles(g, "metrics/time");
    }
    if (exists(g, "sessions")) {
      a.session_names = read_strings(g, "sessions/name");
      a.session_interventions = read_strings(g, "sessions/intervention");
      a.session_summaries = read_strings(g, "sessions/summary");
      a.session_grades = read_strings(g, "sessions/evidence_grade");
      a.session_evidence = read_strings(g, "sessions/evidence");
      a.session_cycles = read_ints(g, "sessions/cycles");
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::string> read_compared_metrics(const std::filesystem::path& results) {
  QuietErrors quiet;
  Handle file(H5Fopen(results.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) throw std::runtime_error("cannot open " + results.string());
  Handle root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
  std::istringstream words(string_attr(root, "compared_metrics"));
  std::vector<std::string> names;
  for (std::string w; words >> w;) names.push_back(w);
  if (names.empty())
    for (const auto& m : tissue::metric_table()) names.emplace_back(m.name);
  return names;
}

}  // namespace sinew::io
