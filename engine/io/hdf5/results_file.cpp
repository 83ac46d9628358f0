// ResultsWriter on the HDF5 C API: the results file (docs/results-schema.md) and its VTKHDF 1.0
// step views. Only engine/io/hdf5/*.cpp include HDF5; the public header exposes none of it.
// Which fields exist, their shapes, units and values come from the model's output-field table
// (simulation/output_table.hpp); nothing here knows a field by name.
#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/file_checks.hpp"
#include "core/parallel.hpp"
#include "hdf5_support.hpp"
#include "io/results_writer.hpp"
#include "simulation/output_table.hpp"
#include "vtkhdf_views.hpp"

namespace sinew::io {

namespace fs = std::filesystem;
using namespace h5;

namespace {

void describe(hid_t obj, const std::string& units, const std::string& description) {
  write_attr(obj, "units", units);
  write_attr(obj, "description", description);
}

hsize_t product(const std::vector<hsize_t>& v) {
  hsize_t p = 1;
  for (auto d : v) p *= d;
  return p;
}

// A fixed-size dataset written at once. Small ones are contiguous; from 64 KiB on they are
// chunked (about 1 MiB chunks) and compressed.
Handle write_fixed(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type,
                   const std::vector<hsize_t>& dims, const void* data, const std::string& units,
                   const std::string& description, int gzip) {
  const Handle space = make_space(dims);
  const Handle dcpl = make_plist(H5P_DATASET_CREATE);
  const hsize_t elements = product(dims);
  const hsize_t row = dims.empty() || dims[0] == 0 ? 1 : elements / dims[0];
  const hsize_t bytes = elements * H5Tget_size(file_type);
  if (gzip > 0 && bytes >= 64 * 1024) {
    std::vector<hsize_t> chunk = dims;
    const hsize_t row_bytes = row * H5Tget_size(file_type);
    chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(dims[0], (1u << 20) / row_bytes));
    check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "cannot chunk " + name);
    check(H5Pset_shuffle(dcpl), "cannot set the shuffle filter on " + name);
    check(H5Pset_deflate(dcpl, static_cast<unsigned>(gzip)), "cannot compress " + name);
  }
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, dcpl,
                             H5P_DEFAULT),
                  "cannot create dataset " + name),
            H5Dclose);
  if (elements > 0)
    check(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write " + name);
  describe(ds, units, description);
  return ds;
}

// A dataset that grows by one row per step: (0, inner...) now, unlimited first dimension.
struct Growing {
  Handle ds;
  std::vector<hsize_t> inner;
  hid_t mem_type = H5I_INVALID_HID;  // not owned
  std::string name;

  void append(hsize_t row, const void* data) const {
    std::vector<hsize_t> dims{row + 1};
    dims.insert(dims.end(), inner.begin(), inner.end());
    check(H5Dset_extent(ds, dims.data()), "cannot extend " + name);
    const Handle fspace(check(H5Dget_space(ds), "cannot get the dataspace of " + name), H5Sclose);
    std::vector<hsize_t> start(dims.size(), 0), count = dims;
    start[0] = row;
    count[0] = 1;
    check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
          "cannot select a row of " + name);
    const Handle mspace = make_space(count);
    check(H5Dwrite(ds, mem_type, mspace, fspace, H5P_DEFAULT, data), "cannot write " + name);
  }
};

Growing make_growing(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type,
                     const std::vector<hsize_t>& inner, hsize_t chunk_rows, int gzip,
                     const std::string& units, const std::string& description) {
  std::vector<hsize_t> dims{0}, max{H5S_UNLIMITED}, chunk{chunk_rows};
  for (auto d : inner) {
    dims.push_back(d);
    max.push_back(d);
    chunk.push_back(d);
  }
  const Handle space = make_space(dims, &max);
  const Handle dcpl = make_plist(H5P_DATASET_CREATE);
  check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "cannot chunk " + name);
  if (gzip > 0) {
    check(H5Pset_shuffle(dcpl), "cannot set the shuffle filter on " + name);
    check(H5Pset_deflate(dcpl, static_cast<unsigned>(gzip)), "cannot compress " + name);
  }
  Growing g;
  g.ds = Handle(check(H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, dcpl,
                                 H5P_DEFAULT),
                      "cannot create dataset " + name),
                H5Dclose);
  g.inner = inner;
  g.mem_type = mem_type;
  g.name = name;
  describe(g.ds, units, description);
  return g;
}

