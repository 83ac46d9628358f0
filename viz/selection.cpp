// Field catalogue, arm and step selection (see selection.hpp).
#include "selection.hpp"

#include <algorithm>
#include <cstdint>

namespace sinew::viz {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Index of the session called `key`, else `key` read as a 0-based index; -1 if neither.
std::int64_t session_index(const ArmSummary& arm, const std::string& key) {
  for (std::size_t i = 0; i < arm.sessions.size(); ++i)
    if (arm.sessions[i].name == key) return static_cast<std::int64_t>(i);
  if (key.empty() ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  const auto i = std::stoll(key);
  return i < static_cast<std::int64_t>(arm.sessions.size()) ? i : -1;
}

// Session containing `step` (the last one whose rows include it); "" if none.
std::string session_of(const ArmSummary& arm, std::size_t step) {
  std::string name;
  for (const auto& s : arm.sessions)
    if (s.step_count > 0 && static_cast<std::int64_t>(step) >= s.first_step &&
        static_cast<std::int64_t>(step) < s.first_step + s.step_count)
      name = s.name;
  return name;
}

}  // namespace

const std::vector<FieldInfo>& known_fields() {
  static const std::vector<FieldInfo> fields{
      {"max_principal_green_lagrange_strain", "fields/max_principal_green_lagrange_strain",
       FieldKind::Cell, "max principal Green-Lagrange strain"},
      {"fibre_stretch", "fields/fibre_stretch", FieldKind::Cell, "fibre stretch"},
      {"fibre_damage", "fields/fibre_damage", FieldKind::Cell, "fibre damage"},
      {"scar_fraction", "mesh/scar_fraction", FieldKind::StaticCell, "scar fraction"},
      {"displacement", "fields/displacement", FieldKind::Point, "displacement magnitude"},
      {"cauchy_stress", "fields/cauchy_stress", FieldKind::Cell, "von Mises Cauchy stress"},
      {"adhesion", "interface/fields/adhesion", FieldKind::Interface, "adhesion (intact bonds)"},
      {"bond_damage", "interface/fields/bond_damage", FieldKind::Interface, "bond damage"},
      {"tangential_gap", "interface/fields/tangential_gap", FieldKind::Interface,
       "tangential gap (gliding)"},
      {"slip", "interface/fields/slip", FieldKind::Interface, "friction slip"},
      {"normal_gap", "interface/fields/normal_gap", FieldKind::Interface, "normal gap"},
  };
  return fields;
}

const std::vector<std::string>& fields_not_shown() {
  static const std::vector<std::string> paths{
      "fields/fibre_direction",         // a direction: no scalar to colour by
      "fields/contact_pressure",        // nodal, on the contact surface only
      "fields/contact_slip",            // nodal, on the contact surface only
      "interface/fields/displacement",  // the same values as fields/displacement
      "interface/fields/traction",      // a vector on the surface; adhesion and gaps show it
  };
  return paths;
}

const FieldInfo& find_field(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& f : known_fields()) {
    if (f.name == name) return f;
    names.push_back(f.name);
  }
  throw UsageError("unknown field '" + name + "'; allowed: " + join(names));
}

std::vector<const ArmSummary*> select_arms(const StudySummary& study,
                                           const std::vector<std::string>& wanted) {
  std::vector<std::string> names;
  for (const auto& a : study.arms) names.push_back(a.name);
  for (const auto& w : wanted)
    if (std::find(names.begin(), names.end(), w) == names.end())
      throw UsageError("unknown arm '" + w + "'; the file has: " +
                       (names.empty() ? std::string("(no arms)") : join(names)));
  std::vector<const ArmSummary*> out;
  for (const auto& a : study.arms)
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), a.name) != wanted.end())
      out.push_back(&a);
  return out;
}

void check_session(const std::vector<const ArmSummary*>& arms, const std::string& session) {
  std::vector<std::string> names;
  std::size_t most = 0;
  for (const ArmSummary* a : arms) {
    if (session_index(*a, session) >= 0) return;
    most = std::max(most, a->sessions.size());
    for (const auto& s : a->sessions)
      if (std::find(names.begin(), names.end(), s.name) == names.end()) names.push_back(s.name);
  }
  throw UsageError("unknown session '" + session + "'; allowed: " +
                   (names.empty() ? std::string("(no sessions)")
                                  : join(names) + " or an index 0.." + std::to_string(most - 1)));
}

bool probes_only(const ArmSummary& arm) {
  return std::all_of(arm.sessions.begin(), arm.sessions.end(),
                     [](const Session& s) { return s.load_cases == 0; });
}

// Load steps only: the undeformed row at t = 0 is named, never counted as a step.
std::string steps_text(const ArmSummary& arm) {
  const bool failed = arm.status == "failed" || arm.status == "interrupted";
  const std::size_t n = arm.load_steps();
  if (failed)
    return n == 0 ? "n/a (" + arm.status + " before its first step)"
                  : "n/a (" + arm.status + " after " + std::to_string(n) + " stored steps)";
  const std::string t0 = arm.undeformed_row ? " + t = 0" : "";
  if (n > 0) return std::to_string(n) + t0;
  if (probes_only(arm)) return "no load case: probes only" + t0;
  return "no steps stored" + t0;
}

StepChoice choose_step(const ArmSummary& arm, const std::optional<std::string>& session) {
  StepChoice c;
  const auto steps = static_cast<std::int64_t>(arm.steps());
  if (steps == 0) {
    if (arm.status == "failed" || arm.status == "interrupted")
      c.note = "the arm " + arm.status + " before its first step";
    else if (probes_only(arm))
      c.note = "no load case: probes only, so no deformed step to show";
    else
      c.note = "no steps stored";
    return c;
  }
  std::int64_t last = steps - 1;
  if (session) {
    const std::int64_t i = session_index(arm, *session);
    if (i < 0) {
      c.note = "this arm has no session '" + *session + "'";
      return c;
    }
    const Session& s = arm.sessions[static_cast<std::size_t>(i)];
    last = std::min(s.first_step + s.step_count - 1, steps - 1);
    if (s.step_count <= 0)
      c.note = "session '" + s.name + "' has no steps: showing the last step before it";
    else if (s.first_step + s.step_count > steps)
      c.note = "session '" + s.name + "' is incomplete: showing its last stored step";
    if (last < 0) {
      c.note = "no step at or before session '" + s.name + "'";
      return c;
    }
  }
  c.step = static_cast<std::size_t>(last);
  c.session = session_of(arm, *c.step);
  if (arm.undeformed_row && last == 0 && c.note.empty())  // a rest arm: the view at t = 0
    c.note = probes_only(arm) ? "no load case: the undeformed model at t = 0"
                              : "the undeformed model at t = 0";
  return c;
}

}  // namespace sinew::viz
