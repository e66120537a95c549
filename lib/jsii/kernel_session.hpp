// The state of one run of the kernel process, shared by the files that make up jsii::Kernel: process start
// and stop (kernel.cpp), requests and callbacks (kernel_exchange.cpp), package loading (kernel_packages.cpp).
#pragma once

#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kernel_process.hpp"
#include "kernel_profile.hpp"
#include "protocol.hpp"

namespace jsii::detail {

struct LoadedPackage {
  std::string
      version;  // cppcheck-suppress unusedStructMember ; read by shutdown() through a structured binding
  int types = 0;
  bool wants_index = false;  // loaded slowly and the kernel's index was missing: worth waiting for at exit
};

struct ManifestEntry {
  std::string version;
  std::string tarball;
  std::vector<std::string> dependencies;
  // The package cache ticket (scripts/jsii-deps.mjs): the kernel's cache digests of the tarball and of the
  // ticket, and the ticket's path. Empty when the manifest predates tickets.
  std::string cache_digest;
  std::string ticket;
  std::string ticket_digest;
};

/// Everything about one run of the kernel process. Guarded by KernelShared::mutex.
class KernelSession {
 public:
  enum class State { not_started, running, stopped };
  State state = State::not_started;
  std::string stop_reason;  // why requests can no longer be served
  std::optional<KernelProcess> process;
  Hello hello;
  std::string cache_root;
  std::map<std::string, LoadedPackage, std::less<>> loaded;
  std::optional<std::map<std::string, ManifestEntry, std::less<>>> manifest;
  std::vector<std::exception_ptr> host_failures;  // one slot per exchange in progress (nested for callbacks)
  KernelProfile profile;                          // JSII_CPP_PROFILE
  int sync_callbacks = 0;  // callbacks JS is waiting for (synchronously) that C++ is running now
};

/// The environment variable `name`, or `fallback` when it is unset or empty.
std::string env_or(const char* name, std::string fallback);

/// The kernel's package cache as the kernel process will see it: its root, and whether it is on (it reads
/// JSII_RUNTIME_PACKAGE_CACHE: anything but "enabled", in any case, turns it off).
std::string package_cache_root();
bool package_cache_enabled();

/// Lines quoted as "\n  | line" (a kernel's stderr tail in an error message).
std::string join_lines(const std::vector<std::string>& lines);

}  // namespace jsii::detail
