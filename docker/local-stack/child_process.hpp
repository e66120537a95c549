// A child process the local stack owns: its output goes to a log file, it is signalled when the stack stops,
// and it dies with its parent (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sample::local {

struct ChildOptions {
  std::vector<std::string> argv{};
  std::vector<std::string> extra_env{};  // NAME=value, added to (and overriding) this process's environment
  std::filesystem::path log_file{};      // empty: the child shares this process's stdin, stdout and stderr
  std::optional<std::string> run_as{};   // a user name, for servers that refuse to run as root (PostgreSQL)
  int death_signal = SIGKILL;            // sent by the kernel when the thread that started it exits
};

class ChildProcess {
 public:
  // Starts it. Call from a thread that lives as long as the child (the death signal follows that thread).
  explicit ChildProcess(ChildOptions options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `signal`, waits up to `grace`, then SIGKILL; returns the exit status as the shell reports it
  // (128 + signal for a signalled child).
  int stop(int signal = SIGTERM, std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Waits for the child to exit by itself, up to `timeout` (then stops it); returns its status.
  int wait(std::chrono::milliseconds timeout);
  // Polls `ready` every 20 ms until it returns true; throws, with `what`, the reason `ready` last gave and
  // the log's tail, when the child exits first or `timeout` passes.
  void wait_until_ready(std::string_view what, std::chrono::seconds timeout,
                        const std::function<bool(std::string& reason)>& ready);
  const std::filesystem::path& log_file() const { return options_.log_file; }
  // The last lines of its log, for error messages.
  std::string log_tail(std::size_t lines = 30) const { return tail_of(options_.log_file, lines); }
  static std::string tail_of(const std::filesystem::path& file, std::size_t lines);

 private:
  bool reap(int flags);

  ChildOptions options_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// A TCP port free on 127.0.0.1 right now (the kernel picks it).
int free_port();

}  // namespace sample::local
