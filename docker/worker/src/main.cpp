// sample-worker: configuration from the environment (see docs/services.md), then consume jobs until SIGTERM.
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "job_consumer.hpp"
#include "reconciler.hpp"
#include "schema.hpp"
#include "service_main.hpp"
#include "settings.hpp"
#include "shutdown_signal.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string default_consumer_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(getpid());
}

// The container's HEALTHCHECK reads this file's age: a worker whose loop stalls goes unhealthy.
void beat(const std::string& path) {
  if (path.empty()) return;
  std::ofstream(path, std::ios::trunc) << std::chrono::system_clock::now().time_since_epoch().count() << '\n';
}

class StopFlag {
 public:
  void set() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }
  bool is_set() {
    std::lock_guard lock(mutex_);
    return stopped_;
  }
  // Sleeps up to `duration`, returning early when stopped.
  void sleep_for(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, duration, [&] { return stopped_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopped_ = false;
};

// `sample-worker healthcheck`: the image's HEALTHCHECK; healthy while the heartbeat is under a minute old.
int check_health() {
  std::string path =
      sample::text_or(sample::process_environment(), "HEARTBEAT_FILE", "/tmp/worker.heartbeat");
  std::error_code error;
  auto written = std::filesystem::last_write_time(path, error);
  if (error) return 1;
  return std::filesystem::file_time_type::clock::now() - written < std::chrono::minutes(1) ? 0 : 1;
}

// The worker: consume jobs until SIGTERM.
int consume_jobs(sample::JsonLog& log) {
  sample::Environment env = sample::process_environment();
  sample::PostgresSettings postgres = sample::postgres_settings(env);
  sample::RedisSettings redis_config = sample::redis_settings(env);
  sample::ConsumerOptions options;
  options.consumer = sample::text_or(env, "WORKER_CONSUMER_NAME", default_consumer_name());
  options.batch = sample::integer_or(env, "WORKER_BATCH", 16, 1, 1000);
  options.block = std::chrono::milliseconds(sample::integer_or(env, "WORKER_BLOCK_MS", 1000, 10, 60000));
  options.claim_idle =
      std::chrono::milliseconds(sample::integer_or(env, "WORKER_CLAIM_IDLE_MS", 10000, 10, 3600000));
  options.retry_base =
      std::chrono::milliseconds(sample::integer_or(env, "WORKER_RETRY_BASE_MS", 5000, 1, 3600000));
  options.retry_max =
      std::chrono::milliseconds(sample::integer_or(env, "WORKER_RETRY_MAX_MS", 60000, 1, 86400000));
  options.max_attempts = sample::integer_or(env, "WORKER_MAX_ATTEMPTS", 5, 1, 100);
  auto reconcile_every =
      std::chrono::seconds(sample::integer_or(env, "RECONCILE_INTERVAL_SECONDS", 30, 1, 86400));
  auto reconcile_after =
      std::chrono::seconds(sample::integer_or(env, "RECONCILE_AFTER_SECONDS", 60, 1, 86400));
  auto metrics_every = std::chrono::seconds(sample::integer_or(env, "METRICS_INTERVAL_SECONDS", 10, 1, 3600));
  std::string metrics_namespace = sample::text_or(env, "METRICS_NAMESPACE", "SampleApp");
  std::string heartbeat_file = sample::text_or(env, "HEARTBEAT_FILE", "/tmp/worker.heartbeat");

  StopFlag stop;
  sample::ShutdownSignal on_shutdown([&](int signal) {
    log.info("shutting down after the current batch", {{"signal", strsignal(signal)}});
    stop.set();
  });

  sample::PostgresPool database(postgres.connection_string(), 2, std::chrono::seconds(5));
  // The blocking read needs a longer socket timeout than its block time.
  sample::RedisPool redis(redis_config.host, redis_config.port, 2, options.block + std::chrono::seconds(5));
  sample::JobConsumer consumer(database, redis, log, options);
  sample::Reconciler reconciler(database, redis, log, reconcile_after);

  bool schema_ready = false;
  Clock::time_point next_metrics = Clock::now() + metrics_every;
  Clock::time_point next_reconcile = Clock::now() + reconcile_every;
  log.info("consuming", {{"consumer", options.consumer}, {"max_attempts", options.max_attempts}});
  while (!stop.is_set()) {
    try {
      if (!schema_ready) {
        database.run([](pqxx::connection& connection) { sample::apply_migrations(connection); });
        schema_ready = true;
      }
      consumer.run_once();
      beat(heartbeat_file);
      if (Clock::now() >= next_reconcile) {
        next_reconcile = Clock::now() + reconcile_every;
        reconciler.run_once();
      }
      if (Clock::now() >= next_metrics) {
        next_metrics = Clock::now() + metrics_every;
        sample::ConsumerCounters counts = consumer.take_counters();
        nlohmann::json fields = {{"Service", "worker"}};
        sample::add_embedded_metrics(
            fields, metrics_namespace, {"Service"},
            {{"Backlog", "Count", static_cast<double>(consumer.backlog())},
             {"JobsProcessed", "Count", static_cast<double>(counts.processed)},
             {"JobsFailed", "Count", static_cast<double>(counts.failed)},
             {"JobsDeadLettered", "Count", static_cast<double>(counts.dead_lettered)}});
        log.info("metrics", std::move(fields));
      }
    } catch (const std::exception& failure) {
      // Redis or PostgreSQL away (restart, failover): nothing is acknowledged, so nothing is lost;
      // wait, retry.
      log.write("warn", "dependency unavailable, retrying in 1 s", {{"error", failure.what()}});
      stop.sleep_for(std::chrono::seconds(1));
    }
  }
  log.info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sample::run_service_main(argc, argv, {"worker", check_health, consume_jobs});
}
