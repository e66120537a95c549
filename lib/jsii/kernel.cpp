// jsii::Kernel, part 1 of 3: starting the kernel process (hello, environment) and stopping it.
// Requests and callbacks: kernel_exchange.cpp; package loading: kernel_packages.cpp.
#include <boost/process/search_path.hpp>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <jsii/host_object.hpp>
#include <jsii/kernel.hpp>
#include <thread>

#include "config.hpp"
#include "kernel_session.hpp"
#include "kernel_shared.hpp"

namespace fs = std::filesystem;

namespace jsii {
namespace {

using namespace std::chrono_literals;

/// How long shutdown waits for the kernel's worker to finish writing a runtime index.
constexpr auto kIndexWait = 20s;
constexpr auto kExitWait = 5s;

std::string agent() {
#if defined(__clang__)
  const std::string compiler =
      "clang-" + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__);
#elif defined(__GNUC__)
  const std::string compiler = "gcc-" + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__);
#else
  const std::string compiler = "unknown";
#endif
#if defined(__x86_64__)
  const char* arch = "x86_64";
#elif defined(__aarch64__)
  const char* arch = "aarch64";
#else
  const char* arch = "unknown";
#endif
#if defined(__APPLE__)
  const char* os = "darwin";
#else
  const char* os = "linux";
#endif
  return "C++/" + compiler + "/" + os + "/" + arch;
}

}  // namespace

namespace detail {

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : std::move(fallback);
}

std::string package_cache_root() {
  return env_or("JSII_RUNTIME_PACKAGE_CACHE_ROOT", JSII_CPP_DEFAULT_CACHE_ROOT);
}

bool package_cache_enabled() {
  const char* setting = std::getenv("JSII_RUNTIME_PACKAGE_CACHE");
  std::string lowered = setting == nullptr ? "enabled" : setting;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered == "enabled";
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "\n  | " + line;
  return out;
}

}  // namespace detail

using detail::env_or;
using detail::join_lines;

Override Override::method(std::string name, std::string cookie) {
  if (cookie.empty()) cookie = name;
  return Override{Kind::method, std::move(name), std::move(cookie)};
}

Override Override::property(std::string name, std::string cookie) {
  if (cookie.empty()) cookie = name;
  return Override{Kind::property, std::move(name), std::move(cookie)};
}

Kernel& Kernel::instance() {
  static Kernel kernel;
  return kernel;
}

Kernel::Kernel() : Kernel(Options{}) {}

Kernel::Kernel(Options options)
    : shared_(std::make_shared<detail::KernelShared>()),
      session_(std::make_unique<detail::KernelSession>()),
      options_(std::move(options)) {}

Kernel::~Kernel() {
  if (shared_->at_shutdown != nullptr) shared_->at_shutdown(*this);
  shutdown();
}

