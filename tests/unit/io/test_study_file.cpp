// The study results file: merge_study copies every arm's part file under /arms/<arm> bit for bit
// with all its attributes, adds the study's provenance, keeps the arms' order, and rejects bad
// or duplicate parts without leaving output behind; the per-arm VTKHDF views resolve to each
// arm's rows (also after moving the folder) and their .series files list the real times.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "io/study_file.hpp"
#include "io_test_support.hpp"
#include "simulation/output_table.hpp"

namespace sinew::io_test {
namespace {

// A coarse tendon in its sheath with a scar and adhesions (as in test_tissue_fields.cpp, in two
// increments): an arm with an /interface.
const char* const kStudyTendonModel = R"(# coarse tendon in sheath with a scar and adhesions
mesh:
  generator: tendon_sheath
  length: 10
  semi_axes: [2, 2]
  sheath_thickness: 1
  divisions: {axial: 4, core: 1, tendon_radial: 1, sheath_radial: 1}
materials:
  tendon: {type: hgo, c: 1.0, k1: 141.0, k2: 19.1, k: 1000.0,
           damage_onset_stretch: 1.01, damage_full_stretch: 1.2}
  paratenon: {type: neo-hookean, E: 0.5, nu: 0.45}
regions:
  - {name: tendon, elements: tendon, material: tendon, formulation: mean-dilatation}
  - {name: paratenon, elements: sheath, material: paratenon}
fibre: [1, 0, 0]
scars:
  - {name: s, shape: ellipsoid, centre: [5, 0, 2], semi_axes: [3, 2, 1.5], falloff: 1,
     fibre_stiffness_ratio: 0.5, dispersion: 0.1, misalignment: 10, adhesion_density: 1.0}
interface:
  adhesion_density: 0.3
  friction_coefficient: 0.1
  bond_stiffness: 10.0
  normal_strength: 0.05
  shear_strength: 0.05
  mode_I_fracture_energy: 0.005
  mode_II_fracture_energy: 0.005
tissue: {probe_force: 5, probe_excursion: 0.1}
boundary:
  - {type: fixed, nodes: tendon_distal, components: [x, y, z]}
  - {type: fixed, nodes: sheath_outer, components: [x, y, z]}
  - {type: displacement, nodes: tendon_proximal, component: x, value: 0.5, curve: ramp}
steps:
  - {name: pull, increments: 2}
solver: {linear: umfpack}
output: {reactions: [tendon_proximal]}
)";

// One arm of the test study: its part file, model and what the engine reported.
struct Arm {
  std::string name;
  fs::path part;
  std::unique_ptr<model::ModelDefinition> def;
  Recorded rec;
};

// The extras a study runner adds to a part: a root group with a dataset and root attributes
// of several types.
void add_runner_extras(const fs::path& file, double peak) {
  {
    H5 f(H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    ASSERT_TRUE(f.valid());
    H5 g(H5Gcreate2(f, "metrics", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    const hsize_t two = 2;
    H5 space(H5Screate_simple(1, &two, nullptr), H5Sclose);
    H5 ds(H5Dcreate2(g, "peak_force", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          H5Dclose);
    const double values[2] = {peak, -peak / 3};
    ASSERT_GE(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), 0);
    const std::int64_t sweep[3] = {1, 2, 3};
    const hsize_t three = 3;
    H5 aspace(H5Screate_simple(1, &three, nullptr), H5Sclose);
    H5 a(H5Acreate2(f, "sweep", H5T_STD_I64LE, aspace, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    ASSERT_GE(H5Awrite(a, H5T_NATIVE_INT64, sweep), 0);
  }  // closed before the helper below reopens the file
  EXPECT_TRUE(set_root_string_attr(file, "spec_hash", "3f2a" + std::to_string(peak)));
}

std::unique_ptr<Arm> cube_arm(const fs::path& dir, const std::string& name, double pull,
                              int increments) {
  auto arm = std::make_unique<Arm>();
  arm->name = name;
  arm->part = dir / (name + "_part.h5");
  const std::string text = cube_model_text(pull, increments);
  arm->def = std::make_unique<model::ModelDefinition>(model::load_model_text(text, "cube.yaml",
                                                                             material_registry()));
  arm->rec = write_arm_part(arm->part, *arm->def, text, name);
  add_runner_extras(arm->part, 10 * pull);
  return arm;
}

// No arm_name attribute: the name is the file's stem.
std::unique_ptr<Arm> tendon_arm(const fs::path& dir) {
  auto arm = std::make_unique<Arm>();
  arm->name = "tendon.scar";
  arm->part = dir / "tendon.scar.h5";
  arm->def = std::make_unique<model::ModelDefinition>(
      model::load_model_text(kStudyTendonModel, "tendon.yaml", material_registry()));
  arm->rec = write_arm_part(arm->part, *arm->def, kStudyTendonModel, "");
  return arm;
}

// An arm whose run failed before its first step: a part with empty per-step datasets.
std::unique_ptr<Arm> failed_arm(const fs::path& dir) {
  auto arm = std::make_unique<Arm>();
  arm->name = "failed_early";
  arm->part = dir / "failed_early_part.h5";
  arm->def = std::make_unique<model::ModelDefinition>(load_cube());
  io::ResultsOptions options;
  options.vtk_views = false;
  {
    io::ResultsWriter writer(arm->part, *arm->def, cube_info(), options);
    writer.close(false, "step 'pull': no convergence");
  }
  EXPECT_TRUE(set_root_string_attr(arm->part, "arm_name", arm->name));
  return arm;
}

// The arm part files, written once per test process (the tests only read them).
struct Parts {
  TempDir dir;
  std::unique_ptr<Arm> baseline, half, tendon, failed;
  /// What the views show: the union of the view lists of the arms' output-field tables.
  std::vector<simulation::ViewField> views;
  Parts() {
    baseline = cube_arm(dir.path(), "baseline", 0.2, 3);
    half = cube_arm(dir.path(), "half-load", 0.1, 2);
    tendon = tendon_arm(dir.path());
    failed = failed_arm(dir.path());
    for (const Arm* arm : all())
      simulation::add_view_fields(views,
                                  simulation::view_fields(simulation::OutputTable(*arm->def)));
  }
  std::vector<const Arm*> all() const {
    return {baseline.get(), half.get(), tendon.get(), failed.get()};
  }
  const Arm& by_name(const std::string& name) const {
    for (const Arm* arm : all())
      if (arm->name == name) return *arm;
    throw std::out_of_range("no test arm " + name);
  }
};

const Parts& parts() {
  static const Parts p;
  return p;
}

std::vector<fs::path> part_paths(const std::vector<const Arm*>& arms) {
  std::vector<fs::path> paths;
  for (const Arm* a : arms) paths.push_back(a->part);
  return paths;
}

io::StudyInfo test_info() {
  io::StudyInfo info;
  info.scenario_file = "study.yaml";
  info.scenario_text = "arms: [baseline, half-load]\n";
  info.command_line = "sinew run study.yaml -j 2";
  info.start_time = "2024-05-01T12:00:00Z";
  info.end_time = "2024-05-01T12:05:00Z";
  info.threads = 3;
  info.jobs = 2;
  info.mpi_ranks = 1;
  info.git_commit = "0123456789abcdef";
  return info;
}

// ---- generic HDF5 comparison ------------------------------------------------------------------

herr_t collect_path(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

// Every link path below group `group` of `loc`, relative to it, sorted.
std::vector<std::string> paths_below(hid_t loc, const std::string& group) {
  std::vector<std::string> paths;
  H5 g(H5Gopen2(loc, group.c_str(), H5P_DEFAULT), H5Gclose);
  EXPECT_TRUE(g.valid()) << group;
  if (g.valid()) H5Lvisit(g, H5_INDEX_NAME, H5_ITER_INC, collect_path, &paths);
  std::sort(paths.begin(), paths.end());
  return paths;
}

herr_t collect_attr(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

std::vector<std::string> attr_names(hid_t obj) {
  std::vector<std::string> names;
  H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attr, &names);
  return names;
}

// The content of a dataset or attribute: its strings (variable-length string types) or its
// bytes in the native form of its type.
struct Value {
  std::vector<std::string> strings;
  std::vector<unsigned char> bytes;
  bool operator==(const Value&) const = default;
};

Value read_value(hid_t obj, bool attribute) {
  Value v;
  H5 type(attribute ? H5Aget_type(obj) : H5Dget_type(obj), H5Tclose);
  H5 space(attribute ? H5Aget_space(obj) : H5Dget_space(obj), H5Sclose);
  const auto n = static_cast<size_t>(H5Sget_simple_extent_npoints(space));
  if (H5Tis_variable_str(type) > 0) {
    H5 mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem, H5T_VARIABLE);
    H5Tset_cset(mem, H5Tget_cset(type));
    std::vector<char*> p(std::max<size_t>(n, 1), nullptr);
    const herr_t r = attribute ? H5Aread(obj, mem, p.data())
                               : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data());
    EXPECT_GE(r, 0);
    for (size_t i = 0; i < n; ++i) v.strings.emplace_back(p[i] ? p[i] : "<null>");
    H5Dvlen_reclaim(mem, space, H5P_DEFAULT, p.data());
    return v;
  }
  H5 mem(H5Tget_native_type(type, H5T_DIR_ASCEND), H5Tclose);
  v.bytes.resize(n * H5Tget_size(mem));
  if (n > 0) {
    const herr_t r = attribute ? H5Aread(obj, mem, v.bytes.data())
                               : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.bytes.data());
    EXPECT_GE(r, 0);
  }
  return v;
}

// Same attribute names, types and values on both objects.
void expect_same_attrs(hid_t a, hid_t b, const std::string& where) {
  SCOPED_TRACE(where);
  const auto names = attr_names(a);
  ASSERT_EQ(names, attr_names(b));
  for (const auto& name : names) {
    SCOPED_TRACE("attribute " + name);
    H5 x(H5Aopen(a, name.c_str(), H5P_DEFAULT), H5Aclose);
    H5 y(H5Aopen(b, name.c_str(), H5P_DEFAULT), H5Aclose);
    ASSERT_TRUE(x.valid() && y.valid());
    H5 tx(H5Aget_type(x), H5Tclose), ty(H5Aget_type(y), H5Tclose);
    EXPECT_GT(H5Tequal(tx, ty), 0);
    EXPECT_TRUE(read_value(x, true) == read_value(y, true));
  }
}

std::vector<hsize_t> chunk_dims(hid_t ds) {
  H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
  if (H5Pget_layout(dcpl) != H5D_CHUNKED) return {};
  std::vector<hsize_t> chunk(8);
  chunk.resize(static_cast<size_t>(H5Pget_chunk(dcpl, 8, chunk.data())));
  return chunk;
}

int filter_count(hid_t ds) {
  H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
  return H5Pget_nfilters(dcpl);
}

// Every object of the part (root included) is in the study's arm group with the same type,
// shape, storage, data (bit for bit) and attributes; nothing else is there.
void expect_arm_equals_part(hid_t study, const Arm& arm) {
  SCOPED_TRACE("arm " + arm.name);
  const H5 part = open_file(arm.part);
  ASSERT_TRUE(part.valid());
  const std::string group = "/arms/" + arm.name;
  const auto paths = paths_below(part, "/");
  ASSERT_EQ(paths, paths_below(study, group));
  EXPECT_GE(paths.size(), 30u);
  {
    H5 a(H5Gopen2(part, "/", H5P_DEFAULT), H5Gclose),
        b(H5Gopen2(study, group.c_str(), H5P_DEFAULT), H5Gclose);
    expect_same_attrs(a, b, "root");
  }
  int datasets = 0;
  for (const auto& p : paths) {
    SCOPED_TRACE(p);
    H5 a(H5Oopen(part, p.c_str(), H5P_DEFAULT), H5Oclose);
    H5 b(H5Oopen(study, (group + "/" + p).c_str(), H5P_DEFAULT), H5Oclose);
    ASSERT_TRUE(a.valid() && b.valid());
    ASSERT_EQ(H5Iget_type(a), H5Iget_type(b));
    expect_same_attrs(a, b, p);
    if (H5Iget_type(a) != H5I_DATASET) continue;
    ++datasets;
    H5 ta(H5Dget_type(a), H5Tclose), tb(H5Dget_type(b), H5Tclose);
    EXPECT_GT(H5Tequal(ta, tb), 0);
    H5 sa(H5Dget_space(a), H5Sclose), sb(H5Dget_space(b), H5Sclose);
    EXPECT_GT(H5Sextent_equal(sa, sb), 0);
    EXPECT_EQ(chunk_dims(a), chunk_dims(b));
    EXPECT_EQ(filter_count(a), filter_count(b));
    const Value va = read_value(a, false), vb = read_value(b, false);
    EXPECT_TRUE(va == vb);
  }
  EXPECT_GE(datasets, 20);
}

fs::path merged(const fs::path& dir, const std::vector<const Arm*>& arms,
                const io::StudyInfo& info = test_info(), bool views = true) {
  const fs::path out = dir / "study.h5";
  io::merge_study(part_paths(arms), out, info, views ? std::optional(parts().views) : std::nullopt);
  return out;
}

// ---- merging ----------------------------------------------------------------------------------

TEST(StudyFile, EveryPartIsCopiedBitForBitUnderItsArm) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path out = merged(dir.path(), p.all(), test_info(), false);
  const H5 f = open_file(out);
  ASSERT_TRUE(f.valid());
  for (const Arm* arm : p.all()) expect_arm_equals_part(f, *arm);

  // The arms differ (different loads and step counts), and the copies are the engine's values.
  // Every completed arm has the undeformed state at t = 0 as row 0.
  EXPECT_EQ(read<double>(f, "/arms/baseline/time").values.size(), 4u);
  EXPECT_EQ(read<double>(f, "/arms/half-load/time").values.size(), 3u);
  EXPECT_EQ(read<double>(f, "/arms/tendon.scar/time").values.size(), 3u);
  EXPECT_EQ(read<double>(f, "/arms/failed_early/time").values.size(), 0u);
  const auto u = read<double>(f, "/arms/half-load/fields/displacement");
  ASSERT_EQ(u.dims, (std::vector<hsize_t>{3, 27, 3}));
  for (size_t i = 0; i < 81; ++i) EXPECT_EQ(u.values[i], 0.0);  // row 0: undeformed
  EXPECT_EQ(std::memcmp(u.values.data() + 162, p.half->rec.u[2].data(), 81 * sizeof(double)), 0);
  double max_ux = 0;
  for (size_t n = 0; n < 27; ++n) max_ux = std::max(max_ux, u.values[162 + 3 * n]);
  EXPECT_NEAR(max_ux, 0.1, 1e-12);  // the half load, reached at the last step
  EXPECT_GT(H5Lexists(f, "/arms/tendon.scar/interface", H5P_DEFAULT), 0);
  EXPECT_EQ(H5Lexists(f, "/arms/baseline/interface", H5P_DEFAULT), 0);

  // Root attributes of the parts, the runner's extras included, are on the arm groups.
  EXPECT_EQ(string_attr(f, "/arms/baseline", "schema"), "sinew-results 2");
  EXPECT_EQ(string_attr(f, "/arms/baseline", "arm_name"), "baseline");
  EXPECT_EQ(string_attr(f, "/arms/baseline", "status"), "completed");
  EXPECT_EQ(string_attr(f, "/arms/failed_early", "status"), "failed");
  EXPECT_EQ(string_attr(f, "/arms/failed_early", "failure_reason"), "step 'pull': no convergence");
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/arms/half-load", "sweep"),
            (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(read<double>(f, "/arms/half-load/metrics/peak_force").values,
            (std::vector<double>{1.0, -1.0 / 3}));
  EXPECT_NE(string_attr(f, "/arms/tendon.scar", "model_text").find("tendon_sheath"),
            std::string::npos);
}

TEST(StudyFile, RootAttributesRecordTheStudy) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path out = merged(dir.path(), p.all(), test_info(), false);
  const H5 f = open_file(out);
  EXPECT_EQ(string_attr(f, "/", "schema"), "sinew-study 1");
  EXPECT_EQ(string_attr(f, "/", "sinew_version"), SINEW_VERSION);
  EXPECT_EQ(string_attr(f, "/", "git_commit"), "0123456789abcdef");
  EXPECT_EQ(string_attr(f, "/", "scenario_file"), "study.yaml");
  EXPECT_EQ(string_attr(f, "/", "scenario_text"), "arms: [baseline, half-load]\n");
  EXPECT_EQ(string_attr(f, "/", "command_line"), "sinew run study.yaml -j 2");
  EXPECT_EQ(string_attr(f, "/", "working_directory"), fs::current_path().string());
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  EXPECT_EQ(string_attr(f, "/", "host"), host);
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "openmp_threads"), std::vector<std::int64_t>{3});
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "jobs"), std::vector<std::int64_t>{2});
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "mpi_ranks"), std::vector<std::int64_t>{1});
  EXPECT_EQ(string_attr(f, "/", "start_time"), "2024-05-01T12:00:00Z");
  EXPECT_EQ(string_attr(f, "/", "end_time"), "2024-05-01T12:05:00Z");
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "arm_count"), std::vector<std::int64_t>{4});
  // Status not given: "failed", since one arm failed.
  EXPECT_EQ(string_attr(f, "/", "status"), "failed");
}

