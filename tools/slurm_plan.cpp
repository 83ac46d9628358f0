// Arm balancing and path checks for `sinew slurm` (see slurm_plan.hpp).
#include "slurm_plan.hpp"

#include <algorithm>
#include <numeric>
#include <regex>

namespace sinew::tools {

std::vector<std::vector<std::size_t>> balance_arms(const std::vector<double>& costs, int tasks) {
  const auto n = static_cast<std::size_t>(std::max(tasks, 1));
  std::vector<std::vector<std::size_t>> out(n);
  std::vector<double> load(n, 0.0);
  std::vector<std::size_t> order(costs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
  for (std::size_t arm : order) {
    const auto least = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) -
                                                load.begin());  // first of equal loads
    out[least].push_back(arm);
    load[least] += costs[arm];
  }
  for (auto& arms : out) std::sort(arms.begin(), arms.end());
  return out;
}

std::string node_local_reason(const std::filesystem::path& path, const std::string& tmpdir) {
  namespace fs = std::filesystem;
  const fs::path p = fs::weakly_canonical(fs::absolute(path));
  std::vector<std::string> roots{"/tmp",           "/var/tmp", "/dev/shm",
                                 "/scratch/local", "/local",   "/localscratch"};
  if (!tmpdir.empty()) roots.push_back(fs::weakly_canonical(fs::absolute(tmpdir)).string());
  for (const std::string& root : roots) {
    const std::string text = p.string();
    if (text == root || text.rfind(root + "/", 0) == 0)
      return "it lies under " + root + ", which is usually local to each node";
  }
  return "";
}

bool valid_slurm_time(const std::string& text) {
  static const std::regex time(R"(\d+(:\d{1,2}){0,2}|\d+-\d{1,2}(:\d{1,2}){0,2})");
  return std::regex_match(text, time);
}

bool valid_slurm_memory(const std::string& text) {
  static const std::regex memory(R"(\d+[KMGT]?)");
  return std::regex_match(text, memory);
}

bool valid_slurm_partition(const std::string& text) {
  static const std::regex partition(R"([A-Za-z0-9_.,-]+)");
  return std::regex_match(text, partition);
}

}  // namespace sinew::tools
