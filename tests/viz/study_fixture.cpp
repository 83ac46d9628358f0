// Writer of the synthetic study file (see study_fixture.hpp).
#include "study_fixture.hpp"

#include <hdf5.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sinew::viz::test {
namespace {

void check(herr_t rc, const std::string& what) {
  if (rc < 0) throw std::runtime_error("fixture: " + what);
}

void string_attr(hid_t obj, const char* name, const std::string& value) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* p = value.c_str();
  check(H5Awrite(attr, type, &p), name);
  H5Aclose(attr);
  H5Sclose(space);
  H5Tclose(type);
}

void describe(hid_t ds, const std::string& units, const std::string& description) {
  string_attr(ds, "units", units);
  string_attr(ds, "description", description);
}

template <class T>
void dataset(hid_t loc, const std::string& name, hid_t ftype, hid_t mtype,
             const std::vector<hsize_t>& dims, const std::vector<T>& data,
             const std::string& units = "1") {
  const hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
  const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  const hid_t ds = H5Dcreate2(loc, name.c_str(), ftype, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  if (ds < 0) throw std::runtime_error("fixture: cannot create " + name);
  if (!data.empty()) check(H5Dwrite(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), name);
  describe(ds, units, "fixture dataset " + name);
  H5Dclose(ds);
  H5Pclose(lcpl);
  H5Sclose(space);
}

void doubles(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims,
             const std::vector<double>& data, const std::string& units = "1") {
  dataset(loc, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, dims, data, units);
}

void int64s(hid_t loc, const std::string& name, const std::vector<std::int64_t>& data) {
  dataset(loc, name, H5T_STD_I64LE, H5T_NATIVE_INT64, {hsize_t(data.size())}, data);
}

void strings(hid_t loc, const std::string& name, const std::vector<std::string>& values) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  std::vector<const char*> p;
  for (const auto& v : values) p.push_back(v.c_str());
  dataset(loc, name, type, type, {hsize_t(values.size())}, p);
  H5Tclose(type);
}

// Box nodes (i, j, k), i in 0..4, j, k in 0..1: id = i + 5 (j + 2 k).
int node(int i, int j, int k) { return i + 5 * (j + 2 * k); }

void write_mesh(hid_t arm) {
  std::vector<double> points;
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i <= kCells; ++i)
        points.insert(points.end(), {double(i), double(j), double(k)});
  std::vector<std::int64_t> conn, offsets{0};
  for (int c = 0; c < kCells; ++c) {
    conn.insert(conn.end(), {node(c, 0, 0), node(c + 1, 0, 0), node(c + 1, 1, 0), node(c, 1, 0),
                             node(c, 0, 1), node(c + 1, 0, 1), node(c + 1, 1, 1), node(c, 1, 1)});
    offsets.push_back(std::int64_t(conn.size()));
  }
  doubles(arm, "mesh/points", {hsize_t(points.size() / 3), 3}, points, "mm");
  int64s(arm, "mesh/connectivity", conn);
  int64s(arm, "mesh/offsets", offsets);
  dataset(arm, "mesh/types", H5T_STD_U8LE, H5T_NATIVE_UINT8, {kCells},
          std::vector<std::uint8_t>(kCells, 12));
  doubles(arm, "mesh/scar_fraction", {kCells}, {0.0, 0.25, 0.75, 1.0});
  std::vector<std::int64_t> all(points.size() / 3);
  for (std::size_t n = 0; n < all.size(); ++n) all[n] = std::int64_t(n);
  int64s(arm, "mesh/node_sets/all", all);
}

