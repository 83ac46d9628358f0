// Part-file checks: a byte checksum first (it catches damage anywhere, also in raw data that
// HDF5 would read without complaint, and before HDF5 parses damaged metadata), then the
// structure resume and merge rely on.
#include "batch/part_check.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "io/study_summary.hpp"

namespace sinew::batch {

namespace fs = std::filesystem;

namespace {

// "<16 hex digits> <size>" of the file's bytes; "" when it cannot be read.
std::string file_checksum(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::uint64_t h = 14695981039346656037ULL, size = 0;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 1099511628211ULL;
    }
    size += n;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%016llx %llu", static_cast<unsigned long long>(h),
                static_cast<unsigned long long>(size));
  return text;
}

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

fs::path checksum_path(const fs::path& part) { return part.string() + ".fnv1a64"; }

void write_part_checksum(const fs::path& part) {
  const std::string sum = file_checksum(part);
  if (sum.empty()) return;
  const fs::path file = checksum_path(part), tmp = file.string() + ".tmp";
  std::ofstream(tmp) << sum << "\n";
  std::error_code ec;
  fs::rename(tmp, file, ec);
}

void remove_part_checksum(const fs::path& part) {
  std::error_code ec;
  fs::remove(checksum_path(part), ec);
}

// Files of older versions, or of a run killed between the file and its checksum, have none: the
// structure is checked alone.
std::string checksum_problem(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(checksum_path(file), ec)) return {};
  const std::string expected = first_line(checksum_path(file)), actual = file_checksum(file);
  if (expected == actual) return {};
  return "its bytes do not match the checksum written with it (" +
         checksum_path(file).filename().string() + ": " + expected +
         ", file: " + (actual.empty() ? "unreadable" : actual) + ")";
}

PartCheck check_part(const fs::path& part, const std::string& spec_hash) {
  PartCheck c;
  std::error_code ec;
  if (!fs::exists(part, ec)) return c;
  c.state = PartState::Damaged;
  c.problem = checksum_problem(part);
  if (!c.problem.empty()) return c;
  c.problem = io::part_problem(part);
  if (!c.problem.empty()) return c;
  const auto summary = io::read_part_summary(part);
  if (!summary) {
    c.problem = "its attributes cannot be read";
    return c;
  }
  c.state = summary->spec_hash == spec_hash ? PartState::Trusted : PartState::Outdated;
  c.status = summary->status;
  return c;
}

fs::path set_part_aside(const fs::path& part) {
  const fs::path aside = part.string() + ".corrupt";
  std::error_code ec;
  fs::rename(part, aside, ec);
  if (ec)
    throw std::runtime_error("cannot move the damaged part " + part.string() + " aside to " +
                             aside.string() + ": " + ec.message());
  remove_part_checksum(part);
  return aside;
}

}  // namespace sinew::batch
