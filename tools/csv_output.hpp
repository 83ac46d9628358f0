// CSV output of a model run: node displacements and per-step reaction sums.
#pragma once

#include <string>

#include "simulation/run_model.hpp"

namespace sinew::tools {

/// node,x,y,z,ux,uy,uz (mm) for every node.
void write_displacements_csv(const std::string& path, const mesh::Mesh& mesh, const VecX& u);

/// step,time,newton_iterations,<set>_Rx,<set>_Ry,<set>_Rz... (s, -, N).
void write_reactions_csv(const std::string& path, const simulation::RunResult& result,
                         const std::vector<std::string>& sets);

}  // namespace sinew::tools
