// Checks of the files a run reads and writes, made before any work: input files must be regular
// files (a FIFO would block the reader, a device never ends), output paths must name a file of a
// known kind in a writable folder; and the words for a failed write (a full disk, a read-only
// folder, a size limit) so every writer names the file and the reason the same way.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace sinew {

/// Why `path` cannot be read as an input file: "" when it is a regular file (or a link to one),
/// else e.g. "does not exist", "is a directory", "is a FIFO (named pipe), not a regular file".
/// Uses stat(), never open(): opening a FIFO blocks until a writer appears.
std::string input_file_problem(const std::filesystem::path& path);

/// As input_file_problem, but "" for a path that does not exist (the reader then says so in its
/// own words): refuses only what is there but is no regular file.
std::string special_file_problem(const std::filesystem::path& path);

/// Why `path` cannot be written as an output file: "" when it can (so far as can be told before
/// writing), else e.g. "is a directory", "has the unknown extension '.vtk' (allowed: .h5, .csv)",
/// "folder out does not exist", "folder out is read-only". `extensions` lists the allowed ones
/// with their dots (empty: any).
std::string output_path_problem(const std::filesystem::path& path,
                                const std::vector<std::string>& extensions);

/// The message of a failed write of `file` with the system error `err`: "no space left on device
/// while writing <file>", "<folder> is read-only", "file size limit exceeded while writing
/// <file>", else "cannot write <file>: <strerror>".
std::string write_failure_message(int err, const std::filesystem::path& file);

/// True for the system errors that say the output cannot be written however it is retried: a
/// full disk, a quota, a size limit, a read-only folder, no permission (write_failure_message
/// names them).
bool is_write_refusal(int err);

/// A write that failed for a system reason (errno `code`), already worded by
/// write_failure_message. Callers report it and exit with status 1 (the input was fine).
class WriteFailure : public std::runtime_error {
 public:
  WriteFailure(int code, const std::filesystem::path& file)
      : std::runtime_error(write_failure_message(code, file)), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

}  // namespace sinew
