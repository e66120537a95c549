#include "local_redis.hpp"

#include <hiredis/hiredis.h>

#include <stdexcept>

namespace sample::local {
namespace {

bool answers_ping(int port) {
  timeval timeout{1, 0};
  redisContext* context = redisConnectWithTimeout("127.0.0.1", port, timeout);
  bool ok = false;
  if (context != nullptr && context->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(context, "PING"));
    ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
    if (reply != nullptr) freeReplyObject(reply);
  }
  if (context != nullptr) redisFree(context);
  return ok;
}

}  // namespace

LocalRedis::LocalRedis(std::filesystem::path directory)
    : directory_(std::move(directory)), port_(free_port()) {
  std::filesystem::create_directories(directory_);
  start();
}

LocalRedis::~LocalRedis() { stop(); }

void LocalRedis::start() {
  if (server_) return;
  const char* binary = "/usr/bin/redis-server";
  server_ = std::make_unique<ChildProcess>(ChildOptions{
      .argv = {binary, "--port", std::to_string(port_), "--bind", "127.0.0.1", "--dir", directory_.string(),
               "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no"},
      .log_file = directory_ / "redis.log"});
  server_->wait_until_ready("redis-server", std::chrono::seconds(15),
                            [this](std::string&) { return answers_ping(port_); });
}

void LocalRedis::stop() {
  if (!server_) return;
  server_->stop(SIGTERM, std::chrono::seconds(10));
  server_.reset();
}

std::vector<std::string> LocalRedis::service_environment() const {
  return {"REDIS_HOST=127.0.0.1", "REDIS_PORT=" + std::to_string(port_)};
}

}  // namespace sample::local
