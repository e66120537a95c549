// A small RAII layer over hiredis: commands as argument vectors (binary safe, nothing is formatted into a
// command string), replies as values, and a bounded pool that drops a connection whose socket failed.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bounded_pool.hpp"

struct redisContext;

namespace sample {

// The connection failed (refused, reset, timed out): the command may not have run.
class RedisUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The server answered with an error reply (-ERR, -NOGROUP, ...).
class RedisReplyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisValue {
  enum class Kind { nil, integer, text, array };
  Kind kind = Kind::nil;
  long long integer = 0;
  std::string text;  // bulk strings and status replies
  std::vector<RedisValue> elements;

  bool is_nil() const { return kind == Kind::nil; }
};

class RedisConnection {
 public:
  RedisConnection(const std::string& host, int port, std::chrono::milliseconds timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and waits for its reply; an error reply throws RedisReplyError.
  RedisValue command(const std::vector<std::string>& arguments);
  bool healthy() const { return healthy_; }

 private:
  redisContext* context_ = nullptr;
  bool healthy_ = true;
};

class RedisPool {
 public:
  // `timeout` bounds connecting, each command and the wait for a free connection.
  RedisPool(std::string host, int port, std::size_t size, std::chrono::milliseconds timeout);

  // Runs one command on a pooled connection; RedisUnavailable when there is none or it fails.
  RedisValue command(const std::vector<std::string>& arguments);

 private:
  std::string host_;
  int port_;
  std::chrono::milliseconds timeout_;
  BoundedPool<RedisConnection> pool_;
};

}  // namespace sample
