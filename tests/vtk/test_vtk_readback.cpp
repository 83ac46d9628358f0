// VTK 9.1 reads the study views: a small study of two cube arms (different loads and step
// counts) is merged with merge_study, then every step of every arm is read with vtkHDFReader and
// compared with what the engine computed, and each arm's ParaView index (steps.hdf.series) is
// parsed for its files and times. A test executable of its own: VTK is never linked into the
// engine or `sinew`.
#include <gtest/gtest.h>
#include <unistd.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkHDFReader.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkUnstructuredGrid.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "fem/cell_fields.hpp"
#include "io/study_file.hpp"
#include "simulation/output_table.hpp"
#include "unit/io/io_test_support.hpp"

namespace sinew::io_test {
namespace {

constexpr double kTol = 1e-12;

// One arm: its model, part file and what the engine reported.
struct Arm {
  std::string name;
  std::unique_ptr<model::ModelDefinition> def;
  Recorded rec;
};

// A two-arm study written and merged (with views) in a temporary folder.
struct SmallStudy {
  TempDir dir;
  std::vector<std::unique_ptr<Arm>> arms;
  fs::path file;

  SmallStudy() : file(dir.path() / "study" / "study.h5") {
    fs::create_directories(dir.path() / "parts");
    fs::create_directories(file.parent_path());
    std::vector<fs::path> parts;
    std::vector<simulation::ViewField> views;
    const std::vector<std::tuple<std::string, double, int>> specs{{"stiff", 0.2, 3},
                                                                  {"soft-pull", 0.1, 2}};
    for (const auto& [name, pull, increments] : specs) {
      auto arm = std::make_unique<Arm>();
      arm->name = name;
      const std::string text = cube_model_text(pull, increments);
      arm->def = std::make_unique<model::ModelDefinition>(
          model::load_model_text(text, "cube.yaml", material_registry()));
      parts.push_back(dir.path() / "parts" / (name + ".h5"));
      arm->rec = write_arm_part(parts.back(), *arm->def, text, name);
      simulation::add_view_fields(views,
                                  simulation::view_fields(simulation::OutputTable(*arm->def)));
      arms.push_back(std::move(arm));
    }
    io::StudyInfo info;
    info.scenario_file = "study.yaml";
    io::merge_study(parts, file, info, views);
  }
  fs::path folder(const Arm& arm) const { return file.parent_path() / "study_vtk" / arm.name; }
};

std::string step_file(size_t s) {
  char name[32];
  std::snprintf(name, sizeof name, "step_%06zu.hdf", s);
  return name;
}

vtkUnstructuredGrid* read_grid(vtkHDFReader* reader, const fs::path& file) {
  reader->SetFileName(file.c_str());
  reader->Update();
  return vtkUnstructuredGrid::SafeDownCast(reader->GetOutputDataObject(0));
}

// Every value of `array` (tuples x components, component fastest) within kTol of `expected`.
void expect_array(vtkDataArray* array, const std::vector<double>& expected, int components,
                  const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_NE(array, nullptr);
  ASSERT_EQ(array->GetNumberOfComponents(), components);
  ASSERT_EQ(static_cast<size_t>(array->GetNumberOfTuples() * components), expected.size());
  double worst = 0;
  for (vtkIdType t = 0; t < array->GetNumberOfTuples(); ++t)
    for (int k = 0; k < components; ++k)
      worst = std::max(worst, std::abs(array->GetComponent(t, k) -
                                       expected[static_cast<size_t>(t * components + k)]));
  EXPECT_LE(worst, kTol);
}

double max_ux(const VecX& u) {
  double m = 0;
  for (Index n = 0; n < u.size() / 3; ++n) m = std::max(m, u[3 * n]);
  return m;
}

// Changes the working directory for its lifetime.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& dir) : previous_(fs::current_path()) {
    fs::current_path(dir);
  }
  ~WorkingDirectory() { fs::current_path(previous_); }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path previous_;
};

std::set<std::string> array_names(vtkFieldData* data) {
  std::set<std::string> names;
  for (int i = 0; i < data->GetNumberOfArrays(); ++i) names.insert(data->GetArrayName(i));
  return names;
}

