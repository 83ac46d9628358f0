// CSV writers for `sinew solve`. Each file is written whole to "<path>.part" and renamed into
// place, so a full disk or a read-only folder never leaves half a table (or a temporary file).
#include "csv_output.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "core/file_checks.hpp"

namespace sinew::tools {

namespace {

void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".part";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw WriteFailure(errno, path);
  int err = 0;
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) err = errno != 0 ? errno : EIO;
  if (std::fclose(f) != 0 && err == 0) err = errno != 0 ? errno : EIO;  // the buffered rest
  std::error_code ec;
  if (err != 0) {
    std::filesystem::remove(tmp, ec);
    throw WriteFailure(err, path);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw WriteFailure(ec.value(), path);
  }
}

}  // namespace

void write_displacements_csv(const std::string& path, const mesh::Mesh& mesh, const VecX& u) {
  std::ostringstream out;
  out << std::setprecision(15) << "node,x,y,z,ux,uy,uz\n";
  for (Index n = 0; n < mesh.n_nodes(); ++n) {
    const Vec3& X = mesh.points[n];
    out << n << ',' << X.x() << ',' << X.y() << ',' << X.z() << ',' << u[3 * n] << ','
        << u[3 * n + 1] << ',' << u[3 * n + 2] << '\n';
  }
  write_atomically(path, out.str());
}

void write_reactions_csv(const std::string& path, const simulation::RunResult& result,
                         const std::vector<std::string>& sets) {
  std::ostringstream out;
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
  write_atomically(path, out.str());
}

}  // namespace sinew::tools