void Kernel::start() {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.state == detail::KernelSession::State::running) return;
  if (s.state == detail::KernelSession::State::stopped) {
    throw KernelDied("the jsii kernel is no longer running: " + s.stop_reason, "start", -1, {});
  }

  std::string node = options_.node.empty() ? env_or("JSII_NODE", "") : options_.node;
  if (node.empty()) {
    node = boost::process::search_path("node").string();
    if (node.empty()) {
      s.state = detail::KernelSession::State::stopped;
      s.stop_reason = "node was not found";
      throw KernelDied(
          "cannot start the jsii kernel: `node` is not on PATH. Install Node.js >= 18 or set JSII_NODE "
          "to the node binary.",
          "start", -1, {});
    }
  }

  detail::ProcessConfig config;
  config.node = node;
  config.transport = options_.transport;
  if (const std::string t = env_or("JSII_CPP_TRANSPORT", ""); !t.empty()) {
    if (t == "direct") {
      config.transport = Transport::direct;
    } else if (t == "wrapper") {
      config.transport = Transport::wrapper;
    } else {
      throw Error("JSII_CPP_TRANSPORT must be 'direct' or 'wrapper', not '" + t + "'");
    }
  }
  const std::string runtime_dir = options_.runtime_dir.empty()
                                      ? env_or("JSII_CPP_RUNTIME_DIR", JSII_CPP_DEFAULT_RUNTIME_DIR)
                                      : options_.runtime_dir;
  std::string script = options_.runtime_script.empty() ? env_or("JSII_RUNTIME", "") : options_.runtime_script;
  if (!script.empty()) config.transport = Transport::wrapper;
  if (script.empty()) {
    script =
        runtime_dir + (config.transport == Transport::direct ? "/lib/program.js" : "/bin/jsii-runtime.js");
  }
  if (!fs::exists(script)) {
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "the kernel script is missing";
    throw KernelDied(
        "cannot start the jsii kernel: " + script +
            " does not exist. Run scripts/setup.sh (it unpacks @jsii/runtime into build/jsii-deps/runtime) "
            "or set JSII_CPP_RUNTIME_DIR.",
        "start", -1, {});
  }

  // A heap as large as the official runtimes use (aws/jsii#745), unless the user chose one.
  if (env_or("NODE_OPTIONS", "").find("max-old-space-size") == std::string::npos) {
    config.args.emplace_back("--max-old-space-size=4096");
  }
  if (config.transport == Transport::direct) config.args.emplace_back("--preserve-symlinks");
  config.args.push_back(script);

  s.cache_root = detail::package_cache_root();
  config.environment = {
      {"JSII_AGENT", agent()},
      {"JSII_RUNTIME_PACKAGE_CACHE_ROOT", s.cache_root},
      {"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION",
       env_or("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "14,16,18,19,20,21,22,23,24,25,26")},
  };
  for (const auto& entry : options_.environment) config.environment.push_back(entry);

  s.profile.node_spawning();
  s.process.emplace(config);
  s.state = detail::KernelSession::State::running;

  const auto line = s.process->read_line();
  if (!line) {
    const auto exit = s.process->wait_for(2s);
    const auto tail = s.process->stderr_tail();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it ended before saying hello";
    throw KernelDied("the jsii kernel (" + script + ") ended before its handshake: " + exit.describe() +
                         (tail.empty() ? "" : "; its last stderr lines:" + join_lines(tail)),
                     "start", exit.status, tail);
  }
  try {
    const auto response = detail::decode_response(*line);
    const auto* hello = std::get_if<detail::Hello>(&response);
    if (hello == nullptr)
      throw Fault("start", "expected a hello from the jsii kernel, got: " + detail::excerpt(*line));
    if (hello->package != "@jsii/runtime" || !hello->version.starts_with("1.")) {
      throw Fault("start", "unsupported jsii kernel " + hello->package + "@" + hello->version +
                               " (this runtime speaks @jsii/runtime 1.x)");
    }
    s.hello = *hello;
    s.profile.hello_received();
  } catch (...) {
    s.process->kill();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "its handshake failed";
    throw;
  }
}

void Kernel::shutdown() noexcept {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.state != detail::KernelSession::State::running) {
    s.state = detail::KernelSession::State::stopped;
    if (s.stop_reason.empty()) s.stop_reason = "it was shut down";
    return;
  }
  const auto shutdown_started = std::chrono::steady_clock::now();
  try {
    // The kernel builds its runtime index in a worker thread that `exit` kills. After a slow (cold) load, let
    // it finish, or every later run pays the slow load again (reference §1.7).
    const auto deadline = std::chrono::steady_clock::now() + kIndexWait;
    for (const auto& [name, package] : s.loaded) {
      if (!package.wants_index) continue;
      const fs::path versions = fs::path(s.cache_root) / name / package.version;
      auto indexed = [&] {
        std::error_code ec;
        for (const auto& dir : fs::directory_iterator(versions, ec)) {
          if (fs::exists(dir.path() / ".jsii.runtime.v1.json", ec)) return true;
        }
        return false;
      };
      while (!indexed() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
    }
    (void)s.process->write_line(R"({"exit":0})");
    s.process->close_input();
    if (s.process->wait_for(kExitWait).status < 0) s.process->kill();
  } catch (...) {  // NOLINT(bugprone-empty-catch): shutdown must not throw; the process is killed below
  }
  s.process.reset();  // kills it if it is somehow still there, joins the stderr relay
  s.state = detail::KernelSession::State::stopped;
  s.stop_reason = "it was shut down";
  s.profile.write(shutdown_started);
}

std::string Kernel::runtime_version() {
  const std::lock_guard lock(shared_->mutex);
  start();
  return session_->hello.package + "@" + session_->hello.version;
}

int Kernel::pid() {
  const std::lock_guard lock(shared_->mutex);
  start();
  return session_->process->pid();
}

}  // namespace jsii
