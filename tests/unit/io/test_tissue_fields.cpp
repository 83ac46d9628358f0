// Tissue fields of the results file: scar fraction, fibre damage and direction per cell, and the
// interface surface (/interface) with its per-facet bond state and traction, read back with the
// HDF5 C API and compared with values recomputed here from the run's problem state; the
// interface VTKHDF views; and the same schema, without /interface, for a plain model.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <regex>

#include "interface/interface_set.hpp"
#include "io_test_support.hpp"

namespace sinew::io_test {
namespace {

// A coarse circular tendon (r = 2 mm, 10 mm long; 4 interface faces around x 4 along) in its
// sheath, with a scar at the surface that adheres more strongly, bonds everywhere (rho 0.3 away
// from the scar), and the proximal end pulled 0.5 mm against the fixed sheath: 5% strain damages
// the fibres (onset 1%), and the sliding breaks bonds near the pulled end.
const char* const kTendonModel = R"(# coarse tendon in sheath with a scar and adhesions
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
  - {name: pull, increments: 3}
solver: {linear: umfpack}
output: {reactions: [tendon_proximal]}
)";

const interface::InterfaceSet* interface_of(const fem::MechanicsProblem& p) {
  for (const auto& c : p.couplings())
    if (const auto* s = dynamic_cast<const interface::InterfaceSet*>(c.get())) return s;
  return nullptr;
}

// What the problem held at each reported step, copied inside on_output (where the problem is
// valid): everything the tissue fields are made from.
struct StepState {
  double t = 0;
  VecX u;
  std::vector<fem::PointState> points;
  std::vector<Real> fibre_damage;                     // per quadrature point
  std::vector<Real> stretch_max;                      // per point: the law's state slot 0
  std::vector<interface::InterfacePointInfo> info;    // committed, per Gauss point
  std::vector<interface::InterfacePointState> iface;  // at (u, t)
  Real intact_bond_area = 0;
  Vec3 interface_force = Vec3::Zero();  // on the primary body (N)
};

struct TissueRun {
  model::ModelDefinition def;
  std::vector<StepState> steps;
  fs::path file, vtk;
  TissueRun(const fs::path& dir, const char* text = kTendonModel)
      : def(model::load_model_text(text, "tendon.yaml", material_registry())),
        file(dir / "results.h5"),
        vtk(dir / "results_vtk") {
    io::RunInfo info;
    info.model_file = "tendon.yaml";
    info.model_text = text;
    io::ResultsWriter writer(file, def, info);
    const auto result =
        simulation::run_model(def, linear_registry(), {},
                              [&](const simulation::StepOutput& out, const VecX& u) {
                                writer.write_step(out, u);
                                StepState s;
                                s.t = out.record.t;
                                s.u = u;
                                s.points = out.problem->point_states(u);
                                s.fibre_damage = out.problem->point_output("fibre_damage").values;
                                for (const auto& pf : out.problem->fields())
                                  s.stretch_max.push_back(pf.state[0]);
                                if (const auto* set = interface_of(*out.problem)) {
                                  s.info = set->point_info();
                                  s.iface = set->evaluate(u, out.record.t);
                                  s.intact_bond_area = set->intact_bond_area();
                                  s.interface_force = set->total_force(u, out.record.t);
                                }
                                steps.push_back(std::move(s));
                              });
    EXPECT_TRUE(result.completed) << result.failure;
    writer.close(result.completed, result.failure);
  }
  const interface::InterfaceSet& interface_set() const {
    return dynamic_cast<const interface::InterfaceSet&>(*def.model.couplings.at(0));
  }
};

// Cell mean of per-point values, written independently of engine/fem/cell_fields.cpp.
std::vector<double> cell_mean(const fem::Model& m, const std::vector<Real>& v) {
  std::vector<double> out;
  for (Index c = 0; c < m.mesh.n_cells(); ++c) {
    const Index b = m.point_offset[c], e = m.point_offset[c + 1];
    double s = 0;
    for (Index p = b; p < e; ++p) s += v[p];
    out.push_back(s / static_cast<double>(e - b));
  }
  return out;
}

// Area-weighted mean over each pair's Gauss points of `value(q)`.
template <class F>
std::vector<double> facet_mean(const interface::InterfaceSet& set,
                               const std::vector<interface::InterfacePointInfo>& info, F value) {
  std::vector<double> out;
  for (Index k = 0; k < set.n_pairs(); ++k) {
    double w = 0, s = 0;
    for (Index q = set.first_gauss_point(k); q < set.first_gauss_point(k + 1); ++q) {
      w += info[q].weight;
      s += info[q].weight * value(static_cast<size_t>(q));
    }
    out.push_back(s / w);
  }
  return out;
}

void expect_near(const std::vector<double>& got, const std::vector<double>& want, double tol,
                 const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << what << " [" << i << "]";
}

bool exists(hid_t f, const char* path) {
  htri_t r = 0;
  H5E_BEGIN_TRY { r = H5Lexists(f, path, H5P_DEFAULT); }
  H5E_END_TRY;
  return r > 0;
}

class TissueFields : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    run_ = new TissueRun(dir_->path());
  }
  static void TearDownTestSuite() {
    delete run_;
    delete dir_;
  }
  static TempDir* dir_;
  static TissueRun* run_;
};
TempDir* TissueFields::dir_ = nullptr;
TissueRun* TissueFields::run_ = nullptr;