TEST(StudyFile, StatusDefaultsFromTheArmsAndTimesToNow) {
  const Parts& p = parts();
  TempDir dir;
  io::StudyInfo info = test_info();
  info.start_time.clear();
  info.end_time.clear();
  info.command_line.clear();
  {
    const H5 f = open_file(merged(dir.path(), {p.baseline.get(), p.half.get()}, info, false));
    EXPECT_EQ(string_attr(f, "/", "status"), "completed");
    const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
    EXPECT_TRUE(std::regex_match(string_attr(f, "/", "start_time"), iso));
    EXPECT_TRUE(std::regex_match(string_attr(f, "/", "end_time"), iso));
    EXPECT_EQ(string_attr(f, "/", "command_line"), io::process_command_line());
    EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "arm_count"), std::vector<std::int64_t>{2});
  }
  info.status = "failed";  // given: taken as is
  const H5 f = open_file(merged(dir.path(), {p.baseline.get()}, info, false));
  EXPECT_EQ(string_attr(f, "/", "status"), "failed");
}

TEST(StudyFile, ArmsKeepTheOrderGiven) {
  const Parts& p = parts();
  TempDir dir;
  // Not alphabetical: the file must record the order, not sort by name.
  const std::vector<const Arm*> order{p.tendon.get(), p.baseline.get(), p.failed.get(),
                                      p.half.get()};
  const fs::path out = merged(dir.path(), order, test_info(), false);
  EXPECT_EQ(io::study_arm_names(out),
            (std::vector<std::string>{"tendon.scar", "baseline", "failed_early", "half-load"}));
  const std::vector<const Arm*> reverse(order.rbegin(), order.rend());
  io::merge_study(part_paths(reverse), out, test_info());  // replaces the older file
  EXPECT_EQ(io::study_arm_names(out),
            (std::vector<std::string>{"half-load", "failed_early", "baseline", "tendon.scar"}));
}

