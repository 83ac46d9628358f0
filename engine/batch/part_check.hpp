// Whether an arm's part file can be trusted by resume and merge. A part is trusted when its
// checksum file (written by the runner after the arm finished) matches it, it opens as HDF5,
// has `spec_hash` and `arm_status` and a complete metrics table, and its `spec_hash` is the
// arm's. A damaged part (truncated, bit rot, foreign file) is set aside as "<part>.corrupt".
#pragma once

#include <filesystem>
#include <string>

namespace sinew::batch {

enum class PartState {
  Missing,   ///< no part file
  Trusted,   ///< whole and of this specification
  Outdated,  ///< whole, but of another specification of the arm (rerun replaces it)
  Damaged,   ///< not a readable part file, or not the bytes the runner wrote
};

struct PartCheck {
  PartState state = PartState::Missing;
  std::string status;   ///< Trusted: the part's `status` ("completed" or "failed")
  std::string problem;  ///< Damaged: why
};

PartCheck check_part(const std::filesystem::path& part, const std::string& spec_hash);

/// "<part>.fnv1a64": FNV-1a 64 and size of the part's bytes, written once the arm finished.
std::filesystem::path checksum_path(const std::filesystem::path& part);
void write_part_checksum(const std::filesystem::path& part);
void remove_part_checksum(const std::filesystem::path& part);
/// Why `file` does not match its "<file>.fnv1a64" checksum; "" when it does or has none. The
/// study results file has one too (written by the merge): HDF5 1.10 can crash on damaged
/// metadata, so a file whose bytes changed is never parsed.
std::string checksum_problem(const std::filesystem::path& file);

/// Renames a damaged part to "<part>.corrupt" (replacing an older one) and drops its checksum;
/// returns the new name.
std::filesystem::path set_part_aside(const std::filesystem::path& part);

}  // namespace sinew::batch