TEST_F(TissueFields, ScarFractionIsTheCellMeanOfTheModelsScarFraction) {
  const auto& run = *run_;
  const H5 f = open_file(run.file);
  ASSERT_TRUE(f.valid());
  const Index M = run.def.model.mesh.n_cells();
  const auto scar = read<double>(f, "/mesh/scar_fraction");
  ASSERT_EQ(scar.dims, (std::vector<hsize_t>{static_cast<hsize_t>(M)}));
  const auto want = cell_mean(run.def.model, run.def.tissue.scar_fraction);
  expect_near(scar.values, want, 1e-12, "scar_fraction");
  EXPECT_GT(*std::max_element(scar.values.begin(), scar.values.end()), 0.5);  // a scar cell
  EXPECT_EQ(*std::min_element(scar.values.begin(), scar.values.end()), 0.0);  // healthy cells
  EXPECT_EQ(string_attr(f, "/mesh/scar_fraction", "units"), "1");
  EXPECT_EQ(string_attr(f, "/mesh/scar_fraction", "association"), "cell");
}

// The damage history is a declared state variable: /state/fibre_stretch_max holds the cell means
// of the committed slot, at least 1, never decreasing, with the units and description the law
// declares; in the table it comes after the fixed fields.
TEST_F(TissueFields, StateVariableIsWrittenUnderState) {
  const auto& run = *run_;
  const H5 f = open_file(run.file);
  const auto& model = run.def.model;
  const auto stored = read<double>(f, "/state/fibre_stretch_max");
  ASSERT_EQ(stored.dims, (std::vector<hsize_t>{4, static_cast<hsize_t>(model.mesh.n_cells())}));
  EXPECT_EQ(string_attr(f, "/state/fibre_stretch_max", "units"), "1");
  EXPECT_EQ(string_attr(f, "/state/fibre_stretch_max", "association"), "cell");
  EXPECT_NE(string_attr(f, "/state/fibre_stretch_max", "description").find("largest equivalent"),
            std::string::npos);
  // Cells whose law keeps the history (the others hold 0: their law declares no such state).
  std::vector<bool> keeps(static_cast<size_t>(model.mesh.n_cells()), false);
  int kept = 0;
  for (const auto& region : model.regions)
    for (Index c : region.cells) {
      keeps[static_cast<size_t>(c)] = !region.material->state_variables().empty();
      kept += keeps[static_cast<size_t>(c)] ? 1 : 0;
    }
  EXPECT_GT(kept, 0);
  double grown = 0;
  for (size_t s = 0; s < run.steps.size(); ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const auto want = cell_mean(model, run.steps[s].stretch_max);
    expect_near(row(stored, s), want, 1e-15, "fibre_stretch_max");
    for (size_t c = 0; c < want.size(); ++c) {
      if (!keeps[c]) {
        EXPECT_EQ(want[c], 0.0);
        continue;
      }
      EXPECT_GE(want[c], 1.0);
      if (s > 0) {
        EXPECT_GE(want[c], cell_mean(model, run.steps[s - 1].stretch_max)[c]);
      }
      grown = std::max(grown, want[c] - 1.0);
    }
  }
  EXPECT_GT(grown, 0.01);  // the fibres were stretched: the history moved
}

