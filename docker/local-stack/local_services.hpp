// The project's own services as local processes: started with the environment the compute stack would give
// them, and considered up only once they say so (the api's /health, the worker's heartbeat, nginx's port).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace sample::local {

class LocalService {
 public:
  // `ready` is polled after the start until it returns true (for up to 30 s).
  LocalService(std::string name, std::vector<std::string> argv, std::vector<std::string> env,
               std::filesystem::path log_file, std::function<bool()> ready);
  ~LocalService();

  void start();
  // SIGTERM, as ECS sends; returns the exit status (0 after a clean drain).
  int stop(int signal = SIGTERM);
  // SIGKILL: a crash, nothing gets to clean up.
  void crash();
  bool running() const { return process_ != nullptr; }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  std::string log_tail(std::size_t lines = 30) const;
  const std::filesystem::path& log_file() const { return log_file_; }

 private:
  std::string name_;
  std::vector<std::string> argv_;
  std::vector<std::string> env_;
  std::filesystem::path log_file_;
  std::function<bool()> ready_;
  std::unique_ptr<ChildProcess> process_;
};

std::string api_binary();
std::string worker_binary();
std::filesystem::path frontend_directory();

// GET http://127.0.0.1:<port><path> answered with `status`.
bool http_answers(int port, const std::string& path, int status);

}  // namespace sample::local