// HDF5 link names cannot contain '/', and "." means the group itself.
std::string link_name(const std::string& set_name) {
  std::string s = set_name;
  for (char& ch : s)
    if (ch == '/') ch = '_';
  return s == "." || s.empty() ? "_" + s : s;
}

std::string shell_quote(const std::string& a) {
  static const std::regex plain("[A-Za-z0-9_./:=@%+,-]+");
  if (std::regex_match(a, plain)) return a;
  std::string q = "'";
  for (char ch : a) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return q + "'";
}

using fem::Association;
using fem::FieldKind;

// The association attribute of a dataset: node-like values are "point", the rest "cell" (facets
// are the cells of the interface surface).
std::string association_attr(Association a) {
  return a == Association::Point || a == Association::FacetPoint ? "point" : "cell";
}

bool on_interface(Association a) { return a == Association::Facet || a == Association::FacetPoint; }

// Forces a closed file's data to the disk before it is renamed into place: a full disk that the
// page cache hid until now shows here, not after the rename.
void sync_file(const fs::path& path, const fs::path& final_path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw WriteFailure(errno, final_path);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw WriteFailure(err, final_path);
}

}  // namespace

// ---- the writer ---------------------------------------------------------------------------

struct ResultsWriter::Impl {
  fs::path final_path, temp_path, vtk_dir;
  fs::path vtk_stage;       // <stem>_vtk.part: the views until the results are complete
  std::string link_target;  // "../<name>.h5": where the views find the results file
  const model::ModelDefinition& def;
  /// What is written per step (and the problem used when a step arrives without the run's).
  simulation::OutputTable table;
  ResultsOptions options;
  std::vector<std::string> reaction_sets;

  Handle file;
  Handle string_type;  // memory type of /steps/step_name rows
  Growing time, iterations, cutbacks, step_name;
  std::vector<Growing> fields;     // per table.fields(); not open: removed by keep_only_fields
  std::vector<Growing> reactions;  // per reaction_sets
  /// The interface surface (/interface) when the model has interface pairs.
  bool has_interface = false;
  std::vector<double> times;  // of the steps written (for the .series files)
  bool closed = false;
  bool write_failed = false;   // a write failed: the new file is discarded, never renamed
  bool system_failed = false;  // ... because the system refused it (the file cannot be closed)
  bool kept_existing = false;  // the run failed and the earlier results were kept

  /// Every per-step dataset (those of an absent interface are not open).
  std::vector<Growing*> growing() {
    std::vector<Growing*> g{&time, &iterations, &cutbacks, &step_name};
    for (auto& f : fields) g.push_back(&f);
    for (auto& r : reactions) g.push_back(&r);
    return g;
  }

  /// Rows of one step of a field: (count, components) without the step dimension.
  std::vector<hsize_t> inner_dims(const fem::OutputField& f) const;
  std::vector<hsize_t> inner_dims(Association a, int components) const;

  Impl(const fs::path& path, const model::ModelDefinition& d, const ResultsOptions& o)
      : def(d), table(d), options(o), reaction_sets(d.output.reaction_sets) {
    final_path = path;
    temp_path = path.string() + ".part";
    vtk_dir = path.parent_path() / (path.stem().string() + "_vtk");
    link_target = "../" + path.filename().string();
    vtk_stage = vtkhdf::staging_folder(vtk_dir);
  }

