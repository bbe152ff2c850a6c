#include "cli/progress.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

#include "cli/output.hpp"

namespace charter::cli {

namespace {

bool stderr_is_terminal() {
  if (!::isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::strcmp(term, "dumb") == 0);
}

}  // namespace

progress::progress(std::string label, std::vector<std::string> phases)
    : label_(std::move(label)),
      phases_(std::move(phases)),
      start_(std::chrono::steady_clock::now()),
      started_(phases_.size()) {
  if (!started_.empty()) started_.front() = start_;
  if (!quiet() && stderr_is_terminal() && !phases_.empty())
    thread_ = std::thread([this] { run(); });
}

progress::~progress() { halt(); }

void progress::phase(std::size_t index) {
  std::lock_guard lock(mutex_);
  if (index < phases_.size()) {
    phase_ = index;
    started_[index] = std::chrono::steady_clock::now();
  }
}

void progress::stop() {
  halt();
  if (!verbose()) return;
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::string> times;
  for (std::size_t i = 0; i < phases_.size(); ++i) {
    if (started_[i] == std::chrono::steady_clock::time_point{}) continue;
    auto end = now;
    for (std::size_t j = i + 1; j < phases_.size(); ++j)
      if (started_[j] != std::chrono::steady_clock::time_point{}) {
        end = started_[j];
        break;
      }
    times.push_back(
        fmt::format("{} {:.3f} s", phases_[i],
                    std::chrono::duration<double>(end - started_[i]).count()));
  }
  detail(fmt::format("{}: {}", label_, fmt::join(times, ", ")));
}

void progress::halt() {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    done_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
  }
}

void progress::run() {
  using namespace std::chrono_literals;
  std::unique_lock lock(mutex_);
  // Quick operations never show a bar.
  if (wake_.wait_until(lock, start_ + 1s, [this] { return done_; })) return;
  while (!done_) {
    draw();
    wake_.wait_for(lock, 100ms, [this] { return done_; });
  }
}

void progress::draw() {
  constexpr std::size_t bar = 20;
  static constexpr char spinner[] = {'|', '/', '-', '\\'};
  auto elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  std::size_t filled = phase_ * bar / phases_.size();
  std::string line =
      fmt::format("\r{} [{}{}] {}/{} {} {}  {:.1f}s\x1b[K", label_,
                  std::string(filled, '#'), std::string(bar - filled, '-'),
                  phase_ + 1, phases_.size(), phases_[phase_],
                  spinner[static_cast<std::size_t>(elapsed * 10) % 4], elapsed);
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace charter::cli
