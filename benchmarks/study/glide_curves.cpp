// Gliding force-excursion curves of a tissue model: runs the model's steps and prints, as CSV on
// stdout, the gliding probe's force at every increment for the initial state and for the state
// after the last step (`state,excursion_mm,force_N`), followed by one `#` line per probe with
// its bonded area at the start and the bond energy it dissipated. The probe is the one the
// metrics use (engine/tissue/gliding_probe.hpp, docs/metrics.md "Gliding probe"), on a copy of
// the run's history, so `sinew solve` prints the same gliding_resistance for both states; this
// program only exposes the whole curve behind that number. Driven by
// benchmarks/study/glide_curves.py.
//
// Usage: sinew_glide_curves MODEL.yaml [-v]   (-v: every probe increment's Newton log on stderr)
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "core/log.hpp"
#include "materials/register.hpp"
#include "model/model_definition.hpp"
#include "simulation/run_model.hpp"
#include "solver/linear/linear_solver.hpp"
#include "tissue/gliding_probe.hpp"

namespace {

using sinew::Real;

void print_curve(const std::string& state, const sinew::tissue::GlidingCurve& curve) {
  std::printf("%s,0,0\n", state.c_str());
  for (const auto& [e, force] : curve.points)
    std::printf("%s,%.6g,%.6g\n", state.c_str(), e, force);
  std::printf("# %s: bonded area at start %.6g mm^2, bond dissipation %.6g mJ\n", state.c_str(),
              curve.bonded_area, curve.bond_dissipation);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const bool verbose = argc == 3 && std::string(argv[2]) == "-v";
  if (argc != 2 && !verbose) {
    std::cerr << "usage: sinew_glide_curves MODEL.yaml [-v]\n";
    return 2;
  }
  try {
    sinew::materials::MaterialRegistry materials;
    sinew::materials::register_materials(materials);
    sinew::solver::LinearSolverRegistry linear;
    sinew::solver::register_linear_solvers(linear);
    auto def = sinew::model::load_model_file(argv[1], materials);
    def.tissue.enabled = false;  // the metrics' own probes are not needed here
    const auto start = std::chrono::steady_clock::now();
    const sinew::LogSink log(
        [&](sinew::LogLevel level, const std::string& m) {
          const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
          if (level == sinew::LogLevel::Warning)
            std::cerr << "warning: " << m << "\n";
          else if (verbose)
            std::cerr << "[" << wall.count() << " s] " << m << "\n";
        },
        sinew::LogLevel::Info);
    Real end = 0.0;
    for (const auto& step : def.steps) end += step.duration;
    std::printf("state,excursion_mm,force_N\n");
    const auto on_output = [&](const sinew::simulation::StepOutput& out, const sinew::VecX&) {
      const bool initial = out.step == "initial";
      if (!initial && (def.steps.empty() || out.record.t < end - 1e-9)) return;
      const std::string state = initial ? "initial" : "after " + out.step;
      print_curve(state, sinew::tissue::run_gliding_probe(*out.problem, def.tissue, def.newton,
                                                          linear, log));
    };
    const auto result = sinew::simulation::run_model(def, linear, log, on_output);
    if (!result.completed) {
      std::cerr << "error: " << result.failure << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
