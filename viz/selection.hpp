// What sinew-viz shows: the field catalogue (which dataset, which reduction to a scalar), the
// arms and the step of each arm. Plain C++ (no VTK, no HDF5), so it is checked before any
// window opens. Invalid choices throw UsageError with the list of allowed values.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "study_reader.hpp"

namespace sinew::viz {

/// A wrong command-line choice (exit code 2); the message lists what is allowed.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class FieldKind {
  Cell,        ///< (S, M) or (S, M, k) under fields/, cell data of the body
  Point,       ///< (S, N, 3) under fields/, point data (magnitude)
  StaticCell,  ///< (M) under mesh/, the same at every step
  Interface,   ///< (S, F) under interface/fields/, cell data of the interface surface
};

struct FieldInfo {
  std::string name;  ///< the --field value
  std::string path;  ///< dataset path inside /arms/<arm>
  FieldKind kind = FieldKind::Cell;
  std::string label;  ///< for the scalar bar and titles, e.g. "von Mises stress"
};

/// Every field sinew-viz can show, in the order of its help text.
const std::vector<FieldInfo>& known_fields();
/// Paths of the results file's per-step fields (sinew fields) that the viewer does not offer,
/// each for a reason given in selection.cpp; with known_fields() they cover the whole table
/// (tests/consistency/field_lists.py checks this).
const std::vector<std::string>& fields_not_shown();
/// The field called `name`; throws UsageError listing the allowed names.
const FieldInfo& find_field(const std::string& name);

/// The arms to show: all (in file order) if `wanted` is empty, else those named (in file
/// order); throws UsageError listing the arms on an unknown name.
std::vector<const ArmSummary*> select_arms(const StudySummary& study,
                                           const std::vector<std::string>& wanted);

/// The step to show of one arm and the session it belongs to.
struct StepChoice {
  std::optional<std::size_t> step;  ///< nullopt: nothing to show (no steps)
  std::string session;              ///< session name of that step ("" if unknown)
  std::string note;                 ///< why a fallback was used, or why nothing is shown
};

/// Whether no session of the arm has a load case (e.g. rest): it has probes but no steps.
bool probes_only(const ArmSummary& arm);

/// The arm's steps for a table: the count, "n/a" for a failed arm, or why there are none.
std::string steps_text(const ArmSummary& arm);

/// Session selector: a session name, or else a 0-based session index. Throws UsageError if no
/// selected arm has such a session (listing the names and the index range).
void check_session(const std::vector<const ArmSummary*>& arms, const std::string& session);

/// Without `session`: the last step of the last session (the arm's last reported step).
/// With it: the last step of that session; a session without steps (e.g. rest) shows the last
/// step before it.
StepChoice choose_step(const ArmSummary& arm, const std::optional<std::string>& session);

}  // namespace sinew::viz
