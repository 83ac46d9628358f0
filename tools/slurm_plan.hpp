// The parts of `sinew slurm` that are plain computation: spreading arms over array tasks by
// estimated cost, and recognising paths that compute nodes cannot see.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sinew::tools {

/// Arm indices per task (`tasks` lists, each in ascending order): the longest-processing-time
/// rule (Graham 1969): arms by decreasing cost, each to the task with the least cost so far
/// (ties: the lower task index), so the largest task is at most 4/3 of the optimum. Tasks may
/// stay empty only when there are fewer arms than tasks.
std::vector<std::vector<std::size_t>> balance_arms(const std::vector<double>& costs, int tasks);

/// Why `path` is probably node-local scratch that compute nodes do not share ("" if it is not):
/// it lies under /tmp, /var/tmp, /dev/shm, /scratch/local, /local, /localscratch or `tmpdir`
/// (the submitting shell's $TMPDIR; ignored when empty).
std::string node_local_reason(const std::filesystem::path& path, const std::string& tmpdir);

/// Whether `text` is a SLURM time limit: minutes, M:S, H:M:S, D-H, D-H:M or D-H:M:S.
bool valid_slurm_time(const std::string& text);
/// Whether `text` is a SLURM memory size: digits with an optional K, M, G or T suffix.
bool valid_slurm_memory(const std::string& text);
/// Whether `text` is a partition list: letters, digits, '_', '-', '.', ','.
bool valid_slurm_partition(const std::string& text);

}  // namespace sinew::tools
