// SLURM scripts of a study (see slurm_command.hpp).
#include "slurm_command.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "slurm_plan.hpp"

namespace sinew::tools {
namespace {

namespace fs = std::filesystem;

// Estimated cost of an arm: cells x (nominal load increments + 2 probes per session). A probe
// is a short solve; the increments dominate for any loading session.
double arm_cost(const scenario::ArmSpec& arm, const materials::MaterialRegistry& materials) {
  const auto model = arm.load_model(materials);
  double solves = 0;
  for (const auto& session : arm.sessions) {
    solves += 2;
    for (const auto& load_case : session.impl->load_cases()) solves += load_case.increments;
  }
  return double(model.model.mesh.n_cells()) * solves;
}

// `path` as the scripts should name it: relative to the scripts' folder (the submit folder)
// when both lie under one top-level folder (/home, /project, ...), else absolute: a path that
// climbs to / and down again is no more portable than the absolute one.
std::string from_dir(const fs::path& path, const fs::path& dir) {
  const fs::path p = fs::weakly_canonical(fs::absolute(path));
  const fs::path d = fs::weakly_canonical(dir);
  auto top = [](const fs::path& x) {
    auto it = x.begin();
    return it == x.end() || ++it == x.end() ? fs::path() : *it;
  };
  if (top(p).empty() || top(p) != top(d)) return p.string();
  const fs::path rel = fs::relative(p, d);
  return rel.empty() ? p.string() : rel.string();
}

// Single-quoted for bash.
std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// sinew-viz: the option, else beside sinew (install) or in the build tree's viz/.
fs::path find_viz(const SlurmOptions& o, const fs::path& sinew) {
  if (!o.viz.empty()) return fs::absolute(o.viz);
  for (const fs::path& p :
       {sinew.parent_path() / "sinew-viz", sinew.parent_path().parent_path() / "viz" / "sinew-viz"})
    if (fs::is_regular_file(p)) return p;
  return {};
}

struct Header {
  std::string name, output;
  int cpus = 1;
  std::string array;  ///< "0-N" or ""
};

// The #SBATCH lines of a job, then `set`, the preamble and the move to the submit folder.
std::string job_header(const Header& h, const SlurmOptions& o, const std::string& preamble,
                       const std::string& study) {
  std::string s = "#SBATCH --job-name=" + h.name + "\n";
  if (!h.array.empty()) s += "#SBATCH --array=" + h.array + "\n";
  s += fmt::format("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task={}\n#SBATCH --output={}\n", h.cpus,
                   h.output);
  if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
  if (!o.mem.empty()) s += "#SBATCH --mem=" + o.mem + "\n";
  if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
  std::string rest = o.sbatch;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    if (const std::string opt = rest.substr(0, semi); !opt.empty()) s += "#SBATCH " + opt + "\n";
    rest = semi == std::string::npos ? "" : rest.substr(semi + 1);
  }
  s += "set -uo pipefail\n";
  if (!preamble.empty()) s += "# --- preamble ---\n" + preamble + "# --- end of preamble ---\n";
  s += fmt::format(
      "# Paths are relative to the submit folder (the scripts' folder; use the submit script).\n"
      "cd \"${{SLURM_SUBMIT_DIR:-.}}\"\nstudy={}\n"
      "if [ ! -f \"$study\" ]; then\n"
      "  echo \"error: $study not found from $(pwd): submit from the scripts' folder\" >&2\n"
      "  exit 2\nfi\n",
      sh_quote(study));
  return s;
}

std::string array_body(const scenario::StudySpec& study,
                       const std::vector<std::vector<std::size_t>>& plan,
                       const std::vector<double>& costs) {
  std::string s =
      "export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"
      "# Arm indices per task, balanced by estimated cost (cells x (load increments + probes)).\n"
      "plan=(\n";
  for (std::size_t t = 0; t < plan.size(); ++t) {
    std::string ids, names;
    double cost = 0;
    for (std::size_t a : plan[t]) {
      // (appended piece by piece: GCC 12 warns, wrongly, about "literal" + std::string&&)
      ids.append(ids.empty() ? "" : " ").append(std::to_string(a));
      names.append(names.empty() ? "" : ", ").append(study.arms[a].name);
      cost += costs[a];
    }
    s += fmt::format("  \"{}\"  # task {}: {} (cost {:.3g})\n", ids, t, names, cost);
  }
  const std::size_t arms = study.arms.size();
  // Shard k of A (A = arms) is exactly arm k; with one arm a plain run.
  const std::string shard = arms > 1 ? fmt::format(" --shard \"$arm/{}\"", arms) : "";
  s += fmt::format(
      ")\nstatus=0\nfor arm in ${{plan[${{SLURM_ARRAY_TASK_ID:?not a SLURM array task}}]}}; do\n"
      "  \"$sinew\" run \"$study\"{} --jobs 1 --quiet || status=1\ndone\nexit $status\n",
      shard);
  return s;
}

std::string merge_body(const std::string& results, const std::string& viz) {
  std::string s = fmt::format("results={}\nviz={}\n", sh_quote(results), sh_quote(viz));
  s +=
      "\"$sinew\" merge \"$study\"\nstatus=$?  # 1: some arm failed; the report shows it as n/a\n"
      "if [ ! -f \"$results\" ]; then echo \"no results file $results: no report\" >&2; exit 1; fi\n"
      "if [ -z \"$viz\" ]; then echo \"no sinew-viz given: no report\"; exit $status; fi\n"
      "if [ ! -x \"$viz\" ]; then echo \"error: sinew-viz $viz not found: no report\" >&2; exit 1; fi\n"
      "# sinew-viz renders through X: without a display, on a virtual one.\n"
      "if [ -z \"${DISPLAY:-}\" ] && command -v xvfb-run >/dev/null; then\n"
      "  xvfb-run -a \"$viz\" \"$results\" || status=1\nelse\n"
      "  \"$viz\" \"$results\" || status=1\nfi\nexit $status\n";
  return s;
}

// Bad values: a message and 2. Reads the preamble file into `preamble` (ending in a newline).
int check_slurm_options(const SlurmOptions& o, std::string& preamble) {
  auto bad = [](const std::string& what) {
    std::cerr << "error: " << what << "\n";
    return 2;
  };
  if (!o.time.empty() && !valid_slurm_time(o.time))
    return bad("--time '" + o.time + "': expected minutes, H:M:S or D-H:M:S (e.g. 02:00:00)");
  if (!o.mem.empty() && !valid_slurm_memory(o.mem))
    return bad("--mem '" + o.mem + "': expected a size such as 4G or 4000M");
  if (!o.partition.empty() && !valid_slurm_partition(o.partition))
    return bad("--partition '" + o.partition + "': letters, digits, '_', '-', '.', ','");
  if (o.preamble.empty()) return 0;
  std::ifstream in(o.preamble);
  if (!in) return bad("--preamble: cannot read " + o.preamble);
  std::stringstream text;
  text << in.rdbuf();
  preamble = text.str();
  if (!preamble.empty() && preamble.back() != '\n') preamble += '\n';
  return 0;
}

}  // namespace

