#include "local_stack.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace sample::local {
namespace {

std::vector<std::string> concat(std::vector<std::string> first, const std::vector<std::string>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

bool fresh_file(const std::filesystem::path& file, std::filesystem::file_time_type since) {
  std::error_code error;
  auto written = std::filesystem::last_write_time(file, error);
  return !error && written >= since;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sample-stack-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory under /tmp");
  path_ = pattern;
  // The PostgreSQL server runs as the postgres user and must reach its data directory inside.
  chmod(path_.c_str(), 0755);
}

TemporaryDirectory::~TemporaryDirectory() {
  const char* keep = std::getenv("LOCAL_STACK_KEEP");
  if (keep != nullptr && std::string(keep) == "1") {
    std::cerr << "local-stack: kept " << path_ << " (LOCAL_STACK_KEEP=1)\n";
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

LocalStack::LocalStack(StackOptions options) {
  postgres_ = std::make_unique<LocalPostgres>(directory() / "postgres");
  redis_ = std::make_unique<LocalRedis>(directory() / "redis");
  api_port_ = options.api_port != 0 ? options.api_port : free_port();
  std::vector<std::string> api_env =
      concat(dependency_environment(),
             {"LISTEN_HOST=127.0.0.1", "PORT=" + std::to_string(api_port_), "STARTUP_WAIT_SECONDS=10"});
  int port = api_port_;
  api_ = std::make_unique<LocalService>("api", std::vector<std::string>{api_binary()},
                                        concat(api_env, options.api_env), directory() / "api.log",
                                        [port] { return http_answers(port, "/health", 200); });
  if (options.worker) {
    std::filesystem::path heartbeat = directory() / "worker.heartbeat";
    auto since = std::filesystem::file_time_type::clock::now();
    std::vector<std::string> worker_env =
        concat(dependency_environment(), {"HEARTBEAT_FILE=" + heartbeat.string()});
    worker_ = std::make_unique<LocalService>(
        "worker", std::vector<std::string>{worker_binary()}, concat(worker_env, options.worker_env),
        directory() / "worker.log", [heartbeat, since] { return fresh_file(heartbeat, since); });
  }
  if (options.frontend) start_frontend(options);
}

void LocalStack::start_frontend(const StackOptions& options) {
  frontend_port_ = options.frontend_port != 0 ? options.frontend_port : free_port();
  std::filesystem::path runtime = directory() / "nginx";
  std::filesystem::create_directories(runtime);
  // nginx's workers run as an unprivileged user when the stack runs as root: serve a copy in the stack's
  // directory (readable by all), not the checkout, which may sit in a directory only its owner can enter.
  std::filesystem::copy(frontend_directory() / "html", runtime / "html",
                        std::filesystem::copy_options::recursive);
  std::ifstream template_file(frontend_directory() / "nginx.conf.template");
  if (!template_file)
    throw std::runtime_error("cannot read " + (frontend_directory() / "nginx.conf.template").string());
  std::stringstream text;
  text << template_file.rdbuf();
  std::ofstream(runtime / "nginx.conf") << render_nginx_config(
      text.str(), frontend_port_, "127.0.0.1:" + std::to_string(api_port_), runtime / "html", runtime);
  int port = frontend_port_;
  frontend_ = std::make_unique<LocalService>(
      "frontend (nginx)",
      std::vector<std::string>{"/usr/sbin/nginx", "-e", "stderr", "-p", runtime.string(), "-c",
                               (runtime / "nginx.conf").string(), "-g", "daemon off;"},
      std::vector<std::string>{}, directory() / "nginx.log",
      [port] { return http_answers(port, "/healthz", 200); });
}

std::vector<std::string> LocalStack::dependency_environment() const {
  return concat(postgres_->service_environment(), redis_->service_environment());
}

std::string render_nginx_config(const std::string& template_text, int port, const std::string& api_upstream,
                                const std::filesystem::path& html_dir,
                                const std::filesystem::path& runtime_dir) {
  std::string text = template_text;
  replace_all(text, "${PORT}", std::to_string(port));
  replace_all(text, "${API_UPSTREAM}", api_upstream);
  replace_all(text, "${HTML_DIR}", html_dir.string());
  replace_all(text, "${RUNTIME_DIR}", runtime_dir.string());
  return text;
}

}  // namespace sample::local