  /// Runs a write; on failure marks the new file as unusable and words system errors as a
  /// WriteFailure naming the results file ("no space left on device while writing ...").
  template <class F>
  void guarded(F&& write) {
    try {
      write();
    } catch (const WriteFailure&) {
      write_failed = system_failed = true;
      throw;
    } catch (const SystemFailure& e) {
      write_failed = system_failed = true;
      if (is_write_refusal(e.code())) throw WriteFailure(e.code(), final_path);
      throw;
    } catch (const fs::filesystem_error& e) {
      write_failed = system_failed = true;
      if (is_write_refusal(e.code().value())) throw WriteFailure(e.code().value(), final_path);
      throw std::runtime_error(std::string("cannot write ") + final_path.string() + ": " +
                               e.what());
    } catch (...) {
      write_failed = true;
      throw;
    }
  }

  /// Closes everything without writing more and removes the new file and views (the earlier
  /// results, if any, stay as they were). Never throws.
  void discard() noexcept {
    closed = true;
    if (system_failed) {  // closing would retry the failed writes; the file is removed anyway
      for (Growing* g : growing()) g->ds.release();
      file.release();
    }
    for (Growing* g : growing()) g->ds.reset();
    string_type.reset();
    file.reset();
    std::error_code ec;
    fs::remove(temp_path, ec);
    fs::remove_all(vtk_stage, ec);
  }

  void create(const RunInfo& info);
  void create_mesh(int gz);
  void create_fields(int gz);
  void create_interface(int gz);
  void append_step(const simulation::StepOutput& out,
                   const std::vector<std::vector<double>>& values, const std::vector<Vec3>& forces);
  void finish(bool completed, const std::string& failure);
  void write_views(std::size_t step) const;
  void write_all_series() const;
};

ResultsWriter::ResultsWriter(const fs::path& path, const model::ModelDefinition& def, RunInfo info,
                             ResultsOptions options) {
  if (path.filename().empty())
    throw std::runtime_error("results file: no file name in '" + path.string() + "'");
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(folder))
    throw std::runtime_error("cannot write " + path.string() + ": folder " + folder.string() +
                             " does not exist");
  if (def.model.mesh.n_nodes() == 0 || def.model.mesh.n_cells() == 0)
    throw std::invalid_argument("results file: the mesh has no nodes or no cells");
  options.gzip_level = std::clamp(options.gzip_level, 0, 9);
  QuietErrors quiet;
  impl_ = std::make_unique<Impl>(path, def, options);
  try {
    impl_->guarded([&] { impl_->create(info); });
  } catch (...) {
    impl_->discard();
    throw;
  }
}

std::vector<hsize_t> ResultsWriter::Impl::inner_dims(Association a, int components) const {
  const auto& mesh = def.model.mesh;
  const fem::FacetMesh* im = table.facet_mesh();
  hsize_t count = 0;
  switch (a) {
    case Association::Point: count = static_cast<hsize_t>(mesh.n_nodes()); break;
    case Association::Cell: count = static_cast<hsize_t>(mesh.n_cells()); break;
    case Association::FacetPoint: count = im ? static_cast<hsize_t>(im->n_points()) : 0; break;
    case Association::Facet: count = im ? static_cast<hsize_t>(im->n_cells()) : 0; break;
  }
  if (components == 1) return {count};
  return {count, static_cast<hsize_t>(components)};
}

std::vector<hsize_t> ResultsWriter::Impl::inner_dims(const fem::OutputField& f) const {
  return inner_dims(f.association, f.components);
}

