#include "local_services.hpp"

#include <httplib.h>

#include <fstream>
#include <stdexcept>

namespace sample::local {

LocalService::LocalService(std::string name, std::vector<std::string> argv, std::vector<std::string> env,
                           std::filesystem::path log_file, std::function<bool()> ready)
    : name_(std::move(name)),
      argv_(std::move(argv)),
      env_(std::move(env)),
      log_file_(std::move(log_file)),
      ready_(std::move(ready)) {
  start();
}

LocalService::~LocalService() {
  if (process_) stop();
}

void LocalService::start() {
  if (process_) return;
  process_ =
      std::make_unique<ChildProcess>(ChildOptions{.argv = argv_, .extra_env = env_, .log_file = log_file_});
  try {
    process_->wait_until_ready(name_, std::chrono::seconds(30), [this](std::string&) { return ready_(); });
  } catch (...) {
    process_.reset();  // stops it
    throw;
  }
}

int LocalService::stop(int signal) {
  if (!process_) return 0;
  int status = process_->stop(signal, std::chrono::seconds(15));
  process_.reset();
  return status;
}

void LocalService::crash() { stop(SIGKILL); }

std::string LocalService::log_tail(std::size_t lines) const {
  if (process_) return process_->log_tail(lines);
  return ChildProcess::tail_of(log_file_, lines);
}

std::string api_binary() { return SAMPLE_API_BINARY; }
std::string worker_binary() { return SAMPLE_WORKER_BINARY; }
std::filesystem::path frontend_directory() { return SAMPLE_FRONTEND_DIR; }

bool http_answers(int port, const std::string& path, int status) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::seconds(1));
  client.set_read_timeout(std::chrono::seconds(2));
  auto result = client.Get(path);
  return result && result->status == status;
}

}  // namespace sample::local
