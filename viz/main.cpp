// sinew-viz: pictures, comparison charts and an index.html report of a Sinew study results
// file. This file only parses the command line; the work is in app.cpp.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
  sinew::viz::Options o;
  std::string session;
  CLI::App cli{
      "sinew-viz: render a Sinew study results file (pictures, charts, index.html).\n"
      "Needs an X display; without one run: xvfb-run -a sinew-viz results.h5"};
  cli.add_option("results", o.results, "study results file (.h5, schema 'sinew-study 1')")
      ->required();
  cli.add_option("--field", o.field,
                 "field to colour by: max_principal_green_lagrange_strain (default), "
                 "fibre_stretch, fibre_damage, scar_fraction, displacement (magnitude), "
                 "cauchy_stress (von Mises), adhesion, bond_damage, tangential_gap, slip, "
                 "normal_gap (interface surface)");
  cli.add_option("--arm", o.arms, "arm(s) to show (default: all)");
  auto* session_option =
      cli.add_option("--session", session,
                     "session name or 0-based index: show its last step (default: the last step)");
  cli.add_option("--output,-o", o.output,
                 "output folder (default: <stem>_report next to the file)");
  cli.add_option("--size", o.size, "picture size WIDTHxHEIGHT in pixels (default 1200x800)");
  cli.add_option("--view", o.view,
                 "camera: oblique (default; from -y/+z, slightly from +x), top (+z), front (-y), "
                 "side (+x)");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (session_option->count() > 0) o.session = session;
  return sinew::viz::run(o, std::cout, std::cerr);
}