// The interface declares its per-Gauss-point history; /interface/state holds the area-weighted
// facet means of each declared variable, e.g. viscous_damage (= the bond damage acting on the
// bonds, unweighted by the bonds) and max_separation, with the declared units.
TEST_F(TissueFields, InterfaceStateVariablesAreFacetMeansOfTheHistory) {
  const auto& run = *run_;
  const H5 f = open_file(run.file);
  const auto& set = run.interface_set();
  const auto damage = read<double>(f, "/interface/state/viscous_damage");
  const auto separation = read<double>(f, "/interface/state/max_separation");
  const auto slip = read<double>(f, "/interface/state/slip_vector");
  const auto F = static_cast<hsize_t>(set.n_pairs());
  ASSERT_EQ(damage.dims, (std::vector<hsize_t>{4, F}));  // t = 0 and three load steps
  ASSERT_EQ(slip.dims, (std::vector<hsize_t>{4, F, 3}));
  EXPECT_EQ(string_attr(f, "/interface/state/max_separation", "units"), "mm");
  EXPECT_EQ(string_attr(f, "/interface/state/slip_vector", "units"), "mm");
  double broken = 0;
  for (size_t s = 0; s < run.steps.size(); ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const auto& info = run.steps[s].info;
    const auto want = facet_mean(set, info, [&](size_t q) { return info[q].damage; });
    expect_near(row(damage, s), want, 1e-14, "viscous_damage");
    expect_near(row(separation, s),
                facet_mean(set, info, [&](size_t q) { return info[q].max_separation; }), 1e-14,
                "max_separation");
    broken = std::max(broken, *std::max_element(want.begin(), want.end()));
  }
  EXPECT_GT(broken, 0.1);  // bonds did break: the comparison is not of zeros
}

TEST_F(TissueFields, FibreDamageAndDirectionEqualTheProblemStateAtEveryStep) {
  const auto& run = *run_;
  ASSERT_EQ(run.steps.size(), 4u);  // t = 0 and three load steps
  const H5 f = open_file(run.file);
  const auto& model = run.def.model;
  const Index M = model.mesh.n_cells();
  const auto damage = read<double>(f, "/fields/fibre_damage");
  ASSERT_EQ(damage.dims, (std::vector<hsize_t>{4, static_cast<hsize_t>(M)}));
  const auto direction = read<double>(f, "/fields/fibre_direction");
  ASSERT_EQ(direction.dims, (std::vector<hsize_t>{4, static_cast<hsize_t>(M), 3}));
  for (size_t s = 0; s < run.steps.size(); ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const auto& st = run.steps[s];
    expect_near(row(damage, s), cell_mean(model, st.fibre_damage), 1e-12, "fibre_damage");
    std::vector<double> want;
    for (Index c = 0; c < M; ++c) {
      Vec3 d = Vec3::Zero();
      for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p)
        d += (st.points[p].F * model.point_fields[p].fibre).normalized();
      d.normalize();
      want.insert(want.end(), {d.x(), d.y(), d.z()});
    }
    expect_near(row(direction, s), want, 1e-12, "fibre_direction");
  }
  // The last step damaged the tendon's fibres, and the damage only grows.
  const auto last = row(damage, 3), first = row(damage, 0);
  for (double d : first) EXPECT_EQ(d, 0.0);  // the undeformed state at t = 0
  EXPECT_GT(*std::max_element(last.begin(), last.end()), 0.05);
  for (Index c = 0; c < M; ++c) EXPECT_GE(last[c], first[c]);
  for (Index c : model.mesh.element_set("sheath")) EXPECT_EQ(last[c], 0.0);  // no damage law

  const auto a0 = read<double>(f, "/mesh/reference_fibre_direction");
  ASSERT_EQ(a0.dims, (std::vector<hsize_t>{static_cast<hsize_t>(M), 3}));
  for (Index c = 0; c < M; ++c) {
    Vec3 d = Vec3::Zero();
    for (Index p = model.point_offset[c]; p < model.point_offset[c + 1]; ++p)
      d += model.point_fields[p].fibre;
    d.normalize();
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(a0.values[3 * c + k], d(k), 1e-12);
  }
}

