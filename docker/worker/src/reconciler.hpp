// PostgreSQL is the source of truth for what still needs doing: an item stays 'pending' until a worker
// records its result. The reconciler re-enqueues jobs for items pending too long, which covers a job the api
// could not enqueue (Redis down), a stream Redis lost (restart without persistence) and a job trimmed from a
// full stream.
#pragma once

#include <chrono>

#include "json_log.hpp"
#include "postgres_pool.hpp"
#include "redis_client.hpp"

namespace sample {

class Reconciler {
 public:
  Reconciler(PostgresPool& database, RedisPool& redis, JsonLog& log, std::chrono::seconds pending_for);

  // Re-enqueues up to a batch of items pending (since their last enqueue) longer than `pending_for`; returns
  // how many.
  int run_once();

 private:
  PostgresPool& database_;
  RedisPool& redis_;
  JsonLog& log_;
  std::chrono::seconds pending_for_;
};

}  // namespace sample
