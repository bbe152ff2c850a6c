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
/// stderr is a terminal: pipes, files and CI logs stay quiet.
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
  /// Stops and erases the line, before the command writes its output.
  void stop();

 private:
  void run();
  void draw();

  std::string label_;
  std::vector<std::string> phases_;
  std::size_t phase_ = 0;
  bool done_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace charter::cli

#endif