TEST_F(TissueFields, InterfaceMeshHasOneCellPerPairOverThePrimaryNodes) {
  const auto& run = *run_;
  const auto& set = run.interface_set();
  const auto& mesh = run.def.model.mesh;
  const H5 f = open_file(run.file);
  ASSERT_TRUE(exists(f, "/interface"));
  const auto F = static_cast<size_t>(set.n_pairs());
  ASSERT_EQ(F, 16u);  // 4 faces around x 4 along
  const auto types = read<std::uint8_t>(f, "/interface/mesh/types");
  EXPECT_EQ(types.values, std::vector<std::uint8_t>(F, 9));  // VTK_QUAD
  const auto offsets = read<std::int64_t>(f, "/interface/mesh/offsets").values;
  ASSERT_EQ(offsets.size(), F + 1);
  const auto conn = read<std::int64_t>(f, "/interface/mesh/connectivity").values;
  const auto secondary = read<std::int64_t>(f, "/interface/mesh/secondary_node_ids").values;
  const auto ids = read<std::int64_t>(f, "/interface/mesh/node_ids").values;
  const auto points = read<double>(f, "/interface/mesh/points");
  ASSERT_EQ(points.dims, (std::vector<hsize_t>{ids.size(), 3}));
  ASSERT_EQ(conn.size(), 4 * F);
  ASSERT_EQ(secondary.size(), 4 * F);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  // The points are the primary nodes, each once, at their reference positions.
  std::vector<Index> primary;
  for (const auto& pr : set.pairs())
    primary.insert(primary.end(), pr.primary.begin(), pr.primary.begin() + pr.n_nodes);
  std::sort(primary.begin(), primary.end());
  primary.erase(std::unique(primary.begin(), primary.end()), primary.end());
  EXPECT_EQ(ids, primary);
  for (size_t i = 0; i < ids.size(); ++i)
    for (int k = 0; k < 3; ++k) EXPECT_EQ(points.values[3 * i + k], mesh.points[ids[i]][k]);
  for (size_t k = 0; k < F; ++k) {
    const auto& pr = set.pairs()[k];
    EXPECT_EQ(offsets[k], static_cast<std::int64_t>(4 * k));
    for (int a = 0; a < 4; ++a) {
      EXPECT_EQ(ids[conn[4 * k + a]], pr.primary[a]);
      EXPECT_EQ(secondary[4 * k + a], pr.secondary[a]);
    }
  }
  // Static facet properties: area and the initial bond density.
  const auto info = set.point_info();
  std::vector<double> area;
  for (Index k = 0; k < set.n_pairs(); ++k) {
    double a = 0;
    for (Index q = set.first_gauss_point(k); q < set.first_gauss_point(k + 1); ++q)
      a += info[q].weight;
    area.push_back(a);
  }
  expect_near(read<double>(f, "/interface/mesh/area").values, area, 1e-12, "area");
  const auto rho = read<double>(f, "/interface/mesh/adhesion_density").values;
  expect_near(rho, facet_mean(set, info, [&](size_t q) { return info[q].rho; }), 1e-12,
              "adhesion_density");
  EXPECT_NEAR(*std::min_element(rho.begin(), rho.end()), 0.3, 1e-12);  // away from the scar
  EXPECT_GT(*std::max_element(rho.begin(), rho.end()), 0.5);           // over it
}

