// The study results file on the HDF5 C API (docs/results-schema.md, "Study results file"):
// merge_study copies the arms' single-run part files under /arms/<arm>, write_study_views writes
// VTKHDF 1.0 views of every arm's steps (vtkhdf_views.hpp, shared with the single-run writer).
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <regex>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/file_checks.hpp"
#include "core/parallel.hpp"
#include "hdf5_support.hpp"
#include "io/results_writer.hpp"
#include "io/study_file.hpp"
#include "vtkhdf_views.hpp"

namespace sinew::io {

namespace fs = std::filesystem;
using namespace h5;
using vtkhdf::ViewArray;
using vtkhdf::ViewSpec;

namespace {

Handle open_dataset(hid_t loc, const std::string& path, const std::string& file) {
  return {check(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), file + ": cannot open " + path),
          H5Dclose};
}

// ---- attributes ---------------------------------------------------------------------------

bool has_attr(hid_t obj, const char* name) {
  return check(H5Aexists(obj, name), std::string("cannot query attribute ") + name) > 0;
}

// A scalar string attribute, variable- or fixed-length. `where` names the object for errors.
std::string read_string_attr(hid_t obj, const char* name, const std::string& where) {
  const Handle a(check(H5Aopen(obj, name, H5P_DEFAULT), where + ": cannot open attribute " + name),
                 H5Aclose);
  const Handle type(check(H5Aget_type(a), where + ": cannot get the type of " + name), H5Tclose);
  if (H5Tget_class(type) != H5T_STRING)
    throw std::runtime_error(where + ": attribute " + name + " is not a string");
  if (H5Tis_variable_str(type) > 0) {
    Handle mem(check(H5Tcopy(H5T_C_S1), "cannot copy a string type"), H5Tclose);
    check(H5Tset_size(mem, H5T_VARIABLE), "cannot size a string type");
    check(H5Tset_cset(mem, H5Tget_cset(type)), "cannot set a string type's character set");
    char* p = nullptr;
    check(H5Aread(a, mem, &p), where + ": cannot read attribute " + name);
    std::string s = p ? p : "";
    H5free_memory(p);
    return s;
  }
  std::string s(H5Tget_size(type), '\0');
  check(H5Aread(a, type, s.data()), where + ": cannot read attribute " + name);
  return s.substr(0, s.find('\0'));
}

herr_t collect_attr_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

// Copies attribute `name` of `src` to `dst` with its file type and shape, whatever they are
// (strings, numbers, arrays, compounds): read in the matching native type, written back.
void copy_attr(hid_t src, hid_t dst, const std::string& name, const std::string& where) {
  const std::string what = where + ": cannot copy attribute " + name;
  const Handle a(check(H5Aopen(src, name.c_str(), H5P_DEFAULT), what), H5Aclose);
  const Handle file_type(check(H5Aget_type(a), what), H5Tclose);
  const Handle mem_type(check(H5Tget_native_type(file_type, H5T_DIR_ASCEND), what), H5Tclose);
  const Handle space(check(H5Aget_space(a), what), H5Sclose);
  const auto n = static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space), what));
  std::vector<unsigned char> buf(std::max<std::size_t>(n, 1) * H5Tget_size(mem_type));
  check(H5Aread(a, mem_type, buf.data()), what);
  const Handle b(H5Acreate2(dst, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                 H5Aclose);
  const herr_t written = b < 0 ? -1 : H5Awrite(b, mem_type, buf.data());
  // Variable-length members were allocated by H5Aread; a no-op for other types.
  H5Dvlen_reclaim(mem_type, space, H5P_DEFAULT, buf.data());
  if (b < 0 || written < 0) fail(what);
}

// ---- links and datasets -------------------------------------------------------------------

herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

// Names of the links of group `path` of `loc`, in creation order where the group tracks it,
// else in name order.
std::vector<std::string> link_names(hid_t loc, const std::string& path, const std::string& file) {
  const Handle g(check(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), file + ": cannot open " + path),
                 H5Gclose);
  const Handle gcpl(check(H5Gget_create_plist(g), file + ": cannot query " + path), H5Pclose);
  unsigned order = 0;
  check(H5Pget_link_creation_order(gcpl, &order), file + ": cannot query " + path);
  const H5_index_t index = (order & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  check(H5Literate(g, index, H5_ITER_INC, nullptr, collect_link_name, &names),
        file + ": cannot list " + path);
  return names;
}

