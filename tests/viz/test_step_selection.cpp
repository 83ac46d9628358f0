// The report's step wording and picture choice with and without the undeformed row at t = 0
// (viz/selection.cpp on in-memory arm summaries): the row is never counted as a load step, and
// a rest arm that has it is drawn at t = 0.
#include <gtest/gtest.h>

#include "selection.hpp"

namespace sinew::viz {
namespace {

Session session(const char* name, std::int64_t load_cases, std::int64_t first, std::int64_t count) {
  Session s;
  s.name = name;
  s.load_cases = load_cases;
  s.first_step = first;
  s.step_count = count;
  return s;
}

// A completed arm with `rows` rows of /time, the first at t = 0 when `undeformed`.
ArmSummary arm(std::size_t rows, bool undeformed, std::vector<Session> sessions) {
  ArmSummary a;
  a.name = "arm";
  a.status = "completed";
  for (std::size_t s = 0; s < rows; ++s)
    a.time.push_back(static_cast<double>(undeformed ? s : s + 1));
  a.undeformed_row = undeformed;
  a.sessions = std::move(sessions);
  return a;
}

TEST(StepSelection, TheUndeformedRowIsNamedNotCounted) {
  // 3 load steps after t = 0 (4 rows), and the same arm in a file without the row (3 rows).
  const ArmSummary with = arm(4, true, {session("load", 1, 1, 3)});
  const ArmSummary without = arm(3, false, {session("load", 1, 0, 3)});
  EXPECT_EQ(with.load_steps(), 3u);
  EXPECT_EQ(without.load_steps(), 3u);
  EXPECT_EQ(steps_text(with), "3 + t = 0");
  EXPECT_EQ(steps_text(without), "3");
  // Both show the last load step.
  EXPECT_EQ(choose_step(with, std::nullopt).step, std::optional<std::size_t>(3));
  EXPECT_EQ(choose_step(without, std::nullopt).step, std::optional<std::size_t>(2));
  EXPECT_EQ(choose_step(with, std::string("load")).step, std::optional<std::size_t>(3));
}

TEST(StepSelection, ARestArmIsDrawnAtTimeZero) {
  const ArmSummary rest = arm(1, true, {session("rest", 0, 1, 0)});
  EXPECT_EQ(rest.load_steps(), 0u);
  EXPECT_EQ(steps_text(rest), "no load case: probes only + t = 0");
  const StepChoice c = choose_step(rest, std::nullopt);
  ASSERT_TRUE(c.step.has_value()) << c.note;
  EXPECT_EQ(*c.step, 0u);
  EXPECT_EQ(c.note, "no load case: the undeformed model at t = 0");
  // A file without the row: nothing to draw.
  const ArmSummary old = arm(0, false, {session("rest", 0, 0, 0)});
  EXPECT_EQ(steps_text(old), "no load case: probes only");
  EXPECT_FALSE(choose_step(old, std::nullopt).step.has_value());
}

TEST(StepSelection, AFailedArmCountsItsLoadSteps) {
  ArmSummary failed = arm(3, true, {session("load", 1, 1, 4)});
  failed.status = "failed";
  EXPECT_EQ(steps_text(failed), "n/a (failed after 2 stored steps)");
  failed.time.resize(1);  // only the undeformed row
  EXPECT_EQ(steps_text(failed), "n/a (failed before its first step)");
}

}  // namespace
}  // namespace sinew::viz
