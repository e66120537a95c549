#include "item_store.hpp"

#include "jobs.hpp"

namespace sample {
namespace {

// Every read's JSON is built by PostgreSQL, so the api, the cache and the worker agree on one shape.
constexpr std::string_view kItemJson = R"sql(
  json_build_object(
    'id', id, 'name', name, 'description', description, 'status', status, 'slug', slug,
    'word_count', word_count,
    'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'processed_at', to_char(processed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))sql";

// Cache keys carry a generation that every write (here and in the worker) increments: a write makes every
// cached read unreachable at once (they expire on their own), and a read that raced a write stores under the
// old generation, which no later read asks for.
constexpr std::string_view kGenerationKey = kCacheGenerationKey;

}  // namespace

ItemStore::ItemStore(PostgresPool& database, RedisPool& cache, JsonLog& log, int cache_ttl_seconds)
    : database_(database), cache_(cache), log_(log), cache_ttl_(std::to_string(cache_ttl_seconds)) {}

void ItemStore::cache_failed(std::string_view operation, const std::exception& failure) {
  log_.write("warn", "cache unavailable, using the database",
             {{"operation", operation}, {"error", failure.what()}});
}

std::optional<std::string> ItemStore::cache_generation() {
  try {
    RedisValue generation = cache_.command({"GET", std::string(kGenerationKey)});
    return generation.is_nil() ? "0" : generation.text;
  } catch (const std::exception& failure) {
    cache_failed("generation", failure);
    return std::nullopt;
  }
}

std::optional<std::string> ItemStore::cached(const std::string& key) {
  try {
    RedisValue value = cache_.command({"GET", key});
    if (!value.is_nil()) return value.text;
  } catch (const std::exception& failure) {
    cache_failed("get", failure);
  }
  return std::nullopt;
}

void ItemStore::store(const std::string& key, const std::string& body) {
  try {
    cache_.command({"SET", key, body, "EX", cache_ttl_});
  } catch (const std::exception& failure) {
    cache_failed("set", failure);
  }
}

void ItemStore::invalidate() {
  try {
    cache_.command({"INCR", std::string(kGenerationKey)});
  } catch (const std::exception& failure) {
    // Redis is down, so it serves no stale read now; what it held expires within the TTL after it returns.
    cache_failed("invalidate", failure);
  }
}

Read ItemStore::list(const Page& page) {
  std::optional<std::string> generation = cache_generation();
  std::string key;
  if (generation) {
    key = "items:cache:" + *generation + ":list:" + std::to_string(page.limit) + ":" +
          std::to_string(page.offset);
    if (auto body = cached(key)) return {std::move(body), true};
  }
  std::string body = database_.run([&](pqxx::connection& connection) {
    pqxx::read_transaction transaction(connection);
    // One row more than the page tells whether there is a next page without counting the table.
    pqxx::row row = transaction.exec_params1(
        "SELECT json_build_object("
        "  'items', coalesce(json_agg(item ORDER BY id DESC) FILTER (WHERE position <= $1), '[]'::json),"
        "  'limit', $1::int, 'offset', $2::bigint,"
        "  'next_offset', CASE WHEN count(*) > $1 THEN $2::bigint + $1 END)::text "
        "FROM (SELECT id, item, row_number() OVER (ORDER BY id DESC) AS position"
        "      FROM (SELECT id, " +
            std::string(kItemJson) +
            " AS item FROM items ORDER BY id DESC LIMIT $1 + 1 OFFSET $2) AS rows) AS page",
        page.limit, page.offset);
    return row[0].as<std::string>();
  });
  if (generation) store(key, body);
  return {std::move(body), false};
}

Read ItemStore::get(long long id) {
  std::optional<std::string> generation = cache_generation();
  std::string key;
  if (generation) {
    key = "items:cache:" + *generation + ":item:" + std::to_string(id);
    if (auto body = cached(key)) return {std::move(body), true};
  }
  std::optional<std::string> body = database_.run([&](pqxx::connection& connection) {
    pqxx::read_transaction transaction(connection);
    pqxx::result rows =
        transaction.exec_params("SELECT " + std::string(kItemJson) + "::text FROM items WHERE id = $1", id);
    return rows.empty() ? std::nullopt : std::optional(rows[0][0].as<std::string>());
  });
  // Absent items are not cached: a later create would have to invalidate them too, for little gain.
  if (generation && body) store(key, *body);
  return {std::move(body), false};
}

std::string ItemStore::create(const NewItem& item, std::string_view trace_header) {
  auto [id, body] = database_.run([&](pqxx::connection& connection) {
    pqxx::work transaction(connection);
    pqxx::row row =
        transaction.exec_params1("INSERT INTO items (name, description) VALUES ($1, $2) RETURNING id, " +
                                     std::string(kItemJson) + "::text",
                                 item.name, item.description);
    transaction.commit();
    return std::pair(row[0].as<long long>(), row[1].as<std::string>());
  });
  invalidate();
  try {
    cache_.command(enqueue_job_command(id, trace_header));
  } catch (const std::exception& failure) {
    // The item is committed as 'pending'; the worker's reconciler enqueues its job later.
    log_.write("warn", "job not enqueued, the reconciler will retry",
               {{"item_id", id}, {"error", failure.what()}, {"trace_header", trace_header}});
  }
  return body;
}

bool ItemStore::remove(long long id) {
  bool removed = database_.run([&](pqxx::connection& connection) {
    pqxx::work transaction(connection);
    pqxx::result rows = transaction.exec_params("DELETE FROM items WHERE id = $1", id);
    transaction.commit();
    return rows.affected_rows() == 1;
  });
  if (removed) invalidate();
  return removed;
}

Dependencies ItemStore::check_dependencies() {
  Dependencies report;
  try {
    database_.run([](pqxx::connection& connection) {
      pqxx::nontransaction query(connection);
      query.exec("SELECT 1");
    });
    report.database = true;
  } catch (const std::exception& failure) {
    report.database_error = failure.what();
  }
  try {
    report.cache = cache_.command({"PING"}).text == "PONG";
  } catch (const std::exception& failure) {
    report.cache_error = failure.what();
  }
  return report;
}

}  // namespace sample