// Whether `path` (absolute, "/a/b/c") names an object of `loc`. H5Lexists needs every
// intermediate link to exist, hence the walk.
bool has_object(hid_t loc, const std::string& path) {
  std::string prefix;
  std::size_t begin = 1;
  while (begin <= path.size()) {
    std::size_t end = path.find('/', begin);
    if (end == std::string::npos) end = path.size();
    prefix.push_back('/');
    prefix.append(path, begin, end - begin);
    if (check(H5Lexists(loc, prefix.c_str(), H5P_DEFAULT), "cannot query " + prefix) <= 0)
      return false;
    begin = end + 1;
  }
  return check(H5Oexists_by_name(loc, path.c_str(), H5P_DEFAULT), "cannot query " + path) > 0;
}

std::vector<hsize_t> dataset_dims(hid_t dataset, const std::string& what) {
  const Handle space(check(H5Dget_space(dataset), what), H5Sclose);
  const int rank = check(H5Sget_simple_extent_ndims(space), what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), what);
  return dims;
}

std::vector<hsize_t> dataset_dims(hid_t loc, const std::string& path, const std::string& file) {
  return dataset_dims(open_dataset(loc, path, file), file + ": cannot query " + path);
}

// The number of rows of dataset `path` (its first dimension); a scalar has none to give.
hsize_t row_count(hid_t loc, const std::string& path, const std::string& file) {
  const std::vector<hsize_t> dims = dataset_dims(loc, path, file);
  if (dims.empty()) throw std::runtime_error(file + ": " + path + " is a scalar, not a table");
  return dims[0];
}

std::vector<double> read_doubles(hid_t loc, const std::string& path, const std::string& file) {
  const Handle ds = open_dataset(loc, path, file);
  const auto dims = dataset_dims(ds, file + ": cannot query " + path);
  const std::size_t n = value_count(dims, file + ": " + path);
  std::vector<double> v(n);
  if (n > 0)
    check(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
          file + ": cannot read " + path);
  return v;
}

// ---- arms ---------------------------------------------------------------------------------

// Arm names become HDF5 link names and folder names: a safe character set, and never "." or
// ".." (which would name the group itself or a folder above the views).
bool valid_arm_name(const std::string& name) {
  static const std::regex allowed("[A-Za-z0-9_.-]+");
  return std::regex_match(name, allowed) && name.find_first_not_of('.') != std::string::npos;
}

// One arm's source (a part file, or an arm group of an earlier study file), open for reading.
struct Part {
  fs::path path;
  std::string group;  // "/" for a part file
  Handle file, loc;   // the file, and its group `group`
  std::string arm;
  std::string status;  // the source's `status` attribute ("" if none)
};

Part open_part(const ArmSource& source) {
  const std::string where = source.group == "/"
                                ? "study arm part " + source.file.string()
                                : "study file " + source.file.string() + " " + source.group;
  Part p;
  p.path = source.file;
  p.group = source.group;
  p.file = Handle(check(H5Fopen(source.file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                        "cannot read " + where),
                  H5Fclose);
  p.loc = Handle(check(H5Gopen2(p.file, source.group.c_str(), H5P_DEFAULT), "cannot open " + where),
                 H5Gclose);
  p.arm = has_attr(p.loc, "arm_name") ? read_string_attr(p.loc, "arm_name", where)
                                      : source.file.stem().string();
  if (!valid_arm_name(p.arm))
    throw std::runtime_error(where + ": invalid arm name '" + p.arm +
                             "' (allowed: letters, digits, '_', '.', '-', not only dots)");
  if (has_attr(p.loc, "status")) p.status = read_string_attr(p.loc, "status", where);
  return p;
}

// Opens every source before anything is written, so a bad one leaves no output behind.
std::vector<Part> open_parts(const std::vector<ArmSource>& sources) {
  std::vector<Part> parts;
  std::set<std::string> names;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const ArmSource& source = sources[i];
    Part p;
    try {
      p = open_part(source);
    } catch (const std::runtime_error& e) {
      throw ArmSourceError(i, e.what());
    }
    if (!names.insert(p.arm).second) {
      const auto first =
          std::find_if(parts.begin(), parts.end(), [&](const Part& q) { return q.arm == p.arm; });
      throw std::runtime_error("study arm '" + p.arm + "' appears twice: in " +
                               first->path.string() + " and " + source.file.string());
    }
    parts.push_back(std::move(p));
  }
  return parts;
}

