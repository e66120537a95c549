// The whole sample system on loopback, in a temporary directory removed afterwards: PostgreSQL, Redis, the
// api, the worker and, on request, nginx serving the frontend with the api behind /api/. Members stop in
// reverse order (frontend, worker, api, Redis, PostgreSQL), also when a test fails.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "local_postgres.hpp"
#include "local_redis.hpp"
#include "local_services.hpp"

namespace sample::local {

struct StackOptions {
  bool worker = true;
  bool frontend = false;
  std::vector<std::string> api_env{};  // NAME=value, over the defaults
  std::vector<std::string> worker_env{};
  int api_port = 0;       // 0: a free port
  int frontend_port = 0;  // 0: a free port
};

// mkdtemp, readable by the postgres user, removed with everything in it (unless LOCAL_STACK_KEEP=1).
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class LocalStack {
 public:
  explicit LocalStack(StackOptions options = {});

  LocalPostgres& postgres() { return *postgres_; }
  LocalRedis& redis() { return *redis_; }
  LocalService& api() { return *api_; }
  LocalService& worker() { return *worker_; }
  LocalService& frontend() { return *frontend_; }

  int api_port() const { return api_port_; }
  std::string api_url() const { return "http://127.0.0.1:" + std::to_string(api_port_); }
  int frontend_port() const { return frontend_port_; }
  std::string frontend_url() const { return "http://127.0.0.1:" + std::to_string(frontend_port_); }
  const std::filesystem::path& directory() const { return directory_.path(); }

  // The environment the services get (PostgreSQL and Redis endpoints), for a process a test starts itself.
  std::vector<std::string> dependency_environment() const;

 private:
  void start_frontend(const StackOptions& options);

  TemporaryDirectory directory_;  // first: removed last
  std::unique_ptr<LocalPostgres> postgres_;
  std::unique_ptr<LocalRedis> redis_;
  int api_port_ = 0;
  int frontend_port_ = 0;
  std::unique_ptr<LocalService> api_;
  std::unique_ptr<LocalService> worker_;
  std::unique_ptr<LocalService> frontend_;
};

// The nginx configuration from docker/frontend/nginx.conf.template with its four variables replaced, as the
// image's entrypoint does with envsubst.
std::string render_nginx_config(const std::string& template_text, int port, const std::string& api_upstream,
                                const std::filesystem::path& html_dir,
                                const std::filesystem::path& runtime_dir);

}  // namespace sample::local