void ResultsWriter::Impl::create(const RunInfo& info) {
  const int gz = options.gzip_level;
  // What a run killed before its end left behind (the file itself is truncated below).
  fs::remove_all(vtk_stage);

  file = Handle(check(H5Fcreate(temp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                      "cannot create " + temp_path.string()),
                H5Fclose);

  // Provenance. end_time and status are rewritten by close(); "running" is what a killed
  // process leaves behind.
  write_attr(file, "schema", std::string("sinew-results 2"));
  write_attr(file, "sinew_version", std::string(SINEW_VERSION));
  write_attr(file, "model_file", info.model_file);
  write_attr(file, "model_text", info.model_text);
  write_attr(file, "command_line",
             info.command_line.empty() ? process_command_line() : info.command_line);
  std::error_code ec;
  write_attr(file, "working_directory", fs::current_path(ec).string());
  write_attr(file, "host", host_name());
  write_attr(file, "openmp_threads", std::int64_t{info.threads > 0 ? info.threads : max_threads()});
  write_attr(file, "start_time", iso8601_utc_now());
  write_attr(file, "end_time", std::string());
  write_attr(file, "status", std::string("running"));
  write_attr(file, "failure_reason", std::string());

  create_mesh(gz);
  // Per-step data. Fields: one step per chunk, so reading one step touches one chunk.
  constexpr hsize_t kRows = 256;  // chunk length of the small per-step tables
  time = make_growing(file, "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {}, kRows, gz, "s",
                      "time of each reported step (the load parameter; steps run one after "
                      "the other)");
  create_interface(gz);
  create_fields(gz);
  {
    const Handle g = make_group(file, "reactions");
    write_attr(g, "description",
               std::string("summed reaction force of each output node set (output.reactions)"));
    for (const auto& set : reaction_sets)
      reactions.push_back(make_growing(
          g, link_name(set), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {3}, kRows, gz, "N",
          "sum over node set '" + set + "' of the nodal reaction force (step, x/y/z)"));
  }
  {
    const Handle g = make_group(file, "steps");
    write_attr(g, "description", std::string("solver record of each reported step"));
    iterations = make_growing(g, "newton_iterations", H5T_STD_I32LE, H5T_NATIVE_INT32, {}, kRows,
                              gz, "1",
                              "Newton iterations of the converged increment that reached the "
                              "step's time (earlier sub-increments after a cut-back not counted)");
    cutbacks = make_growing(g, "cutbacks", H5T_STD_I32LE, H5T_NATIVE_INT32, {}, kRows, gz, "1",
                            "failed attempts (halvings of the increment) before that increment "
                            "converged");
    string_type = vlen_string_type();
    step_name = make_growing(g, "step_name", string_type, string_type, {}, kRows, gz, "1",
                             "name of the model step (steps[].name) the reported step belongs to");
  }
  check(H5Fflush(file, H5F_SCOPE_LOCAL), "cannot flush " + temp_path.string());

  if (options.vtk_views) {
    // The views go to a folder of their own until the results are complete: the earlier views
    // (and results) stay whole if this run fails.
    fs::create_directories(vtk_stage);
    write_all_series();
  }
}

// /mesh: the reference mesh, node sets and the table's static cell fields.
void ResultsWriter::Impl::create_mesh(int gz) {
  const auto& mesh = def.model.mesh;
  const auto N = static_cast<hsize_t>(mesh.n_nodes()), M = static_cast<hsize_t>(mesh.n_cells());
  const Handle g = make_group(file, "mesh");
  write_attr(g, "description", std::string("reference mesh, VTK cell types and node order"));
  std::vector<double> points(3 * N);
  for (hsize_t n = 0; n < N; ++n)
    for (int k = 0; k < 3; ++k) points[3 * n + k] = mesh.points[n][k];
  write_fixed(g, "points", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {N, 3}, points.data(), "mm",
              "reference node coordinates (node, x/y/z)", gz);
  write_fixed(g, "connectivity", H5T_STD_I64LE, H5T_NATIVE_INT64,
              {static_cast<hsize_t>(mesh.connectivity.size())}, mesh.connectivity.data(), "1",
              "node ids of every cell in VTK node order, cell after cell (0-based)", gz);
  write_fixed(g, "offsets", H5T_STD_I64LE, H5T_NATIVE_INT64, {M + 1}, mesh.offsets.data(), "1",
              "cell c's nodes are connectivity[offsets[c]:offsets[c+1]]", gz);
  std::vector<std::uint8_t> types(M);
  for (hsize_t c = 0; c < M; ++c) types[c] = static_cast<std::uint8_t>(mesh.types[c]);
  write_fixed(g, "types", H5T_STD_U8LE, H5T_NATIVE_UINT8, {M}, types.data(), "1",
              "VTK cell type id per cell (12 hexahedron, 10 tetrahedron)", gz);
  // Static cell properties of the reference configuration.
  for (const auto& f : table.static_fields()) {
    if (on_interface(f.association)) continue;
    write_attr(write_fixed(g, f.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                           inner_dims(f.association, f.components), f.values.data(), f.units,
                           f.description, gz),
               "association", association_attr(f.association));
  }
  const Handle sets = make_group(g, "node_sets");
  write_attr(sets, "description", std::string("named node sets of the mesh (node ids)"));
  for (const auto& [name, nodes] : mesh.node_sets) {
    const std::string link = link_name(name);
    write_fixed(sets, link, H5T_STD_I64LE, H5T_NATIVE_INT64, {static_cast<hsize_t>(nodes.size())},
                nodes.data(), "1", "ids of the nodes of set '" + name + "' (0-based)", gz);
    if (link != name) {
      const Handle ds(check(H5Dopen2(sets, link.c_str(), H5P_DEFAULT), "cannot open " + link),
                      H5Dclose);
      write_attr(ds, "name", name);
    }
  }
}

// The growing dataset of every field of the table, in /fields, /state, /interface/fields or
// /interface/state (the groups are made when a field needs them).
void ResultsWriter::Impl::create_fields(int gz) {
  const std::map<std::string, std::string> group_doc{
      {"/fields", "result fields, time-major: row s is step s"},
      {"/state",
       "committed state variables the materials declare (history), mean over each cell's "
       "quadrature points, time-major: row s is step s"},
      {"/interface/fields",
       "interface fields, time-major: row s is step s; facet values are area-weighted means over "
       "the facet's Gauss points (bond_damage: weighted by area x bond density)"},
      {"/interface/state",
       "committed state variables the interface declares, facet means, time-major"}};
  for (const auto& f : table.fields()) {
    const std::string path = simulation::field_path(f);
    const std::string group = path.substr(0, path.rfind('/'));
    if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) {
      const Handle g = make_group(file, group);
      write_attr(g, "description", group_doc.at(group));
    }
    const Handle g(check(H5Gopen2(file, group.c_str(), H5P_DEFAULT), "cannot open " + group),
                   H5Gclose);
    fields.push_back(make_growing(g, f.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, inner_dims(f), 1,
                                  gz, f.units, f.description));
    write_attr(fields.back().ds, "association", association_attr(f.association));
  }
}

