// Service configuration read from the environment, as the compute stack injects it (plain variables and
// fields of the database secret). Every malformed or missing value is a ConfigError naming the variable.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sample {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Looks one variable up; tests pass their own table instead of the process environment.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment process_environment();

std::string required_text(const Environment& env, std::string_view name);
std::string text_or(const Environment& env, std::string_view name, std::string_view fallback);
int integer_or(const Environment& env, std::string_view name, int fallback, int min, int max);
bool flag_or(const Environment& env, std::string_view name, bool fallback);

struct PostgresSettings {
  std::string host;
  int port = 5432;
  std::string user;
  std::string password;
  std::string database;
  std::string sslmode;  // libpq's: disable, prefer, require, verify-ca, verify-full
  int pool_size = 8;

  // A libpq keyword/value string with every value quoted, so a password may hold any character.
  std::string connection_string() const;
};

struct RedisSettings {
  std::string host;
  int port = 6379;
  bool tls = false;
  int pool_size = 16;
};

// DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, DB_SSLMODE, DB_POOL_SIZE.
PostgresSettings postgres_settings(const Environment& env);
// REDIS_HOST, REDIS_PORT, REDIS_TLS, REDIS_POOL_SIZE.
RedisSettings redis_settings(const Environment& env);

}  // namespace sample
