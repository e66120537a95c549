// sample-api: configuration from the environment (see docs/services.md), migrations, then HTTP until SIGTERM.
#include <cstring>
#include <thread>

#include "api_server.hpp"
#include "item_store.hpp"
#include "json_log.hpp"
#include "postgres_pool.hpp"
#include "redis_client.hpp"
#include "schema.hpp"
#include "service_main.hpp"
#include "settings.hpp"
#include "shutdown_signal.hpp"

namespace {

// The database may still be starting (a new environment, a restarted container): retry the migrations
// for a while, saying so, rather than crash-looping.
void migrate(sample::PostgresPool& database, sample::JsonLog& log, int wait_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  for (;;) {
    try {
      int applied =
          database.run([](pqxx::connection& connection) { return sample::apply_migrations(connection); });
      log.info("schema ready", {{"migrations_applied", applied}});
      return;
    } catch (const sample::DatabaseUnavailable& failure) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      log.write("warn", "database not reachable yet, retrying", {{"error", failure.what()}});
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

// `sample-api healthcheck`: the image's HEALTHCHECK, without curl in the image.
int check_health() {
  try {
    int port = sample::integer_or(sample::process_environment(), "PORT", 8080, 1, 65535);
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(2));
    auto result = client.Get("/health");
    return result && result->status == 200 ? 0 : 1;
  } catch (const std::exception&) {
    return 1;
  }
}

// The api: migrations, then HTTP until SIGTERM.
int serve_http(sample::JsonLog& log) {
  sample::Environment env = sample::process_environment();
  sample::PostgresSettings postgres = sample::postgres_settings(env);
  sample::RedisSettings redis = sample::redis_settings(env);
  sample::ApiOptions options;
  options.host = sample::text_or(env, "LISTEN_HOST", "0.0.0.0");
  options.port = sample::integer_or(env, "PORT", 8080, 0, 65535);
  options.threads = sample::integer_or(env, "HTTP_THREADS", 64, 1, 4096);
  options.metrics_namespace = sample::text_or(env, "METRICS_NAMESPACE", "SampleApp");
  int cache_ttl = sample::integer_or(env, "CACHE_TTL_SECONDS", 60, 1, 86400);
  int startup_wait = sample::integer_or(env, "STARTUP_WAIT_SECONDS", 30, 0, 600);

  sample::PostgresPool database(postgres.connection_string(), static_cast<std::size_t>(postgres.pool_size),
                                std::chrono::seconds(5));
  migrate(database, log, startup_wait);
  sample::RedisPool cache(redis.host, redis.port, static_cast<std::size_t>(redis.pool_size),
                          std::chrono::seconds(2));
  sample::ItemStore store(database, cache, log, cache_ttl);
  sample::ApiServer server(store, log, options);
  int port = server.bind();

  sample::ShutdownSignal on_shutdown([&](int signal) {
    log.info("shutting down: no new connections, finishing requests in flight",
             {{"signal", strsignal(signal)}});
    server.stop();
  });
  log.info("listening", {{"host", options.host}, {"port", port}, {"threads", options.threads}});
  server.serve();
  database.close();
  log.info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sample::run_service_main(argc, argv, {"api", check_health, serve_http});
}
