#ifndef CHARTER_SRC_CLI_PROGRESS_HPP
#define CHARTER_SRC_CLI_PROGRESS_HPP

// Internal to the `charter` executable: a progress line on stderr for the
// slow commands (import, report).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace charter::cli {

/// Shows `label [####------] 2/3 validating  1.4s` on stderr while an
/// operation runs, once it has taken more than a second, and only when
/// stderr is a terminal and the run is not --quiet: pipes, files and CI
/// logs stay quiet. With --verbose, `stop` then says how long each phase
/// took (`charter: import: loading 0.004 s, reading 0.001 s, ...`).
///
/// The bar counts finished phases; it never invents a percentage.
class progress {
 public:
  progress(std::string label, std::vector<std::string> phases);
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  ~progress();

  /// Starts phase `index` (the earlier ones are done).
  void phase(std::size_t index);
  /// Stops and erases the line, before the command writes its output;
  /// with --verbose, says the phases' times.
  void stop();

 private:
  void halt();
  void run();
  void draw();

  std::string label_;
  std::vector<std::string> phases_;
  std::size_t phase_ = 0;
  bool done_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  // When each phase started (for --verbose); a phase not reached is unset.
  std::vector<std::chrono::steady_clock::time_point> started_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace charter::cli

#endif