// A failed merge leaves neither the output nor its temporary file, and an older study file of
// that name as it was.
void expect_rejected(const std::vector<fs::path>& paths, const fs::path& dir,
                     const std::vector<std::string>& message_parts) {
  const fs::path out = dir / "study.h5";
  std::ofstream(out) << "older study";
  try {
    io::merge_study(paths, out, test_info(), parts().views);
    ADD_FAILURE() << "merge_study accepted the parts";
  } catch (const std::runtime_error& e) {
    for (const auto& m : message_parts)
      EXPECT_NE(std::string(e.what()).find(m), std::string::npos) << e.what() << " | " << m;
  }
  EXPECT_EQ(read_text(out), "older study");
  EXPECT_FALSE(fs::exists(dir / "study.h5.part"));
  EXPECT_FALSE(fs::exists(dir / "study_vtk"));
  fs::remove(out);
  io::StudyInfo info;
  EXPECT_THROW(io::merge_study(paths, out, info, parts().views), std::runtime_error);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir / "study.h5.part"));
}

TEST(StudyFile, DuplicateArmNamesAreRejected) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path copy = dir.path() / "other.h5";
  fs::copy_file(p.baseline->part, copy);  // its arm_name is "baseline" too
  expect_rejected({p.half->part, p.baseline->part, copy}, dir.path(),
                  {"'baseline'", "twice", p.baseline->part.string(), copy.string()});
  // Also when one name comes from the stem.
  const fs::path stem = dir.path() / "tendon.scar.h5";
  fs::copy_file(p.baseline->part, stem);
  ASSERT_TRUE(set_root_string_attr(stem, "arm_name", "tendon.scar"));
  expect_rejected({p.tendon->part, stem}, dir.path(), {"'tendon.scar'"});
}

