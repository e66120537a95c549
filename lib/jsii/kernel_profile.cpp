#include "kernel_profile.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace jsii::detail {
namespace {

// Static initialization of the runtime library: close enough to the start of the process.
const KernelProfile::Clock::time_point kProcessStarted = KernelProfile::Clock::now();

double ms(KernelProfile::Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// The peak resident set of this process (VmHWM), in KiB; -1 when /proc does not say.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace

KernelProfile::KernelProfile() {
  if (const char* path = std::getenv("JSII_CPP_PROFILE"); path != nullptr) path_ = path;
}

KernelProfile::Request KernelProfile::request_started(const Json& request) {
  if (!enabled()) return {};
  const auto now = Clock::now();
  std::string kind = request.value("api", std::string("?"));
  // The app's synth is the first top-level `invoke synth`: what comes before it is the construct phase.
  if (depth_ == 0 && kind == "invoke" && request.value("method", std::string()) == "synth" &&
      synth_started_ == Clock::time_point{}) {
    synth_started_ = now;
  }
  if (kind == "load") kind += "_" + request.value("name", std::string("?"));
  ++depth_;
  return {std::move(kind), now, in_callbacks_};
}

void KernelProfile::request_done(const Request& request) {
  if (request.kind.empty()) return;
  --depth_;
  const auto elapsed = Clock::now() - request.started;
  // Callbacks served inside this request ran C++ (and their own requests): not waiting on node.
  const auto in_callbacks = in_callbacks_ - request.callbacks_before;
  auto& kind = kinds_[request.kind];
  ++kind.count;
  kind.waiting += elapsed - in_callbacks;
  if (depth_ == 0 && request.started == synth_started_) synth_ = elapsed;
}

void KernelProfile::callback_done(Clock::time_point started) {
  if (!enabled()) return;
  ++callbacks_;
  // Only the outermost callbacks count towards C++ time: nested ones are inside them.
  if (depth_ <= 1) in_callbacks_ += Clock::now() - started;
}

void KernelProfile::write(Clock::time_point shutdown_started) noexcept {
  if (!enabled() || written_ || spawned_ == Clock::time_point{}) return;
  written_ = true;
  try {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    Kind all;
    Kind loads;
    for (const auto& [api, kind] : kinds_) {
      all.count += kind.count;
      all.waiting += kind.waiting;
      if (api.starts_with("load_")) {
        loads.count += kind.count;
        loads.waiting += kind.waiting;
      }
    }
    const auto waiting = all.waiting;
    const auto requests = all.count;
    const auto hello = hello_ - spawned_;
    const auto total = shutdown_started - spawned_;
    out << "process_start_to_node_spawn_ms: " << ms(spawned_ - kProcessStarted) << "\n";
    out << "node_start_to_hello_ms: " << ms(hello) << "\n";
    out << "package_loads: " << loads.count << "\n";
    out << "package_loads_ms: " << ms(loads.waiting) << "\n";
    if (synth_started_ != Clock::time_point{}) {
      out << "construct_phase_ms: " << ms(synth_started_ - hello_ - loads.waiting) << "\n";
      out << "synth_phase_ms: " << ms(synth_) << "\n";
    }
    out << "kernel_requests: " << requests << "\n";
    for (const auto& [api, kind] : kinds_) {
      out << "kernel_requests_" << api << ": " << kind.count << "\n";
      out << "kernel_requests_" << api << "_ms: " << ms(kind.waiting) << "\n";
    }
    out << "callbacks: " << callbacks_ << "\n";
    out << "callbacks_ms: " << ms(in_callbacks_) << "\n";
    out << "waiting_on_kernel_ms: " << ms(hello + waiting) << "\n";
    out << "in_cpp_ms: " << ms(total - hello - waiting) << "\n";
    out << "node_spawn_to_shutdown_ms: " << ms(total) << "\n";
    out << "shutdown_ms: " << ms(Clock::now() - shutdown_started) << "\n";
    out << "cpp_peak_rss_kib: " << peak_rss_kib() << "\n";
    std::ofstream file(path_, std::ios::app);
    file << out.str();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a profile must never fail the program
  }
}

}  // namespace jsii::detail
