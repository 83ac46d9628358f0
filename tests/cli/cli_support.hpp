// Runs the real `sinew` executable and captures its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sinew::cli_test {

inline std::string sinew_exe() { return std::string(SINEW_BINARY_DIR) + "/tools/sinew"; }

/// The folder of the bad model files.
inline std::string bad_dir() {
  return std::string(SINEW_SOURCE_DIR) + "/scenarios/verification/bad";
}
inline std::string bad_file(const std::string& name) { return bad_dir() + "/" + name; }

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A fresh temporary folder, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sinew_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;  ///< -1: did not exit normally (e.g. killed by a signal)
  std::string out;
  std::string err;

  /// The stderr lines that start with "error: ".
  std::vector<std::string> error_lines() const {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string l; std::getline(in, l);)
      if (l.rfind("error: ", 0) == 0) lines.push_back(l);
    return lines;
  }
};

inline std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `sinew <args...>` (each argument quoted) with stdout and stderr captured, after a shell
/// `prefix` when one is given (a time limit, a file size limit).
inline RunResult run_sinew(const std::vector<std::string>& args, const std::string& prefix = "") {
  TempDir tmp;
  const std::string out = tmp.file("stdout.txt"), err = tmp.file("stderr.txt");
  std::string cmd = prefix;
  if (!cmd.empty()) cmd.append(" ");
  cmd.append(quoted(sinew_exe()));
  // (appended piece by piece: GCC 12 warns, wrongly, about "literal" + std::string&&)
  for (const auto& a : args) cmd.append(" ").append(quoted(a));
  cmd.append(" >").append(quoted(out)).append(" 2>").append(quoted(err)).append(" </dev/null");
  const int status = std::system(cmd.c_str());
  RunResult r;
  if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

}  // namespace sinew::cli_test
