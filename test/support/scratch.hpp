// Scratch directories for tests: fresh and unique per call, removed when the test process exits, so test runs
// leave nothing behind in the temp directory.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <system_error>
#include <vector>

namespace test_support {

/// A new empty directory `<temp>/<prefix>-<pid>-<random>`, removed at exit.
inline std::filesystem::path scratch_directory(const std::string& prefix) {
  namespace fs = std::filesystem;
  struct Registry {
    std::mutex mutex;
    std::vector<fs::path> dirs;
    pid_t owner = ::getpid();  // a forked child that exits must not remove its parent's directories
    Registry() = default;
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;
    ~Registry() {
      if (::getpid() != owner) return;
      std::error_code ignored;
      for (const auto& dir : dirs) fs::remove_all(dir, ignored);
    }
  };
  static Registry registry;
  std::random_device random;
  fs::path dir = fs::temp_directory_path() /
                 (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::lock_guard lock(registry.mutex);
  registry.dirs.push_back(dir);
  return dir;
}

}  // namespace test_support
