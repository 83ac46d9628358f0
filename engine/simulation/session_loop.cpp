// The session loop of an arm on the session driver.
#include "simulation/session_loop.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <stdexcept>

#include "interventions/load_case_model.hpp"
#include "simulation/plate_limit.hpp"
#include "simulation/session_driver.hpp"

namespace sinew::simulation {

namespace {

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

struct LoadCaseFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string parameter_text(const std::map<std::string, Real>& p) {
  std::string s;
  for (const auto& [k, v] : p) s += (s.empty() ? "" : ", ") + fmt::format("{}={:g}", k, v);
  return s;
}

// Under force control a failure past the first increments is usually the model's load limit
// (scar fibre damage or bond failure softening the tissue): say how far it got.
// A hold holds a position, not the force: there the time reached is what is said.
std::string force_reached(const interventions::LoadCase& c, Real converged, bool hold) {
  if (hold) return fmt::format("; in the hold, after load-case time {:.4g}", converged);
  if (c.axial_force == 0.0) return "";
  if (converged > 0.0)
    return fmt::format(
        "; the last converged state carried {:.0f} N of the {:.0f} N asked "
        "(load-case time {:.3g})",
        c.axial_force * c.force_profile(converged), c.axial_force, converged);
  return fmt::format("; no increment converged ({:.0f} N asked)", c.axial_force);
}

// What a user can change when a load case does not converge, by what drives it: the session's
// `increments`; under a patch, the interface regularisation (stick-slip and bond softening are
// the usual stalls, docs/interventions.md "Known limits"); otherwise the load.
std::string what_to_change(const interventions::LoadCase& c) {
  const std::string more = fmt::format("more `increments` (now {})", c.increments);
  if (c.patch)
    return "; try " + more +
           ", a larger `interface.viscosity`, a smaller `interface.tangential_penalty` or a "
           "smaller patch force";
  if (c.axial_force != 0.0) return "; try a smaller force (the model's limit load) or " + more;
  return "; try a smaller elongation or excursion, or " + more;
}

class SessionLoop {
 public:
  SessionLoop(const model::ModelDefinition& def,
              const std::vector<interventions::SessionPlan>& sessions,
              const solver::LinearSolverRegistry& linear_solvers, const SessionsOptions& options)
      : def_(def),
        sessions_(sessions),
        options_(options),
        driver_(def, linear_solvers, options.log),
        frame_(interventions::loading_frame(def.model, def.tissue, options.bed_stiffness,
                                            options.press_side)) {
    for (const auto& s : sessions_) {
      work_total_ += 2 * probe_work();
      for (const auto& c : s.impl->load_cases())
        work_total_ += c.increments * (c.hold > 0.0 ? 2 : 1);
    }
  }

  SessionsOutcome run() {
    try {
      // Row 0 of the arm's series: the undeformed model before any session.
      driver_.report_reference("initial", time_, options_.on_step);
      ++out_.steps;
      for (size_t k = 0; k < sessions_.size(); ++k) run_session(static_cast<int>(k));
    } catch (const Interrupted&) {
      out_.status = "interrupted";
      // Load steps only: the undeformed row at t = 0 is not one.
      const std::size_t load_steps = out_.steps > 0 ? out_.steps - 1 : 0;
      out_.failure = "interrupted (signal) after " + std::to_string(load_steps) + " load step(s)";
    } catch (const std::invalid_argument& e) {
      out_.status = "failed";
      out_.failure = current_ + ": " + e.what();
    } catch (const LoadCaseFailure& e) {
      out_.status = "failed";
      out_.failure = e.what();
    }
    return out_;
  }

 private:
  int probe_work() const {
    return def_.tissue.probes.force_increments + def_.tissue.probes.excursion_increments;
  }
  double fraction() const {
    return work_total_ > 0 ? std::min(1.0, work_done_ / work_total_) : 1.0;
  }

  void check_stop() const {
    if (options_.stop && options_.stop->load()) throw Interrupted();
  }

  void report(const std::string& session, const std::string& activity) const {
    if (options_.on_progress) options_.on_progress({fraction(), session, activity});
  }

  void probe(int session, const std::string& name, const char* stage) {
    check_stop();
    report(name, std::string("probing ") + stage);
    ProbeRow row{session, name, stage, time_, {}};
    if (std::string(stage) == "before" && !out_.probes.empty())
      row.values = out_.probes.back().values;  // the state after the previous session
    else
      row.values = driver_.probe(fmt::format("{} session '{}'", stage, name));
    work_done_ += probe_work();
    out_.probes.push_back(row);
  }

  void run_session(int k) {
    const auto& s = sessions_[k];
    SessionRow row;
    row.name = s.name;
    row.intervention = s.intervention;
    row.summary = s.impl->summary();
    row.cycles = s.impl->cycles();
    row.evidence = s.impl->evidence();
    row.parameters = parameter_text(s.parameters);
    row.first_step = static_cast<std::int64_t>(out_.steps);
    probe(k, s.name, "before");
    const auto cases = s.impl->load_cases();
    row.load_cases = static_cast<std::int64_t>(cases.size());
    out_.sessions.push_back(row);
    for (const auto& c : cases) run_case(s.name, c);
    out_.sessions.back().step_count = static_cast<std::int64_t>(out_.steps) - row.first_step;
    probe(k, s.name, "after");
  }