TEST_F(TissueFields, InterfaceFieldsEqualTheProblemStateAtEveryStep) {
  const auto& run = *run_;
  const auto& set = run.interface_set();
  const H5 f = open_file(run.file);
  const auto F = static_cast<hsize_t>(set.n_pairs());
  std::map<std::string, Array<double>> a;
  for (const char* name : {"adhesion", "bond_damage", "slip", "tangential_gap", "normal_gap",
                           "traction", "displacement"})
    a[name] = read<double>(f, std::string("/interface/fields/") + name);
  EXPECT_EQ(a["adhesion"].dims, (std::vector<hsize_t>{4, F}));
  EXPECT_EQ(a["traction"].dims, (std::vector<hsize_t>{4, F, 3}));
  const auto ids = read<std::int64_t>(f, "/interface/mesh/node_ids").values;
  EXPECT_EQ(a["displacement"].dims, (std::vector<hsize_t>{4, ids.size(), 3}));
  const auto area = read<double>(f, "/interface/mesh/area").values;
  for (size_t s = 0; s < run.steps.size(); ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const auto& st = run.steps[s];
    const auto& info = st.info;
    ASSERT_EQ(info.size(), static_cast<size_t>(set.n_gauss_points()));
    expect_near(row(a["adhesion"], s),
                facet_mean(set, info, [&](size_t q) { return info[q].rho * (1 - info[q].damage); }),
                1e-12, "adhesion");
    // Bond damage: weighted by the bonds (w rho), the fraction of the facet's bonds broken.
    const auto rho_mean = facet_mean(set, info, [&](size_t q) { return info[q].rho; });
    auto broken = facet_mean(set, info, [&](size_t q) { return info[q].rho * info[q].damage; });
    for (size_t k = 0; k < broken.size(); ++k) broken[k] /= rho_mean[k];  // rho >= 0.3 here
    expect_near(row(a["bond_damage"], s), broken, 1e-12, "bond_damage");
    expect_near(row(a["slip"], s), facet_mean(set, info, [&](size_t q) { return info[q].slip; }),
                1e-12, "slip");
    expect_near(row(a["tangential_gap"], s),
                facet_mean(set, info, [&](size_t q) { return st.iface[q].tangential_gap; }), 1e-12,
                "tangential_gap");
    expect_near(row(a["normal_gap"], s),
                facet_mean(set, info, [&](size_t q) { return st.iface[q].normal_gap; }), 1e-12,
                "normal_gap");
    std::vector<double> traction;
    for (int c = 0; c < 3; ++c) {
      const auto tc = facet_mean(set, info, [&](size_t q) { return st.iface[q].traction[c]; });
      traction.resize(tc.size() * 3);
      for (size_t k = 0; k < tc.size(); ++k) traction[3 * k + c] = tc[k];
    }
    expect_near(row(a["traction"], s), traction, 1e-12, "traction");
    std::vector<double> u;
    for (auto n : ids) u.insert(u.end(), {st.u[3 * n], st.u[3 * n + 1], st.u[3 * n + 2]});
    expect_near(row(a["displacement"], s), u, 0.0, "displacement");
    // Per facet, adhesion = adhesion_density (1 - bond_damage).
    const auto adh = row(a["adhesion"], s), dmg = row(a["bond_damage"], s);
    for (size_t k = 0; k < adh.size(); ++k) EXPECT_NEAR(adh[k], rho_mean[k] * (1 - dmg[k]), 1e-12);
    // Facet areas x adhesion sum to the set's intact bond area.
    double intact = 0;
    for (size_t k = 0; k < adh.size(); ++k) intact += area[k] * adh[k];
    EXPECT_NEAR(intact, st.intact_bond_area, 1e-12 * st.intact_bond_area);
    // ... and facet areas x traction to the interface's resultant force on the tendon.
    const auto t = row(a["traction"], s);
    for (int c = 0; c < 3; ++c) {
      double force = 0;
      for (size_t k = 0; k < area.size(); ++k) force += area[k] * t[3 * k + c];
      EXPECT_NEAR(force, st.interface_force[c], 1e-12 * (1 + st.interface_force.norm()));
    }
  }
  // The pull broke bonds by the last step: some facets lost adhesion, and they slid.
  const auto damage = row(a["bond_damage"], 3);
  const auto rho = read<double>(f, "/interface/mesh/adhesion_density").values;
  const auto adhesion = row(a["adhesion"], 3);
  EXPECT_GT(*std::max_element(damage.begin(), damage.end()), 0.5);
  int weakened = 0;
  for (size_t k = 0; k < F; ++k) weakened += adhesion[k] < rho[k] - 1e-6;
  EXPECT_GT(weakened, 0);
  const auto gap = row(a["tangential_gap"], 3);
  EXPECT_GT(*std::max_element(gap.begin(), gap.end()), 0.01);
  const auto traction = row(a["traction"], 3);
  double tmax = 0;
  for (double v : traction) tmax = std::max(tmax, std::abs(v));
  EXPECT_GT(tmax, 1e-4);
}

