// A throwaway Redis 7 on a loopback port. No persistence, like a cache node that restarts empty: the
// services must survive losing everything in it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace sample::local {

class LocalRedis {
 public:
  explicit LocalRedis(std::filesystem::path directory);
  ~LocalRedis();

  void start();
  void stop();
  bool running() const { return server_ != nullptr; }
  int port() const { return port_; }
  // For the services: REDIS_HOST, REDIS_PORT.
  std::vector<std::string> service_environment() const;

 private:
  std::filesystem::path directory_;
  int port_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace sample::local
