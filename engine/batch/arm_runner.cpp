// One arm: the session loop of engine/simulation writing into the arm's part file.
#include "batch/arm_runner.hpp"

#include <fmt/format.h>

#include <set>

#include "core/parallel.hpp"
#include "interventions/load_case_model.hpp"
#include "io/results_writer.hpp"

namespace sinew::batch {

namespace {

// The arm's log: every message names the arm (parallel arms share one console).
LogSink arm_log(const LogSink& log, const std::string& arm) {
  return LogSink([log, arm](LogLevel level,
                            const std::string& m) { log(level, "arm '" + arm + "': " + m); },
                 LogLevel::Debug);
}

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
    ro.keep_existing_on_failure = false;  // a failed arm's part replaces an outdated one
    writer_ = std::make_unique<io::ResultsWriter>(part, def_, info, ro);
    writer_->write_attribute("arm_name", arm.name);
    writer_->write_attribute("base_arm", arm.base_arm);
    writer_->write_attribute("spec_hash", arm.spec_hash);
    writer_->write_attribute("arm_spec", arm.spec_text);
    std::string sweep = "{";
    for (const auto& [k, v] : arm.sweep_values)
      sweep += fmt::format("{}\"{}\": {:.17g}", sweep.size() > 1 ? ", " : "", k, v);
    writer_->write_attribute("sweep", sweep + "}");
    // Provenance only: the metrics are the same for any of these (study_runner.cpp).
    writer_->write_attribute("jobs", std::int64_t{options.budget.jobs});
    writer_->write_attribute("blas_threads", std::int64_t{options.budget.blas_threads});
    writer_->write_attribute("mpi_ranks", std::int64_t{options.mpi_ranks});
  }

  ArmOutcome run() {
    simulation::SessionsOptions so;
    so.bed_stiffness = arm_.bed_stiffness;
    so.press_side = *interventions::parse_press_side(arm_.press_side);  // checked when read
    so.report_every = options_.output.every;
    so.log = arm_log(options_.log, arm_.name).quieter();
    so.on_step = [&](const simulation::StepOutput& step, const VecX& u) {
      writer_->write_step(step, u);
    };
    so.on_progress = options_.on_progress;
    so.stop = options_.stop;
    auto sessions = simulation::run_sessions(def_, arm_.sessions, *options_.linear_solvers, so);
    ArmOutcome out;
    out.name = arm_.name;
    out.status = sessions.status;
    out.failure = sessions.failure;
    out.probes = std::move(sessions.probes);
    out.sessions = std::move(sessions.sessions);
    out.steps = sessions.steps;
    finish(out);
    return out;
  }

 private:
  // The sessions table: one row per session started, with its solver effort and limit load.
  void write_sessions(const ArmOutcome& out) {
    using io::TableColumn;
    std::vector<std::string> names, kinds, summaries, grades, notes, params;
    std::vector<std::int64_t> cases, cycles, first, count, increments, rejected, cutbacks, newton,
        factorisations;
    std::vector<double> limit_loads;
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
      increments.push_back(s.solver.increments);
      rejected.push_back(s.solver.rejected);
      cutbacks.push_back(s.solver.cutbacks);
      newton.push_back(s.solver.newton_iterations);
      factorisations.push_back(s.solver.factorizations);
      limit_loads.push_back(s.limit_load);
    }
    writer_->write_table(
        "sessions", "the arm's sessions in order (those started before a failure)",
        {{"name", "1", "session name", names},
         {"intervention", "1", "intervention type (registry name)", kinds},
         {"summary", "1", "the session's dose in words", summaries},
         {"parameters", "1", "every parameter value, name=value (units in docs/interventions.md)",
          params},
         {"load_cases", "1", "load cases solved", cases},
         {"cycles", "1", "physiological loading cycles the session stands for", cycles},
         {"first_step", "1", "row of /time where the session's steps begin", first},
         {"step_count", "1", "rows of /time written by the session", count},
         {"evidence_grade", "1", "strength of the clinical evidence (docs/interventions.md)",
          grades},
         {"evidence", "1", "what the clinical literature does and does not support", notes},
         {"increments", "1", "converged load increments (sub-increments included)", increments},
         {"rejected_increments", "1", "increments rejected by the solver", rejected},
         {"cutbacks", "1", "halvings of the increment after a rejection", cutbacks},
         {"newton_iterations", "1", "Newton iterations, rejected increments included", newton},
         {"factorisations", "1", "tangent factorisations, rejected increments included",
          factorisations},
         {"limit_load", "N",
          "limit load of a force-controlled load case that asked for more than the model carries "
          "(NaN when every force was reached)",
          limit_loads}});
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
    const std::set<std::string> selected(options_.output.fields.begin(),
                                         options_.output.fields.end());
    for (int m = 0; m < tissue::kMetricCount; ++m) {
      std::vector<double> v;
      for (const auto& p : out.probes) v.push_back(p.values[m]);
      metrics.push_back({std::string(table[m].name), std::string(table[m].unit),
                         std::string(table[m].description) + " (NaN: not applicable or the probe "
                                                             "did not converge)",
                         v});
    }
    metrics.push_back({"session_index", "1", "0-based index of the session the probe belongs to",
                       session_index});
    metrics.push_back({"session_name", "1", "name of that session", session_name});
    metrics.push_back({"stage", "1", "'before' or 'after' the session", stage});
    metrics.push_back({"time", "s", "model time of the probed state (each load case spans 1 s)",
                       time});
    writer_->write_table("metrics",
                         "tissue metrics probed before and after every session, one row per probe",
                         metrics);

    write_sessions(out);
    if (!options_.output.fields.empty()) writer_->keep_only_fields(selected);
    writer_->write_attribute("arm_status", out.status);
    writer_->close(out.status == "completed", out.failure);
  }

  const scenario::ArmSpec& arm_;
  const ArmRunOptions& options_;
  model::ModelDefinition def_;
  std::unique_ptr<io::ResultsWriter> writer_;
};

}  // namespace

ArmOutcome run_arm(const scenario::ArmSpec& arm, const std::filesystem::path& part,
                   const ArmRunOptions& options) {
  ScopedThreads threads(options.threads);
  ArmRun run(arm, part, options);
  return run.run();
}

}  // namespace sinew::batch