TEST(StudyFile, MissingOrUnreadablePartIsRejectedNamingTheFile) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path missing = dir.path() / "no_such_arm.h5";
  expect_rejected({p.baseline->part, missing}, dir.path(), {missing.string()});
  const fs::path junk = dir.path() / "junk.h5";
  std::ofstream(junk) << "not an HDF5 file";
  expect_rejected({junk, p.baseline->part}, dir.path(), {junk.string()});
}

TEST(StudyFile, InvalidArmNamesAreRejected) {
  const Parts& p = parts();
  TempDir dir;
  for (const std::string name : {"a b", "x/y", "..", ".", "arm:1", ""}) {
    SCOPED_TRACE("'" + name + "'");
    const fs::path part = dir.path() / "part.h5";
    fs::copy_file(p.baseline->part, part, fs::copy_options::overwrite_existing);
    ASSERT_TRUE(set_root_string_attr(part, "arm_name", name));
    expect_rejected({part}, dir.path(), {"invalid arm name", part.string()});
  }
  // A name from the stem is checked the same way.
  const fs::path spaced = dir.path() / "arm one.h5";
  fs::copy_file(p.tendon->part, spaced);
  expect_rejected({spaced}, dir.path(), {"invalid arm name 'arm one'"});
}

// An error after the temporary file was created (here: a part whose root has a dangling soft
// link that cannot be copied) removes it again.
TEST(StudyFile, FailureWhileCopyingLeavesNoOutput) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path broken = dir.path() / "broken.h5";
  fs::copy_file(p.half->part, broken);
  ASSERT_TRUE(set_root_string_attr(broken, "arm_name", "broken"));
  {
    H5 f(H5Fopen(broken.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    ASSERT_GE(H5Lcreate_soft("/nowhere", f, "dangling", H5P_DEFAULT, H5P_DEFAULT), 0);
  }
  expect_rejected({p.baseline->part, broken}, dir.path(), {broken.string(), "/dangling"});
}

// ---- views ------------------------------------------------------------------------------------

std::string step_name(const char* prefix, size_t s) {
  char name[64];
  std::snprintf(name, sizeof name, "%s_%06zu.hdf", prefix, s);
  return name;
}

size_t member_count(hid_t loc, const char* group) {
  H5 g(H5Gopen2(loc, group, H5P_DEFAULT), H5Gclose);
  H5G_info_t info{};
  if (!g.valid() || H5Gget_info(g, &info) < 0) return 0;
  return static_cast<size_t>(info.nlinks);
}

bool is_virtual(hid_t loc, const std::string& path) {
  H5 ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  if (!ds.valid()) return false;
  H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
  return H5Pget_layout(dcpl) == H5D_VIRTUAL;
}

// The view file `view` shows step s of the arm's mesh (the interface surface's when `interface`)
// exactly: counts, relative links into the study file, one virtual array per field of the
// output-field table of the arm's model that belongs to that mesh (per step: the step's row;
// static: the whole dataset), and the step's time.
void expect_view(const fs::path& view, hid_t part, const std::string& arm, size_t s,
                 bool interface) {
  SCOPED_TRACE(view.string());
  const std::string mesh = interface ? "/interface/mesh" : "/mesh";
  const H5 f = open_file(view);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/VTKHDF", "Version"), (std::vector<std::int64_t>{1, 0}));
  EXPECT_EQ(string_attr(f, "/VTKHDF", "Type"), "UnstructuredGrid");
  const auto points = read<double>(part, mesh + "/points");
  const auto types = read<std::uint8_t>(part, mesh + "/types");
  const auto conn = read<std::int64_t>(part, mesh + "/connectivity");
  EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfPoints").values,
            std::vector<std::int64_t>{static_cast<std::int64_t>(points.dims[0])});
  EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfCells").values,
            std::vector<std::int64_t>{static_cast<std::int64_t>(types.values.size())});
  EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfConnectivityIds").values,
            std::vector<std::int64_t>{static_cast<std::int64_t>(conn.values.size())});
  {
    const H5 root(H5Gopen2(f, "/VTKHDF", H5P_DEFAULT), H5Gclose);
    EXPECT_EQ(external_target(root, "Points"),
              (std::pair<std::string, std::string>{"../../study.h5",
                                                   "/arms/" + arm + mesh + "/points"}));
    EXPECT_EQ(external_target(root, "Offsets").second, "/arms/" + arm + mesh + "/offsets");
  }
  EXPECT_EQ(read<double>(f, "/VTKHDF/Points").values, points.values);
  EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/Connectivity").values, conn.values);
  EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/Offsets").values,
            read<std::int64_t>(part, mesh + "/offsets").values);
  EXPECT_EQ(read<std::uint8_t>(f, "/VTKHDF/Types").values, types.values);

  size_t point_arrays = 0, cell_arrays = 0;
  const Arm& owner = parts().by_name(arm);
  for (const auto& field : simulation::view_fields(simulation::OutputTable(*owner.def))) {
    if (field.interface != interface) continue;
    SCOPED_TRACE(field.name);
    ++(field.point ? point_arrays : cell_arrays);
    // The view names the array with its unit (docs/paraview.md): "<name> [<units>]".
    const std::string path = std::string("/VTKHDF/") + (field.point ? "PointData/" : "CellData/") +
                             view_array_name(part, field.path);
    EXPECT_TRUE(is_virtual(f, path));
    const auto source = read<double>(part, field.path);
    const auto v = read<double>(f, path);
    if (!field.per_step) {
      EXPECT_EQ(v.values, source.values);
      continue;
    }
    EXPECT_EQ(v.dims, std::vector<hsize_t>(source.dims.begin() + 1, source.dims.end()));
    const auto expected = row(source, s);
    ASSERT_EQ(v.values.size(), expected.size());
    EXPECT_EQ(std::memcmp(v.values.data(), expected.data(), expected.size() * sizeof(double)), 0);
  }
  EXPECT_GE(point_arrays, 1u);
  EXPECT_GE(cell_arrays, 3u);
  EXPECT_EQ(member_count(f, "/VTKHDF/PointData"), point_arrays);
  EXPECT_EQ(member_count(f, "/VTKHDF/CellData"), cell_arrays);
  EXPECT_EQ(read<double>(f, "/VTKHDF/FieldData/TimeValue").values,
            std::vector<double>{read<double>(part, "/time").values.at(s)});
}