TEST_F(TissueFields, NewDatasetsHaveUnitsDescriptionAndGrowPerStep) {
  const auto& run = *run_;
  const H5 f = open_file(run.file);
  const std::map<std::string, std::string> units{
      {"/mesh/scar_fraction", "1"},
      {"/mesh/reference_fibre_direction", "1"},
      {"/fields/fibre_direction", "1"},
      {"/fields/fibre_damage", "1"},
      {"/interface/mesh/points", "mm"},
      {"/interface/mesh/connectivity", "1"},
      {"/interface/mesh/offsets", "1"},
      {"/interface/mesh/types", "1"},
      {"/interface/mesh/node_ids", "1"},
      {"/interface/mesh/secondary_node_ids", "1"},
      {"/interface/mesh/area", "mm^2"},
      {"/interface/mesh/adhesion_density", "1"},
      {"/interface/fields/displacement", "mm"},
      {"/interface/fields/adhesion", "1"},
      {"/interface/fields/bond_damage", "1"},
      {"/interface/fields/slip", "mm"},
      {"/interface/fields/tangential_gap", "mm"},
      {"/interface/fields/normal_gap", "mm"},
      {"/interface/fields/traction", "MPa"},
  };
  for (const auto& [path, unit] : units) {
    SCOPED_TRACE(path);
    EXPECT_EQ(string_attr(f, path, "units"), unit);
    EXPECT_GT(string_attr(f, path, "description").size(), 10u);
    if (path.find("/fields/") == std::string::npos) continue;
    H5 ds(H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose);
    H5 space(H5Dget_space(ds), H5Sclose);
    std::vector<hsize_t> dims(3), max(3);
    H5Sget_simple_extent_dims(space, dims.data(), max.data());
    EXPECT_EQ(dims[0], 4u);  // t = 0 and three load steps
    EXPECT_EQ(max[0], H5S_UNLIMITED);
    H5 dcpl(H5Dget_create_plist(ds), H5Pclose);
    std::vector<hsize_t> chunk(3);
    ASSERT_GE(H5Pget_chunk(dcpl, 3, chunk.data()), 2);
    EXPECT_EQ(chunk[0], 1u);  // one step per chunk
  }
  EXPECT_EQ(string_attr(f, "/interface/fields/displacement", "association"), "point");
  EXPECT_EQ(string_attr(f, "/interface/fields/traction", "association"), "cell");
  EXPECT_FALSE(string_attr(f, "/interface", "description").empty());
}

fs::path view_file(const fs::path& vtk, const char* prefix, size_t s) {
  char name[64];
  std::snprintf(name, sizeof name, "%s_%06zu.hdf", prefix, s);
  return vtk / name;
}

TEST_F(TissueFields, InterfaceViewsLinkToTheirStep) {
  const auto& run = *run_;
  const H5 results = open_file(run.file);
  const auto F = static_cast<std::int64_t>(run.interface_set().n_pairs());
  const auto ids = read<std::int64_t>(results, "/interface/mesh/node_ids").values;
  const auto P = static_cast<std::int64_t>(ids.size());
  for (size_t s = 0; s < run.steps.size(); ++s) {
    SCOPED_TRACE("step " + std::to_string(s));
    const H5 f = open_file(view_file(run.vtk, "interface", s));
    ASSERT_TRUE(f.valid());
    EXPECT_EQ(numeric_attr<std::int64_t>(f, "/VTKHDF", "Version"),
              (std::vector<std::int64_t>{1, 0}));
    EXPECT_EQ(string_attr(f, "/VTKHDF", "Type"), "UnstructuredGrid");
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfPoints").values, std::vector<std::int64_t>{P});
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfCells").values, std::vector<std::int64_t>{F});
    EXPECT_EQ(read<std::int64_t>(f, "/VTKHDF/NumberOfConnectivityIds").values,
              std::vector<std::int64_t>{4 * F});
    const H5 root(H5Gopen2(f, "/VTKHDF", H5P_DEFAULT), H5Gclose);
    using Target = std::pair<std::string, std::string>;
    EXPECT_EQ(external_target(root, "Points"), (Target{"../results.h5", "/interface/mesh/points"}));
    EXPECT_EQ(external_target(root, "Connectivity"),
              (Target{"../results.h5", "/interface/mesh/connectivity"}));
    EXPECT_EQ(external_target(root, "Offsets"),
              (Target{"../results.h5", "/interface/mesh/offsets"}));
    EXPECT_EQ(external_target(root, "Types"), (Target{"../results.h5", "/interface/mesh/types"}));
    EXPECT_EQ(read<std::uint8_t>(f, "/VTKHDF/Types").values.size(), static_cast<size_t>(F));

    for (const char* name :
         {"adhesion", "bond_damage", "slip", "tangential_gap", "normal_gap", "traction"}) {
      const std::string source = std::string("/interface/fields/") + name;
      const auto v = read<double>(f, "/VTKHDF/CellData/" + view_array_name(results, source));
      const auto whole = read<double>(results, source);
      EXPECT_EQ(v.values, row(whole, s)) << name;
      EXPECT_EQ(v.dims.front(), static_cast<hsize_t>(F)) << name;
    }
    EXPECT_EQ(read<double>(f, "/VTKHDF/CellData/adhesion_density [1]").values,
              read<double>(results, "/interface/mesh/adhesion_density").values);
    const auto u = read<double>(f, "/VTKHDF/PointData/displacement [mm]");
    ASSERT_EQ(u.dims, (std::vector<hsize_t>{static_cast<hsize_t>(P), 3}));
    EXPECT_EQ(u.values, row(read<double>(results, "/interface/fields/displacement"), s));
    EXPECT_EQ(read<double>(f, "/VTKHDF/FieldData/TimeValue").values,
              std::vector<double>{run.steps[s].t});

    // The mesh views show the new cell fields of the same step.
    const H5 g = open_file(view_file(run.vtk, "step", s));
    for (const char* name : {"fibre_damage", "fibre_direction"})
      EXPECT_EQ(read<double>(g, std::string("/VTKHDF/CellData/") + name + " [1]").values,
                row(read<double>(results, std::string("/fields/") + name), s))
          << name;
    EXPECT_EQ(read<double>(g, "/VTKHDF/CellData/scar_fraction [1]").values,
              read<double>(results, "/mesh/scar_fraction").values);
  }
  EXPECT_FALSE(fs::exists(view_file(run.vtk, "interface", run.steps.size())));

  const std::string text = read_text(run.vtk / "interface.hdf.series");
  const std::regex entry(R"re(\{"name": "([^"]+)", "time": ([^}]+)\})re");
  std::vector<std::pair<std::string, double>> entries;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry);
       it != std::sregex_iterator(); ++it)
    entries.emplace_back((*it)[1].str(), std::stod((*it)[2].str()));
  ASSERT_EQ(entries.size(), run.steps.size()) << text;
  for (size_t s = 0; s < entries.size(); ++s) {
    EXPECT_EQ(entries[s].first, view_file(run.vtk, "interface", s).filename().string());
    EXPECT_EQ(entries[s].second, run.steps[s].t);
  }
}

