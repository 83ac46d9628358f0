// Rendering of the per-arm progress lines.
#include "batch/progress_board.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew::batch {

namespace {

std::string clock_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressBoard::ProgressBoard(std::FILE* out, bool terminal, std::vector<std::string> arm_names,
                             double every_seconds)
    : out_(out), terminal_(terminal), names_(std::move(arm_names)), lines_(names_.size()) {
  for (const auto& n : names_) width_ = std::max(width_, n.size());
  if (!terminal_ && every_seconds > 0.0)
    ticker_ =
        std::thread([this, every_seconds] { tick(std::chrono::duration<double>(every_seconds)); });
}

ProgressBoard::~ProgressBoard() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void ProgressBoard::tick(std::chrono::duration<double> every) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (wake_.wait_for(lock, every, [this] { return closing_; })) return;
    lock.unlock();
    print_status();
    lock.lock();
  }
}

void ProgressBoard::print_status() {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const Line& l = lines_[i];
    if (l.state != "running") continue;
    const double elapsed = std::chrono::duration<double>(Clock::now() - l.start).count();
    const double f = l.progress.fraction;
    std::fprintf(out_, "arm %s: %.0f%% session '%s': %s, %s elapsed, ETA %s\n", names_[i].c_str(),
                 100.0 * f, l.progress.session.c_str(), l.progress.activity.c_str(),
                 clock_text(elapsed).c_str(),
                 f > 0.02 ? clock_text(elapsed * (1.0 - f) / f).c_str() : "--:--");
  }
  std::fflush(out_);
}

std::string ProgressBoard::render(const Line& l, std::size_t arm) const {
  const std::string name = fmt::format("{:<{}}", names_[arm], width_);
  if (l.state != "running") return fmt::format("  {}  {}", name, l.state);
  constexpr int kBar = 24;
  const int filled = static_cast<int>(l.progress.fraction * kBar);
  const double elapsed = std::chrono::duration<double>(Clock::now() - l.start).count();
  const std::string eta =
      l.progress.fraction > 0.02
          ? clock_text(elapsed * (1.0 - l.progress.fraction) / l.progress.fraction)
          : "--:--";
  return fmt::format("  {}  [{}{}] {:3.0f}%  {}: {}  ETA {}", name, std::string(filled, '#'),
                     std::string(kBar - filled, '.'), 100.0 * l.progress.fraction,
                     l.progress.session, l.progress.activity, eta);
}

void ProgressBoard::redraw(bool force) {
  if (!terminal_) return;
  const auto now = Clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  if (drawn_ > 0) std::fprintf(out_, "\033[%zuA", drawn_);
  for (std::size_t i = 0; i < lines_.size(); ++i)
    std::fprintf(out_, "\033[2K%s\n", render(lines_[i], i).c_str());
  drawn_ = lines_.size();
  std::fflush(out_);
}

void ProgressBoard::skipped(std::size_t arm, const std::string& why) {
  std::lock_guard lock(mutex_);
  lines_[arm].state = "skipped: " + why;
  if (!terminal_) std::fprintf(out_, "arm %s: skipped (%s)\n", names_[arm].c_str(), why.c_str());
  redraw(true);
}

void ProgressBoard::started(std::size_t arm) {
  std::lock_guard lock(mutex_);
  lines_[arm].state = "running";
  lines_[arm].start = Clock::now();
  if (!terminal_) std::fprintf(out_, "arm %s: started\n", names_[arm].c_str());
  redraw(true);
}

void ProgressBoard::update(std::size_t arm, const ArmProgress& p) {
  std::lock_guard lock(mutex_);
  auto& l = lines_[arm];
  l.progress = p;
  if (!terminal_ && p.session != l.last_session) {
    std::fprintf(out_, "arm %s: session '%s' (%.0f%%)\n", names_[arm].c_str(), p.session.c_str(),
                 100.0 * p.fraction);
    std::fflush(out_);
  }
  l.last_session = p.session;
  redraw(false);
}

void ProgressBoard::finished(std::size_t arm, const std::string& status,
                             const std::string& failure) {
  std::lock_guard lock(mutex_);
  auto& l = lines_[arm];
  const double elapsed = std::chrono::duration<double>(Clock::now() - l.start).count();
  l.state =
      fmt::format("{} in {}{}", status, clock_text(elapsed), failure.empty() ? "" : ": " + failure);
  if (!terminal_) {
    std::fprintf(out_, "arm %s: %s\n", names_[arm].c_str(), l.state.c_str());
    std::fflush(out_);
  }
  redraw(true);
}

}  // namespace sinew::batch
