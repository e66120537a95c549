// Opt-in accounting of one process's conversation with the kernel, for bench/run's breakdown of a synth:
// node start, package loads, requests by kind, callbacks, time waiting on node against time in C++.
// Enabled by JSII_CPP_PROFILE=<file>; written (as `name: value` lines) when the kernel shuts down. Costs
// one branch per request when off.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace jsii::detail {

class KernelProfile {
 public:
  using Clock = std::chrono::steady_clock;

  KernelProfile();  // reads JSII_CPP_PROFILE
  [[nodiscard]] bool enabled() const { return !path_.empty(); }

  void node_spawning() { spawned_ = Clock::now(); }
  void hello_received() { hello_ = Clock::now(); }

  /// One request: `api` is its kind (create, invoke, load, ...), `method` the invoked method, if any.
  /// Returns the token to pass to `request_done`.
  struct Request {
    Clock::time_point started;
    Clock::duration callbacks_before;
  };
  Request request_started(const std::string& api, const std::string& method);
  void request_done(const std::string& api, const Request& request);

  Clock::time_point callback_started() { return Clock::now(); }
  void callback_done(Clock::time_point started);

  /// Writes the figures (once); `shutdown_started` is when the process began to stop node.
  void write(Clock::time_point shutdown_started) noexcept;

 private:
  struct Kind {
    std::int64_t count = 0;
    Clock::duration waiting{};
  };
  std::string path_;
  Clock::time_point spawned_{};
  Clock::time_point hello_{};
  Clock::time_point synth_started_{};
  Clock::duration synth_{};
  std::map<std::string, Kind, std::less<>> kinds_;
  std::int64_t callbacks_ = 0;
  Clock::duration in_callbacks_{};
  int depth_ = 0;
  bool written_ = false;
};

}  // namespace jsii::detail