// VTK 9.1's own reader on an interface view, from another working directory.
TEST_F(TissueFields, Vtk91ReaderOpensAnInterfaceView) {
  if (shell("/usr/bin/python3 -c 'import vtkmodules.vtkIOHDF' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import vtkmodules.vtkIOHDF (Debian: python3-vtk9)";
  const auto& run = *run_;
  TempDir dir;
  const fs::path script = dir.path() / "read.py";
  std::ofstream(script) << R"(import sys
from vtkmodules.vtkIOHDF import vtkHDFReader
for name in sys.argv[1:]:
    r = vtkHDFReader()
    r.SetFileName(name)
    r.Update()
    g = r.GetOutput()
    cd = g.GetCellData()
    names = sorted(cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays()))
    print(g.GetNumberOfPoints(), g.GetNumberOfCells(), g.GetCellType(0),
          repr(cd.GetArray(names[0]).GetRange(0)[1]))
    print(",".join(names))
)";
  const fs::path out = dir.path() / "out.txt";
  const int rc =
      shell("cd / && /usr/bin/python3 " + quoted(script.string()) + " " +
            quoted(view_file(run.vtk, "interface", 2).string()) + " " +
            quoted(view_file(run.vtk, "step", 2).string()) + " >" + quoted(out.string()) + " 2>&1");
  const std::string text = read_text(out);
  ASSERT_EQ(rc, 0) << text;
  std::istringstream in(text);
  long points = 0, cells = 0, type = 0;
  std::string names;
  double first_max = 0;
  in >> points >> cells >> type >> first_max >> std::ws;
  std::getline(in, names);  // the names carry their units: "area [mm^2]"
  const H5 results = open_file(run.file);
  const auto ids = read<std::int64_t>(results, "/interface/mesh/node_ids").values;
  EXPECT_EQ(points, static_cast<long>(ids.size())) << text;
  EXPECT_EQ(cells, 16);
  EXPECT_EQ(type, 9);  // VTK_QUAD
  EXPECT_EQ(names,
            "adhesion [1],adhesion_density [1],area [mm^2],bond_damage [1],"
            "bond_energy [N per mm],damage [1],damage_dissipation [N per mm],"
            "friction_dissipation [N per mm],max_separation [mm],normal_gap [mm],slip [mm],"
            "slip_vector [mm],tangential_gap [mm],traction [MPa],viscous_damage [1]");
  const auto adhesion = row(read<double>(results, "/interface/fields/adhesion"), 2);
  EXPECT_EQ(first_max, *std::max_element(adhesion.begin(), adhesion.end()));
  in >> points >> cells >> type >> first_max >> std::ws;
  std::getline(in, names);
  EXPECT_EQ(cells, run.def.model.mesh.n_cells()) << text;
  EXPECT_EQ(names,
            "cauchy_stress [MPa],fibre_damage [1],fibre_direction [1],fibre_stretch [1],"
            "fibre_stretch_max [1],max_principal_green_lagrange_strain [1],scar_fraction [1]")
      << text;
}

