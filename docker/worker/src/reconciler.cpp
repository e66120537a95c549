#include "reconciler.hpp"

#include <vector>

#include "jobs.hpp"

namespace sample {

Reconciler::Reconciler(PostgresPool& database, RedisPool& redis, JsonLog& log,
                       std::chrono::seconds pending_for)
    : database_(database), redis_(redis), log_(log), pending_for_(pending_for) {}

int Reconciler::run_once() {
  // Marking them enqueued first means a second worker's reconciler skips them (SKIP LOCKED, then the newer
  // enqueued_at). If the XADDs below fail, the items are picked up again one period later.
  std::vector<long long> ids = database_.run([&](pqxx::connection& connection) {
    pqxx::work transaction(connection);
    pqxx::result rows = transaction.exec_params(
        "UPDATE items SET enqueued_at = now() WHERE id IN ("
        "  SELECT id FROM items WHERE status = 'pending' AND enqueued_at < now() - make_interval(secs => $1)"
        "  ORDER BY enqueued_at LIMIT 500 FOR UPDATE SKIP LOCKED) RETURNING id",
        static_cast<double>(pending_for_.count()));
    transaction.commit();
    std::vector<long long> found;
    for (const auto& row : rows) found.push_back(row[0].as<long long>());
    return found;
  });
  for (long long id : ids) redis_.command(enqueue_job_command(id, ""));
  if (!ids.empty())
    log_.write("warn", "re-enqueued jobs for items pending too long", {{"items", ids.size()}});
  return static_cast<int>(ids.size());
}

}  // namespace sample
