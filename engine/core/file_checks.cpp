// Input/output path checks and the wording of failed writes (core/file_checks.hpp).
#include "core/file_checks.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sinew {

namespace fs = std::filesystem;

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

fs::path folder_of(const fs::path& file) {
  return file.parent_path().empty() ? fs::path(".") : file.parent_path();
}

}  // namespace

std::string input_file_problem(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return "does not exist";
    return std::string("cannot be read: ") + std::strerror(err);
  }
  if (!S_ISREG(st.st_mode)) return kind_of(st.st_mode);
  if (::access(path.c_str(), R_OK) != 0) return "cannot be read: permission denied";
  return "";
}

std::string special_file_problem(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return "";
  return input_file_problem(path);
}

std::string output_path_problem(const fs::path& path, const std::vector<std::string>& extensions) {
  if (path.filename().empty() || path.filename() == "." || path.filename() == "..")
    return "names no file";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return kind_of(st.st_mode);
  const std::string ext = path.extension().string();
  if (!extensions.empty() &&
      std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
    std::string allowed;
    for (const auto& e : extensions) allowed += (allowed.empty() ? "" : ", ") + e;
    return (ext.empty() ? std::string("has no extension")
                        : "has the unknown extension '" + ext + "'") +
           " (allowed: " + allowed + ")";
  }
  const fs::path folder = folder_of(path);
  if (::stat(folder.c_str(), &st) != 0) return "folder " + folder.string() + " does not exist";
  if (!S_ISDIR(st.st_mode)) return folder.string() + " is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    if (errno == EROFS) return "folder " + folder.string() + " is read-only";
    return "folder " + folder.string() + " is not writable (" + std::strerror(errno) + ")";
  }
  return "";
}

bool is_write_refusal(int err) {
  return err == ENOSPC || err == EDQUOT || err == EFBIG || err == EROFS || err == EACCES ||
         err == EPERM;
}

std::string write_failure_message(int err, const fs::path& file) {
  switch (err) {
    case ENOSPC: return "no space left on device while writing " + file.string();
    case EDQUOT: return "disk quota exceeded while writing " + file.string();
    case EFBIG: return "file size limit exceeded while writing " + file.string();
    case EROFS:
      return folder_of(file).string() + " is read-only (cannot write " + file.string() + ")";
    case EACCES:
    case EPERM: return "permission denied: cannot write " + file.string();
    default: return "cannot write " + file.string() + ": " + std::strerror(err);
  }
}

}  // namespace sinew