// name, time of every entry of a .series file.
std::vector<std::pair<std::string, double>> series_entries(const fs::path& file) {
  const std::string text = read_text(file);
  EXPECT_NE(text.find("\"file-series-version\": \"1.0\""), std::string::npos) << text;
  const std::regex entry(R"re(\{"name": "([^"]+)", "time": ([^}]+)\})re");
  std::vector<std::pair<std::string, double>> entries;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry);
       it != std::sregex_iterator(); ++it)
    entries.emplace_back((*it)[1].str(), std::stod((*it)[2].str()));
  return entries;
}

void expect_series(const fs::path& folder, const char* series, const char* prefix, const Arm& arm) {
  SCOPED_TRACE(folder / series);
  const auto entries = series_entries(folder / series);
  ASSERT_EQ(entries.size(), arm.rec.outputs.size());
  for (size_t s = 0; s < entries.size(); ++s) {
    EXPECT_EQ(entries[s].first, step_name(prefix, s));
    EXPECT_EQ(entries[s].second, arm.rec.outputs[s].record.t);  // shortest round-trip digits
    EXPECT_TRUE(fs::exists(folder / entries[s].first));
  }
  EXPECT_FALSE(fs::exists(folder / step_name(prefix, entries.size())));
}

TEST(StudyViews, EveryStepOfEveryArmReadsItsRowsThroughLinksAndVirtualDatasets) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path out = merged(dir.path(), p.all());
  const fs::path vtk = dir.path() / "study_vtk";
  int views = 0;
  for (const Arm* arm : p.all()) {
    SCOPED_TRACE(arm->name);
    const H5 part = open_file(arm->part);
    const fs::path folder = vtk / arm->name;
    ASSERT_TRUE(fs::is_directory(folder));
    for (size_t s = 0; s < arm->rec.u.size(); ++s) {
      expect_view(folder / step_name("step", s), part, arm->name, s, false);
      ++views;
      // The displacement is the engine's, bit for bit.
      const H5 f = open_file(folder / step_name("step", s));
      const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
      ASSERT_EQ(u.values.size(), static_cast<size_t>(arm->rec.u[s].size()));
      EXPECT_EQ(std::memcmp(u.values.data(), arm->rec.u[s].data(), u.values.size() * 8), 0);
      if (s == 0)  // the undeformed state at t = 0
        EXPECT_EQ(arm->rec.u[s].norm(), 0.0);
      else
        EXPECT_NE(arm->rec.u[s].norm(), 0.0);
    }
    expect_series(folder, "steps.hdf.series", "step", *arm);
  }
  EXPECT_EQ(views, 4 + 3 + 3);  // the load steps and t = 0 of each arm
  EXPECT_FALSE(fs::exists(vtk / "baseline" / "interface.hdf.series"));
}

