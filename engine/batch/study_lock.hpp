// One writer per study output: an advisory lock (flock) on "<results>.lock" beside the results
// file. `sinew run` and `sinew merge` hold it exclusively; a shard (`--shard i/N`) holds it shared,
// so the shards of one run do not block each other but do block a whole run or a merge, and
// holds "<results>.shard-i-of-N.lock" exclusively against a second copy of itself. An exclusive
// holder writes its host, pid, start time and command line into its lock file and removes the
// file when done. The kernel drops a flock when its holder dies, so a killed run leaves no lock
// behind, only a file with stale holder details that the next holder overwrites.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sinew::batch {

/// Who holds (or held) a lock: written into the lock file by its holder.
struct LockHolder {
  std::string host, pid, since, command_line;
  std::string lock_file;
  /// "pid 123 on host h since 2026-01-01T00:00:00Z (sinew run s.yaml)".
  std::string describe() const;
};

class StudyLock {
 public:
  StudyLock() = default;
  ~StudyLock();
  StudyLock(StudyLock&& other) noexcept;
  StudyLock& operator=(StudyLock&& other) noexcept;
  StudyLock(const StudyLock&) = delete;
  StudyLock& operator=(const StudyLock&) = delete;

  /// Takes the lock of the whole study whose results file is `results` (run, merge), or, with
  /// shard_count > 1, the lock of shard `shard_index`. Never waits: when another process holds
  /// a lock in the way, returns its holders (at least one) and takes nothing. Throws
  /// std::runtime_error when a lock file cannot be created.
  static StudyLock acquire(const std::filesystem::path& results, const std::string& command_line,
                           int shard_index = 0, int shard_count = 1);

  bool held() const { return !fds_.empty(); }
  const std::vector<LockHolder>& holders() const { return holders_; }

  static std::filesystem::path study_lock_path(const std::filesystem::path& results);
  static std::filesystem::path shard_lock_path(const std::filesystem::path& results, int index,
                                               int count);

 private:
  void release();
  std::vector<int> fds_;  // descriptors holding flocks (the study lock first)
  std::vector<std::filesystem::path> unlink_on_release_;  // the files held exclusively
  std::vector<LockHolder> holders_;                       // when not held: who is in the way
};

}  // namespace sinew::batch