// /arms/<arm>: every object of the source group (H5Ocopy keeps types, chunks and filters, so
// the data are copied bit for bit) and every attribute of it. Soft links are expanded so the
// arm never points at study-root paths that do not exist.
void copy_part(const Part& part, hid_t arms) {
  const std::string where = part.group == "/" ? "study arm part " + part.path.string()
                                              : "study file " + part.path.string();
  const std::string prefix = part.group == "/" ? "/" : part.group + "/";
  const Handle arm = make_group(arms, part.arm);
  const Handle ocpypl = make_plist(H5P_OBJECT_COPY);
  check(H5Pset_copy_object(ocpypl, H5O_COPY_EXPAND_SOFT_LINK_FLAG), "cannot set copy options");
  for (const auto& name : link_names(part.file, part.group, part.path.string()))
    check(H5Ocopy(part.loc, name.c_str(), arm, name.c_str(), ocpypl, H5P_DEFAULT),
          where + ": cannot copy " + prefix + name);
  std::vector<std::string> attrs;
  check(H5Aiterate2(part.loc, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attr_name, &attrs),
        where + ": cannot list the attributes");
  for (const auto& name : attrs) copy_attr(part.loc, arm, name, where);
}

std::string study_status(const StudyInfo& info, const std::vector<Part>& parts) {
  if (!info.status.empty()) return info.status;
  const bool all_completed = std::all_of(parts.begin(), parts.end(),
                                         [](const Part& p) { return p.status == "completed"; });
  return all_completed ? "completed" : "failed";
}

