// CSV writers for `sinew solve`.
#include "csv_output.hpp"

#include <fstream>
#include <iomanip>
#include <stdexcept>

namespace sinew::tools {

void write_displacements_csv(const std::string& path, const mesh::Mesh& mesh, const VecX& u) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << std::setprecision(15) << "node,x,y,z,ux,uy,uz\n";
  for (Index n = 0; n < mesh.n_nodes(); ++n) {
    const Vec3& X = mesh.points[n];
    out << n << ',' << X.x() << ',' << X.y() << ',' << X.z() << ',' << u[3 * n] << ','
        << u[3 * n + 1] << ',' << u[3 * n + 2] << '\n';
  }
}

void write_reactions_csv(const std::string& path, const simulation::RunResult& result,
                         const std::vector<std::string>& sets) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << std::setprecision(15) << "step,time,newton_iterations";
  for (const auto& s : sets) out << ',' << s << "_Rx," << s << "_Ry," << s << "_Rz";
  out << '\n';
  for (const auto& o : result.outputs) {
    out << o.step << ',' << o.record.t << ',' << o.record.newton_iterations;
    for (const auto& s : sets) {
      const Vec3& R = o.reactions.at(s);
      out << ',' << R.x() << ',' << R.y() << ',' << R.z();
    }
    out << '\n';
  }
}

}  // namespace sinew::tools
