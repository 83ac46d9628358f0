// The HDF5 results file read back with the HDF5 C API: mesh, fields, reactions and solver
// records equal what the engine computed, provenance and units are present, the storage
// layout is the documented one, and the file only appears under its name once complete.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cstring>
#include <map>
#include <regex>

#include "common/neo_hookean_uniaxial.hpp"
#include "core/parallel.hpp"
#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

// Cell averages computed here from the engine's point states, written independently of
// engine/fem/cell_fields.cpp.
struct ReferenceCells {
  std::vector<double> stress, strain, fibre;  // M x 6, M, M
};

ReferenceCells reference_cells(const fem::Model& model, const std::vector<fem::PointState>& st) {
  ReferenceCells r;
  const Index M = model.mesh.n_cells();
  r.stress.assign(static_cast<size_t>(6 * M), 0.0);
  r.strain.assign(static_cast<size_t>(M), 0.0);
  r.fibre.assign(static_cast<size_t>(M), 0.0);
  const int ij[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {1, 2}, {0, 2}};
  for (Index c = 0; c < M; ++c) {
    const Index b = model.point_offset[c], e = model.point_offset[c + 1];
    for (Index p = b; p < e; ++p) {
      const Mat3& F = st[p].F;
      const Mat3 sigma = (F * st[p].S * F.transpose()) / F.determinant();
      for (int k = 0; k < 6; ++k) r.stress[6 * c + k] += sigma(ij[k][0], ij[k][1]) / (e - b);
      const Mat3 E = 0.5 * (F.transpose() * F - Mat3::Identity());
      r.strain[c] += Eigen::SelfAdjointEigenSolver<Mat3>(E).eigenvalues().maxCoeff() / (e - b);
      r.fibre[c] += (F * model.point_fields[p].fibre).norm() / (e - b);
    }
  }
  return r;
}

using sinew::testing::neo_hookean_uniaxial;

// Writes the cube's full run to dir/results.h5; keeps what the engine reported.
struct WrittenRun {
  model::ModelDefinition def = load_cube();
  Recorded rec;
  fs::path file;
  explicit WrittenRun(const fs::path& dir) : file(dir / "results.h5") {
    io::ResultsWriter writer(file, def, cube_info());
    rec = run_cube(def, &writer);
    writer.close(true);
  }
};

std::vector<std::string> read_strings(hid_t loc, const std::string& path) {
  H5 ds(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
  H5 space(H5Dget_space(ds), H5Sclose);
  const auto n = static_cast<size_t>(H5Sget_simple_extent_npoints(space));
  H5 mem(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mem, H5T_VARIABLE);
  H5Tset_cset(mem, H5T_CSET_UTF8);
  std::vector<char*> p(n, nullptr);
  std::vector<std::string> out;
  if (n == 0 || H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()) < 0) return out;
  for (char* s : p) out.emplace_back(s ? s : "");
  H5Dvlen_reclaim(mem, space, H5P_DEFAULT, p.data());
  return out;
}

TEST(ResultsFile, MeshAndNodeSetsMatchTheModel) {
  TempDir dir;
  const WrittenRun run(dir.path());
  const auto& mesh = run.def.model.mesh;
  const H5 f = open_file(run.file);
  ASSERT_TRUE(f.valid());

  const auto points = read<double>(f, "/mesh/points");
  ASSERT_EQ(points.dims, (std::vector<hsize_t>{27, 3}));
  for (Index n = 0; n < 27; ++n)
    for (int k = 0; k < 3; ++k) EXPECT_EQ(points.values[3 * n + k], mesh.points[n][k]);
  EXPECT_EQ(points.values[3 * 26 + 0], kSize);  // node (2,2,2) of the 2 mm cube

  const auto conn = read<std::int64_t>(f, "/mesh/connectivity");
  EXPECT_EQ(conn.dims, (std::vector<hsize_t>{64}));
  EXPECT_EQ(conn.values, mesh.connectivity);
  const auto offsets = read<std::int64_t>(f, "/mesh/offsets");
  EXPECT_EQ(offsets.dims, (std::vector<hsize_t>{9}));
  EXPECT_EQ(offsets.values, mesh.offsets);
  const auto types = read<std::uint8_t>(f, "/mesh/types");
  EXPECT_EQ(types.values, std::vector<std::uint8_t>(8, 12));  // VTK_HEXAHEDRON

  ASSERT_FALSE(mesh.node_sets.empty());
  for (const auto& [name, nodes] : mesh.node_sets) {
    SCOPED_TRACE(name);
    EXPECT_EQ(read<std::int64_t>(f, "/mesh/node_sets/" + name).values, nodes);
  }
  EXPECT_EQ(read<std::int64_t>(f, "/mesh/node_sets/x1").values.size(), 9u);
}

