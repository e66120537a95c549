// The items: PostgreSQL holds them, Redis caches the JSON of reads, a write invalidates the cache and a
// created item gets a job on the worker's stream. Redis is an optimisation here: when it fails, reads go to
// PostgreSQL and a lost job is re-enqueued by the worker's reconciler.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "item_validation.hpp"
#include "json_log.hpp"
#include "postgres_pool.hpp"
#include "redis_client.hpp"

namespace sample {

struct Read {
  std::optional<std::string> body;  // the JSON text, absent when there is no such item
  bool cache_hit = false;
};

struct Dependencies {
  bool database = false;
  bool cache = false;
  std::string database_error;
  std::string cache_error;
};

class ItemStore {
 public:
  ItemStore(PostgresPool& database, RedisPool& cache, JsonLog& log, int cache_ttl_seconds);

  Read list(const Page& page);
  Read get(long long id);
  // The created item's JSON; the job is enqueued after the commit.
  std::string create(const NewItem& item, std::string_view trace_header);
  // False when there was no such item.
  bool remove(long long id);
  Dependencies check_dependencies();

 private:
  std::optional<std::string> cache_generation();
  std::optional<std::string> cached(const std::string& key);
  void store(const std::string& key, const std::string& body);
  void invalidate();
  void cache_failed(std::string_view operation, const std::exception& failure);

  PostgresPool& database_;
  RedisPool& cache_;
  JsonLog& log_;
  std::string cache_ttl_;
};

}  // namespace sample
