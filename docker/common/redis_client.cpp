#include "redis_client.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <utility>

namespace sample {
namespace {

timeval to_timeval(std::chrono::milliseconds timeout) {
  timeval value{};
  value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  return value;
}

RedisValue to_value(const redisReply& reply) {
  RedisValue value;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      value.kind = RedisValue::Kind::integer;
      value.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      value.kind = RedisValue::Kind::text;
      value.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      value.kind = RedisValue::Kind::array;
      value.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) value.elements.push_back(to_value(*reply.element[i]));
      break;
    default:
      break;
  }
  return value;
}

}  // namespace

RedisConnection::RedisConnection(const std::string& host, int port, std::chrono::milliseconds timeout) {
  context_ = redisConnectWithTimeout(host.c_str(), port, to_timeval(timeout));
  if (context_ == nullptr) throw RedisUnavailable("cannot allocate a Redis connection");
  if (context_->err != 0) {
    std::string reason = context_->errstr;
    redisFree(context_);
    throw RedisUnavailable("cannot connect to Redis at " + host + ":" + std::to_string(port) + ": " + reason);
  }
  redisSetTimeout(context_, to_timeval(timeout));
}

RedisConnection::~RedisConnection() { redisFree(context_); }

RedisValue RedisConnection::command(const std::vector<std::string>& arguments) {
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (const std::string& argument : arguments) {
    pointers.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  void* raw = redisCommandArgv(context_, static_cast<int>(arguments.size()), pointers.data(), lengths.data());
  if (raw == nullptr) {
    healthy_ = false;
    throw RedisUnavailable(std::string("Redis connection failed: ") + context_->errstr);
  }
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(static_cast<redisReply*>(raw),
                                                                freeReplyObject);
  if (reply->type == REDIS_REPLY_ERROR) throw RedisReplyError(std::string(reply->str, reply->len));
  return to_value(*reply);
}

RedisPool::RedisPool(std::string host, int port, std::size_t size, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), size_(size), timeout_(timeout) {}

RedisValue RedisPool::command(const std::vector<std::string>& arguments) {
  std::unique_ptr<RedisConnection> connection = acquire();
  try {
    RedisValue value = connection->command(arguments);
    release(std::move(connection));
    return value;
  } catch (...) {
    release(std::move(connection));
    throw;
  }
}

std::unique_ptr<RedisConnection> RedisPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, timeout_, [&] { return !idle_.empty() || open_ < size_; })) {
    throw RedisUnavailable("no Redis connection free within " + std::to_string(timeout_.count()) + " ms");
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<RedisConnection>(host_, port_, timeout_);
  } catch (...) {
    release(nullptr);
    throw;
  }
}

void RedisPool::release(std::unique_ptr<RedisConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection && connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  available_.notify_one();
}

}  // namespace sample
