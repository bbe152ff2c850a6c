#ifndef CHARTER_TESTS_CRASH_CHILD_HPP
#define CHARTER_TESTS_CRASH_CHILD_HPP

// A child process running this same program in another mode, its standard
// input and output on pipes, for the harnesses of tests/crash/. The
// harnesses run their writers as separate programs (not forks of
// themselves) so that every writer starts as a real client does: a new
// process that opens the file.

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace charter::harness {

[[noreturn]] inline void throw_errno(std::string_view what) {
  throw std::runtime_error(fmt::format("{}: {}", what, std::strerror(errno)));
}

class child {
 public:
  using clock = std::chrono::steady_clock;

  /// Starts this program (`/proc/self/exe`) with `args`; its standard error
  /// is this process's.
  explicit child(const std::vector<std::string>& args) {
    int input[2];
    int output[2];
    // Close-on-exec, so that no other child inherits them: a writer's
    // output would never end while a later child held its pipe open.
    if (::pipe2(input, O_CLOEXEC) != 0) throw_errno("pipe");
    if (::pipe2(output, O_CLOEXEC) != 0) {
      ::close(input[0]);
      ::close(input[1]);
      throw_errno("pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    // A parent that ignores SIGPIPE (writing to a child that died must
    // not kill it) would pass that on through exec.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

    // Started through /proc/self/exe, which is this very program even when
    // a rebuild has replaced its file during a long run; named by its path.
    std::vector<std::string> words{
        std::filesystem::read_symlink("/proc/self/exe").string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const int failed = ::posix_spawn(&pid_, "/proc/self/exe", &actions,
                                     &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(input[0]);
    ::close(output[1]);
    input_ = input[1];
    output_ = output[0];
    if (failed != 0) {
      close_pipes();
      errno = failed;
      throw_errno("posix_spawn " + words.front());
    }
  }

  child(const child&) = delete;
  child& operator=(const child&) = delete;

  /// A child still running when its object ends is killed: a harness that
  /// fails leaves no writer behind.
  ~child() {
    if (!waited_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    close_pipes();
  }

  pid_t pid() const noexcept { return pid_; }

  void send(std::string_view text) {
    if (::write(input_, text.data(), text.size()) !=
        static_cast<ssize_t>(text.size()))
      throw_errno(fmt::format("writing to child {}", pid_));
  }

  /// Reads the child's output until `deadline` or until it closes its
  /// output; false when it has closed it.
  bool read_until(clock::time_point deadline) {
    while (output_ >= 0) {
      const bool late = clock::now() >= deadline;
      if (!readable_before(deadline)) return true;
      read_some();
      // Past the deadline: what was there has been read, and a child that
      // writes without pause must not hold the caller any longer.
      if (late) return output_ >= 0;
    }
    return false;
  }

  /// Reads until the child's output holds a whole line, `deadline` passes
  /// or the output ends; whether it holds one.
  bool read_line(clock::time_point deadline) {
    while (text_.find('\n') == std::string::npos && output_ >= 0 &&
           readable_before(deadline))
      read_some();
    return text_.find('\n') != std::string::npos;
  }

  /// Reads the child's output until it closes it.
  void read_all() {
    while (output_ >= 0) read_some();
  }

  /// What the child has written to its output so far.
  const std::string& output() const noexcept { return text_; }

  void kill() { ::kill(pid_, SIGKILL); }

  /// Waits for the child to end: its exit code, or 128 + the signal that
  /// ended it (as a shell reports it).
  int wait() {
    if (!waited_) {
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0)
        if (errno != EINTR) throw_errno("waitpid");
      waited_ = true;
      status_ = WIFEXITED(status)     ? WEXITSTATUS(status)
                : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                      : -1;
    }
    return status_;
  }

 private:
  // Whether the output can be read (data or its end) before `deadline`.
  bool readable_before(clock::time_point deadline) {
    for (;;) {
      const auto left = std::max<std::int64_t>(
          0,
          std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now())
              .count());
      pollfd ready{.fd = output_, .events = POLLIN, .revents = 0};
      const int n = ::poll(&ready, 1, static_cast<int>(left));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw_errno("poll");
      return n > 0;
    }
  }

  void read_some() {
    char buffer[4096];
    const ssize_t n = ::read(output_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) return;
    if (n < 0) throw_errno("reading from a child");
    if (n == 0) {
      ::close(output_);
      output_ = -1;
      return;
    }
    text_.append(buffer, static_cast<std::size_t>(n));
  }

  void close_pipes() noexcept {
    if (input_ >= 0) ::close(input_);
    if (output_ >= 0) ::close(output_);
    input_ = output_ = -1;
  }

  pid_t pid_ = -1;
  int input_ = -1;
  int output_ = -1;
  std::string text_;
  bool waited_ = false;
  int status_ = -1;
};

/// A count given on the command line: a whole number, 0 or more.
inline std::optional<std::int64_t> parse_count(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 0)
    return std::nullopt;
  return n;
}

}  // namespace charter::harness

#endif
