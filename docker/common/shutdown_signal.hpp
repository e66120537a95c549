// SIGTERM (what ECS sends before it stops a task) and SIGINT, turned into an ordinary callback on a thread of
// its own, so the code that stops the service runs outside a signal handler.
#pragma once

#include <functional>
#include <thread>

namespace sample {

class ShutdownSignal {
 public:
  // Blocks SIGTERM and SIGINT in this thread (call before starting other threads, which inherit the mask),
  // then waits for either on a dedicated thread and calls `on_signal` once with its number.
  explicit ShutdownSignal(std::function<void(int)> on_signal);
  // Wakes the waiting thread if no signal came and joins it.
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

 private:
  std::thread waiter_;
};

}  // namespace sample
