#include "shutdown_signal.hpp"

#include <pthread.h>
#include <signal.h>

#include <utility>

namespace sample {
namespace {

// Sent to the waiter by the destructor; never delivered to the handler.
constexpr int kWakeSignal = SIGUSR2;

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, kWakeSignal);
  return set;
}

}  // namespace

ShutdownSignal::ShutdownSignal(std::function<void(int)> on_signal) {
  sigset_t set = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  waiter_ = std::thread([set, on_signal = std::move(on_signal)] {
    int received = 0;
    if (sigwait(&set, &received) == 0 && received != kWakeSignal) on_signal(received);
  });
}

ShutdownSignal::~ShutdownSignal() {
  pthread_kill(waiter_.native_handle(), kWakeSignal);
  waiter_.join();
}

}  // namespace sample