TEST(StudyViews, ArmsWithAnInterfaceGetInterfaceViews) {
  const Parts& p = parts();
  TempDir dir;
  merged(dir.path(), {p.baseline.get(), p.tendon.get()});
  const fs::path folder = dir.path() / "study_vtk" / "tendon.scar";
  const H5 part = open_file(p.tendon->part);
  ASSERT_EQ(p.tendon->rec.u.size(), 3u);  // t = 0 and two load steps
  for (size_t s = 0; s < 3; ++s)
    expect_view(folder / step_name("interface", s), part, "tendon.scar", s, true);
  expect_series(folder, "interface.hdf.series", "interface", *p.tendon);
  const auto steps = series_entries(folder / "steps.hdf.series");
  const auto faces = series_entries(folder / "interface.hdf.series");
  ASSERT_EQ(steps.size(), faces.size());
  for (size_t s = 0; s < steps.size(); ++s) EXPECT_EQ(steps[s].second, faces[s].second);
}

// The views follow the output-field table, as the single-run views do: the tendon's law declares
// the fibre damage history, so its step views show /state/fibre_stretch_max; the cubes' law
// declares none, so theirs do not.
TEST(StudyViews, DeclaredStateVariablesAreShown) {
  const Parts& p = parts();
  TempDir dir;
  merged(dir.path(), {p.baseline.get(), p.tendon.get()});
  const H5 tendon = open_file(dir.path() / "study_vtk" / "tendon.scar" / step_name("step", 1));
  ASSERT_TRUE(is_virtual(tendon, "/VTKHDF/CellData/fibre_stretch_max [1]"));
  const auto shown = read<double>(tendon, "/VTKHDF/CellData/fibre_stretch_max [1]");
  const H5 part = open_file(p.tendon->part);
  EXPECT_EQ(shown.values, row(read<double>(part, "/state/fibre_stretch_max"), 1));
  const H5 cube = open_file(dir.path() / "study_vtk" / "baseline" / step_name("step", 1));
  EXPECT_LT(H5Lexists(cube, "/VTKHDF/CellData/fibre_stretch_max [1]", H5P_DEFAULT), 1);
}