// Top face (z = 1) as 4 quads over 10 interface points.
void write_interface(hid_t arm, int a, int steps) {
  std::vector<double> points;
  std::vector<std::int64_t> ids;
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i <= kCells; ++i) {
      points.insert(points.end(), {double(i), double(j), 1.0});
      ids.push_back(node(i, j, 1));
    }
  std::vector<std::int64_t> conn, offsets{0};
  for (int c = 0; c < kCells; ++c) {
    conn.insert(conn.end(), {c, c + 1, c + 1 + 5, c + 5});
    offsets.push_back(std::int64_t(conn.size()));
  }
  doubles(arm, "interface/mesh/points", {10, 3}, points, "mm");
  int64s(arm, "interface/mesh/node_ids", ids);
  int64s(arm, "interface/mesh/connectivity", conn);
  int64s(arm, "interface/mesh/offsets", offsets);
  dataset(arm, "interface/mesh/types", H5T_STD_U8LE, H5T_NATIVE_UINT8, {kCells},
          std::vector<std::uint8_t>(kCells, 9));
  doubles(arm, "interface/mesh/area", {kCells}, std::vector<double>(kCells, 1.0), "mm2");
  doubles(arm, "interface/mesh/adhesion_density", {kCells}, std::vector<double>(kCells, 1.0));
  std::vector<double> u, adhesion, gap;
  for (int s = 0; s < steps; ++s) {
    for (int p = 0; p < 10; ++p) u.insert(u.end(), {0.1 * points[3 * p] * (s + 1) / kSteps, 0, 0});
    for (int c = 0; c < kCells; ++c) {
      adhesion.push_back(1.0 - 0.2 * c * (s + 1) / kSteps / (a + 1));
      gap.push_back(0.01 * c * (s + 1));
    }
  }
  const auto S = hsize_t(steps);
  doubles(arm, "interface/fields/displacement", {S, 10, 3}, u, "mm");
  doubles(arm, "interface/fields/adhesion", {S, kCells}, adhesion);
  std::vector<double> damage(adhesion.size());
  for (std::size_t i = 0; i < damage.size(); ++i) damage[i] = 1.0 - adhesion[i];
  doubles(arm, "interface/fields/bond_damage", {S, kCells}, damage);
  doubles(arm, "interface/fields/tangential_gap", {S, kCells}, gap, "mm");
}

void write_fields(hid_t arm, int a, int steps) {
  const auto S = hsize_t(steps);
  std::vector<double> time, u, strain, stretch, damage, stress, direction;
  for (int s = 0; s < steps; ++s) {
    time.push_back(s + 1.0);
    for (int n = 0; n < 20; ++n) u.insert(u.end(), {0.1 * (n % 5) * (s + 1) / kSteps, 0, 0});
    for (int c = 0; c < kCells; ++c) {
      strain.push_back(fixture_strain(a, c, s));
      stretch.push_back(1.0 + fixture_strain(a, c, s));
      damage.push_back(0.1 * c * s);
      stress.insert(stress.end(), {1.0 * (c + 1), 0, 0, 0, 0, 0});
      direction.insert(direction.end(), {1, 0, 0});
    }
  }
  doubles(arm, "time", {S}, time, "s");
  doubles(arm, "fields/displacement", {S, 20, 3}, u, "mm");
  doubles(arm, "fields/max_principal_green_lagrange_strain", {S, kCells}, strain);
  doubles(arm, "fields/fibre_stretch", {S, kCells}, stretch);
  doubles(arm, "fields/fibre_damage", {S, kCells}, damage);
  doubles(arm, "fields/cauchy_stress", {S, kCells, 6}, stress, "MPa");
  doubles(arm, "fields/fibre_direction", {S, kCells, 3}, direction);
}

void write_sessions(hid_t arm, bool rest) {
  if (rest) {  // one session without load cases: probes only, no steps
    strings(arm, "sessions/name", {"rest"});
    strings(arm, "sessions/intervention", {"rest"});
    int64s(arm, "sessions/load_cases", {0});
    int64s(arm, "sessions/cycles", {1});
    int64s(arm, "sessions/first_step", {0});
    int64s(arm, "sessions/step_count", {0});
    strings(arm, "sessions/evidence", {"fixture rest note"});
    strings(arm, "sessions/evidence_grade", {"B"});
    return;
  }
  strings(arm, "sessions/name", {"load", "art"});
  strings(arm, "sessions/intervention", {"eccentric loading", "active release"});
  int64s(arm, "sessions/load_cases", {1, 1});
  int64s(arm, "sessions/cycles", {1, 3});
  int64s(arm, "sessions/first_step", {0, 2});
  int64s(arm, "sessions/step_count", {2, 1});
  strings(arm, "sessions/evidence", {"fixture", "fixture"});
  strings(arm, "sessions/evidence_grade", {"C", "D"});
}

