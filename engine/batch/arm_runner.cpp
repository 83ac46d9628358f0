// The session loop of one arm.
#include "batch/arm_runner.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "core/parallel.hpp"
#include "fem/mechanics_problem.hpp"
#include "interventions/load_case_model.hpp"
#include "io/results_writer.hpp"
#include "solver/load_stepper.hpp"

namespace sinew::batch {

namespace {

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

std::string parameter_text(const std::map<std::string, Real>& p) {
  std::string s;
  for (const auto& [k, v] : p) s += (s.empty() ? "" : ", ") + fmt::format("{}={:g}", k, v);
  return s;
}

// Work units of an arm for the progress fraction: load increments and probe increments.
struct WorkMeter {
  double total = 0.0, done = 0.0;
  double fraction() const { return total > 0 ? std::min(1.0, done / total) : 1.0; }
};

class ArmRun {
 public:
  ArmRun(const scenario::ArmSpec& arm, const std::filesystem::path& part,
         const ArmRunOptions& options)
      : arm_(arm), options_(options), def_(arm.load_model(*options.materials)) {
    io::RunInfo info;
    info.model_file = options.study_file;
    info.model_text = options.study_text;
    info.threads = options.threads;
    io::ResultsOptions ro;
    ro.vtk_views = false;
    writer_ = std::make_unique<io::ResultsWriter>(part, def_, info, ro);
    writer_->write_attribute("arm_name", arm.name);
    writer_->write_attribute("base_arm", arm.base_arm);
    writer_->write_attribute("spec_hash", arm.spec_hash);
    writer_->write_attribute("arm_spec", arm.spec_text);
    std::string sweep = "{";
    for (const auto& [k, v] : arm.sweep_values)
      sweep += fmt::format("{}\"{}\": {:.17g}", sweep.size() > 1 ? ", " : "", k, v);
    writer_->write_attribute("sweep", sweep + "}");
    frame_ = interventions::loading_frame(def_.model, def_.tissue, arm.bed_stiffness);
    fem::MechanicsProblem initial(def_.model);
    history_ = initial.state();
    const int probe_work = def_.tissue.probes.force_increments + def_.tissue.probes.excursion_increments;
    for (const auto& s : arm.sessions) {
      meter_.total += 2 * probe_work;
      for (const auto& c : s.impl->load_cases()) meter_.total += c.increments;
    }
  }

  ArmOutcome run() {
    ArmOutcome out;
    out.name = arm_.name;
    out.status = "completed";
    try {
      for (size_t k = 0; k < arm_.sessions.size(); ++k) run_session(static_cast<int>(k), out);
    } catch (const Interrupted&) {
      out.status = "interrupted";
      out.failure = "interrupted (signal) after " + std::to_string(steps_) + " step(s)";
    } catch (const std::invalid_argument& e) {
      out.status = "failed";
      out.failure = current_ + ": " + e.what();
    } catch (const ArmFailure& e) {
      out.status = "failed";
      out.failure = e.what();
    }
    out.steps = steps_;
    finish(out);
    return out;
  }

 private:
  struct ArmFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
  };

  void check_stop() const {
    if (options_.stop && options_.stop->load()) throw Interrupted();
  }

  void report(const std::string& session, const std::string& activity) const {
    if (options_.on_progress) options_.on_progress({meter_.fraction(), session, activity});
  }

  void probe(int session, const std::string& name, const char* stage, ArmOutcome& out) {
    check_stop();
    report(name, std::string("probing ") + stage);
    ProbeRow row{session, name, stage, time_, {}};
    if (std::string(stage) == "before" && !out.probes.empty()) {
      row.values = out.probes.back().values;  // the state after the previous session
    } else if (def_.tissue.enabled) {
      fem::MechanicsProblem holder(def_.model);
      holder.set_state(history_);
      try {
        row.values = tissue::measure_metrics(holder, def_.tissue, def_.newton,
                                             *options_.linear_solvers, options_.log.quieter());
      } catch (const std::runtime_error& e) {
        options_.log.warn(fmt::format("arm '{}': metrics {} session '{}' not available: {}",
                                      arm_.name, stage, name, e.what()));
        row.values.fill(std::numeric_limits<Real>::quiet_NaN());
      }
    } else {
      row.values.fill(std::numeric_limits<Real>::quiet_NaN());
    }
    meter_.done += def_.tissue.probes.force_increments + def_.tissue.probes.excursion_increments;
    out.probes.push_back(row);
  }

  void run_session(int k, ArmOutcome& out) {
    const auto& s = arm_.sessions[k];
    SessionRow row;
    row.name = s.name;
    row.intervention = s.intervention;
    row.summary = s.impl->summary();
    row.cycles = s.impl->cycles();
    row.evidence = s.impl->evidence();
    row.parameters = parameter_text(s.parameters);
    row.first_step = static_cast<std::int64_t>(steps_);
    probe(k, s.name, "before", out);
    const auto cases = s.impl->load_cases();
    row.load_cases = static_cast<std::int64_t>(cases.size());
    out.sessions.push_back(row);
    for (const auto& c : cases) run_case(s.name, c);
    out.sessions.back().step_count = static_cast<std::int64_t>(steps_) - row.first_step;
    probe(k, s.name, "after", out);
  }