// /interface: the primary facets of the interface pairs as a surface mesh with static facet
// properties (/interface/mesh); its per-step fields are made by create_fields. Only for models
// with interface pairs.
void ResultsWriter::Impl::create_interface(int gz) {
  const fem::FacetMesh* facets = table.facet_mesh();
  if (!facets) return;
  const fem::FacetMesh& im = *facets;
  has_interface = true;
  const auto P = static_cast<hsize_t>(im.n_points()), F = static_cast<hsize_t>(im.n_cells()),
             K = static_cast<hsize_t>(im.connectivity.size());
  const Handle root = make_group(file, "interface");
  write_attr(root, "description",
             std::string("adhesion/contact interface between the primary body (tendon, fascia) "
                         "and its bed: one cell per interface pair, the pair's primary facet"));
  const Handle g = make_group(root, "mesh");
  write_attr(g, "description",
             std::string("interface surface in the reference configuration: the primary facets "
                         "of the pairs over the primary nodes, VTK cell types and node order"));
  write_fixed(g, "points", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {P, 3}, im.points.data(), "mm",
              "reference coordinates of the primary nodes used by the pairs (point, x/y/z) "
              "= /mesh/points[node_ids]",
              gz);
  write_fixed(g, "node_ids", H5T_STD_I64LE, H5T_NATIVE_INT64, {P}, im.node_ids.data(), "1",
              "mesh node id (0-based, ascending) of each interface point", gz);
  write_fixed(g, "connectivity", H5T_STD_I64LE, H5T_NATIVE_INT64, {K}, im.connectivity.data(), "1",
              "interface point ids (0-based, rows of points) of every facet, facet after "
              "facet, in the primary facet's order (right-hand normal from the primary into "
              "the secondary body)",
              gz);
  write_fixed(g, "offsets", H5T_STD_I64LE, H5T_NATIVE_INT64, {F + 1}, im.offsets.data(), "1",
              "facet f's points are connectivity[offsets[f]:offsets[f+1]]", gz);
  write_fixed(g, "types", H5T_STD_U8LE, H5T_NATIVE_UINT8, {F}, im.types.data(), "1",
              "VTK cell type id per facet (9 quad, 5 triangle)", gz);
  write_fixed(g, "secondary_node_ids", H5T_STD_I64LE, H5T_NATIVE_INT64, {K},
              im.secondary_node_ids.data(), "1",
              "mesh node id (0-based) of the secondary-body node paired with each entry of "
              "connectivity",
              gz);
  for (const auto& f : table.static_fields()) {
    if (!on_interface(f.association)) continue;
    write_attr(write_fixed(g, f.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                           inner_dims(f.association, f.components), f.values.data(), f.units,
                           f.description, gz),
               "association", association_attr(f.association));
  }
}

