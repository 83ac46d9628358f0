// A study arm whose sessions have no load case (rest) reports one step, the undeformed model at
// t = 0, so `sinew run` writes it a results series and ParaView views like any other arm: the
// mesh at its reference coordinates, zero displacement, the scar and the intact bonds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "study_support.hpp"
#include "unit/io/io_test_support.hpp"

namespace sinew::cli_test {
namespace {

namespace fs = std::filesystem;
using io_test::H5;
using io_test::open_file;
using io_test::read;

constexpr const char* kRestStudy = R"(# One arm that only rests (no load case).
model: small-model.yaml
arms:
  - name: rest
    sessions:
      - {intervention: rest, days: 2}
output:
  file: results.h5
)";

TEST(RestArm, HasAViewOfTheUndeformedModelWithItsScar) {
  TempDir dir;
  copy_study(dir, "small-study.yaml");  // and small-model.yaml beside it
  const auto r = run_sinew({"run", dir.write("rest-study.yaml", kRestStudy), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;

  // The arm's series: one row, t = 0, no solver effort.
  const H5 f = open_file(dir.file("results.h5"));
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(read<double>(f, "/arms/rest/time").values, std::vector<double>{0.0});
  EXPECT_EQ(read<std::int32_t>(f, "/arms/rest/steps/newton_iterations").values,
            std::vector<std::int32_t>{0});
  const auto u = read<double>(f, "/arms/rest/fields/displacement");
  ASSERT_EQ(u.dims.size(), 3u);
  EXPECT_EQ(u.dims[0], 1u);

  // ParaView's index lists that one view at t = 0.
  const fs::path folder = fs::path(dir.file("results_vtk")) / "rest";
  const std::string series = read_text(folder / "steps.hdf.series");
  EXPECT_NE(series.find(R"({"name": "step_000000.hdf", "time": 0})"), std::string::npos) << series;
  EXPECT_FALSE(fs::exists(folder / "step_000001.hdf"));

  // The view: the reference coordinates, zero displacement, the scar of the model.
  const H5 view = open_file(folder / "step_000000.hdf");
  ASSERT_TRUE(view.valid());
  const auto points = read<double>(view, "/VTKHDF/Points");
  EXPECT_EQ(points.values, read<double>(f, "/arms/rest/mesh/points").values);
  EXPECT_GT(points.values.size(), 300u);  // the small tendon in its sheath
  const auto shown = read<double>(view, "/VTKHDF/PointData/displacement [mm]");
  ASSERT_EQ(shown.values.size(), points.values.size());
  EXPECT_TRUE(std::all_of(shown.values.begin(), shown.values.end(),
                          [](double v) { return v == 0.0; }));
  const auto scar = read<double>(view, "/VTKHDF/CellData/scar_fraction [1]");
  EXPECT_EQ(scar.values, read<double>(f, "/arms/rest/mesh/scar_fraction").values);
  ASSERT_FALSE(scar.values.empty());
  EXPECT_GT(*std::max_element(scar.values.begin(), scar.values.end()), 0.5);  // the scar core
  EXPECT_EQ(*std::min_element(scar.values.begin(), scar.values.end()), 0.0);  // healthy tissue
  const auto damage = read<double>(view, "/VTKHDF/CellData/fibre_damage [1]");
  EXPECT_TRUE(std::all_of(damage.values.begin(), damage.values.end(),
                          [](double v) { return v == 0.0; }));
  EXPECT_EQ(read<double>(view, "/VTKHDF/FieldData/TimeValue").values, std::vector<double>{0.0});

  // The interface view: every bond intact (adhesion = adhesion density) at t = 0.
  const H5 iview = open_file(folder / "interface_000000.hdf");
  ASSERT_TRUE(iview.valid());
  const auto adhesion = read<double>(iview, "/VTKHDF/CellData/adhesion [1]").values;
  const auto density = read<double>(iview, "/VTKHDF/CellData/adhesion_density [1]").values;
  ASSERT_EQ(adhesion.size(), density.size());
  ASSERT_FALSE(adhesion.empty());
  for (size_t k = 0; k < adhesion.size(); ++k) EXPECT_NEAR(adhesion[k], density[k], 1e-15);
  EXPECT_GT(*std::max_element(density.begin(), density.end()), 0.0);  // the scar adheres
}

}  // namespace
}  // namespace sinew::cli_test
