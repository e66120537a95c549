// The api's life around its requests: bad configuration, migrations on every start, losing Redis or
// PostgreSQL and getting them back, and a SIGTERM that drains.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "local_stack.hpp"
#include "service_test_support.hpp"

namespace {

using sample::testing::eventually;
using sample::testing::http_get;
using sample::testing::http_post;

struct ConfigCase {
  std::vector<std::string> env;  // cppcheck-suppress unusedStructMember ; read through GetParam()
  std::string message;           // cppcheck-suppress unusedStructMember
};

class ApiConfiguration : public ::testing::TestWithParam<ConfigCase> {};

TEST_P(ApiConfiguration, ABadValueStopsTheStartWithStatus2AndNamesTheVariable) {
  std::filesystem::path log =
      std::filesystem::temp_directory_path() / ("api-config-" + std::to_string(getpid()));
  std::vector<std::string> env = {"DB_HOST=127.0.0.1", "DB_USER=u", "DB_NAME=items", "REDIS_HOST=127.0.0.1"};
  env.insert(env.end(), GetParam().env.begin(), GetParam().env.end());
  sample::local::ChildProcess api({.argv = {sample::local::api_binary()}, .extra_env = env, .log_file = log});
  EXPECT_EQ(api.wait(std::chrono::seconds(10)), 2);
  auto errors = sample::testing::log_messages(log, "configuration error");
  ASSERT_EQ(errors.size(), 1U) << api.log_tail();
  EXPECT_EQ(errors[0]["error"], GetParam().message);
  std::filesystem::remove(log);
}

INSTANTIATE_TEST_SUITE_P(
    Variables, ApiConfiguration,
    ::testing::Values(
        ConfigCase{{"DB_HOST="}, "environment variable 'DB_HOST' is required"},
        ConfigCase{{"DB_PORT=five"},
                   "environment variable 'DB_PORT' must be an integer from 1 to 65535, got 'five'"},
        ConfigCase{{"DB_PORT=70000"},
                   "environment variable 'DB_PORT' must be an integer from 1 to 65535, got '70000'"},
        ConfigCase{
            {"DB_SSLMODE=on"},
            "environment variable 'DB_SSLMODE' must be one of disable, allow, prefer, require, verify-ca, "
            "verify-full; got 'on'"},
        ConfigCase{{"REDIS_TLS=maybe"},
                   "environment variable 'REDIS_TLS' must be true or false, got 'maybe'"},
        ConfigCase{{"HTTP_THREADS=0"},
                   "environment variable 'HTTP_THREADS' must be an integer from 1 to 4096, got '0'"}));

TEST(ApiLifecycle, MigrationsRunOnceAndAreSkippedOnTheNextStart) {
  sample::local::LocalStack stack({.worker = false});
  const std::string versions = "SELECT string_agg(version::text, ',') FROM schema_migrations";
  EXPECT_EQ(sample::testing::query_value(stack.postgres().connection_string(), versions), "1");
  auto first = sample::testing::log_messages(stack.api().log_file(), "schema ready");
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0]["migrations_applied"], 1);

  EXPECT_EQ(stack.api().stop(), 0);
  stack.api().start();
  auto both = sample::testing::log_messages(stack.api().log_file(), "schema ready");
  ASSERT_EQ(both.size(), 2U);
  EXPECT_EQ(both[1]["migrations_applied"], 0);
  EXPECT_EQ(sample::testing::query_value(stack.postgres().connection_string(), versions), "1");
}

TEST(ApiLifecycle, WithoutRedisItServesFromPostgresAndReportsDegraded) {
  sample::local::LocalStack stack({.worker = false});
  int port = stack.api_port();
  stack.redis().stop();

  auto health = http_get(port, "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "degraded");
  EXPECT_NE(health.json()["checks"]["cache"].get<std::string>().find("Redis"), std::string::npos);

  auto created = http_post(port, "/api/v1/items", R"({"name": "while redis is down"})");
  EXPECT_EQ(created.status, 201) << "the item is committed; its job is left to the worker's reconciler";
  auto list = http_get(port, "/api/v1/items");
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.header("X-Cache"), "miss");
  EXPECT_EQ(list.json()["items"][0]["name"], "while redis is down");
  EXPECT_FALSE(
      sample::testing::log_messages(stack.api().log_file(), "job not enqueued, the reconciler will retry")
          .empty());

  stack.redis().start();
  EXPECT_TRUE(eventually([&] { return http_get(port, "/health").json()["status"] == "ok"; }));
  http_get(port, "/api/v1/items");
  EXPECT_EQ(http_get(port, "/api/v1/items").header("X-Cache"), "hit") << "the cache is used again";
}

