#include "settings.hpp"

#include <hiredis/hiredis.h>

#include <array>
#include <charconv>
#include <cstdlib>

namespace sample {
namespace {

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

std::string libpq_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string required_text(const Environment& env, std::string_view name) {
  auto value = env(name);
  if (!value || value->empty()) throw ConfigError("environment variable " + quoted(name) + " is required");
  return *value;
}

std::string text_or(const Environment& env, std::string_view name, std::string_view fallback) {
  auto value = env(name);
  return value && !value->empty() ? *value : std::string(fallback);
}

int integer_or(const Environment& env, std::string_view name, int fallback, int min, int max) {
  auto value = env(name);
  if (!value || value->empty()) return fallback;
  int parsed = 0;
  const char* end = value->data() + value->size();
  auto [last, error] = std::from_chars(value->data(), end, parsed);
  if (error != std::errc() || last != end || parsed < min || parsed > max) {
    throw ConfigError("environment variable " + quoted(name) + " must be an integer from " +
                      std::to_string(min) + " to " + std::to_string(max) + ", got '" + *value + "'");
  }
  return parsed;
}

bool flag_or(const Environment& env, std::string_view name, bool fallback) {
  auto value = env(name);
  if (!value || value->empty()) return fallback;
  if (*value == "true" || *value == "1" || *value == "yes") return true;
  if (*value == "false" || *value == "0" || *value == "no") return false;
  throw ConfigError("environment variable " + quoted(name) + " must be true or false, got '" + *value + "'");
}

std::string PostgresSettings::connection_string() const {
  return "host=" + libpq_quote(host) + " port=" + std::to_string(port) + " user=" + libpq_quote(user) +
         " password=" + libpq_quote(password) + " dbname=" + libpq_quote(database) +
         " sslmode=" + libpq_quote(sslmode) + " connect_timeout=5 application_name='sample-service'";
}

PostgresSettings postgres_settings(const Environment& env) {
  PostgresSettings settings;
  settings.host = required_text(env, "DB_HOST");
  settings.port = integer_or(env, "DB_PORT", 5432, 1, 65535);
  settings.user = required_text(env, "DB_USER");
  settings.password = text_or(env, "DB_PASSWORD", "");
  settings.database = required_text(env, "DB_NAME");
  settings.sslmode = text_or(env, "DB_SSLMODE", "prefer");
  static constexpr std::array kSslModes{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
  bool known = false;
  for (std::string_view mode : kSslModes) known = known || settings.sslmode == mode;
  if (!known) {
    throw ConfigError(
        "environment variable 'DB_SSLMODE' must be one of disable, allow, prefer, require, "
        "verify-ca, verify-full; got '" +
        settings.sslmode + "'");
  }
  settings.pool_size = integer_or(env, "DB_POOL_SIZE", 8, 1, 256);
  return settings;
}

RedisSettings redis_settings(const Environment& env) {
  RedisSettings settings;
  settings.host = required_text(env, "REDIS_HOST");
  settings.port = integer_or(env, "REDIS_PORT", 6379, 1, 65535);
  settings.tls = flag_or(env, "REDIS_TLS", false);
  settings.pool_size = integer_or(env, "REDIS_POOL_SIZE", 16, 1, 1024);
  if (settings.tls) {
    // Debian 12's hiredis (0.14) has no TLS; hiredis 1.x ships it as a separate library we do not link yet.
    throw ConfigError("environment variable 'REDIS_TLS' is true, but this build's hiredis " +
                      std::to_string(HIREDIS_MAJOR) + "." + std::to_string(HIREDIS_MINOR) +
                      " has no TLS support; use an ElastiCache endpoint without in-transit encryption or "
                      "build against hiredis >= 1.0 with hiredis_ssl");
  }
  return settings;
}

}  // namespace sample