void ResultsWriter::write_step(const simulation::StepOutput& out, const VecX& u) {
  auto& m = *impl_;
  if (m.closed) throw std::logic_error("ResultsWriter::write_step after close");
  const auto& mesh = m.def.model.mesh;
  if (u.size() != 3 * mesh.n_nodes())
    throw std::invalid_argument("ResultsWriter::write_step: u has " + std::to_string(u.size()) +
                                " entries, the mesh " + std::to_string(3 * mesh.n_nodes()) +
                                " dofs");
  std::vector<Vec3> forces;
  for (const auto& set : m.reaction_sets) {
    const auto it = out.reactions.find(set);
    if (it == out.reactions.end())
      throw std::invalid_argument("ResultsWriter::write_step: no reaction for set '" + set + "'");
    forces.push_back(it->second);
  }
  const auto values = m.table.evaluate(out, u);

  QuietErrors quiet;
  m.guarded([&] { m.append_step(out, values, forces); });
}

void ResultsWriter::Impl::append_step(const simulation::StepOutput& out,
                                      const std::vector<std::vector<double>>& values,
                                      const std::vector<Vec3>& forces) {
  auto& m = *this;
  const hsize_t row = m.times.size();
  const auto& specs = m.table.fields();
  for (size_t i = 0; i < specs.size(); ++i) {
    if (!m.fields[i].ds.valid()) continue;  // removed by keep_only_fields
    const auto inner = m.inner_dims(specs[i]);
    hsize_t expected = 1;
    for (auto d : inner) expected *= d;
    if (values[i].size() != expected)
      throw std::logic_error("field '" + specs[i].name + "' gave " +
                             std::to_string(values[i].size()) + " values, expected " +
                             std::to_string(expected));
    // The displacement is u, laid out (node, component) already: written bit for bit.
    m.fields[i].append(row, values[i].data());
  }
  for (size_t i = 0; i < forces.size(); ++i) m.reactions[i].append(row, forces[i].data());
  const std::int32_t its = out.record.newton_iterations, cuts = out.record.cutbacks;
  m.iterations.append(row, &its);
  m.cutbacks.append(row, &cuts);
  const char* name = out.step.c_str();
  m.step_name.append(row, &name);
  // /time last: its length is the number of complete steps, also in a file cut short.
  const double t = out.record.t;
  m.time.append(row, &t);
  check(H5Fflush(m.file, H5F_SCOPE_LOCAL), "cannot flush " + m.temp_path.string());
  m.times.push_back(t);

  if (m.options.vtk_views) {
    m.write_views(row);
    m.write_all_series();
  }
}

