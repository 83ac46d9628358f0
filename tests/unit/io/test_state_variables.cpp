// Adding a state variable touches one file: this one. A test-only law (neo-Hookean plus a
// counter of commits, declared as a state variable at slot 2 with initial value 10) is
// registered in a local registry and run on the io test cube. The counter is committed by the
// finite-element problem at every converged increment, copied by state()/set_state() (what
// probes use), listed in the output-field table with its units, and written by the results
// writer to /state/commits and the step views, without any other file naming it.
#include <gtest/gtest.h>

#include <algorithm>

#include "io_test_support.hpp"
#include "materials/neo_hookean.hpp"
#include "simulation/output_table.hpp"

namespace sinew::io_test {
namespace {

constexpr int kSlot = 2;         // not 0, so the law's own offset is what is honoured
constexpr Real kInitial = 10.0;  // not 0, so initialisation is visible

class CountingLaw final : public materials::Material {
 public:
  static constexpr const char* kName = "counting-neo-hookean";
  explicit CountingLaw(const ParameterSet& values) : inner_(values) {}

  std::string name() const override { return kName; }
  bool is_uncoupled() const override { return inner_.is_uncoupled(); }
  Real energy(const Mat3& C, const materials::PointFields& p) const override {
    return inner_.energy(C, p);
  }
  materials::StressTangent stress_tangent(const Mat3& C,
                                          const materials::PointFields& p) const override {
    return inner_.stress_tangent(C, p);
  }
  Real bulk_modulus() const override { return inner_.bulk_modulus(); }
  Real shear_modulus() const override { return inner_.shear_modulus(); }

  std::vector<materials::StateVariable> state_variables() const override {
    return {{.name = "commits",
             .offset = kSlot,
             .components = 1,
             .units = "1",
             .description = "converged increments committed at the point",
             .initial = kInitial}};
  }
  void update_state(const Mat3&, materials::PointFields& p) const override {
    p.state[kSlot] += 1.0;
  }

 private:
  materials::NeoHookean inner_;
};

const materials::MaterialRegistry& counting_registry() {
  static const materials::MaterialRegistry r = [] {
    materials::MaterialRegistry m;
    materials::register_materials(m);
    m.add(
        CountingLaw::kName,
        [](const ParameterSet& v) -> std::unique_ptr<materials::Material> {
          return std::make_unique<CountingLaw>(v);
        },
        "neo-Hookean with a commit counter (test only)", materials::NeoHookean::parameter_specs());
    return m;
  }();
  return r;
}

model::ModelDefinition load_counting_cube() {
  std::string text = kCubeModel;
  const std::string from = "type: neo-hookean";
  text.replace(text.find(from), from.size(), std::string("type: ") + CountingLaw::kName);
  return model::load_model_text(text, "cube.yaml", counting_registry());
}

std::vector<Real> commits_of(const fem::MechanicsProblem& p) {
  return p.state_variable("commits").values;
}

TEST(StateVariables, TableListsTheDeclaredVariableWithItsUnits) {
  const auto def = load_counting_cube();
  const simulation::OutputTable table(def);
  const auto& fields = table.fields();
  const auto it =
      std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.name == "commits"; });
  ASSERT_NE(it, fields.end());
  EXPECT_EQ(it->kind, fem::FieldKind::State);
  EXPECT_EQ(it->association, fem::Association::Cell);
  EXPECT_EQ(it->components, 1);
  EXPECT_EQ(it->units, "1");
  EXPECT_NE(it->description.find("converged increments committed"), std::string::npos);
  EXPECT_EQ(simulation::field_path(*it), "/state/commits");
  // The plain neo-Hookean cube declares no state: its table has no such field.
  const auto plain = load_cube();
  const simulation::OutputTable plain_table(plain);
  for (const auto& f : plain_table.fields()) EXPECT_NE(f.kind, fem::FieldKind::State) << f.name;
}

TEST(StateVariables, CommittedAndCopiedByStateAndSetState) {
  const auto def = load_counting_cube();
  fem::MechanicsProblem problem(def.model);
  const auto n = def.model.point_fields.size();
  EXPECT_EQ(commits_of(problem), std::vector<Real>(n, kInitial));
  const VecX u = VecX::Zero(problem.n_dofs());
  problem.commit(u, 0.1);
  EXPECT_EQ(commits_of(problem), std::vector<Real>(n, kInitial + 1));
  const fem::ProblemState saved = problem.state();
  problem.commit(u, 0.2);
  problem.commit(u, 0.3);
  EXPECT_EQ(commits_of(problem), std::vector<Real>(n, kInitial + 3));
  problem.set_state(saved);  // what a probe does after running on the history
  EXPECT_EQ(commits_of(problem), std::vector<Real>(n, kInitial + 1));
  // Other slots are untouched by the commits.
  for (const auto& f : problem.fields()) EXPECT_EQ(f.state[0], 0.0);
}

TEST(StateVariables, ResultsWriterWritesTheCommittedValues) {
  TempDir dir;
  auto def = load_counting_cube();
  const fs::path file = dir.path() / "cube.h5";
  std::vector<std::vector<Real>> seen;  // the run's problem at each reported step
  {
    io::ResultsWriter writer(file, def, cube_info());
    const auto result =
        simulation::run_model(def, linear_registry(), {},
                              [&](const simulation::StepOutput& out, const VecX& u) {
                                writer.write_step(out, u);
                                seen.push_back(commits_of(*out.problem));
                              });
    ASSERT_TRUE(result.completed) << result.failure;
    writer.close(true);
  }
  ASSERT_EQ(seen.size(), static_cast<size_t>(kRows));
  const H5 f = open_file(file);
  const auto stored = read<double>(f, "/state/commits");
  const auto M = static_cast<hsize_t>(def.model.mesh.n_cells());
  ASSERT_EQ(stored.dims, (std::vector<hsize_t>{static_cast<hsize_t>(kRows), M}));
  EXPECT_EQ(string_attr(f, "/state/commits", "units"), "1");
  EXPECT_EQ(string_attr(f, "/state/commits", "association"), "cell");
  EXPECT_EQ(string_attr(f, "/state/commits", "description")
                .rfind("converged increments committed at the point", 0),
            0u);
  for (int s = 0; s < kRows; ++s) {
    // Row 0, the undeformed state at t = 0, holds the initial value; then one converged
    // increment per reported step (no cut-backs on the cube), committed before the step is
    // reported.
    EXPECT_EQ(seen[static_cast<size_t>(s)],
              std::vector<Real>(def.model.point_fields.size(), kInitial + s));
    for (hsize_t c = 0; c < M; ++c)
      EXPECT_EQ(stored.values[static_cast<size_t>(s) * M + c], kInitial + s);
  }
  // The step views show it too.
  const H5 view = open_file(dir.path() / "cube_vtk" / "step_000002.hdf");
  ASSERT_TRUE(view.valid());
  EXPECT_GT(H5Lexists(view, "/VTKHDF/CellData/commits [1]", H5P_DEFAULT), 0);
}

}  // namespace
}  // namespace sinew::io_test