int write_slurm_scripts(const scenario::StudySpec& study, const SlurmOptions& o,
                        const materials::MaterialRegistry& materials) {
  std::string preamble;
  if (const int rc = check_slurm_options(o, preamble); rc != 0) return rc;
  const fs::path study_path = fs::absolute(o.study_file);
  const fs::path dir = o.dir.empty() ? study_path.parent_path() : fs::absolute(o.dir);
  fs::create_directories(dir);
  const fs::path sinew = fs::canonical("/proc/self/exe");
  const fs::path viz = o.no_report ? fs::path() : find_viz(o, sinew);
  const char* tmpdir = std::getenv("TMPDIR");
  for (const auto& [what, path] :
       std::vector<std::pair<std::string, fs::path>>{{"sinew", sinew},
                                                     {"the study", study_path},
                                                     {"the results", study.results_path},
                                                     {"the scripts' folder", dir}})
    if (const std::string why = node_local_reason(path, tmpdir ? tmpdir : ""); !why.empty())
      std::cerr << "warning: " << what << " (" << path.string() << "): " << why
                << "; compute nodes may not see it. Put the build and the study on a shared file "
                   "system (home, project or shared scratch).\n";

  std::vector<double> costs;
  for (const auto& arm : study.arms) costs.push_back(arm_cost(arm, materials));
  const int tasks = std::max(1, std::min<int>(o.tasks, static_cast<int>(study.arms.size())));
  const auto plan = balance_arms(costs, tasks);
  const std::string stem = study_path.stem().string();
  const std::string rel_study = from_dir(study_path, dir);
  const std::string sinew_line = "sinew=\"${SINEW:-" + from_dir(sinew, dir) + "}\"\n";
  const fs::path array = dir / (stem + ".array.slurm"), merge = dir / (stem + ".merge.slurm"),
                 submit = dir / (stem + ".submit.sh");
  std::ofstream(array) << "#!/bin/bash\n# Sinew study " << rel_study << ": " << study.arms.size()
                       << " arms over " << tasks << " array tasks.\n"
                       << job_header({"sinew-" + stem, "%x-%A_%a.log", o.cpus,
                                      fmt::format("0-{}", tasks - 1)},
                                     o, preamble, rel_study)
                       << sinew_line << array_body(study, plan, costs);
  std::ofstream(merge) << "#!/bin/bash\n# Merges the part files of " << rel_study
                       << " and renders the report.\n"
                       << job_header({"sinew-" + stem + "-merge", "%x-%j.log", 1, ""}, o, preamble,
                                     rel_study)
                       << sinew_line
                       << merge_body(from_dir(study.results_path, dir),
                                     viz.empty() ? "" : from_dir(viz, dir));
  std::ofstream(submit) << fmt::format(
      "#!/bin/bash\n# Submits the array job, then the merge job that waits for all of it.\n"
      "set -euo pipefail\ncd \"$(dirname \"$0\")\"\njob=$(sbatch --parsable {})\njob=${{job%%;*}}\n"
      "merge=$(sbatch --parsable --dependency=afterany:\"$job\" {})\n"
      "echo \"submitted array job $job and its merge job ${{merge%%;*}}\"\n",
      array.filename().string(), merge.filename().string());
  fs::permissions(submit, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
  for (std::size_t t = 0; t < plan.size(); ++t) {
    double cost = 0;
    for (std::size_t a : plan[t]) cost += costs[a];
    fmt::print("task {}: {} arm(s), estimated cost {:.3g}\n", t, plan[t].size(), cost);
  }
  fmt::print("wrote {}\n      {}\n      {}\nsubmit with: bash {}\n", array.string(), merge.string(),
             submit.string(), submit.string());
  if (!o.no_report && viz.empty())
    std::cerr << "warning: sinew-viz not found beside sinew: the merge job makes no report "
                 "(--viz PATH)\n";
  return 0;
}

}  // namespace sinew::tools