void write_study_file(const fs::path& tmp, const std::vector<Part>& parts, const StudyInfo& info) {
  Handle f(check(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create " + tmp.string()),
           H5Fclose);
  const std::string now = iso8601_utc_now();
  std::error_code ec;
  write_attr(f, "schema", std::string("sinew-study 1"));
  write_attr(f, "sinew_version", std::string(SINEW_VERSION));
  write_attr(f, "git_commit", info.git_commit);
  write_attr(f, "scenario_file", info.scenario_file);
  write_attr(f, "scenario_text", info.scenario_text);
  write_attr(f, "command_line",
             info.command_line.empty() ? process_command_line() : info.command_line);
  write_attr(f, "working_directory",
             info.working_directory.empty() ? fs::current_path(ec).string()
                                            : info.working_directory);
  write_attr(f, "host", host_name());
  write_attr(f, "openmp_threads", std::int64_t{info.threads > 0 ? info.threads : max_threads()});
  write_attr(f, "jobs", std::int64_t{info.jobs});
  write_attr(f, "mpi_ranks", std::int64_t{info.mpi_ranks});
  write_attr(f, "blas_threads", std::int64_t{info.blas_threads});
  write_attr(f, "start_time", info.start_time.empty() ? now : info.start_time);
  write_attr(f, "end_time", info.end_time.empty() ? now : info.end_time);
  write_attr(f, "status", study_status(info, parts));
  write_attr(f, "arm_count", static_cast<std::int64_t>(parts.size()));
  std::string compared;
  for (const auto& m : info.compared_metrics) compared += (compared.empty() ? "" : " ") + m;
  write_attr(f, "compared_metrics", compared);

  // Creation order is tracked so readers list the arms in the order given, not by name.
  const Handle gcpl = make_plist(H5P_GROUP_CREATE);
  check(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot track the creation order of /arms");
  const Handle arms = make_group(f, "arms", gcpl);
  write_attr(arms, "description",
             std::string("one group per arm: the arm's single-run results (sinew-results)"));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    try {
      copy_part(parts[i], arms);
    } catch (const std::runtime_error& e) {
      throw ArmSourceError(i, e.what());
    }
  }
  f.close("cannot close " + tmp.string());
}

// ---- views --------------------------------------------------------------------------------

// Where the views find the study file, and the file open for reading their shapes.
struct StudySource {
  hid_t file;               // not owned
  std::string file_name;    // for errors
  std::string link_target;  // "../../<name>.h5", relative to a view in <stem>_vtk/<arm>/
};

// The view of dataset `source`: per step (row by row; it must hold `steps` rows) or whole.
ViewArray view_array(const StudySource& src, const std::string& group, const std::string& name,
                     const std::string& source, bool per_step, hsize_t steps = 0) {
  const Handle ds = open_dataset(src.file, source, src.file_name);
  std::vector<hsize_t> dims = dataset_dims(ds, src.file_name + ": cannot query " + source);
  if (per_step) {
    if (dims.empty() || dims[0] < steps)
      throw std::runtime_error(src.file_name + ": " + source + " has fewer rows (" +
                               (dims.empty() ? std::string("none") : std::to_string(dims[0])) +
                               ") than steps (" + std::to_string(steps) + ")");
    dims.erase(dims.begin());
  }
  Handle type(check(H5Dget_type(ds), src.file_name + ": cannot query " + source), H5Tclose);
  const std::string units =
      has_attr(ds, "units") ? read_string_attr(ds, "units", src.file_name + ": " + source) : "";
  return {group, name, source, std::move(dims), per_step, std::move(type), units};
}

// A view spec for the mesh group `mesh` (below `arm`) with the arrays of `fields` that belong
// to it (the interface surface's when `interface`) and that the arm's file holds, and the step's
// time. Which arrays exist comes from the output-field table (simulation::view_fields), as for
// the single-run views; an arm whose model lacks a field simply has no dataset for it.
ViewSpec view_spec(const StudySource& src, const std::string& arm, const std::string& mesh,
                   bool interface, const std::vector<simulation::ViewField>& fields,
                   hsize_t steps) {
  ViewSpec spec;
  spec.mesh_group = arm + mesh;
  spec.points =
      static_cast<std::int64_t>(row_count(src.file, spec.mesh_group + "/points", src.file_name));
  spec.cells =
      static_cast<std::int64_t>(row_count(src.file, spec.mesh_group + "/types", src.file_name));
  spec.connectivity_ids = static_cast<std::int64_t>(
      row_count(src.file, spec.mesh_group + "/connectivity", src.file_name));
  for (const auto& f : fields) {
    if (f.interface != interface || !has_object(src.file, arm + f.path)) continue;
    spec.arrays.push_back(view_array(src, f.point ? "PointData" : "CellData", f.name, arm + f.path,
                                     f.per_step, steps));
  }
  // The step's time, also for readers that take a list of files without the .series.
  spec.arrays.push_back(view_array(src, "FieldData", "TimeValue", arm + "/time", true, steps));
  return spec;
}

void write_series_views(const fs::path& folder, const char* prefix, const char* series,
                        const ViewSpec& spec, const std::vector<double>& times,
                        const std::string& link_target) {
  for (std::size_t s = 0; s < times.size(); ++s)
    vtkhdf::write_view(folder / vtkhdf::view_file_name(prefix, s), s, spec, link_target);
  vtkhdf::write_series(folder, prefix, series, times);
}

void write_arm_views(const StudySource& src, const std::string& arm, const fs::path& folder,
                     const std::vector<simulation::ViewField>& fields) {
  const std::string a = "/arms/" + arm;
  fs::create_directories(folder);
  const std::vector<double> times = read_doubles(src.file, a + "/time", src.file_name);
  const auto steps = static_cast<hsize_t>(times.size());
  const ViewSpec spec = view_spec(src, a, "/mesh", false, fields, steps);
  write_series_views(folder, "step", "steps.hdf.series", spec, times, src.link_target);
  if (!has_object(src.file, a + "/interface")) return;
  const ViewSpec ispec = view_spec(src, a, "/interface/mesh", true, fields, steps);
  write_series_views(folder, "interface", "interface.hdf.series", ispec, times, src.link_target);
}

}  // namespace