TEST(VtkReadback, EveryStepOfEveryArmEqualsTheEnginesValues) {
  const SmallStudy study;
  const H5 f = open_file(study.file);
  ASSERT_TRUE(f.valid());
  vtkNew<vtkHDFReader> reader;
  int steps_read = 0;
  for (const auto& arm : study.arms) {
    SCOPED_TRACE(arm->name);
    const auto& mesh = arm->def->model.mesh;
    const std::string group = "/arms/" + arm->name;
    fem::MechanicsProblem problem(arm->def->model);
    std::vector<double> points;
    for (const auto& p : mesh.points) points.insert(points.end(), {p.x(), p.y(), p.z()});
    const std::vector<std::string> cell_fields{"cauchy_stress",
                                               "max_principal_green_lagrange_strain",
                                               "fibre_stretch", "fibre_direction", "fibre_damage"};
    for (size_t s = 0; s < arm->rec.u.size(); ++s) {
      SCOPED_TRACE("step " + std::to_string(s));
      vtkUnstructuredGrid* grid = read_grid(reader, study.folder(*arm) / step_file(s));
      ASSERT_NE(grid, nullptr);
      ++steps_read;
      ASSERT_EQ(grid->GetNumberOfPoints(), mesh.n_nodes());
      ASSERT_EQ(grid->GetNumberOfCells(), mesh.n_cells());
      for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c)
        EXPECT_EQ(grid->GetCellType(c), static_cast<int>(mesh.types[c]));
      expect_array(grid->GetPoints()->GetData(), points, 3, "points");

      // The displacement the run reported, and the cell averages the engine computes from it.
      const VecX& u = arm->rec.u[s];
      expect_array(grid->GetPointData()->GetArray("displacement [mm]"),
                   std::vector<double>(u.data(), u.data() + u.size()), 3, "displacement");
      if (s == 0)  // the undeformed state at t = 0
        EXPECT_EQ(u.norm(), 0.0);
      else
        EXPECT_GT(u.norm(), 0.0);
      const fem::CellFields engine = fem::cell_averages(arm->def->model, problem.point_states(u));
      vtkCellData* cd = grid->GetCellData();
      expect_array(cd->GetArray("cauchy_stress [MPa]"), engine.cauchy_stress, 6, "engine stress");
      expect_array(cd->GetArray("max_principal_green_lagrange_strain [1]"),
                   engine.max_principal_green_lagrange_strain, 1, "engine strain");
      expect_array(cd->GetArray("fibre_stretch [1]"), engine.fibre_stretch, 1, "engine stretch");
      expect_array(cd->GetArray("fibre_direction [1]"), engine.fibre_direction, 3, "engine fibre");
      // Every cell array also equals the study file's row s.
      for (const auto& name : cell_fields) {
        const auto source = read<double>(f, group + "/fields/" + name);
        const std::string shown = name + (name == "cauchy_stress" ? " [MPa]" : " [1]");
        expect_array(cd->GetArray(shown.c_str()), row(source, s),
                     source.dims.size() == 3 ? static_cast<int>(source.dims[2]) : 1, name);
      }
      expect_array(cd->GetArray("scar_fraction [1]"),
                   read<double>(f, group + "/mesh/scar_fraction").values, 1, "scar_fraction");
      EXPECT_EQ(array_names(cd), (std::set<std::string>{"cauchy_stress [MPa]",
                                                        "max_principal_green_lagrange_strain [1]",
                                                        "fibre_stretch [1]", "fibre_direction [1]",
                                                        "fibre_damage [1]", "scar_fraction [1]"}));
      EXPECT_EQ(array_names(grid->GetPointData()), std::set<std::string>{"displacement [mm]"});

      vtkDataArray* t = grid->GetFieldData()->GetArray("TimeValue");
      ASSERT_NE(t, nullptr);
      EXPECT_EQ(t->GetComponent(0, 0), arm->rec.outputs[s].record.t);
    }
  }
  EXPECT_EQ(steps_read, 4 + 3);  // each arm's load steps and its t = 0 row
  // The arms differ: the last steps' largest u_x are the two pulls.
  EXPECT_NEAR(max_ux(study.arms[0]->rec.u.back()), 0.2, kTol);
  EXPECT_NEAR(max_ux(study.arms[1]->rec.u.back()), 0.1, kTol);
}