  void run_case(const std::string& session, const interventions::LoadCase& c) {
    check_stop();
    current_ = fmt::format("session '{}', load case '{}'", session, c.name);
    report(session, c.name);
    Stage stage;
    stage.name = session + ": " + c.name;
    stage.model = std::make_shared<const fem::Model>(
        interventions::load_case_model(def_.model, def_.tissue, frame_, c, time_));
    stage.stepping.t_start = time_;
    stage.stepping.t_end = time_ + 1.0;
    stage.stepping.increments = c.increments;
    const auto reached = run_stage(session, c, stage);
    if (c.hold > 0.0 && reached) {
      // The hold: the same model (its load curves stay at their end values) from t0 + 1 s on;
      // a force-limited stretch instead holds the position its ramp reached (the joint angle).
      // A ramp that stopped just past a limit load (at *reached < t0 + 1) holds the position
      // reached there from then on (the time between is not skipped): the force model's curves
      // at t0 + 1 would ask for more than the state carries.
      stage.name += " hold";
      const bool early = *reached < time_ + 1.0;
      if (early || (c.hold_position && c.axial_force != 0.0))
        stage.model = std::make_shared<const fem::Model>(interventions::hold_model(
            def_.model, def_.tissue, frame_, c, time_, driver_.displacement(), *reached - time_));
      stage.stepping.t_start = *reached;
      stage.stepping.t_end = time_ + 1.0 + c.hold;
      stage.continues = true;
      run_stage(session, c, stage);
    }
    // The solved case stands for c.cycles physiological cycles: cycle-counting history (fibre
    // fatigue) adds them here, from the case's peak.
    driver_.apply_cycles(c.cycles);
    time_ += 1.0 + c.hold;
  }

  // Runs a stage (a force-controlled one past its limit load under plate displacement control);
  // returns the model time of the state the driver carries on from, nullopt when that is the
  // state before the load case (a limit-load run that stalled).
  std::optional<Real> run_stage(const std::string& session, const interventions::LoadCase& c,
                                const Stage& stage) {
    int nominal = 0;
    const double done_before = work_done_;
    int reported_every = c.increments;
    const auto observer = [&](const StepOutput& step, const VecX& u) {
      ++nominal;
      work_done_ = done_before + std::min(nominal, c.increments);
      if (nominal == reported_every || nominal % options_.report_every == 0) {
        if (options_.on_step) options_.on_step(step, u);
        ++out_.steps;
      }
      report(session, c.name);
      check_stop();
    };
    const auto r = driver_.run_stage(stage, observer);
    out_.sessions.back().solver += r.solver;
    if (!r.completed) {
      // A force-controlled plate past its limit point: rerun under plate displacement control.
      // Not with an excursion: the rerun drives the plate along the force's curve from the
      // case's start, so its force peak would be the bonds' snap under the moving fixed end, not
      // the tissue's limit load; such a failure stays a failure.
      nominal = 0;
      reported_every = kLimitIncrements;
      const auto limit = c.axial_force != 0.0 && c.excursion == 0.0
                             ? run_plate_limit(driver_, stage, r, kLimitIncrements, observer)
                             : std::nullopt;
      if (!limit)
        throw LoadCaseFailure(current_ + ": " + r.failure +
                              force_reached(c, r.last_converged_time - time_, stage.continues) +
                              what_to_change(c));
      record_limit(*limit);
      if (!limit->stage.completed) return std::nullopt;
      return limit->stage.last_converged_time;
    }
    return stage.stepping.t_end;
  }

  static const char* limit_note(const PlateLimit& limit) {
    if (limit.peak_passed) return "";
    if (limit.stalled) return " (plate displacement control stopped converging at the peak too)";
    return " (a lower bound: the force was still rising)";
  }

  // The limit load in the session row and the log (the arm goes on with the state reached).
  void record_limit(const PlateLimit& limit) {
    auto& row = out_.sessions.back();
    row.solver += limit.stage.solver;
    if (limit.target_reached) {
      options_.log.warn(fmt::format(
          "{}: the target {:.0f} N was reached under plate displacement control after force "
          "control failed",
          current_, limit.target));
      return;
    }
    row.limit_load = std::isnan(row.limit_load) ? limit.limit_load
                                                : std::min(row.limit_load, limit.limit_load);
    options_.log.warn(fmt::format(
        "{}: limit load {:.0f} N reached before the target {:.0f} N{}; the model carries on from "
        "{}",
        current_, limit.limit_load, limit.target, limit_note(limit),
        limit.stage.completed ? "the state just past the peak" : "the state before the load case"));
  }

  static constexpr int kLimitIncrements = 30;

  const model::ModelDefinition& def_;
  const std::vector<interventions::SessionPlan>& sessions_;
  const SessionsOptions& options_;
  SessionDriver driver_;
  interventions::LoadingFrame frame_;
  SessionsOutcome out_;
  double work_total_ = 0.0, work_done_ = 0.0;
  double time_ = 0.0;
  std::string current_ = "setting up";
};

}  // namespace

SessionsOutcome run_sessions(const model::ModelDefinition& def,
                             const std::vector<interventions::SessionPlan>& sessions,
                             const solver::LinearSolverRegistry& linear_solvers,
                             const SessionsOptions& options) {
  return SessionLoop(def, sessions, linear_solvers, options).run();
}

}  // namespace sinew::simulation
