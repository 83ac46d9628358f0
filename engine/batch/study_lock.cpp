// Study locks on flock(2): non-blocking, re-checked against the path after locking (a holder
// removes its file on release, and a lock on a removed file protects nothing).
#include "batch/study_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/results_writer.hpp"

namespace sinew::batch {

namespace fs = std::filesystem;

namespace {

std::string this_host() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

// The holder details of a lock file ("key=value" lines); empty fields when it has none.
LockHolder read_holder(const fs::path& file) {
  LockHolder h;
  h.lock_file = file.string();
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "host") h.host = value;
    if (key == "pid") h.pid = value;
    if (key == "since") h.since = value;
    if (key == "command") h.command_line = value;
  }
  return h;
}

void write_holder(int fd, const fs::path& file, const std::string& command_line) {
  std::string command = command_line;
  for (char& c : command)
    if (c == '\n') c = ' ';
  const std::string text = "host=" + this_host() + "\npid=" + std::to_string(getpid()) +
                           "\nsince=" + io::iso8601_utc_now() + "\ncommand=" + command + "\n";
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot write the lock file " + file.string() + ": " +
                             std::strerror(errno));
}

// Locks `file` (LOCK_EX or LOCK_SH) without waiting: the descriptor, or -1 when another process
// holds a conflicting lock.
int try_lock(const fs::path& file, int operation) {
  for (;;) {
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      throw std::runtime_error("cannot create the lock file " + file.string() + ": " +
                               std::strerror(errno));
    if (flock(fd, operation | LOCK_NB) != 0) {
      const int err = errno;
      close(fd);
      if (err == EWOULDBLOCK) return -1;
      if (err == EINTR) continue;
      throw std::runtime_error("cannot lock " + file.string() + ": " + std::strerror(err));
    }
    // The holder before us may have removed the file between our open and our flock.
    struct stat held {
    }, now{};
    if (fstat(fd, &held) == 0 && stat(file.c_str(), &now) == 0 && held.st_ino == now.st_ino &&
        held.st_dev == now.st_dev)
      return fd;
    close(fd);
  }
}

// Whether some process holds a lock on `file` (tested with a shared lock of our own).
bool is_locked(const fs::path& file) {
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool locked = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return locked;
}

// Who is in the way of the study lock: the shards holding it shared (each named in its own
// shard lock file), else the exclusive holder named in the file itself.
std::vector<LockHolder> study_lock_holders(const fs::path& results) {
  std::vector<LockHolder> shards;
  const std::string prefix = results.filename().string() + ".shard-";
  std::error_code ec;
  const fs::path folder = results.parent_path().empty() ? fs::path(".") : results.parent_path();
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".lock" && is_locked(e.path()))
      shards.push_back(read_holder(e.path()));
  }
  if (!shards.empty()) return shards;
  return {read_holder(StudyLock::study_lock_path(results))};
}

}  // namespace

std::string LockHolder::describe() const {
  if (pid.empty()) return "a process that has not yet said who it is (lock file " + lock_file + ")";
  return "pid " + pid + " on host " + host + " since " + since + " (" + command_line +
         "; lock file " + lock_file + ")";
}

fs::path StudyLock::study_lock_path(const fs::path& results) { return results.string() + ".lock"; }

fs::path StudyLock::shard_lock_path(const fs::path& results, int index, int count) {
  return results.string() + ".shard-" + std::to_string(index) + "-of-" + std::to_string(count) +
         ".lock";
}

StudyLock StudyLock::acquire(const fs::path& results, const std::string& command_line,
                             int shard_index, int shard_count) {
  if (!results.parent_path().empty()) fs::create_directories(results.parent_path());
  StudyLock lock;
  if (shard_count > 1) {
    const fs::path own = shard_lock_path(results, shard_index, shard_count);
    const int fd = try_lock(own, LOCK_EX);
    if (fd < 0) {
      lock.holders_ = {read_holder(own)};
      return lock;
    }
    lock.fds_.push_back(fd);
    lock.unlink_on_release_.push_back(own);
    write_holder(fd, own, command_line);
  }
  const fs::path study = study_lock_path(results);
  const int fd = try_lock(study, shard_count > 1 ? LOCK_SH : LOCK_EX);
  if (fd < 0) {
    lock.release();
    lock.holders_ = study_lock_holders(results);
    return lock;
  }
  lock.fds_.push_back(fd);
  if (shard_count == 1) {
    lock.unlink_on_release_.push_back(study);
    write_holder(fd, study, command_line);
  }
  return lock;
}

void StudyLock::release() {
  // Removed while still locked, so no process can lock the old file and believe it holds it.
  std::error_code ec;
  for (const auto& file : unlink_on_release_) fs::remove(file, ec);
  for (int fd : fds_) close(fd);
  fds_.clear();
  unlink_on_release_.clear();
}

StudyLock::~StudyLock() { release(); }

StudyLock::StudyLock(StudyLock&& other) noexcept { *this = std::move(other); }

StudyLock& StudyLock::operator=(StudyLock&& other) noexcept {
  if (this != &other) {
    release();
    fds_ = std::move(other.fds_);
    unlink_on_release_ = std::move(other.unlink_on_release_);
    holders_ = std::move(other.holders_);
    other.fds_.clear();
    other.unlink_on_release_.clear();
  }
  return *this;
}

}  // namespace sinew::batch