void merge_study(const std::vector<fs::path>& parts, const fs::path& out, const StudyInfo& info,
                 const std::optional<std::vector<simulation::ViewField>>& views) {
  std::vector<ArmSource> sources;
  for (const auto& p : parts) sources.push_back({p, "/"});
  merge_study(sources, out, info, views);
}

namespace {

// The views of every arm of the study file `source` into `folder`/<arm>/, linking to `results`
// (the name `source` will have once it is in place).
void write_views_from(const fs::path& source, const fs::path& results, const fs::path& folder,
                      const std::vector<simulation::ViewField>& fields) {
  const std::vector<std::string> arms = study_arm_names(source);
  const Handle f(check(H5Fopen(source.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                       "cannot read study file " + source.string()),
                 H5Fclose);
  const StudySource src{f, source.string(), "../../" + results.filename().string()};
  for (const auto& arm : arms) {
    if (!valid_arm_name(arm))  // a folder name: never trust one read from a file
      throw std::runtime_error(source.string() + ": invalid arm name '" + arm + "'");
    write_arm_views(src, arm, folder / arm, fields);
  }
}

fs::path views_folder(const fs::path& results) {
  return results.parent_path() / (results.stem().string() + "_vtk");
}

// Runs `write`; on failure removes `leftovers` and words a system error of writing as a
// WriteFailure naming `out`.
template <class F>
void writing(const fs::path& out, const std::vector<fs::path>& leftovers, F&& write) {
  const auto clean = [&] {
    std::error_code ec;
    for (const auto& p : leftovers) fs::remove_all(p, ec);
  };
  try {
    write();
  } catch (const SystemFailure& e) {
    clean();
    if (is_write_refusal(e.code())) throw WriteFailure(e.code(), out);
    throw;
  } catch (const fs::filesystem_error& e) {
    clean();
    if (is_write_refusal(e.code().value())) throw WriteFailure(e.code().value(), out);
    throw std::runtime_error("cannot write " + out.string() + ": " + e.what());
  } catch (...) {
    clean();
    throw;
  }
}

}  // namespace

// The new file and its views are written beside the old ones ("<out>.part", "<stem>_vtk.part/")
// and put in place only when both are complete: a failed merge leaves the earlier results and
// views as they were, and no temporary file.
void merge_study(const std::vector<ArmSource>& parts, const fs::path& out, const StudyInfo& info,
                 const std::optional<std::vector<simulation::ViewField>>& views) {
  if (out.filename().empty())
    throw std::runtime_error("study file: no file name in '" + out.string() + "'");
  QuietErrors quiet;
  const fs::path tmp = out.string() + ".part", vtk = views_folder(out);
  const fs::path stage = vtkhdf::staging_folder(vtk);
  writing(out, {tmp, stage}, [&] {
    fs::remove_all(stage);  // left by a merge that was killed
    {
      const std::vector<Part> opened = open_parts(parts);
      write_study_file(tmp, opened, info);
    }
    if (views) write_views_from(tmp, out, stage, *views);
    fs::rename(tmp, out);
  });
  if (views) writing(out, {stage}, [&] { vtkhdf::install_views(stage, vtk); });
}

void write_study_views(const fs::path& results, const std::vector<simulation::ViewField>& fields) {
  QuietErrors quiet;
  const fs::path vtk = views_folder(results), stage = vtkhdf::staging_folder(vtk);
  writing(results, {stage}, [&] {
    fs::remove_all(stage);
    write_views_from(results, results, stage, fields);
    vtkhdf::install_views(stage, vtk);
  });
}

std::vector<std::string> study_arm_names(const fs::path& results) {
  QuietErrors quiet;
  const Handle f(check(H5Fopen(results.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                       "cannot read study file " + results.string()),
                 H5Fclose);
  if (check(H5Lexists(f, "arms", H5P_DEFAULT), "cannot query " + results.string()) <= 0)
    throw std::runtime_error(results.string() + ": not a study file (no /arms)");
  return link_names(f, "/arms", results.string());
}

}  // namespace sinew::io
