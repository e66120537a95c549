// The node child process and the byte streams to it. Knows nothing of the protocol's meaning: it moves lines.
#pragma once

#include <chrono>
#include <jsii/kernel.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jsii::detail {

struct ProcessConfig {
  std::string node;               ///< absolute path of the node binary
  std::vector<std::string> args;  ///< node arguments, script included
  Transport transport = Transport::direct;
  std::vector<std::pair<std::string, std::string>> environment;  ///< set on top of ours
};

/// How a finished process ended.
struct ExitInfo {
  int status = -1;  ///< exit code, or 128 + signal, or -1 if still running / unknown
  [[nodiscard]] std::string describe() const;
};

class KernelProcess {
 public:
  /// Spawns node. Throws KernelDied when it cannot be started.
  explicit KernelProcess(const ProcessConfig& config);
  ~KernelProcess();  // kills the process if it is still running
  KernelProcess(const KernelProcess&) = delete;
  KernelProcess& operator=(const KernelProcess&) = delete;

  /// Writes one line (a newline is appended). Returns false when the kernel's end is closed.
  bool write_line(std::string_view line);
  /// Reads one line without its newline; nullopt at end of stream.
  std::optional<std::string> read_line();
  /// Stops writing: the kernel sees end of input.
  void close_input();
  /// Waits up to `timeout` for the process to end; then its exit info (status -1 if it still runs).
  ExitInfo wait_for(std::chrono::milliseconds timeout);
  /// Kills the process (SIGKILL) and reaps it.
  ExitInfo kill();
  /// The last lines the process wrote to stderr, after waiting briefly for the stream to drain.
  std::vector<std::string> stderr_tail();
  [[nodiscard]] int pid() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Standard base64 decoding (the wrapper's console relay); invalid characters are skipped.
std::string base64_decode(std::string_view text);

}  // namespace jsii::detail