// The view files of one step: step_<s>.hdf for the mesh and, with an interface,
// interface_<s>.hdf for the interface surface. Every field of the table, then its static ones.
void ResultsWriter::Impl::write_views(std::size_t step) const {
  using vtkhdf::ViewArray;
  auto add_arrays = [&](vtkhdf::ViewSpec& spec, bool interface) {
    const auto& table_fields = table.fields();
    for (size_t i = 0; i < table_fields.size(); ++i) {
      const auto& f = table_fields[i];
      if (on_interface(f.association) != interface || !fields[i].ds.valid()) continue;
      const char* group = association_attr(f.association) == "point" ? "PointData" : "CellData";
      spec.arrays.push_back(ViewArray{
          group, f.name, simulation::field_path(f), inner_dims(f), true, {}, f.units});
    }
    for (const auto& f : table.static_fields()) {
      if (on_interface(f.association) != interface || !f.in_views) continue;
      const std::string source = (interface ? "/interface/mesh/" : "/mesh/") + f.name;
      spec.arrays.push_back(ViewArray{
          "CellData", f.name, source, inner_dims(f.association, f.components), false, {}, f.units});
    }
    // The step's time, also for readers that take a list of files without the .series.
    spec.arrays.push_back(ViewArray{"FieldData", "TimeValue", "/time", {}, true, {}, "s"});
  };
  const auto& mesh = def.model.mesh;
  vtkhdf::ViewSpec spec;
  spec.points = static_cast<std::int64_t>(mesh.n_nodes());
  spec.cells = static_cast<std::int64_t>(mesh.n_cells());
  spec.connectivity_ids = static_cast<std::int64_t>(mesh.connectivity.size());
  spec.mesh_group = "/mesh";
  add_arrays(spec, false);
  vtkhdf::write_view(vtk_stage / vtkhdf::view_file_name("step", step), step, spec, link_target);
  if (!has_interface) return;

  const fem::FacetMesh& im = *table.facet_mesh();
  vtkhdf::ViewSpec ispec;
  ispec.points = static_cast<std::int64_t>(im.n_points());
  ispec.cells = static_cast<std::int64_t>(im.n_cells());
  ispec.connectivity_ids = static_cast<std::int64_t>(im.connectivity.size());
  ispec.mesh_group = "/interface/mesh";
  add_arrays(ispec, true);
  vtkhdf::write_view(vtk_stage / vtkhdf::view_file_name("interface", step), step, ispec,
                     link_target);
}

void ResultsWriter::Impl::write_all_series() const {
  vtkhdf::write_series(vtk_stage, "step", "steps.hdf.series", times);
  if (has_interface) vtkhdf::write_series(vtk_stage, "interface", "interface.hdf.series", times);
}

void ResultsWriter::close(bool completed, const std::string& failure) {
  auto& m = *impl_;
  if (m.closed) return;
  m.closed = true;  // also when closing fails below: the destructor must not try again
  QuietErrors quiet;
  try {
    m.guarded([&] { m.finish(completed, failure); });
  } catch (...) {
    m.discard();
    throw;
  }
}

// Closes the file and puts it and its views in place: always when the run completed; when it
// failed, only where no earlier results are (they are kept, and the new file removed, unless
// the options say to replace them).
void ResultsWriter::Impl::finish(bool completed, const std::string& failure) {
  if (!completed && options.keep_existing_on_failure && fs::exists(final_path)) {
    kept_existing = true;
    discard();
    return;
  }
  write_attr(file, "end_time", iso8601_utc_now());
  write_attr(file, "status", std::string(completed ? "completed" : "failed"));
  write_attr(file, "failure_reason", completed ? std::string() : failure);
  // Every object must be closed for H5Fclose to really close the file before the rename.
  for (Growing* g : growing()) g->ds.close("cannot close " + g->name);
  string_type.reset();
  file.close("cannot close " + temp_path.string());
  sync_file(temp_path, final_path);
  fs::rename(temp_path, final_path);
  if (options.vtk_views) vtkhdf::install_views(vtk_stage, vtk_dir);
}

ResultsWriter::~ResultsWriter() {
  if (!impl_ || impl_->closed) return;
  if (impl_->write_failed) {  // nothing more can be written: keep no half file
    impl_->discard();
    return;
  }
  try {
    close(false, "interrupted: the run stopped after " + std::to_string(impl_->times.size()) +
                     " step(s) without closing the results file");
  } catch (...) {
    // A destructor must not throw; close() removed the new file.
  }
}