TEST(StudyViews, AnArmWithoutStepsHasAnEmptySeries) {
  const Parts& p = parts();
  TempDir dir;
  merged(dir.path(), {p.failed.get(), p.half.get()});
  const fs::path folder = dir.path() / "study_vtk" / "failed_early";
  ASSERT_TRUE(fs::is_directory(folder));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().filename());
  EXPECT_EQ(files, std::vector<std::string>{"steps.hdf.series"});
  EXPECT_TRUE(series_entries(folder / "steps.hdf.series").empty());
  EXPECT_NE(read_text(folder / "steps.hdf.series").find("\"files\": []"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir.path() / "study_vtk" / "half-load" / step_name("step", 1)));
}

// Links and virtual datasets name "../../study.h5" relative to the view, so the study folder
// can be moved (the original removed) and read from anywhere.
TEST(StudyViews, MovingTheStudyFolderKeepsTheLinks) {
  const Parts& p = parts();
  TempDir dir;
  fs::create_directories(dir.path() / "study");
  merged(dir.path() / "study", {p.baseline.get(), p.half.get()});
  const fs::path moved = dir.path() / "elsewhere" / "deeper" / "moved";
  fs::create_directories(moved.parent_path());
  fs::rename(dir.path() / "study", moved);
  ASSERT_FALSE(fs::exists(dir.path() / "study"));
  for (const Arm* arm : {p.baseline.get(), p.half.get()}) {
    const size_t s = arm->rec.u.size() - 1;
    const H5 f = open_file(moved / "study_vtk" / arm->name / step_name("step", s));
    ASSERT_TRUE(f.valid());
    const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
    ASSERT_EQ(u.values.size(), 81u);
    EXPECT_EQ(std::memcmp(u.values.data(), arm->rec.u[s].data(), 81 * sizeof(double)), 0);
    EXPECT_EQ(read<double>(f, "/VTKHDF/Points").values.size(), 81u);
  }
}