TEST(ResultsFile, StepDataEqualTheEngineNumbers) {
  TempDir dir;
  const WrittenRun run(dir.path());
  ASSERT_EQ(run.rec.u.size(), static_cast<size_t>(kRows));
  const H5 f = open_file(run.file);
  ASSERT_TRUE(f.valid());
  const Index N = 27, M = 8;

  const auto time = read<double>(f, "/time");
  ASSERT_EQ(time.dims, (std::vector<hsize_t>{kRows}));
  const auto u = read<double>(f, "/fields/displacement");
  ASSERT_EQ(u.dims, (std::vector<hsize_t>{kRows, N, 3}));
  const auto stress = read<double>(f, "/fields/cauchy_stress");
  ASSERT_EQ(stress.dims, (std::vector<hsize_t>{kRows, M, 6}));
  const auto strain = read<double>(f, "/fields/max_principal_green_lagrange_strain");
  ASSERT_EQ(strain.dims, (std::vector<hsize_t>{kRows, M}));
  const auto fibre = read<double>(f, "/fields/fibre_stretch");
  ASSERT_EQ(fibre.dims, (std::vector<hsize_t>{kRows, M}));
  const auto iterations = read<std::int32_t>(f, "/steps/newton_iterations");
  const auto cutbacks = read<std::int32_t>(f, "/steps/cutbacks");
  const auto names = read_strings(f, "/steps/step_name");
  ASSERT_EQ(iterations.values.size(), static_cast<size_t>(kRows));
  ASSERT_EQ(names.size(), static_cast<size_t>(kRows));

  const fem::MechanicsProblem problem(run.def.model);
  for (int s = 0; s < kRows; ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const auto& out = run.rec.outputs[s];
    EXPECT_EQ(time.values[s], out.record.t);
    EXPECT_EQ(iterations.values[s], out.record.newton_iterations);
    EXPECT_EQ(cutbacks.values[s], out.record.cutbacks);
    EXPECT_EQ(names[s], s == 0 ? "initial" : "pull");  // row 0: the undeformed state at t = 0
    // Displacements: the same bits.
    EXPECT_EQ(std::memcmp(u.values.data() + s * 3 * N, run.rec.u[s].data(), 3 * N * sizeof(double)),
              0);
    const auto ref = reference_cells(run.def.model, problem.point_states(run.rec.u[s]));
    for (Index i = 0; i < 6 * M; ++i)
      EXPECT_NEAR(stress.values[s * 6 * M + i], ref.stress[i], 1e-12);
    for (Index c = 0; c < M; ++c) {
      EXPECT_NEAR(strain.values[s * M + c], ref.strain[c], 1e-12);
      EXPECT_NEAR(fibre.values[s * M + c], ref.fibre[c], 1e-12);
    }
    for (const char* set : {"x1", "x0"}) {
      const auto R = read<double>(f, std::string("/reactions/") + set);
      ASSERT_EQ(R.dims, (std::vector<hsize_t>{kRows, 3}));
      for (int k = 0; k < 3; ++k) EXPECT_EQ(R.values[3 * s + k], out.reactions.at(set)[k]) << set;
    }
  }
  EXPECT_DOUBLE_EQ(time.values.back(), 1.0);
  EXPECT_EQ(time.values[0], 0.0);
  EXPECT_EQ(iterations.values[0], 0);  // the undeformed state needs no solve
  EXPECT_GT(iterations.values[1], 1);
}

// Against the analytic solution, so that a consistent but wrong post-processing (e.g. 2nd PK
// stress written as Cauchy) fails too.
TEST(ResultsFile, FieldsMatchTheUniaxialSolution) {
  TempDir dir;
  const WrittenRun run(dir.path());
  const H5 f = open_file(run.file);
  const auto time = read<double>(f, "/time").values;
  const auto u = read<double>(f, "/fields/displacement").values;
  const auto stress = read<double>(f, "/fields/cauchy_stress").values;
  const auto strain = read<double>(f, "/fields/max_principal_green_lagrange_strain").values;
  const auto fibre = read<double>(f, "/fields/fibre_stretch").values;
  const auto R = read<double>(f, "/reactions/x1").values;
  ASSERT_EQ(time.size(), static_cast<size_t>(kRows));
  for (int s = 0; s < kRows; ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const double lambda = 1 + kPull * time[s] / kSize;
    const auto a = neo_hookean_uniaxial(kE, kNu, lambda);
    EXPECT_NEAR(u[s * 81 + 3 * 26 + 0], kPull * time[s], 1e-12);  // node (2,2,2)
    EXPECT_NEAR(u[s * 81 + 3 * 26 + 1], (a.lateral - 1) * kSize, 1e-9);
    const double sigma_xx = a.P11 / (a.lateral * a.lateral);  // P lambda / J
    for (int c = 0; c < 8; ++c) {
      EXPECT_NEAR(stress[s * 48 + 6 * c + 0], sigma_xx, 1e-9);
      for (int k = 1; k < 6; ++k) EXPECT_NEAR(stress[s * 48 + 6 * c + k], 0.0, 1e-9);
      EXPECT_NEAR(strain[s * 8 + c], 0.5 * (lambda * lambda - 1), 1e-12);
      EXPECT_NEAR(fibre[s * 8 + c], std::sqrt(0.5 * (lambda * lambda + a.lateral * a.lateral)),
                  1e-9);
    }
    EXPECT_NEAR(R[3 * s], a.P11 * kSize * kSize, 1e-9);  // force = P11 x reference area
  }
}

