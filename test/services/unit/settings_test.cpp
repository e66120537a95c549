#include "settings.hpp"

#include <gtest/gtest.h>

#include <map>

namespace {

sample::Environment table(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(Settings, PostgresFromTheVariablesTheComputeStackInjects) {
  auto env = table({{"DB_HOST", "db.internal"},
                    {"DB_PORT", "6432"},
                    {"DB_USER", "app"},
                    {"DB_PASSWORD", "it's a \\ secret"},
                    {"DB_NAME", "items"},
                    {"DB_SSLMODE", "verify-full"}});
  sample::PostgresSettings settings = sample::postgres_settings(env);
  EXPECT_EQ(settings.port, 6432);
  EXPECT_EQ(settings.pool_size, 8);
  EXPECT_EQ(settings.connection_string(),
            "host='db.internal' port=6432 user='app' password='it\\'s a \\\\ secret' dbname='items' "
            "sslmode='verify-full' connect_timeout=5 application_name='sample-service'");
}

TEST(Settings, DefaultsForWhatIsOptional) {
  sample::PostgresSettings postgres =
      sample::postgres_settings(table({{"DB_HOST", "h"}, {"DB_USER", "u"}, {"DB_NAME", "d"}}));
  EXPECT_EQ(postgres.port, 5432);
  EXPECT_EQ(postgres.password, "");
  EXPECT_EQ(postgres.sslmode, "prefer");
  sample::RedisSettings redis = sample::redis_settings(table({{"REDIS_HOST", "cache"}}));
  EXPECT_EQ(redis.port, 6379);
  EXPECT_FALSE(redis.tls);
}

TEST(Settings, EachBadValueNamesItsVariable) {
  auto fails_with = [](const sample::Environment& env, auto read, const std::string& message) {
    try {
      read(env);
      ADD_FAILURE() << "no error; expected: " << message;
    } catch (const sample::ConfigError& error) {
      EXPECT_EQ(error.what(), message);
    }
  };
  auto postgres = [](const sample::Environment& env) { sample::postgres_settings(env); };
  auto redis = [](const sample::Environment& env) { sample::redis_settings(env); };
  fails_with(table({}), postgres, "environment variable 'DB_HOST' is required");
  fails_with(table({{"DB_HOST", "h"}, {"DB_NAME", "d"}}), postgres,
             "environment variable 'DB_USER' is required");
  fails_with(table({{"DB_HOST", "h"}, {"DB_USER", "u"}, {"DB_NAME", "d"}, {"DB_PORT", "54x"}}), postgres,
             "environment variable 'DB_PORT' must be an integer from 1 to 65535, got '54x'");
  fails_with(table({{"DB_HOST", "h"}, {"DB_USER", "u"}, {"DB_NAME", "d"}, {"DB_POOL_SIZE", "0"}}), postgres,
             "environment variable 'DB_POOL_SIZE' must be an integer from 1 to 256, got '0'");
  fails_with(table({{"REDIS_HOST", "r"}, {"REDIS_PORT", "-1"}}), redis,
             "environment variable 'REDIS_PORT' must be an integer from 1 to 65535, got '-1'");
  fails_with(table({{"REDIS_HOST", "r"}, {"REDIS_TLS", "TRUE"}}), redis,
             "environment variable 'REDIS_TLS' must be true or false, got 'TRUE'");
}

TEST(Settings, RedisTlsIsRefusedWithAReasonByAHiredisWithoutTls) {
  try {
    sample::redis_settings(table({{"REDIS_HOST", "r"}, {"REDIS_TLS", "true"}}));
    FAIL() << "REDIS_TLS=true accepted";
  } catch (const sample::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("has no TLS support"), std::string::npos) << error.what();
  }
}

}  // namespace