void ResultsWriter::write_attribute(const std::string& name, const std::string& value) {
  auto& m = *impl_;
  if (m.closed) throw std::logic_error("ResultsWriter::write_attribute after close");
  QuietErrors quiet;
  m.guarded([&] { write_attr(m.file, name.c_str(), value); });
}

void ResultsWriter::write_attribute(const std::string& name, std::int64_t value) {
  auto& m = *impl_;
  if (m.closed) throw std::logic_error("ResultsWriter::write_attribute after close");
  QuietErrors quiet;
  write_attr(m.file, name.c_str(), value);
}

void ResultsWriter::write_table(const std::string& group, const std::string& description,
                                const std::vector<TableColumn>& columns) {
  auto& m = *impl_;
  if (m.closed) throw std::logic_error("ResultsWriter::write_table after close");
  QuietErrors quiet;
  m.guarded([&] {
    if (H5Lexists(m.file, group.c_str(), H5P_DEFAULT) > 0)
      check(H5Ldelete(m.file, group.c_str(), H5P_DEFAULT), "cannot replace " + group);
    const Handle g = make_group(m.file, group);
    write_attr(g, "description", description);
    for (const auto& c : columns) {
      const int gz = m.options.gzip_level;
      if (const auto* d = std::get_if<std::vector<double>>(&c.values)) {
        write_fixed(g, c.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {d->size()}, d->data(), c.units,
                    c.description, gz);
      } else if (const auto* i = std::get_if<std::vector<std::int64_t>>(&c.values)) {
        write_fixed(g, c.name, H5T_STD_I64LE, H5T_NATIVE_INT64, {i->size()}, i->data(), c.units,
                    c.description, gz);
      } else {
        const auto& text = std::get<std::vector<std::string>>(c.values);
        std::vector<const char*> ptrs;
        for (const auto& t : text) ptrs.push_back(t.c_str());
        const Handle type = vlen_string_type();
        write_fixed(g, c.name, type, type, {ptrs.size()}, ptrs.data(), c.units, c.description, 0);
      }
    }
    check(H5Fflush(m.file, H5F_SCOPE_LOCAL), "cannot flush " + m.temp_path.string());
  });
}

void ResultsWriter::keep_only_fields(const std::set<std::string>& keep) {
  auto& m = *impl_;
  if (m.closed) throw std::logic_error("ResultsWriter::keep_only_fields after close");
  QuietErrors quiet;
  m.guarded([&] {
    const auto& table = m.table.fields();
    const bool drop_interface = m.has_interface && !keep.count("interface");
    for (size_t i = 0; i < table.size(); ++i) {
      Growing& g = m.fields[i];
      if (!g.ds.valid()) continue;
      const bool facet = on_interface(table[i].association);
      if (facet ? !drop_interface : keep.count(table[i].name) > 0) continue;
      g.ds.close("cannot close " + g.name);
      if (!facet) {
        const std::string path = simulation::field_path(table[i]);
        check(H5Ldelete(m.file, path.c_str(), H5P_DEFAULT), "cannot remove " + path);
      }
    }
    if (drop_interface) {
      check(H5Ldelete(m.file, "/interface", H5P_DEFAULT), "cannot remove /interface");
      m.has_interface = false;
    }
  });
}

std::size_t ResultsWriter::steps_written() const { return impl_->times.size(); }
bool ResultsWriter::kept_existing() const { return impl_->kept_existing; }
const fs::path& ResultsWriter::path() const { return impl_->final_path; }
const fs::path& ResultsWriter::temporary_path() const { return impl_->temp_path; }
const fs::path& ResultsWriter::vtk_folder() const { return impl_->vtk_dir; }

std::string process_command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string line;
  std::size_t begin = 0;
  while (begin < all.size()) {
    std::size_t end = all.find('\0', begin);
    if (end == std::string::npos) end = all.size();
    if (!line.empty()) line += ' ';
    line += shell_quote(all.substr(begin, end - begin));
    begin = end + 1;
  }
  return line;
}

std::string iso8601_utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace sinew::io