TEST(ResultsFile, ProvenanceAttributes) {
  TempDir dir;
  const WrittenRun run(dir.path());
  const H5 f = open_file(run.file);
  EXPECT_EQ(string_attr(f, "/", "schema"), "sinew-results 2");
  EXPECT_EQ(string_attr(f, "/", "sinew_version"), SINEW_VERSION);
  EXPECT_EQ(string_attr(f, "/", "model_file"), "cube.yaml");
  EXPECT_EQ(string_attr(f, "/", "model_text"), kCubeModel);
  EXPECT_EQ(string_attr(f, "/", "command_line"), "sinew solve cube.yaml");
  EXPECT_EQ(string_attr(f, "/", "working_directory"), fs::current_path().string());
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  EXPECT_EQ(string_attr(f, "/", "host"), host);
  EXPECT_EQ(numeric_attr<std::int64_t>(f, "/", "openmp_threads"),
            std::vector<std::int64_t>{max_threads()});
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  const auto start = string_attr(f, "/", "start_time"), end = string_attr(f, "/", "end_time");
  EXPECT_TRUE(std::regex_match(start, iso)) << start;
  EXPECT_TRUE(std::regex_match(end, iso)) << end;
  EXPECT_LE(start, end);  // ISO 8601 sorts as text
  EXPECT_EQ(string_attr(f, "/", "status"), "completed");
  EXPECT_EQ(string_attr(f, "/", "failure_reason"), "");
}

TEST(ResultsFile, CommandLineDefaultsToThisProcess) {
  const std::string line = io::process_command_line();
  // This test program's own name starts it.
  EXPECT_NE(line.find("test_io"), std::string::npos) << line;
}

