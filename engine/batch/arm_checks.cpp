// Building every arm's load cases and probe models without solving (see arm_checks.hpp).
#include "batch/arm_checks.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "interventions/load_case_model.hpp"
#include "model/model_definition.hpp"
#include "tissue/metrics.hpp"

namespace sinew::batch {

namespace {

// The lines of an arm's canonical text that describe its model.
std::string model_key(const scenario::ArmSpec& arm) {
  std::istringstream in(arm.spec_text);
  std::string key;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model.", 0) == 0) key += line + "\n";
  return key;
}

void check_sessions(const scenario::ArmSpec& arm, const model::ModelDefinition& def,
                    ArmCheckResult& out) {
  interventions::LoadingFrame frame;
  try {
    frame = interventions::loading_frame(def.model, def.tissue, arm.bed_stiffness,
                                         *interventions::parse_press_side(arm.press_side));
  } catch (const std::exception& e) {
    out.errors.push_back(fmt::format("arm '{}': {}", arm.name, e.what()));
    return;
  }
  Real t0 = 0.0;
  for (const auto& s : arm.sessions) {
    bool noted = false;  // one note per session, not per simulated repetition
    for (const auto& c : s.impl->load_cases()) {
      const std::string where =
          fmt::format("arm '{}', session '{}', load case '{}'", arm.name, s.name, c.name);
      try {
        interventions::load_case_model(def.model, def.tissue, frame, c, t0);
        if (c.patch && !noted) {
          const auto p = interventions::place_patch(def.model, def.tissue, frame, *c.patch);
          noted = p.limited;
          if (p.limited)
            out.notes.push_back(fmt::format(
                "{}: the patch travels {:.3g}..{:.3g} mm from the scar centre instead of "
                "{:g}..{:g} mm: the whole patch lies on the bed only for {:.3g}..{:.3g} mm",
                where, p.start, p.end, c.patch->start, c.patch->end, p.bed_min + 0.5 * p.length,
                p.bed_max - 0.5 * p.length));
        }
      } catch (const std::exception& e) {
        out.errors.push_back(where + ": " + e.what());
        return;  // the later cases of this arm would repeat it
      }
      t0 += 1.0;
    }
  }
}

}  // namespace

ArmCheckResult check_arms(const scenario::StudySpec& study,
                          const materials::MaterialRegistry& materials) {
  ArmCheckResult out;
  std::map<std::string, std::shared_ptr<const model::ModelDefinition>> built;
  for (const auto& arm : study.arms) {
    auto& def = built[model_key(arm)];
    try {
      if (!def) {
        def = std::make_shared<const model::ModelDefinition>(arm.load_model(materials));
        tissue::build_probe_models(def->model, def->tissue);
      }
    } catch (const InputErrors& e) {
      out.errors.push_back(fmt::format("arm '{}': the model does not build: {}", arm.name,
                                       e.errors().front().message()));
      continue;
    } catch (const std::exception& e) {
      out.errors.push_back(fmt::format("arm '{}': the probes cannot be set up on the model: {}",
                                       arm.name, e.what()));
      continue;
    }
    check_sessions(arm, *def, out);
  }
  return out;
}

}  // namespace sinew::batch