// Every point and cell array VTK reads is named "<field> [<unit>]" (docs/paraview.md): the unit is
// the results file's `units` attribute of the dataset the array shows ('/' written " per "), so
// ParaView's array lists and colour-bar titles show it. Each view field of the output table is
// found once, in the solid views and in the interface views.
TEST(VtkReadback, EveryArrayNameCarriesItsFieldsUnit) {
  const SmallStudy study;
  const H5 f = open_file(study.file);
  vtkNew<vtkHDFReader> reader;
  const auto& arm = *study.arms.front();
  const std::regex shown(R"((\w+) \[([^\]]+)\])");
  std::map<std::string, std::string> found;  // field -> unit as read by VTK
  for (const char* prefix : {"step", "interface"}) {
    const fs::path file = study.folder(arm) / (std::string(prefix) + step_file(1).substr(4));
    if (!fs::exists(file)) continue;
    vtkUnstructuredGrid* grid = read_grid(reader, file);
    ASSERT_NE(grid, nullptr);
    for (vtkFieldData* data : {static_cast<vtkFieldData*>(grid->GetPointData()),
                               static_cast<vtkFieldData*>(grid->GetCellData())})
      for (const auto& name : array_names(data)) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(name, m, shown)) << name;
        const std::string field = prefix + std::string(":") + m[1].str();
        EXPECT_TRUE(found.emplace(field, m[2].str()).second) << field;
      }
  }
  const auto table = simulation::view_fields(simulation::OutputTable(*arm.def));
  ASSERT_EQ(found.size(), table.size());
  for (const auto& field : table) {
    SCOPED_TRACE(field.name);
    const std::string key = (field.interface ? "interface:" : "step:") + field.name;
    ASSERT_EQ(found.count(key), 1u);
    std::string units = string_attr(f, "/arms/" + arm.name + field.path, "units");
    for (size_t at; (at = units.find('/')) != std::string::npos;) units.replace(at, 1, " per ");
    EXPECT_EQ(found.at(key), units);
  }
  EXPECT_EQ(found.at("step:displacement"), "mm");
  EXPECT_EQ(found.at("step:cauchy_stress"), "MPa");
  EXPECT_EQ(found.at("step:fibre_stretch"), "1");
}

TEST(VtkReadback, SeriesIndexListsEachArmsFilesWithTheirTimes) {
  const SmallStudy study;
  const H5 f = open_file(study.file);
  for (const auto& arm : study.arms) {
    SCOPED_TRACE(arm->name);
    const fs::path folder = study.folder(*arm);
    const auto index = nlohmann::json::parse(read_text(folder / "steps.hdf.series"));
    EXPECT_EQ(index.at("file-series-version"), "1.0");
    const auto& files = index.at("files");
    const auto times = read<double>(f, "/arms/" + arm->name + "/time").values;
    ASSERT_EQ(files.size(), arm->rec.outputs.size());
    ASSERT_EQ(times.size(), files.size());
    for (size_t s = 0; s < files.size(); ++s) {
      const std::string name = files[s].at("name");
      EXPECT_EQ(name, step_file(s));
      EXPECT_TRUE(fs::is_regular_file(folder / name)) << name;
      EXPECT_EQ(files[s].at("time").get<double>(), times[s]);
      EXPECT_EQ(times[s], arm->rec.outputs[s].record.t);
    }
    EXPECT_FALSE(fs::exists(folder / step_file(files.size())));
  }
}

// The views name the study file relative to themselves: moved elsewhere and read from another
// working directory, VTK still finds the data.
TEST(VtkReadback, MovedStudyFolderReadsFromAnotherWorkingDirectory) {
  const SmallStudy study;
  const fs::path moved = study.dir.path() / "archive" / "moved";
  fs::create_directories(moved.parent_path());
  fs::rename(study.file.parent_path(), moved);
  const WorkingDirectory elsewhere("/");
  vtkNew<vtkHDFReader> reader;
  for (const auto& arm : study.arms) {
    const size_t s = arm->rec.u.size() - 1;
    vtkUnstructuredGrid* grid = read_grid(reader, moved / "study_vtk" / arm->name / step_file(s));
    ASSERT_NE(grid, nullptr);
    EXPECT_EQ(grid->GetNumberOfPoints(), 27);
    const VecX& u = arm->rec.u[s];
    expect_array(grid->GetPointData()->GetArray("displacement [mm]"),
                 std::vector<double>(u.data(), u.data() + u.size()), 3, arm->name);
  }
}

}  // namespace
}  // namespace sinew::io_test