herr_t collect_datasets(hid_t group, const char* name, const H5L_info_t*, void* data) {
  H5 obj(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
  if (obj.valid() && H5Iget_type(obj) == H5I_DATASET)
    static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
  return 0;
}

TEST(ResultsFile, EveryDatasetHasUnitsAndDescription) {
  TempDir dir;
  const WrittenRun run(dir.path());
  const H5 f = open_file(run.file);
  std::vector<std::string> datasets;
  H5Lvisit(f, H5_INDEX_NAME, H5_ITER_INC, collect_datasets, &datasets);
  // mesh 6 + node sets 7 + time + fields 6 + reactions 2 + steps 3
  EXPECT_GE(datasets.size(), 25u);
  for (const auto& d : datasets) {
    SCOPED_TRACE(d);
    EXPECT_FALSE(string_attr(f, d, "units").empty());
    EXPECT_GT(string_attr(f, d, "description").size(), 10u);
  }
  const std::map<std::string, std::string> units{
      {"/mesh/points", "mm"},
      {"/mesh/connectivity", "1"},
      {"/mesh/node_sets/x0", "1"},
      {"/time", "s"},
      {"/fields/displacement", "mm"},
      {"/fields/cauchy_stress", "MPa"},
      {"/fields/max_principal_green_lagrange_strain", "1"},
      {"/fields/fibre_stretch", "1"},
      {"/fields/fibre_direction", "1"},
      {"/fields/fibre_damage", "1"},
      {"/mesh/scar_fraction", "1"},
      {"/mesh/reference_fibre_direction", "1"},
      {"/reactions/x1", "N"},
      {"/reactions/x0", "N"},
      {"/steps/newton_iterations", "1"},
  };
  for (const auto& [path, unit] : units) EXPECT_EQ(string_attr(f, path, "units"), unit) << path;
  EXPECT_EQ(string_attr(f, "/fields/displacement", "association"), "point");
  EXPECT_EQ(string_attr(f, "/fields/cauchy_stress", "association"), "cell");
}

TEST(ResultsFile, FieldsAreChunkedPerStepCompressedAndGrowable) {
  TempDir dir;
  const WrittenRun run(dir.path());
  const H5 f = open_file(run.file);
  const std::map<std::string, std::vector<hsize_t>> chunks{
      {"/fields/displacement", {1, 27, 3}},
      {"/fields/cauchy_stress", {1, 8, 6}},
      {"/fields/max_principal_green_lagrange_strain", {1, 8}},
      {"/fields/fibre_stretch", {1, 8}},
      {"/fields/fibre_direction", {1, 8, 3}},
      {"/fields/fibre_damage", {1, 8}},
  };
  for (const auto& [path, chunk] : chunks) {
    SCOPED_TRACE(path);
    H5 ds(H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose);
    ASSERT_TRUE(ds.valid());
    H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
    ASSERT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED);
    std::vector<hsize_t> got(chunk.size());
    ASSERT_EQ(H5Pget_chunk(dcpl, static_cast<int>(got.size()), got.data()),
              static_cast<int>(chunk.size()));
    EXPECT_EQ(got, chunk);
    unsigned flags = 0, config = 0;
    size_t nelmts = 1;
    unsigned level = 0;
    EXPECT_GE(H5Pget_filter_by_id2(dcpl, H5Z_FILTER_DEFLATE, &flags, &nelmts, &level, 0, nullptr,
                                   &config),
              0);
    EXPECT_EQ(level, 4u);
    H5 space(H5Dget_space(ds), H5Sclose);
    std::vector<hsize_t> dims(chunk.size()), max(chunk.size());
    H5Sget_simple_extent_dims(space, dims.data(), max.data());
    EXPECT_EQ(dims[0], static_cast<hsize_t>(kRows));
    EXPECT_EQ(max[0], H5S_UNLIMITED);
  }
  for (const char* path : {"/time", "/reactions/x1", "/steps/newton_iterations"}) {
    H5 ds(H5Dopen2(f, path, H5P_DEFAULT), H5Dclose);
    H5 space(H5Dget_space(ds), H5Sclose);
    hsize_t dims[2] = {}, max[2] = {};
    H5Sget_simple_extent_dims(space, dims, max);
    EXPECT_EQ(max[0], H5S_UNLIMITED) << path;
  }
}

// The file is written under a temporary name; an older file under the final name stays intact
// until close() replaces it in one rename.
TEST(ResultsFile, AppearsUnderItsNameOnlyWhenClosed) {
  TempDir dir;
  const fs::path file = dir.path() / "results.h5";
  std::ofstream(file) << "an older result";
  auto def = load_cube();
  io::ResultsWriter writer(file, def, cube_info());
  EXPECT_EQ(writer.path(), file);
  EXPECT_EQ(writer.temporary_path(), dir.path() / "results.h5.part");
  run_cube(def, &writer);
  EXPECT_EQ(writer.steps_written(), static_cast<size_t>(kRows));
  EXPECT_TRUE(fs::exists(writer.temporary_path()));
  EXPECT_EQ(read_text(file), "an older result");
  writer.close(true);
  EXPECT_FALSE(fs::exists(writer.temporary_path()));
  const H5 f = open_file(file);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(read<double>(f, "/time").values.size(), static_cast<size_t>(kRows));
  writer.close(false, "ignored");  // a second close does nothing
  EXPECT_EQ(string_attr(f, "/", "status"), "completed");
}

TEST(ResultsFile, MissingFolderIsReportedBeforeTheRun) {
  TempDir dir;
  const auto def = load_cube();
  try {
    io::ResultsWriter writer(dir.path() / "no_such_folder" / "r.h5", def, cube_info());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_folder"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

TEST(ResultsFile, UnwritableFileNamesTheFileAndTheReason) {
  TempDir dir;
  fs::create_directories(dir.path() / "r.h5.part");  // a folder where the file must go
  const auto def = load_cube();
  try {
    io::ResultsWriter writer(dir.path() / "r.h5", def, cube_info());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot create"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("r.h5.part"), std::string::npos) << e.what();
  }
}

TEST(ResultsFile, WriteStepChecksItsInput) {
  TempDir dir;
  auto def = load_cube();
  io::ResultsWriter writer(dir.path() / "r.h5", def, cube_info());
  simulation::StepOutput out;
  out.reactions["x1"] = Vec3::Zero();
  out.reactions["x0"] = Vec3::Zero();
  EXPECT_THROW(writer.write_step(out, VecX::Zero(3)), std::invalid_argument);
  out.reactions.erase("x0");
  EXPECT_THROW(writer.write_step(out, VecX::Zero(81)), std::invalid_argument);
  EXPECT_EQ(writer.steps_written(), 0u);
}

}  // namespace
}  // namespace sinew::io_test