// tools/print_results.py summarises the tissue fields of the last step.
TEST_F(TissueFields, PrintResultsSummarisesDamageAndInterface) {
  if (shell("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import h5py and numpy (Debian: python3-h5py)";
  const auto& run = *run_;
  TempDir dir;
  const fs::path out = dir.path() / "out.txt";
  const std::string script = std::string(SINEW_SOURCE_DIR) + "/tools/print_results.py";
  const int rc = shell("/usr/bin/python3 " + quoted(script) + " " + quoted(run.file.string()) +
                       " >" + quoted(out.string()) + " 2>&1");
  const std::string text = read_text(out);
  ASSERT_EQ(rc, 0) << text;
  const std::regex line(R"(interface: (\d+) facets, intact bonded area at the last step )"
                        R"((\S+) mm\^2 \((\S+) of (\S+) mm\^2\))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, line)) << text;
  const auto& set = run.interface_set();
  EXPECT_EQ(std::stoi(m[1].str()), set.n_pairs());
  const double intact = run.steps.back().intact_bond_area, initial = set.initial_bond_area();
  EXPECT_NEAR(std::stod(m[2].str()), intact, 5e-6 * intact);  // 6 significant digits
  EXPECT_NEAR(std::stod(m[3].str()), intact / initial, 5e-6 * intact / initial);
  EXPECT_NEAR(std::stod(m[4].str()), initial, 5e-6 * initial);
  EXPECT_NE(text.find("last step: max fibre damage "), std::string::npos) << text;
}

// A plain model (the cube): the same cell fields, zero scar fraction and damage, no interface.
TEST(TissueFieldsPlainModel, ZeroScarAndDamageAndNoInterface) {
  TempDir dir;
  auto def = load_cube();
  const fs::path file = dir.path() / "results.h5";
  Recorded rec;
  {
    io::ResultsWriter writer(file, def, cube_info());
    rec = run_cube(def, &writer);
    writer.close(true);
  }
  const H5 f = open_file(file);
  EXPECT_EQ(read<double>(f, "/mesh/scar_fraction").values, std::vector<double>(8, 0.0));
  const auto damage = read<double>(f, "/fields/fibre_damage");
  EXPECT_EQ(damage.dims, (std::vector<hsize_t>{kRows, 8}));
  EXPECT_EQ(damage.values, std::vector<double>(kRows * 8, 0.0));
  EXPECT_FALSE(exists(f, "/interface"));
  // Homogeneous F = diag(lambda, l, l) and a0 = (1, 1, 0)/sqrt 2: direction (lambda, l, 0)/norm.
  const auto direction = read<double>(f, "/fields/fibre_direction");
  ASSERT_EQ(direction.dims, (std::vector<hsize_t>{kRows, 8, 3}));
  const fem::MechanicsProblem problem(def.model);
  for (int s = 0; s < kRows; ++s) {
    const Mat3 F = problem.point_states(rec.u[s])[0].F;
    const Vec3 d = Vec3(F(0, 0), F(1, 1), 0).normalized();
    for (int c = 0; c < 8; ++c)
      for (int k = 0; k < 3; ++k) EXPECT_NEAR(direction.values[(s * 8 + c) * 3 + k], d(k), 1e-12);
    if (s == 0)
      EXPECT_EQ(d.x(), d.y());  // undeformed at t = 0: the reference direction
    else
      EXPECT_GT(d.x(), d.y());  // turned toward the pull
  }
  const auto a0 = read<double>(f, "/mesh/reference_fibre_direction").values;
  for (int c = 0; c < 8; ++c) {
    EXPECT_NEAR(a0[3 * c], std::sqrt(0.5), 1e-15);
    EXPECT_NEAR(a0[3 * c + 1], std::sqrt(0.5), 1e-15);
    EXPECT_EQ(a0[3 * c + 2], 0.0);
  }
  EXPECT_FALSE(fs::exists(dir.path() / "results_vtk" / "interface_000000.hdf"));
  EXPECT_FALSE(fs::exists(dir.path() / "results_vtk" / "interface.hdf.series"));
  const H5 view = open_file(dir.path() / "results_vtk" / "step_000002.hdf");
  EXPECT_EQ(read<double>(view, "/VTKHDF/CellData/scar_fraction [1]").values,
            std::vector<double>(8, 0.0));
}

}  // namespace
}  // namespace sinew::io_test