  void run_case(const std::string& session, const interventions::LoadCase& c) {
    check_stop();
    current_ = fmt::format("session '{}', load case '{}'", session, c.name);
    report(session, c.name);
    const fem::Model model = interventions::load_case_model(def_.model, def_.tissue, frame_, c, time_);
    fem::MechanicsProblem problem(model);
    problem.set_state(history_);
    solver::NewtonSolver newton(problem, *options_.linear_solvers, def_.newton,
                                options_.log.quieter());
    VecX u = VecX::Zero(problem.n_dofs());
    solver::LoadStepSettings stepping;
    stepping.t_start = time_;
    stepping.t_end = time_ + 1.0;
    stepping.increments = c.increments;
    int nominal = 0;
    Real converged = 0.0;  // load-case time of the last converged (sub-)increment
    const double done_before = meter_.done;
    auto on_step = [&](const solver::StepRecord& rec, const VecX& state) {
      converged = rec.t - time_;
      if (!rec.nominal) return;
      ++nominal;
      meter_.done = done_before + nominal;
      const bool last = nominal == c.increments;
      if (last || nominal % options_.output.every == 0) write_step(session, c, rec, state, problem, newton);
      report(session, c.name);
      check_stop();
    };
    const auto r = solver::run_load_steps(problem, newton, u, stepping, on_step, options_.log.quieter());
    if (!r.completed) {
      std::string reason = current_ + ": " + r.failure;
      // Under force control a failure past the first increments is usually the model's load
      // limit (scar fibre damage or bond failure softening the tissue): say how far it got.
      if (c.axial_force != 0.0 && converged > 0.0)
        reason += fmt::format("; the last converged state carried {:.0f} N of the {:.0f} N asked "
                              "(load-case time {:.3g})",
                              c.axial_force * c.force_profile(converged), c.axial_force, converged);
      else if (c.axial_force != 0.0)
        reason += fmt::format("; no increment converged ({:.0f} N asked)", c.axial_force);
      throw ArmFailure(reason);
    }
    history_ = problem.state();
    time_ += 1.0;
  }

  void write_step(const std::string& session, const interventions::LoadCase& c,
                  const solver::StepRecord& rec, const VecX& u, const fem::MechanicsProblem& problem,
                  const solver::NewtonSolver& newton) {
    model::StepOutput out{session + ": " + c.name, rec, {}};
    for (const auto& set : def_.output.reaction_sets)
      out.reactions[set] = problem.set_force(def_.model.mesh.node_set(set), newton.residual());
    out.problem = &problem;
    writer_->write_step(out, u);
    ++steps_;
  }

  void finish(const ArmOutcome& out) {
    using io::TableColumn;
    const auto& table = tissue::metric_table();
    std::vector<TableColumn> metrics;
    std::vector<std::int64_t> session_index;
    std::vector<std::string> session_name, stage;
    std::vector<double> time;
    for (const auto& p : out.probes) {
      session_index.push_back(p.session);
      session_name.push_back(p.session_name);
      stage.push_back(p.stage);
      time.push_back(p.time);
    }
    const std::set<std::string> selected(options_.output.fields.begin(), options_.output.fields.end());
    for (int m = 0; m < tissue::kMetricCount; ++m) {
      std::vector<double> v;
      for (const auto& p : out.probes) v.push_back(p.values[m]);
      metrics.push_back({std::string(table[m].name), std::string(table[m].unit),
                         std::string(table[m].description) + " (NaN: not applicable or the probe "
                                                             "did not converge)",
                         v});
    }
    metrics.push_back({"session_index", "1", "0-based index of the session the probe belongs to", session_index});
    metrics.push_back({"session_name", "1", "name of that session", session_name});
    metrics.push_back({"stage", "1", "'before' or 'after' the session", stage});
    metrics.push_back({"time", "s", "model time of the probed state (each load case spans 1 s)", time});
    writer_->write_table("metrics", "tissue metrics probed before and after every session, one row per probe", metrics);

    std::vector<std::string> names, kinds, summaries, grades, notes, params;
    std::vector<std::int64_t> cases, cycles, first, count;
    for (const auto& s : out.sessions) {
      names.push_back(s.name);
      kinds.push_back(s.intervention);
      summaries.push_back(s.summary);
      grades.push_back(s.evidence.grade);
      notes.push_back(s.evidence.note);
      params.push_back(s.parameters);
      cases.push_back(s.load_cases);
      cycles.push_back(s.cycles);
      first.push_back(s.first_step);
      count.push_back(s.step_count);
    }
    writer_->write_table(
        "sessions", "the arm's sessions in order (those started before a failure)",
        {{"name", "1", "session name", names},
         {"intervention", "1", "intervention type (registry name)", kinds},
         {"summary", "1", "the session's dose in words", summaries},
         {"parameters", "1", "every parameter value, name=value (units in docs/interventions.md)", params},
         {"load_cases", "1", "load cases solved", cases},
         {"cycles", "1", "physiological loading cycles the session stands for", cycles},
         {"first_step", "1", "row of /time where the session's steps begin", first},
         {"step_count", "1", "rows of /time written by the session", count},
         {"evidence_grade", "1", "strength of the clinical evidence (docs/interventions.md)", grades},
         {"evidence", "1", "what the clinical literature does and does not support", notes}});
    if (!options_.output.fields.empty()) writer_->keep_only_fields(selected);
    writer_->write_attribute("arm_status", out.status);
    writer_->close(out.status == "completed", out.failure);
  }

  const scenario::ArmSpec& arm_;
  const ArmRunOptions& options_;
  model::ModelDefinition def_;
  std::unique_ptr<io::ResultsWriter> writer_;
  interventions::LoadingFrame frame_;
  fem::ProblemState history_;
  WorkMeter meter_;
  double time_ = 0.0;
  std::size_t steps_ = 0;
  std::string current_ = "setting up";
};

}  // namespace

ArmOutcome run_arm(const scenario::ArmSpec& arm, const std::filesystem::path& part,
                   const ArmRunOptions& options) {
  ScopedThreads threads(options.threads);
  ArmRun run(arm, part, options);
  return run.run();
}

}  // namespace sinew::batch
