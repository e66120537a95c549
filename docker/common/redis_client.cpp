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
    : host_(std::move(host)),
      port_(port),
      timeout_(timeout),
      pool_(size, timeout, [this] { return std::make_unique<RedisConnection>(host_, port_, timeout_); }) {}

RedisValue RedisPool::command(const std::vector<std::string>& arguments) {
  std::unique_ptr<RedisConnection> connection;
  try {
    connection = pool_.acquire();
  } catch (const PoolExhausted& exhausted) {
    throw RedisUnavailable(std::string("no Redis connection: ") + exhausted.what());
  }
  try {
    RedisValue value = connection->command(arguments);
    pool_.release(std::move(connection), true);
    return value;
  } catch (...) {
    bool reusable = connection->healthy();  // an error reply leaves the connection usable
    pool_.release(std::move(connection), reusable);
    throw;
  }
}

}  // namespace sample