TEST(ApiLifecycle, WithoutPostgresItAnswers503AndRecoversWhenItReturns) {
  sample::local::LocalStack stack({.worker = false});
  int port = stack.api_port();
  ASSERT_EQ(http_post(port, "/api/v1/items", R"({"name": "before"})").status, 201);
  stack.postgres().stop();

  auto health = http_get(port, "/health");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.json()["status"], "unavailable");
  auto create = http_post(port, "/api/v1/items", R"({"name": "during"})");
  EXPECT_EQ(create.status, 503);
  EXPECT_EQ(create.json()["error"], "database unavailable, retry later");

  stack.postgres().start();
  EXPECT_TRUE(eventually([&] { return http_get(port, "/health").status == 200; }));
  auto after = http_post(port, "/api/v1/items", R"({"name": "after"})");
  EXPECT_EQ(after.status, 201) << after.body;
  EXPECT_EQ(sample::testing::query_value(stack.postgres().connection_string(),
                                         "SELECT string_agg(name, ',' ORDER BY id) FROM items"),
            "before,after");
}

TEST(ApiLifecycle, SigtermFinishesAndExitsCleanly) {
  sample::local::LocalStack stack({.worker = false});
  ASSERT_EQ(http_get(stack.api_port(), "/api/v1/items").status, 200);
  EXPECT_EQ(stack.api().stop(SIGTERM), 0);
  auto shutting_down = sample::testing::log_messages(
      stack.api().log_file(), "shutting down: no new connections, finishing requests in flight");
  ASSERT_EQ(shutting_down.size(), 1U) << stack.api().log_tail();
  EXPECT_EQ(shutting_down[0]["signal"], "Terminated");
  // The last request's access line may come after the shutdown line (it is logged once the answer is sent),
  // never after "stopped".
  auto lines = sample::testing::json_lines(stack.api().log_file());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back()["message"], "stopped");
  bool logged = false;
  for (const auto& line : sample::testing::log_messages(stack.api().log_file(), "request")) {
    logged = logged || line["path"] == "/api/v1/items";
  }
  EXPECT_TRUE(logged) << "the buffered access line is written before the exit";
  EXPECT_EQ(http_get(stack.api_port(), "/health").status, 0) << "nothing listens any more";
}

// A request whose body is still arriving when SIGTERM comes: the api stops accepting, but answers it.
TEST(ApiLifecycle, SigtermLetsARequestInFlightFinish) {
  sample::local::LocalStack stack({.worker = false});
  int client = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(client, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(stack.api_port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API's own type pun
  ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string body = R"({"name": "in flight"})";
  const std::string head =
      "POST /api/v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Connection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 5);
  ASSERT_EQ(send(client, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the api is reading the body now

  kill(stack.api().pid(), SIGTERM);
  EXPECT_TRUE(eventually([&] { return http_get(stack.api_port(), "/health").status == 0; }))
      << "no new connections once SIGTERM came";
  std::string rest = body.substr(5);
  ASSERT_EQ(send(client, rest.data(), rest.size(), 0), static_cast<ssize_t>(rest.size()));
  std::string response;
  char buffer[4096];
  for (ssize_t got; (got = recv(client, buffer, sizeof buffer, 0)) > 0;)
    response.append(buffer, static_cast<std::size_t>(got));
  close(client);
  EXPECT_EQ(response.rfind("HTTP/1.1 201", 0), 0U) << response;
  EXPECT_NE(response.find("\"name\" : \"in flight\""), std::string::npos) << response;
  EXPECT_EQ(stack.api().stop(), 0);
  EXPECT_EQ(sample::testing::query_value(stack.postgres().connection_string(), "SELECT name FROM items"),
            "in flight");
}

}  // namespace
