// Reads the job stream through the consumer group and records each item's enrichment in PostgreSQL.
//
// Delivery is at least once and nothing is acknowledged before its result is committed: a job whose worker
// crashed, or whose processing failed, stays pending in the group and is claimed again once it has been idle
// long enough (a delay that doubles with each delivery); after `max_attempts` deliveries it moves to the
// dead-letter stream. Recording is idempotent (only a 'pending' item changes), so a job seen twice is
// harmless.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "json_log.hpp"
#include "postgres_pool.hpp"
#include "redis_client.hpp"

namespace sample {

struct ConsumerOptions {
  std::string consumer{};  // this process's name in the group: unique per task
  int batch = 16;
  std::chrono::milliseconds block{1000};        // how long one read waits for new jobs
  std::chrono::milliseconds claim_idle{10000};  // a pending job idle this long is presumed abandoned
  std::chrono::milliseconds retry_base{5000};   // a failed job waits this long, doubling per delivery
  std::chrono::milliseconds retry_max{60000};
  int max_attempts = 5;
};

struct ConsumerCounters {
  long long processed = 0;
  long long failed = 0;
  long long dead_lettered = 0;
};

class JobConsumer {
 public:
  JobConsumer(PostgresPool& database, RedisPool& redis, JsonLog& log, ConsumerOptions options);

  // One round: create the group if needed, claim jobs that are due again, then read and process new ones.
  void run_once();
  // Jobs not yet processed: the group's pending entries plus those not yet delivered (its lag).
  long long backlog();
  // Counts since the previous call.
  ConsumerCounters take_counters();

 private:
  struct Job {
    std::string id;
    std::map<std::string, std::string> fields;
    long long deliveries = 1;
  };

  void ensure_group();
  void claim_due_jobs();
  void read_new_jobs();
  void handle(const Job& job);
  void record(long long item_id, long long deliveries);
  void dead_letter(const Job& job, const std::string& reason);
  std::chrono::milliseconds retry_delay(long long deliveries) const;

  PostgresPool& database_;
  RedisPool& redis_;
  JsonLog& log_;
  ConsumerOptions options_;
  ConsumerCounters counters_;
  bool group_ready_ = false;
};

}  // namespace sample
