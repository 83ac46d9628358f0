// VTKHDF 1.0 step views and their ParaView series index (vtkhdf_views.hpp), on the HDF5 C API.
#include "vtkhdf_views.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <limits>
#include <regex>
#include <stdexcept>
#include <utility>

#include "core/file_checks.hpp"

namespace sinew::io::vtkhdf {

namespace fs = std::filesystem;
using namespace h5;

namespace {

// The shortest text that reads back as the same double.
std::string format_double(double v) {
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), r.ptr);
}

// Writes `text` to `path` through a temporary file and a rename: readers never see half a file.
void write_text_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".part";
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      const int err = errno;
      std::error_code ec;
      fs::remove(tmp, ec);
      if (err != 0) throw WriteFailure(err, path);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, path);
}

// /VTKHDF attributes Version = [1, 0] and Type = "UnstructuredGrid", and the piece sizes.
void write_header(hid_t root, const ViewSpec& spec) {
  const std::int64_t version[2] = {1, 0};
  const Handle space = make_space({2});
  const Handle a(check(H5Acreate2(root, "Version", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create attribute Version"),
                 H5Aclose);
  check(H5Awrite(a, H5T_NATIVE_INT64, version), "cannot write attribute Version");
  // Fixed-length ASCII, as VTK's own examples write it.
  const std::string type = "UnstructuredGrid";
  const Handle t(check(H5Tcopy(H5T_C_S1), "cannot copy a string type"), H5Tclose);
  check(H5Tset_size(t, type.size()), "cannot size a string type");
  check(H5Tset_strpad(t, H5T_STR_NULLPAD), "cannot pad a string type");
  const Handle scalar(check(H5Screate(H5S_SCALAR), "cannot create a dataspace"), H5Sclose);
  const Handle b(check(H5Acreate2(root, "Type", t, scalar, H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create attribute Type"),
                 H5Aclose);
  check(H5Awrite(b, t, type.data()), "cannot write attribute Type");

  const std::int64_t counts[3] = {spec.points, spec.cells, spec.connectivity_ids};
  const char* names[3] = {"NumberOfPoints", "NumberOfCells", "NumberOfConnectivityIds"};
  const Handle one = make_space({1});
  for (int i = 0; i < 3; ++i) {
    const Handle ds(check(H5Dcreate2(root, names[i], H5T_STD_I64LE, one, H5P_DEFAULT, H5P_DEFAULT,
                                     H5P_DEFAULT),
                          std::string("cannot create ") + names[i]),
                    H5Dclose);
    check(H5Dwrite(ds, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &counts[i]),
          std::string("cannot write ") + names[i]);
    write_attr(ds, "units", "1");
    write_attr(ds, "description", "VTKHDF piece size");
  }
}

// A virtual dataset on row `step` of a time-major source, or on the whole of a static one. A
// float view's fill value is NaN: a missing results file then reads as NaN, not plausible zeros.
void write_virtual(hid_t group, const ViewArray& a, std::size_t step,
                   const std::string& link_target) {
  // A scalar source row (the time) is shown as an array of one value.
  const Handle vspace = make_space(a.inner.empty() ? std::vector<hsize_t>{1} : a.inner);
  Handle sspace;
  if (a.per_step) {
    std::vector<hsize_t> src_dims{step + 1}, start(a.inner.size() + 1, 0), count{1};
    for (auto d : a.inner) {
      src_dims.push_back(d);
      count.push_back(d);
    }
    start[0] = step;
    sspace = make_space(src_dims);
    check(H5Sselect_hyperslab(sspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
          "cannot select the row of " + a.name);
  } else {
    sspace = make_space(a.inner);
    check(H5Sselect_all(sspace), "cannot select " + a.name);
  }
  const hid_t type = a.type.valid() ? hid_t(a.type) : H5T_IEEE_F64LE;
  const Handle dcpl = make_plist(H5P_DATASET_CREATE);
  if (H5Tget_class(type) == H5T_FLOAT) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "cannot set a fill value");
  }
  check(H5Pset_virtual(dcpl, vspace, link_target.c_str(), a.source.c_str(), sspace),
        "cannot map " + a.name);
  const Handle ds(check(H5Dcreate2(group, view_array_name(a).c_str(), type, vspace, H5P_DEFAULT,
                                   dcpl, H5P_DEFAULT),
                        "cannot create view " + a.name),
                  H5Dclose);
  if (!a.units.empty()) {
    write_attr(ds, "units", a.units);
    write_attr(ds, "description",
               a.per_step ? "step " + std::to_string(step) + " of " + a.source + " (virtual)"
                          : a.source + ", constant in time (virtual)");
  }
}

}  // namespace

std::string view_array_name(const ViewArray& a) {
  if (a.units.empty() || a.group == "FieldData") return a.name;
  // '/' separates HDF5 path components, so "N/mm" is written "N per mm".
  std::string units;
  for (char c : a.units) units += c == '/' ? std::string(" per ") : std::string(1, c);
  return a.name + " [" + units + "]";
}

void write_view(const fs::path& path, std::size_t step, const ViewSpec& spec,
                const std::string& link_target) {
  const fs::path tmp = path.string() + ".part";
  {
    Handle f(check(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                   "cannot create " + tmp.string()),
             H5Fclose);
    const Handle root = make_group(f, "VTKHDF");
    write_header(root, spec);
    const std::pair<const char*, const char*> links[4] = {{"Points", "points"},
                                                          {"Connectivity", "connectivity"},
                                                          {"Offsets", "offsets"},
                                                          {"Types", "types"}};
    for (const auto& [name, dataset] : links) {
      const std::string target = spec.mesh_group + "/" + dataset;
      check(H5Lcreate_external(link_target.c_str(), target.c_str(), root, name, H5P_DEFAULT,
                               H5P_DEFAULT),
            std::string("cannot link ") + name);
    }
    for (const char* group : {"PointData", "CellData", "FieldData"}) {
      const Handle g = make_group(root, group);
      for (const auto& a : spec.arrays)
        if (a.group == group) write_virtual(g, a, step, link_target);
    }
    f.close("cannot close " + tmp.string());
  }
  fs::rename(tmp, path);
}

std::string view_file_name(const char* prefix, std::size_t step) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s_%06zu.hdf", prefix, step);
  return buf;
}

void write_series(const fs::path& folder, const char* prefix, const char* series,
                  const std::vector<double>& times) {
  std::string s = "{\n  \"file-series-version\": \"1.0\",\n  \"files\": [";
  for (std::size_t i = 0; i < times.size(); ++i) {
    s += i ? ",\n" : "\n";
    s += "    {\"name\": \"" + view_file_name(prefix, i) +
         "\", \"time\": " + format_double(times[i]) + "}";
  }
  s += times.empty() ? "]\n}\n" : "\n  ]\n}\n";
  write_text_atomically(folder / series, s);
}

void remove_stale_views(const fs::path& folder) {
  static const std::regex ours(
      R"((step|interface)_\d{6}\.hdf(\.part)?|(steps|interface)\.hdf\.series(\.part)?)");
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), ours))
      fs::remove(entry.path());
}

void install_views(const fs::path& stage, const fs::path& target) {
  if (!fs::is_directory(stage)) return;
  // Listed first: the entries are moved out of the folder being walked.
  std::vector<fs::directory_entry> entries(fs::recursive_directory_iterator(stage), {});
  fs::create_directories(target);
  remove_stale_views(target);
  for (const auto& entry : entries) {  // a folder comes before its contents
    const fs::path to = target / fs::relative(entry.path(), stage);
    if (entry.is_directory()) {
      fs::create_directories(to);
      remove_stale_views(to);
    } else {
      fs::rename(entry.path(), to);
    }
  }
  fs::remove_all(stage);
}

}  // namespace sinew::io::vtkhdf