// Probe p of arm a: stiffness 100 + 10 p (a + 1) scale, gliding resistance 5 - 0.5 p (a + 1).
void write_metrics(hid_t arm, int a, int probes, double scale, bool rest) {
  const auto P = hsize_t(probes);
  std::vector<std::string> session{"load", "load", "art", "art"};
  if (rest) session = {"rest", "rest"};
  const std::vector<std::string> stage{"before", "after", "before", "after"};
  std::vector<double> stiffness, gliding, nan(probes, std::nan("")), time;
  std::vector<std::int64_t> index;
  for (int p = 0; p < probes; ++p) {
    stiffness.push_back(100.0 + 10.0 * p * (a + 1) * scale);
    gliding.push_back(5.0 - 0.5 * p * (a + 1));
    time.push_back(p);
    index.push_back(p / 2);
  }
  doubles(arm, "metrics/stiffness", {P}, stiffness, "N/mm");
  doubles(arm, "metrics/gliding_resistance", {P}, gliding, "N");
  doubles(arm, "metrics/scar_mean_fibre_damage", {P}, nan, "1");
  int64s(arm, "metrics/session_index", index);
  strings(arm, "metrics/session_name", {session.begin(), session.begin() + probes});
  strings(arm, "metrics/stage", {stage.begin(), stage.begin() + probes});
  doubles(arm, "metrics/time", {P}, time, "s");
}

struct ArmFixture {
  std::string name;
  int a = 0;  ///< index into fixture_strain
  bool failed = false, rest = false;
  std::string base_arm, sweep = "{}";
  double scale = 1.0;  ///< of the stiffness increase
};

ArmFixture plain_arm(const std::string& name, int a, bool failed = false, bool rest = false) {
  ArmFixture f;
  f.name = name;
  f.a = a;
  f.failed = failed;
  f.rest = rest;
  return f;
}

void write_arm(hid_t arms, const ArmFixture& f) {
  const hid_t arm = H5Gcreate2(arms, f.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  string_attr(arm, "status", f.failed ? "failed" : "completed");
  string_attr(arm, "failure_reason",
              f.failed ? "step 'load': no convergence after 8 cut-backs" : "");
  string_attr(arm, "arm_name", f.name);
  string_attr(arm, "base_arm", f.base_arm.empty() ? f.name : f.base_arm);
  string_attr(arm, "spec_hash", "hash-" + f.name);
  string_attr(arm, "arm_spec", "name: " + f.name + "\n");
  string_attr(arm, "sweep", f.sweep);
  const int steps = f.failed || f.rest ? 0 : kSteps;
  write_mesh(arm);
  write_fields(arm, f.a, steps);
  write_interface(arm, f.a, steps);
  write_sessions(arm, f.rest);
  write_metrics(arm, f.a, f.failed ? 1 : f.rest ? 2 : 4, f.scale, f.rest);
  H5Gclose(arm);
}

void write_study(const std::filesystem::path& path, const std::vector<ArmFixture>& arms) {
  const hid_t file = H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0) throw std::runtime_error("fixture: cannot create " + path.string());
  for (const auto& [k, v] :
       std::vector<std::pair<const char*, std::string>>{{"schema", "sinew-study 1"},
                                                        {"sinew_version", "0.1.0"},
                                                        {"scenario_file", "fixture.yaml"},
                                                        {"scenario_text", "arms: [control, art]\n"},
                                                        {"command_line", "sinew run fixture.yaml"},
                                                        {"host", "test"},
                                                        {"start_time", "2024-05-01T12:00:00Z"},
                                                        {"end_time", "2024-05-01T12:01:00Z"},
                                                        {"status", "failed"}})
    string_attr(file, k, v);
  const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
  H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  const hid_t group = H5Gcreate2(file, "arms", H5P_DEFAULT, gcpl, H5P_DEFAULT);
  for (const ArmFixture& f : arms) write_arm(group, f);
  H5Gclose(group);
  H5Pclose(gcpl);
  check(H5Fclose(file), "close " + path.string());
}

std::string density_sweep(double d) {
  return "{\"" + std::string(kSweptParameter) + "\": " + std::to_string(d) + "}";
}

}  // namespace

void write_study_fixture(const std::filesystem::path& path) {
  write_study(path, {plain_arm("control", 0), plain_arm("art", 1), plain_arm("diverged", 0, true)});
}

void write_sweep_study_fixture(const std::filesystem::path& path) {
  std::vector<ArmFixture> arms{plain_arm("rest", 0, false, true)};
  for (const char* base : {"control", "art"})
    for (double d : kSweptValues) {
      ArmFixture f =
          plain_arm(std::string(base) + "--adhesion_density_" + std::to_string(int(d * 10)),
                    base[0] == 'a' ? 1 : 0);
      f.base_arm = base;
      f.sweep = density_sweep(d);
      f.scale = d;
      f.failed = base[0] == 'a' && d == kSweptValues.back();  // n/a in the sweep chart
      arms.push_back(f);
    }
  write_study(path, arms);
}

}  // namespace sinew::viz::test
