// Opt-in accounting of one process's conversation with the kernel, for bench/run's breakdown of a synth:
// node start, package loads, requests by kind, callbacks, time waiting on node against time in C++.
// Enabled by JSII_CPP_PROFILE=<file>; written (as `name: value` lines) when the kernel shuts down. Costs
// one branch per request when off.
#pragma once

#include <chrono>
#include <cstdint>
#include <jsii/wire.hpp>
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

  /// One request about to be sent; the token goes to `request_done` when its answer came (or it failed).
  /// Requests are counted by kind (`create`, `invoke`, ...; loads one line per package). Nothing when off.
  struct Request {
    std::string kind;  ///< empty when profiling is off
    Clock::time_point started;
    Clock::duration callbacks_before;
  };
  Request request_started(const Json& request);
  void request_done(const Request& request);

  /// A callback C++ served (synchronous, or an async override), from `started` until now.
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