TEST(StudyViews, ViewsOfAnEarlierWriteAreReplacedOthersKept) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path folder = dir.path() / "study_vtk" / "half-load";
  fs::create_directories(folder);
  std::ofstream(folder / "step_000007.hdf") << "stale";
  std::ofstream(folder / "interface_000000.hdf") << "stale";
  std::ofstream(folder / "interface.hdf.series") << "stale";
  std::ofstream(folder / "notes.txt") << "the user's";
  merged(dir.path(), {p.half.get()});
  EXPECT_FALSE(fs::exists(folder / "step_000007.hdf"));
  EXPECT_FALSE(fs::exists(folder / "interface_000000.hdf"));
  EXPECT_FALSE(fs::exists(folder / "interface.hdf.series"));
  EXPECT_TRUE(fs::exists(folder / "notes.txt"));
  EXPECT_TRUE(fs::exists(folder / step_name("step", 1)));
  for (const auto& e : fs::recursive_directory_iterator(dir.path()))
    EXPECT_EQ(e.path().string().find(".part"), std::string::npos) << e.path();
}

TEST(StudyViews, NoViewsWhenSwitchedOffAndWrittenLater) {
  const Parts& p = parts();
  TempDir dir;
  const fs::path out = merged(dir.path(), {p.baseline.get()}, test_info(), false);
  EXPECT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir.path() / "study_vtk"));
  io::write_study_views(out, p.views);
  const H5 part = open_file(p.baseline->part);
  expect_view(dir.path() / "study_vtk" / "baseline" / step_name("step", 2), part, "baseline", 2,
              false);
}

TEST(StudyViews, ANonStudyFileIsRejected) {
  const Parts& p = parts();
  try {
    io::write_study_views(p.baseline->part, p.views);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(p.baseline->part.string()), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("not a study file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sinew::io_test
